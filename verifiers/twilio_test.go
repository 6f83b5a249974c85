package verifiers

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTwilioPortForms(t *testing.T) {
	for in, want := range map[string][2]string{
		"https://a.com/p?x=1":      {"https://a.com:443/p?x=1", "https://a.com/p?x=1"},
		"http://a.com:1234/p":      {"http://a.com:1234/p", "http://a.com/p"},
		"http://a.com":             {"http://a.com:80", "http://a.com"},
		"https://[::1]:8443/p":     {"https://[::1]:8443/p", "https://[::1]/p"},
		"https://u:p@a.com/p":      {"https://u:p@a.com:443/p", "https://u:p@a.com/p"},
		"https://[2001:db8::1]/p?": {"https://[2001:db8::1]:443/p?", "https://[2001:db8::1]/p?"},
	} {
		with, without := twilioPortForms(in)
		if with != want[0] || without != want[1] {
			t.Errorf("%s: %s, %s; want %v", in, with, without, want)
		}
	}
}

func TestTwilioParams(t *testing.T) {
	fields, _ := parseForm([]byte("b=2&a=1&b=1&b=2&a%20b=x"))
	if got := string(twilioParamString(fields)); got != "a1a bxb1b2" {
		t.Fatalf("params %q", got)
	}
	// A JSON body without bodySHA256 would be unauthenticated.
	if _, err := twilioParams("https://a.com/p", "application/json", []byte("{}")); ReasonOf(err) != malformedSignature {
		t.Fatalf("JSON without bodySHA256: %v", err)
	}
	// bodySHA256 must match the body, and appear once.
	if _, err := twilioParams("https://a.com/p?bodySHA256=00", "application/json", []byte("{}")); ReasonOf(err) != badSignature {
		t.Fatalf("wrong bodySHA256: %v", err)
	}
	if _, err := twilioParams("", "", nil); ReasonOf(err) != malformedSignature {
		t.Fatalf("no public URL: %v", err)
	}
}

func TestTwilioURLMustMatch(t *testing.T) {
	p, _ := Lookup("twilio")
	s := Settings{Secrets: [][]byte{[]byte("12345")}}
	m := &Message{URL: "https://mycompany.com/myapp.php?foo=1", Body: []byte("Digits=1")}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	v, _ := p.Build(s)
	for url, ok := range map[string]bool{
		"https://mycompany.com/myapp.php?foo=1":     true,
		"https://mycompany.com:443/myapp.php?foo=1": true,
		"https://mycompany.com/myapp.php?foo=2":     false,
		"http://mycompany.com/myapp.php?foo=1":      false,
		"https://evil.com/myapp.php?foo=1":          false,
	} {
		r := httptest.NewRequest("POST", "https://x/", strings.NewReader(string(m.Body)))
		r.Header = m.Header
		_, err := v.Verify(&Delivery{Request: r, Body: m.Body, PublicURL: url})
		if (err == nil) != ok {
			t.Errorf("%s: %v", url, err)
		}
	}
}

// TestTwilioSharedKey: with a SharedKey (twilio.com/docs/usage/webhooks/
// webhook-shared-keys; twilio-node examples/WebhookSignatureValidation.md),
// Twilio announces the algorithm in X-Twilio-Webhooks-Signature-Settings
// (key=<SharedKey>,algorithm=HMAC_SHA256) and X-Twilio-Signature is the
// base64 HMAC-SHA256 of the same string: the URL, then the sorted POST
// parameters. Without the header the signature is HMAC-SHA1; an algorithm
// the gate does not know is refused, as the SDK's middleware answers 403.
func TestTwilioSharedKey(t *testing.T) {
	const url = "https://mycompany.com/myapp.php?foo=1&bar=2"
	const body = "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212"
	signed := url + "CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212"
	shared, token := []byte("shared-key-secret-0123456789abcdef"), []byte("12345")
	sum := func(alg func() hash.Hash, key []byte) string {
		m := hmac.New(alg, key)
		m.Write([]byte(signed))
		return base64.StdEncoding.EncodeToString(m.Sum(nil))
	}
	sha256Sig, sha1Sig := sum(sha256.New, shared), sum(sha1.New, token)
	const settings = "key=KS00000000000000000000000000000000,algorithm=HMAC_SHA256"
	for _, tc := range []struct {
		name, sig string
		settings  []string
		secrets   [][]byte
		ok        bool
	}{
		{"shared key, HMAC-SHA256", sha256Sig, []string{settings}, [][]byte{shared}, true},
		{"shared key beside the auth token", sha256Sig, []string{settings}, [][]byte{token, shared}, true},
		{"settings with spaces, items reordered", sha256Sig, []string{" algorithm = HMAC_SHA256 , key = KS0 "}, [][]byte{shared}, true},
		{"auth token, HMAC-SHA1, no settings", sha1Sig, nil, [][]byte{token, shared}, true},
		{"HMAC-SHA256 without the settings header", sha256Sig, nil, [][]byte{shared}, false},
		{"HMAC-SHA1 announced as HMAC_SHA256", sha1Sig, []string{settings}, [][]byte{token}, false},
		{"shared key not configured", sha256Sig, []string{settings}, [][]byte{token}, false},
		{"unknown algorithm", sha256Sig, []string{"key=KS0,algorithm=HMAC_SHA512"}, [][]byte{shared}, false},
		{"no algorithm item", sha256Sig, []string{"key=KS0"}, [][]byte{shared}, false},
		{"algorithm twice", sha256Sig, []string{"algorithm=HMAC_SHA256,algorithm=HMAC_SHA1"}, [][]byte{shared}, false},
		{"settings header twice", sha256Sig, []string{settings, settings}, [][]byte{shared}, false},
	} {
		d := formRequest("POST", url, body)
		d.PublicURL = url
		d.Request.Header.Set("X-Twilio-Signature", tc.sig)
		for _, s := range tc.settings {
			d.Request.Header.Add("X-Twilio-Webhooks-Signature-Settings", s)
		}
		v := buildPreset(t, "twilio", Settings{Secrets: tc.secrets})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
