package webhookverify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/hookgate/hookgate/verifiers"
)

// TestPlaceholders: the provider is set whatever happens, and the outcome
// names what was decided, for next handlers and error routes alike.
func TestPlaceholders(t *testing.T) {
	h := &Handler{Provider: "checkout_com", Secrets: []string{"cko-secret"}, AllowIP: []string{"192.0.2.0/24"}}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, clientIP, secret string
		wantOutcome            string
		wantNext               bool
	}{
		{"accepted", "192.0.2.7", "cko-secret", outcomeAccepted, true},
		{"ip denied", "198.51.100.1", "cko-secret", outcomeIPDenied, false},
		{"bad signature", "192.0.2.7", "cko-guess", "bad_signature", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repl := caddy.NewReplacer()
			const body = `{"id":"evt_1","type":"payment_approved"}`
			m := &verifiers.Message{Body: []byte(body)}
			if err := h.preset.Sign(verifiers.Settings{Secrets: [][]byte{[]byte(tt.secret)}}, m); err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
			r.Header = m.Header
			ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: tt.clientIP})
			ctx = context.WithValue(ctx, caddy.ReplacerCtxKey, repl)
			var seenByNext string
			next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				seenByNext = repl.ReplaceAll("{http.webhook.provider}/{http.webhook.outcome}", "-")
				return nil
			})
			err := h.ServeHTTP(httptest.NewRecorder(), r.WithContext(ctx), next)
			if (err == nil) != tt.wantNext {
				t.Fatalf("ServeHTTP error = %v, want next to run: %v", err, tt.wantNext)
			}
			if got := repl.ReplaceAll("{http.webhook.provider}", "-"); got != "checkout_com" {
				t.Errorf("provider placeholder = %q", got)
			}
			if got := repl.ReplaceAll("{http.webhook.outcome}", "-"); got != tt.wantOutcome {
				t.Errorf("outcome placeholder = %q, want %q", got, tt.wantOutcome)
			}
			wantID := ""
			if tt.wantNext {
				wantID = "evt_1" // Checkout.com's ID is the JSON field id
			}
			if got := repl.ReplaceAll("{http.webhook.delivery_id}", ""); got != wantID {
				t.Errorf("delivery_id placeholder = %q, want %q (set only once verified)", got, wantID)
			}
			if tt.wantNext && seenByNext != "checkout_com/accepted" {
				t.Errorf("next handler saw %q, want the placeholders already set", seenByNext)
			}
		})
	}
}

func TestSetDeliveryID(t *testing.T) {
	h := &Handler{Provider: "kkiapay"}
	repl := caddy.NewReplacer()
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{})
	r = r.WithContext(context.WithValue(ctx, caddy.ReplacerCtxKey, repl))
	h.begin(r)
	if got, ok := repl.GetString(placeholderDeliveryID); !ok || got != "" {
		t.Errorf("before the ID is known: %q, %v; want known and empty (not left as written)", got, ok)
	}
	h.setDeliveryID(r, "evt_123")
	if got := repl.ReplaceAll("{http.webhook.delivery_id}", "-"); got != "evt_123" {
		t.Errorf("delivery_id = %q", got)
	}
	// A second pass through a handler (nested routes) starts afresh.
	h.begin(r)
	if got := repl.ReplaceAll("{http.webhook.delivery_id}|{http.webhook.outcome}", "-"); got != "-|-" { // both known, empty
		t.Errorf("after a new begin: %q", got)
	}
	// Without request variables (a request outside Caddy) nothing happens.
	h.setDeliveryID(httptest.NewRequest(http.MethodPost, "/", nil), "x")
	h.record(httptest.NewRequest(http.MethodPost, "/", nil), outcomeAccepted)
}
