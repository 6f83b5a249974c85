package webhookverify

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// TestFetchedKeysThroughCaddy: a paypal route that pins nothing fetches
// PayPal's certificate (from the local key host), once for every delivery
// signed with it; a certificate that cannot be had refuses the delivery
// with 503 and a Retry-After, and it never reaches the app.
func TestFetchedKeysThroughCaddy(t *testing.T) {
	kh := startKeyHost(t)
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", gatetest.ErrorsSite+"\thandle /paypal {\n\t\twebhook_verify paypal {\n\t\t\twebhook_id WH8PT597110X\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n")
	p, _ := verifiers.Lookup("paypal")
	sign := func(key *rsa.PrivateKey) *verifiers.Message {
		der, _ := x509.MarshalPKCS8PrivateKey(key)
		m := &verifiers.Message{Body: []byte(`{"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED"}`), Header: http.Header{"Content-Type": {"application/json"}}}
		s := verifiers.Settings{Secrets: [][]byte{pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})}, Options: map[string]string{"webhook_id": "WH8PT597110X"}}
		if err := p.Sign(s, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "messageverificationcerts.sandbox.paypal.com"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	certDER, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	m := sign(key)
	certURL, _ := url.Parse(m.Header.Get("Paypal-Cert-Url"))
	kh.set(certURL.Host+certURL.Path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER}))

	for i := range 2 {
		if r := g.Post(t, "/paypal", sign(key).Header, m.Body); r.Status != http.StatusOK {
			t.Fatalf("delivery #%d: %d %s", i+1, r.Status, r.Body)
		}
	}
	if n := kh.hitsOf(certURL.Host + certURL.Path); n != 1 {
		t.Fatalf("certificate fetched %d times for two deliveries, want once", n)
	}
	if len(up.Got()) != 2 {
		t.Fatalf("%d deliveries reached the app, want 2", len(up.Got()))
	}

	other, _ := rsa.GenerateKey(rand.Reader, 2048) // its certificate is nowhere
	om := sign(other)
	req, _ := http.NewRequest(http.MethodPost, g.Base+"/paypal", bytes.NewReader(om.Body))
	req.Header = om.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	retry, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != http.StatusServiceUnavailable || retry < 1 || retry > 60 {
		t.Fatalf("unavailable certificate: %d, Retry-After %q; want 503 with 1 to 60 s", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if len(up.Got()) != 2 {
		t.Fatal("a delivery whose key could not be had reached the app")
	}
}

// TestFetchedKeysSNSAndPubSubThroughCaddy: an aws_sns route confirms a
// subscription itself (the GET of SubscribeURL reaches SNS's stand-in, the
// app sees nothing) and passes notifications on; a google_pubsub route
// fetches Google's JWKS and passes the push on. Nothing is pinned.
func TestFetchedKeysSNSAndPubSubThroughCaddy(t *testing.T) {
	kh := startKeyHost(t)
	up := gatetest.StartUpstream(t)
	const topic = "arn:aws:sns:us-east-1:123456789012:orders"
	site := gatetest.ErrorsSite +
		"\thandle /sns {\n\t\twebhook_verify aws_sns {\n\t\t\ttopic_arn " + topic + "\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n" +
		"\thandle /pubsub {\n\t\twebhook_verify google_pubsub {\n\t\t\taud https://hooks.example.com/pubsub\n\t\t\temail pusher@example-project.iam.gserviceaccount.com\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n"
	g := gatetest.StartGate(t, up, "", site)
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	secret := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(8), Subject: pkix.Name{CommonName: "sns.amazonaws.com"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	certDER, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}

	// A notification, signed by the preset's signer.
	sns, _ := verifiers.Lookup("aws_sns")
	n := &verifiers.Message{Body: []byte(`{"order":"o_1"}`), Header: http.Header{}}
	if err := sns.Sign(verifiers.Settings{Secrets: [][]byte{secret}, Options: map[string]string{"topic_arn": topic}}, n); err != nil {
		t.Fatal(err)
	}
	var env map[string]string
	if err := json.Unmarshal(n.Body, &env); err != nil {
		t.Fatal(err)
	}
	certURL, _ := url.Parse(env["SigningCertURL"])
	kh.set(certURL.Host+certURL.Path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER}))
	if r := g.Post(t, "/sns", n.Header, n.Body); r.Status != http.StatusOK {
		t.Fatalf("notification: %d %s", r.Status, r.Body)
	}

	// A subscription confirmation, signed here as SNS does (version 2).
	confirm := "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=2336412f37"
	c := map[string]string{"Type": "SubscriptionConfirmation", "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b", "Token": "2336412f37",
		"TopicArn": topic, "Message": "You have chosen to subscribe to the topic.", "SubscribeURL": confirm,
		"Timestamp": time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), "SignatureVersion": "2", "SigningCertURL": env["SigningCertURL"]}
	var signed strings.Builder
	for _, k := range []string{"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"} {
		signed.WriteString(k + "\n" + c[k] + "\n")
	}
	digest := sha256.Sum256([]byte(signed.String()))
	sig, _ := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	c["Signature"] = base64.StdEncoding.EncodeToString(sig)
	body, _ := json.Marshal(c)
	confirmURL, _ := url.Parse(confirm)
	kh.set(confirmURL.Host+confirmURL.Path, []byte("<ConfirmSubscriptionResponse/>"))
	if r := g.Post(t, "/sns", http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}, body); r.Status != http.StatusOK {
		t.Fatalf("subscription confirmation: %d %s", r.Status, r.Body)
	}
	if kh.hitsOf(confirmURL.Host+confirmURL.Path) != 1 {
		t.Fatal("the gate did not GET the SubscribeURL")
	}
	if len(up.Got()) != 1 {
		t.Fatalf("%d deliveries reached the app, want 1 (the confirmation is the gate's)", len(up.Got()))
	}
	if kh.hitsOf(certURL.Host+certURL.Path) != 1 {
		t.Fatalf("the certificate was fetched %d times, want once", kh.hitsOf(certURL.Host+certURL.Path))
	}

	// A Pub/Sub push: Google's JWKS fetched, the token's kid in it.
	ps, _ := verifiers.Lookup("google_pubsub")
	m := &verifiers.Message{Body: ps.SampleBody(), Header: http.Header{"Content-Type": {"application/json"}}}
	opts := map[string]string{"aud": "https://hooks.example.com/pubsub", "email": "pusher@example-project.iam.gserviceaccount.com"}
	if err := ps.Sign(verifiers.Settings{Secrets: [][]byte{secret}, Options: opts}, m); err != nil {
		t.Fatal(err)
	}
	jwtHeader, _ := base64.RawURLEncoding.DecodeString(strings.SplitN(strings.TrimPrefix(m.Header.Get("Authorization"), "Bearer "), ".", 2)[0])
	var hdr struct{ Kid string }
	json.Unmarshal(jwtHeader, &hdr)
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]string{{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": hdr.Kid,
		"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()), "e": "AQAB"}}})
	kh.set("www.googleapis.com/oauth2/v3/certs", jwks)
	if r := g.Post(t, "/pubsub", m.Header, m.Body); r.Status != http.StatusOK {
		t.Fatalf("pubsub push: %d %s", r.Status, r.Body)
	}
	if len(up.Got()) != 2 || kh.hitsOf("www.googleapis.com/oauth2/v3/certs") != 1 {
		t.Fatalf("push: %d deliveries reached the app, JWKS fetched %d times", len(up.Got()), kh.hitsOf("www.googleapis.com/oauth2/v3/certs"))
	}
}
