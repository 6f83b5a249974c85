package webhookverify

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/verifiers"
)

func TestRedactSecretHeaders(t *testing.T) {
	h := &Handler{secretHeaders: []string{"X-Kkiapay-Secret", "Stripe-Signature"}}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("X-Kkiapay-Secret", "the-secret")
	r.Header.Add("X-Kkiapay-Secret", "a-second-copy")
	r.Header.Set("X-Request-Id", "keep-me")
	h.redactSecretHeaders(r)
	if got := r.Header["X-Kkiapay-Secret"]; !slices.Equal(got, []string{redactlog.Redacted}) {
		t.Errorf("X-Kkiapay-Secret = %q, want [%s]", got, redactlog.Redacted)
	}
	if _, ok := r.Header["Stripe-Signature"]; ok {
		t.Errorf("a header the request did not carry was added")
	}
	if got := r.Header.Get("X-Request-Id"); got != "keep-me" {
		t.Errorf("another header changed: %q", got)
	}
}

func TestRegisterRedaction(t *testing.T) {
	p, _ := verifiers.Lookup("hmac")
	h := &Handler{Provider: "hmac", preset: p}
	h.registerRedaction(verifiers.Settings{
		Secrets: [][]byte{[]byte("route-secret-0123"), []byte("short")},
		Options: map[string]string{"header": "X-Route-Only-Sig"},
	})
	redacted := func(name string) bool {
		return redactlog.Header(http.Header{name: {"value"}}).Get(name) == redactlog.Redacted
	}
	if !redacted("X-Route-Only-Sig") || !redacted("X-Hub-Signature-256") || !redacted("Authorization") {
		t.Errorf("route header, preset header or Authorization not redacted")
	}
	if redacted("X-Github-Event") || redacted("Content-Type") {
		t.Errorf("an ordinary header is redacted")
	}
	if got := redactlog.Scrub("uri=/hook?token=route-secret-0123&x=short"); got != "uri=/hook?token=REDACTED&x=short" {
		t.Errorf("scrub = %q (secrets under 6 bytes are left alone)", got)
	}

	h.unregisterRedaction()
	if redacted("X-Route-Only-Sig") || redactlog.Scrub("route-secret-0123") != "route-secret-0123" {
		t.Errorf("the route's names and secrets outlive its Cleanup")
	}
	if !redacted("X-Hub-Signature-256") {
		t.Errorf("the presets' names went with the route")
	}
}
