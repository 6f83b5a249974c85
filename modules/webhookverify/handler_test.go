package webhookverify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

// serve runs h on one request from clientIP and reports whether next ran.
func serve(t *testing.T, h *Handler, clientIP string, r *http.Request) (nextRan bool, err error) {
	t.Helper()
	ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: clientIP})
	ctx = context.WithValue(ctx, caddy.ReplacerCtxKey, caddy.NewReplacer())
	next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		nextRan = true
		return nil
	})
	err = h.ServeHTTP(httptest.NewRecorder(), r.WithContext(ctx), next)
	return nextRan, err
}

func TestServeHTTPStatuses(t *testing.T) {
	h := &Handler{Provider: "kkiapay", Secrets: []string{"kk-secret"}, AllowIP: []string{"192.0.2.0/24"}, UserAgent: "KKiaPay", MaxBody: 64}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	core, logs := observer.New(zap.DebugLevel)
	h.logger = zap.New(core)

	tests := []struct {
		name       string
		clientIP   string
		ua         string
		secret     string
		body       string
		wantStatus int // 0: passed on
	}{
		{"genuine", "192.0.2.7", "KKiaPay", "kk-secret", "{}", 0},
		{"IPv4-mapped client", "::ffff:192.0.2.7", "KKiaPay", "kk-secret", "{}", 0},
		{"no client IP", "", "KKiaPay", "kk-secret", "{}", 403},
		{"outside the allow-list", "198.51.100.1", "KKiaPay", "kk-secret", "{}", 403},
		{"wrong User-Agent", "192.0.2.7", "Other", "kk-secret", "{}", 403},
		{"two User-Agents, the right one first", "192.0.2.7", "KKiaPay\nOther", "kk-secret", "{}", 403},
		{"two User-Agents, the right one twice", "192.0.2.7", "KKiaPay\nKKiaPay", "kk-secret", "{}", 403},
		{"two Content-Types", "192.0.2.7", "KKiaPay", "kk-secret", "two content types", 401},
		{"too large", "192.0.2.7", "KKiaPay", "kk-secret", strings.Repeat("x", 65), 413},
		{"wrong secret", "192.0.2.7", "KKiaPay", "kk-guess", "{}", 401},
		{"no secret", "192.0.2.7", "KKiaPay", "", "{}", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			r.Header["User-Agent"] = strings.Split(tt.ua, "\n")
			if tt.secret != "" {
				r.Header.Set("x-kkiapay-secret", tt.secret)
			}
			if tt.body == "two content types" {
				r.Header["Content-Type"] = []string{"application/json", "application/x-www-form-urlencoded"}
			}
			ran, err := serve(t, h, tt.clientIP, r)
			if tt.wantStatus == 0 {
				if err != nil || !ran {
					t.Fatalf("refused a genuine delivery: %v", err)
				}
				return
			}
			if ran {
				t.Fatal("next ran for a refused delivery")
			}
			herr, ok := errors.AsType[caddyhttp.HandlerError](err)
			if !ok || herr.StatusCode != tt.wantStatus {
				t.Fatalf("err = %v, want a caddyhttp.Error with status %d", err, tt.wantStatus)
			}
		})
	}
	for _, entry := range logs.All() {
		for k, v := range entry.ContextMap() {
			if s, ok := v.(string); ok && strings.Contains(s, "kk-secret") {
				t.Errorf("log field %s contains the secret: %q", k, s)
			}
		}
	}
	if n := logs.FilterMessage("webhook refused").Len(); n != 9 {
		t.Errorf("%d refusals logged, want 9", n)
	}
	if logs.FilterField(zap.String("check", "ip_denied")).Len() != 2 {
		t.Errorf("ip_denied not logged twice")
	}
}
