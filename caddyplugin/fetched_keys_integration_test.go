package caddyplugin

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
)

// TestFetchedKeysThroughCaddy: a paypal route that pins nothing fetches
// PayPal's certificate (from the local key host), once for every delivery
// signed with it; a certificate that cannot be had refuses the delivery
// with 503 and a Retry-After, and it never reaches the app.
func TestFetchedKeysThroughCaddy(t *testing.T) {
	kh := startKeyHost(t)
	up := startUpstream(t)
	g := startGate(t, up, "", errorsSite+"\thandle /paypal {\n\t\twebhook_verify paypal {\n\t\t\twebhook_id WH8PT597110X\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n")
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
		if r := g.post(t, "/paypal", sign(key).Header, m.Body); r.Status != http.StatusOK {
			t.Fatalf("delivery #%d: %d %s", i+1, r.Status, r.Body)
		}
	}
	if n := kh.hitsOf(certURL.Host + certURL.Path); n != 1 {
		t.Fatalf("certificate fetched %d times for two deliveries, want once", n)
	}
	if len(up.got()) != 2 {
		t.Fatalf("%d deliveries reached the app, want 2", len(up.got()))
	}

	other, _ := rsa.GenerateKey(rand.Reader, 2048) // its certificate is nowhere
	om := sign(other)
	req, _ := http.NewRequest(http.MethodPost, g.base+"/paypal", bytes.NewReader(om.Body))
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
	if len(up.got()) != 2 {
		t.Fatal("a delivery whose key could not be had reached the app")
	}
}
