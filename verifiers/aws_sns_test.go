package verifiers

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const testTopic = "arn:aws:sns:us-east-1:123456789012:orders"

// snsBody signs fields (version "1" or "2") as SNS does, the test's own
// way: "Key\nValue\n" over AWS's signed keys of the type.
func snsBody(t *testing.T, key *rsa.PrivateKey, fields map[string]string) []byte {
	t.Helper()
	keys := snsNotificationKeys
	if fields["Type"] != "Notification" {
		keys = snsConfirmationKeys
	}
	var s strings.Builder
	for _, k := range keys {
		if v, ok := fields[k]; ok {
			s.WriteString(k + "\n" + v + "\n")
		}
	}
	var sig []byte
	var err error
	if fields["SignatureVersion"] == "1" {
		d := sha1.Sum([]byte(s.String()))
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA1, d[:])
	} else {
		d := sha256.Sum256([]byte(s.String()))
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, d[:])
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{"Signature": base64.StdEncoding.EncodeToString(sig)}
	for k, v := range fields {
		out[k] = v
	}
	b, _ := json.Marshal(out)
	return b
}

// snsFields are a Notification's fields for topic, signed with version.
func snsFields(key *rsa.PrivateKey, version string) map[string]string {
	return map[string]string{"Type": "Notification", "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", "TopicArn": testTopic,
		"Message": `{"order":"o_1"}`, "Timestamp": "2024-01-02T03:04:05.678Z", "SignatureVersion": version,
		"SigningCertURL": snsCertURL(&key.PublicKey), "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x"}
}

func snsDelivery(body []byte, header http.Header, now time.Time) *Delivery {
	r := httptest.NewRequest(http.MethodPost, "https://hooks.example.com/sns", bytes.NewReader(body))
	for k, v := range header {
		r.Header[k] = v
	}
	return &Delivery{Request: r, Body: body, Now: now}
}

func TestAWSSNSFetched(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	other, _ := testRSAKey(t)
	certURL := snsCertURL(&key.PublicKey)
	h.set(certURL, keyDoc{body: testCert(t, key, "sns.amazonaws.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	p, _ := Lookup("aws_sns")
	verifier, err := p.Build(Settings{Options: map[string]string{"topic_arn": "arn:aws:sns:eu-west-1:1:other " + testTopic}})
	if err != nil {
		t.Fatal(err)
	}
	with := func(change func(f map[string]string)) map[string]string {
		f := snsFields(key, "2")
		change(f)
		return f
	}
	tests := []struct {
		name   string
		body   []byte
		header http.Header
		reason Reason // "" accepted
		fetch  bool   // whether the certificate may be fetched
	}{
		{name: "version 2", body: snsBody(t, key, snsFields(key, "2")), fetch: true},
		{name: "version 1", body: snsBody(t, key, snsFields(key, "1")), fetch: true},
		{name: "with subject", body: snsBody(t, key, with(func(f map[string]string) { f["Subject"] = "Order paid" })), fetch: true},
		{name: "headers repeat the body", body: snsBody(t, key, snsFields(key, "2")),
			header: http.Header{"X-Amz-Sns-Message-Type": {"Notification"}, "X-Amz-Sns-Topic-Arn": {testTopic}, "X-Amz-Sns-Message-Id": {"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324"}}, fetch: true},
		{name: "header topic differs", body: snsBody(t, key, snsFields(key, "2")), header: http.Header{"X-Amz-Sns-Topic-Arn": {"arn:aws:sns:us-east-1:1:x"}}, reason: ambiguousBody},
		{name: "header type differs", body: snsBody(t, key, snsFields(key, "2")), header: http.Header{"X-Amz-Sns-Message-Type": {"SubscriptionConfirmation"}}, reason: ambiguousBody},
		{name: "topic not listed", body: snsBody(t, key, with(func(f map[string]string) { f["TopicArn"] = "arn:aws:sns:us-east-1:999:attacker" })), reason: badSignature},
		{name: "signed by another key", body: snsBody(t, other, snsFields(key, "2")), reason: badSignature, fetch: true},
		{name: "version 3", body: snsBody(t, key, snsFields(key, "3")), reason: malformedSignature},
		{name: "cert off SNS", body: snsBody(t, key, with(func(f map[string]string) {
			f["SigningCertURL"] = "https://evil.example.com/SimpleNotificationService-x.pem"
		})), reason: badSignature},
		{name: "cert lookalike host", body: snsBody(t, key, with(func(f map[string]string) {
			f["SigningCertURL"] = "https://sns.us-east-1.amazonaws.com.evil.example.com/x.pem"
		})), reason: badSignature},
		{name: "cert not .pem", body: snsBody(t, key, with(func(f map[string]string) { f["SigningCertURL"] = "https://sns.us-east-1.amazonaws.com/x.pem?x" })), reason: badSignature},
		{name: "notification with Token", body: snsBody(t, key, with(func(f map[string]string) { f["Token"] = "t" })), reason: ambiguousBody},
		{name: "unknown type", body: snsBody(t, key, with(func(f map[string]string) { f["Type"] = "Notice" })), reason: malformedSignature},
		{name: "no signature", body: []byte(`{"Type":"Notification","MessageId":"1","TopicArn":"` + testTopic + `","Message":"m","Timestamp":"t","SignatureVersion":"2","SigningCertURL":"` + certURL + `"}`), reason: missingSignature},
		{name: "duplicate key", body: append([]byte(`{"TopicArn":"x",`), snsBody(t, key, snsFields(key, "2"))[1:]...), reason: ambiguousBody},
		{name: "subject null", body: []byte(strings.Replace(string(snsBody(t, key, snsFields(key, "2"))), `{`, `{"Subject":null,`, 1)), reason: malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.cache = newKeyCache(h.clock.now)
			sharedKeys = h.cache
			before := h.hitsOf(certURL)
			got, err := verifier.Verify(snsDelivery(tt.body, tt.header, now))
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.ID != "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324" {
					t.Fatalf("ID = %q, want the MessageId", got.ID)
				}
			} else if ReasonOf(err) != tt.reason {
				t.Fatalf("Verify = %v, want %s", err, tt.reason)
			}
			if fetched := h.hitsOf(certURL) > before; fetched && !tt.fetch {
				t.Fatal("the certificate was fetched for a delivery refused before")
			}
		})
	}
}

func TestAWSSNSCertificateUnavailable(t *testing.T) {
	now := time.Now()
	startKeyHost(t, now) // serves nothing: 404
	key, _ := testRSAKey(t)
	p, _ := Lookup("aws_sns")
	v, err := p.Build(Settings{Options: map[string]string{"topic_arn": testTopic}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.Verify(snsDelivery(snsBody(t, key, snsFields(key, "2")), nil, now))
	wantUnavailable(t, err)
}

func TestAWSSNSSubscriptionConfirmation(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	h.set(snsCertURL(&key.PublicKey), keyDoc{body: testCert(t, key, "sns.amazonaws.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	confirm := "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + testTopic + "&Token=2336412f37"
	fields := func(typ, subscribe string) map[string]string {
		f := snsFields(key, "1")
		delete(f, "UnsubscribeURL")
		f["Type"], f["Token"], f["SubscribeURL"] = typ, "2336412f37", subscribe
		f["Message"] = "You have chosen to subscribe to the topic " + testTopic + ".\nTo confirm the subscription, visit the SubscribeURL included in this message."
		return f
	}
	p, _ := Lookup("aws_sns")
	v, err := p.Build(Settings{Options: map[string]string{"topic_arn": testTopic}})
	if err != nil {
		t.Fatal(err)
	}
	hs := v.(Handshaker)

	d := snsDelivery(snsBody(t, key, fields("SubscriptionConfirmation", confirm)), nil, now)
	if _, err := v.Verify(d); err != nil {
		t.Fatal(err)
	}
	// SNS has not taken it yet (404): 503, so that SNS sends it again.
	if a := hs.Handshake(d); a == nil || a.Status != http.StatusServiceUnavailable {
		t.Fatalf("answer %+v, want 503", a)
	}
	h.set(confirm, keyDoc{body: []byte("<ConfirmSubscriptionResponse/>")})
	// Sent again within the minute: 503 again, and SNS is not called.
	if a := hs.Handshake(d); a == nil || a.Status != http.StatusServiceUnavailable || h.hitsOf(confirm) != 1 {
		t.Fatalf("answer %+v after %d GETs, want 503 after 1", a, h.hitsOf(confirm))
	}
	later := snsDelivery(snsBody(t, key, fields("SubscriptionConfirmation", confirm)), nil, now.Add(keyRetryInterval))
	if a := hs.Handshake(later); a == nil || a.Status != http.StatusOK {
		t.Fatalf("answer %+v, want 200", a)
	}
	// A captured confirmation sent again is answered without calling SNS.
	for range 3 {
		if a := hs.Handshake(later); a == nil || a.Status != http.StatusOK {
			t.Fatalf("answer %+v, want 200", a)
		}
	}
	if h.hitsOf(confirm) != 2 {
		t.Fatalf("SubscribeURL fetched %d times, want 2", h.hitsOf(confirm))
	}

	// A SubscribeURL off SNS's hosts is refused before anything is fetched.
	bad := snsDelivery(snsBody(t, key, fields("SubscriptionConfirmation", "https://evil.example.com/?Action=ConfirmSubscription")), nil, now)
	if _, err := v.Verify(bad); ReasonOf(err) != badSignature {
		t.Fatalf("off-host SubscribeURL: %v", err)
	}
	// An unsubscribe confirmation is passed on, not answered.
	un := snsDelivery(snsBody(t, key, fields("UnsubscribeConfirmation", confirm)), nil, now)
	if _, err := v.Verify(un); err != nil {
		t.Fatal(err)
	}
	if a := hs.Handshake(un); a != nil {
		t.Fatalf("unsubscribe answered %+v", a)
	}
	// A Notification is passed on.
	n := snsDelivery(snsBody(t, key, snsFields(key, "2")), nil, now)
	if a := hs.Handshake(n); a != nil {
		t.Fatalf("notification answered %+v", a)
	}
}

func TestAWSSNSSettings(t *testing.T) {
	key, _ := testRSAKey(t)
	_, ecPub := keyPair(t, sigECDSAP256, 1)
	p, _ := Lookup("aws_sns")
	tests := []struct {
		name string
		s    Settings
		want string
	}{
		{"no topic", Settings{Options: map[string]string{"topic_arn": "  "}}, "topic_arn"},
		{"a secret", Settings{Secrets: [][]byte{[]byte("x")}, Options: map[string]string{"topic_arn": testTopic}}, "no shared secret"},
		{"an EC key", Settings{PublicKeys: []string{ecPub}, Options: map[string]string{"topic_arn": testTopic}}, "not an RSA key"},
		{"an RSA key", Settings{PublicKeys: []string{string(testCert(t, key, "sns", time.Now(), time.Now().Add(time.Hour)))}, Options: map[string]string{"topic_arn": testTopic}}, ""},
	}
	for _, tt := range tests {
		_, err := p.Build(tt.s)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: Build = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestAWSSNSPinnedCertificateValidity: a pinned certificate verifies only
// deliveries judged within its validity.
func TestAWSSNSPinnedCertificateValidity(t *testing.T) {
	now := time.Now()
	key, _ := testRSAKey(t)
	p, _ := Lookup("aws_sns")
	v, err := p.Build(Settings{PublicKeys: []string{string(testCert(t, key, "sns", now.Add(-time.Hour), now.Add(time.Hour)))}, Options: map[string]string{"topic_arn": testTopic}})
	if err != nil {
		t.Fatal(err)
	}
	body := snsBody(t, key, snsFields(key, "2"))
	if _, err := v.Verify(snsDelivery(body, nil, now)); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(snsDelivery(body, nil, now.Add(2*time.Hour))); ReasonOf(err) != badSignature {
		t.Fatalf("after the pinned certificate expired: %v", err)
	}
}
