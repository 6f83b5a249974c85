package verifiers

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const (
	testAud   = "https://hooks.example.com/pubsub"
	testEmail = "pusher@example-project.iam.gserviceaccount.com"
)

// googleToken signs header and claims as RS256, the test's own way.
func googleToken(t *testing.T, key *rsa.PrivateKey, header, claims map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	signed := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	d := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func googleClaims(now time.Time) map[string]any {
	return map[string]any{"aud": testAud, "azp": "1", "email": testEmail, "email_verified": true,
		"exp": now.Add(time.Hour).Unix(), "iat": now.Unix(), "iss": "https://accounts.google.com", "sub": "1"}
}

func pubsubDelivery(auth string, now time.Time) *Delivery {
	body := []byte(`{"message":{"data":"aGVsbG8=","messageId":"1"},"subscription":"projects/p/subscriptions/s"}`)
	r := httptest.NewRequest(http.MethodPost, testAud, bytes.NewReader(body))
	if auth != "" {
		r.Header.Set("Authorization", auth)
	}
	return &Delivery{Request: r, Body: body, Now: now}
}

func TestGooglePubSubFetched(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	other, _ := testRSAKey(t)
	h.set(googleCertsURL, keyDoc{body: jwksDoc(t, map[string]*rsa.PublicKey{"k1": &key.PublicKey}), header: http.Header{"Cache-Control": {"max-age=19998"}}})
	p, _ := Lookup("google_pubsub")
	v, err := p.Build(Settings{Options: map[string]string{"aud": testAud, "email": testEmail}})
	if err != nil {
		t.Fatal(err)
	}
	hdr := map[string]any{"alg": "RS256", "kid": "k1", "typ": "JWT"}
	claims := func(change func(c map[string]any)) map[string]any {
		c := googleClaims(now)
		change(c)
		return c
	}
	headerWith := func(k string, v any) map[string]any {
		h := map[string]any{"alg": "RS256", "kid": "k1"}
		h[k] = v
		return h
	}
	valid := "Bearer " + googleToken(t, key, hdr, googleClaims(now))
	tests := []struct {
		name   string
		auth   string
		reason Reason
	}{
		{"valid", valid, ""},
		{"issuer without scheme", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["iss"] = "accounts.google.com" })), ""},
		{"bearer in lower case", "bearer " + googleToken(t, key, hdr, googleClaims(now)), ""},
		{"within the skew after exp", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) {
			c["exp"] = now.Add(-4 * time.Minute).Unix()
			c["iat"] = now.Add(-time.Hour).Unix()
		})), ""},
		{"another key", "Bearer " + googleToken(t, other, hdr, googleClaims(now)), badSignature},
		{"another audience", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["aud"] = "https://other.example.com" })), badSignature},
		{"audience list", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["aud"] = []string{testAud} })), badSignature},
		{"another account", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["email"] = "attacker@evil.iam.gserviceaccount.com" })), badSignature},
		{"email not verified", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["email_verified"] = false })), badSignature},
		{"email_verified as text", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["email_verified"] = "true" })), badSignature},
		{"another issuer", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["iss"] = "https://evil.example.com" })), badSignature},
		{"expired", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) {
			c["exp"] = now.Add(-6 * time.Minute).Unix()
			c["iat"] = now.Add(-time.Hour).Unix()
		})), stale},
		{"issued in the future", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["iat"] = now.Add(6 * time.Minute).Unix() })), stale},
		{"lives two days", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { c["exp"] = now.Add(48 * time.Hour).Unix() })), badSignature},
		{"no exp", "Bearer " + googleToken(t, key, hdr, claims(func(c map[string]any) { delete(c, "exp") })), malformedSignature},
		{"alg none", "Bearer " + googleToken(t, key, headerWith("alg", "none"), googleClaims(now)), malformedSignature},
		{"alg HS256", "Bearer " + googleToken(t, key, headerWith("alg", "HS256"), googleClaims(now)), malformedSignature},
		{"no kid", "Bearer " + googleToken(t, key, map[string]any{"alg": "RS256"}, googleClaims(now)), malformedSignature},
		{"unknown kid", "Bearer " + googleToken(t, key, headerWith("kid", "forged"), googleClaims(now)), keyUnavailable},
		{"basic auth", "Basic dXNlcjpwYXNz", malformedSignature},
		{"two parts", "Bearer a.b", malformedSignature},
		{"padded base64", "Bearer " + strings.Replace(valid[len("Bearer "):], ".", "=.", 1), malformedSignature},
		{"no header", "", missingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := v.Verify(pubsubDelivery(tt.auth, now))
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.ID != "" {
					t.Fatalf("ID = %q: the body's messageId is not signed", got.ID)
				}
				return
			}
			if ReasonOf(err) != tt.reason {
				t.Fatalf("Verify = %v, want %s", err, tt.reason)
			}
		})
	}
	if n := h.hitsOf(googleCertsURL); n != 1 {
		t.Fatalf("the JWKS was fetched %d times, want once (cached; the unknown kid within the minute fetches nothing)", n)
	}
}

func TestGooglePubSubPinned(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	key, _ := testRSAKey(t)
	other, _ := testRSAKey(t)
	p, _ := Lookup("google_pubsub")
	jwks := string(jwksDoc(t, map[string]*rsa.PublicKey{"k1": &key.PublicKey}))
	opts := map[string]string{"aud": testAud, "email": testEmail}
	byJWKS, err := p.Build(Settings{PublicKeys: []string{jwks}, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	byCert, err := p.Build(Settings{PublicKeys: []string{string(testCert(t, key, "pinned", now.Add(-time.Hour), now.Add(time.Hour)))}, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	token := func(k *rsa.PrivateKey, kid string) string {
		return "Bearer " + googleToken(t, k, map[string]any{"alg": "RS256", "kid": kid}, googleClaims(now))
	}
	for _, tt := range []struct {
		name   string
		v      Verifier
		auth   string
		reason Reason
	}{
		{"JWKS, its kid", byJWKS, token(key, "k1"), ""},
		{"JWKS, another kid", byJWKS, token(key, "k2"), badSignature},
		{"JWKS, another key", byJWKS, token(other, "k1"), badSignature},
		{"certificate, any kid", byCert, token(key, "whatever"), ""},
		{"certificate, another key", byCert, token(other, "whatever"), badSignature},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.v.Verify(pubsubDelivery(tt.auth, now))
			if tt.reason == "" && err != nil || tt.reason != "" && ReasonOf(err) != tt.reason {
				t.Fatalf("Verify = %v, want %q", err, tt.reason)
			}
		})
	}
}

func TestGooglePubSubSettings(t *testing.T) {
	p, _ := Lookup("google_pubsub")
	for _, s := range []Settings{
		{Options: map[string]string{"aud": testAud}},
		{Options: map[string]string{"email": testEmail}},
		{Secrets: [][]byte{[]byte("x")}, Options: map[string]string{"aud": testAud, "email": testEmail}},
		{PublicKeys: []string{`{"keys":[]}`}, Options: map[string]string{"aud": testAud, "email": testEmail}},
	} {
		if _, err := p.Build(s); err == nil {
			t.Errorf("Build(%+v) accepted", s)
		}
	}
}
