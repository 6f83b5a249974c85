package verifiers

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Wise's own example (github.com/transferwise/digital-signatures-examples,
// verify-webhook-signature), signed with the sandbox key.
const (
	wiseExampleBody = `{"data":{"resource":{"id":49983981,"profile_id":16055450,"account_id":14124090,"type":"transfer"},"current_state":"incoming_payment_waiting","previous_state":null,"occurred_at":"2021-08-23T10:12:50Z"},"subscription_id":"90aa8e14-4ef1-4a56-861c-f3c9cde097ea","event_type":"transfers#state-change","schema_version":"2.0.0","sent_at":"2021-08-23T10:12:50Z"}`
	wiseExampleSig  = "wKcKCYXAzxNgiu7xmoDm943NUni7Rz33QN8JkEA9dWSGebgndonabgSj18Y4C08OrwVmueGsED2s00M7DtJVcYKOS1i3G4TMVx+mgM3aL9djMBkQtiYNBFUd6wrPI7ZUNHv/TrlKSjTMc+6JFvUvJ7owY3z85e3I4jLRLJowMFvO8kvCJ60+1pY9wDwZvtZ//WS93LrwGjk9Dvwzpmu0w+P4J75tETT5qC3Uv0y5G2yO8SEoO3yNP/tg/BOli02niHb53vEOUWUb9bly6thnfMoXoiV/osoGxgF20R58RlvkAmezyyl1Sv542TfS2DpiwVnmjjjkCyXeSUcKookYLQ=="
)

func wiseDelivery(body string, header map[string][]string) *Delivery {
	r := httptest.NewRequest(http.MethodPost, "/wise", strings.NewReader(body))
	for k, vs := range header {
		r.Header[http.CanonicalHeaderKey(k)] = vs
	}
	return &Delivery{Request: r, Body: []byte(body), Now: time.Now()}
}

func rsaPublicBase64(t *testing.T, k *rsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

func TestWiseEmbeddedKeys(t *testing.T) {
	for name, text := range map[string]string{"production": wiseProductionKey, "sandbox": wiseSandboxKey} {
		k, err := parsePublicKey(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rk, ok := k.(*rsa.PublicKey); !ok || rk.N.BitLen() != 2048 {
			t.Errorf("%s key is not a 2048-bit RSA key: %T", name, k)
		}
	}
	cases := []struct {
		options map[string]string
		want    bool
	}{
		{map[string]string{"environment": "sandbox"}, true},
		{nil, false}, // production by default
		{map[string]string{"environment": "production"}, false},
	}
	for _, c := range cases {
		v, err := newWise(Settings{Options: c.options})
		if err != nil {
			t.Fatal(err)
		}
		_, err = v.Verify(wiseDelivery(wiseExampleBody, map[string][]string{wiseSigHeader: {wiseExampleSig}}))
		if (err == nil) != c.want {
			t.Errorf("options %v: Verify error %v, want accepted %v", c.options, err, c.want)
		}
	}
}

func TestWiseSettings(t *testing.T) {
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	cases := []struct {
		name string
		s    Settings
		want string // error substring; "" for success
	}{
		{"defaults", Settings{}, ""},
		{"sandbox", Settings{Options: map[string]string{"environment": "sandbox"}}, ""},
		{"unknown environment", Settings{Options: map[string]string{"environment": "live"}}, "neither production nor sandbox"},
		{"unknown environment with a key", Settings{PublicKeys: []string{wiseSandboxKey}, Options: map[string]string{"environment": "Live"}}, "neither production nor sandbox"},
		{"a secret", Settings{Secrets: [][]byte{[]byte("whsec_x")}}, "takes no secret"},
		{"an ECDSA key", Settings{PublicKeys: []string{base64.StdEncoding.EncodeToString(ecDER)}}, "not an RSA key"},
		{"a 1024-bit key", Settings{PublicKeys: []string{rsaPublicBase64(t, small)}}, "1024 bits"},
		{"garbage key", Settings{PublicKeys: []string{"not a key"}}, "public_key #1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := newWise(c.s)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("newWise = %v, want %q", err, c.want)
			}
		})
	}
}

func TestWiseRefusals(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	signer := Settings{Secrets: [][]byte{pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})}}
	m := &Message{Header: http.Header{}, Body: []byte(`{"event_type":"balances#credit"}`)}
	if err := signWise(signer, m); err != nil {
		t.Fatal(err)
	}
	sig := m.Header.Get(wiseSigHeader)
	v, err := newWise(Settings{PublicKeys: []string{rsaPublicBase64(t, other), rsaPublicBase64(t, key)}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Verify(wiseDelivery(string(m.Body), map[string][]string{wiseSigHeader: {sig}}))
	if err != nil || got.Key != 1 || string(got.Signed) != string(m.Body) || got.ID != "" {
		t.Fatalf("Verify = %+v, %v; want the second key, the body, no ID", got, err)
	}
	raw, _ := base64.StdEncoding.DecodeString(sig)
	cases := []struct {
		name   string
		header map[string][]string
		body   string
		reason Reason
	}{
		{"missing", nil, string(m.Body), missingSignature},
		{"sent twice", map[string][]string{wiseSigHeader: {sig, sig}}, string(m.Body), malformedSignature},
		{"not base64", map[string][]string{wiseSigHeader: {"%%%"}}, string(m.Body), malformedSignature},
		{"truncated", map[string][]string{wiseSigHeader: {base64.StdEncoding.EncodeToString(raw[:255])}}, string(m.Body), badSignature},
		{"other body", map[string][]string{wiseSigHeader: {sig}}, `{"event_type":"balances#debit"}`, badSignature},
		{"legacy X-Signature only", map[string][]string{"X-Signature": {sig}}, string(m.Body), missingSignature},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := v.Verify(wiseDelivery(c.body, c.header))
			var rej *Rejection
			if !errors.As(err, &rej) || rej.Reason != c.reason {
				t.Fatalf("Verify = %v, want %s", err, c.reason)
			}
			if strings.Contains(err.Error(), sig) {
				t.Errorf("refusal %q contains the signature", err)
			}
		})
	}
}

func TestWiseSignerNeedsRSA(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(ec)
	m := &Message{Header: http.Header{}, Body: []byte(`{}`)}
	err := signWise(Settings{Secrets: [][]byte{pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})}}, m)
	if err == nil || !strings.Contains(err.Error(), "RSA") {
		t.Fatalf("signWise with a P-256 key = %v, want an RSA error", err)
	}
}
