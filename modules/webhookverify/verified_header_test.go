package webhookverify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/hookgate/hookgate/internal/gatetest"
)

func TestParseVerifiedHeader(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "X-Webhook-Verified", want: "X-Webhook-Verified"},
		{in: "x-hookgate-provider", want: "X-Hookgate-Provider"},
		{in: "", wantErr: true},
		{in: "X Verified", wantErr: true},
		{in: "X-Verified:", wantErr: true},
		{in: "host", wantErr: true},
		{in: "Content_Length", wantErr: true},
		{in: "authorization", wantErr: true},
	}
	for _, tt := range tests {
		got, err := parseVerifiedHeader(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseVerifiedHeader(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestVerifiedHeaderCannotBeForged: whatever a client sends under the
// header's name (any case, '_' for '-', several copies) never reaches the
// next handler or an error route; only the gate's own value does, and only
// on an accepted delivery.
func TestVerifiedHeaderCannotBeForged(t *testing.T) {
	h := &Handler{Provider: "kkiapay", Secrets: []string{"kk-secret"}, VerifiedHeader: "x-webhook-verified"}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	forged := http.Header{
		"X-Webhook-Verified": {"kkiapay", "stripe"},
		"x-webhook-verified": {"kkiapay"}, // non-canonical key, as a raw map may hold
		"X_Webhook_Verified": {"kkiapay"},
		"X-WEBHOOK_VERIFIED": {"kkiapay"},
	}
	for _, tt := range []struct {
		name, secret string
		accepted     bool
	}{
		{"accepted", "kk-secret", true},
		{"refused", "kk-guess", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
			for k, v := range forged {
				r.Header[k] = append([]string(nil), v...)
			}
			r.Header.Set("x-kkiapay-secret", tt.secret)
			r.Header.Set("X-Webhook-Verified-Not", "kept")
			ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: "192.0.2.1"})
			ctx = context.WithValue(ctx, caddy.ReplacerCtxKey, caddy.NewReplacer())
			r = r.WithContext(ctx)
			var atNext http.Header
			next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				atNext = r.Header.Clone()
				return nil
			})
			err := h.ServeHTTP(httptest.NewRecorder(), r, next)
			if tt.accepted != (err == nil) {
				t.Fatalf("ServeHTTP: %v", err)
			}
			seen := r.Header // what an error route would see
			if tt.accepted {
				seen = atNext
			}
			var values []string
			for k, v := range seen {
				if sameHeaderName(k, "X-Webhook-Verified") {
					values = append(values, v...)
				}
			}
			want := []string{}
			if tt.accepted {
				want = []string{"kkiapay"}
			}
			if strings.Join(values, ",") != strings.Join(want, ",") {
				t.Errorf("verified header values %q, want %q", values, want)
			}
			if seen.Get("X-Webhook-Verified-Not") != "kept" {
				t.Error("an unrelated header was removed")
			}
		})
	}
}

// TestVerifiedHeaderOffLeavesHeaders: with no verified_header configured
// the handler touches no header.
func TestVerifiedHeaderOffLeavesHeaders(t *testing.T) {
	h := &Handler{Provider: "kkiapay", Secrets: []string{"kk-secret"}}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("X-Webhook-Verified", "client")
	h.stripVerifiedHeader(r)
	h.markVerified(r)
	if r.Header.Get("X-Webhook-Verified") != "client" {
		t.Error("headers changed with verified_header off")
	}
}

// TestVerifiedHeaderCaddyfile: the subdirective adapts as written and bad
// names fail at adapt time, with the line.
func TestVerifiedHeaderCaddyfile(t *testing.T) {
	site := func(sub string) string {
		return ":8080 {\n\twebhook_verify kkiapay {\n\t\tsecret s\n\t\t" + sub + "\n\t}\n}\n"
	}
	out, err := gatetest.Adapt(t, site("verified_header X-Webhook-Verified"))
	if err != nil || !strings.Contains(string(out), `"verified_header":"X-Webhook-Verified"`) {
		t.Fatalf("adapt: %v\n%s", err, out)
	}
	for _, bad := range []string{"verified_header", "verified_header a b", "verified_header Host", "verified_header X:Y"} {
		if _, err := gatetest.Adapt(t, site(bad)); err == nil {
			t.Errorf("%q adapted", bad)
		}
	}
}
