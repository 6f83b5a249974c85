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

// TestAnswerErrors: inside a Caddy server, no error leaves the gate: a
// refusal, an upstream failure and a panic after the gate are answered
// with their status and logged by the gate; a panic once the response has
// started still cuts the connection; outside a server the error is
// returned.
func TestAnswerErrors(t *testing.T) {
	h := &Handler{Provider: "kkiapay", Secrets: []string{"kk-secret-0123"}, AllowIP: []string{"any"}}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	core, logs := observer.New(zap.DebugLevel)
	h.logger = zap.New(core)
	upstreamDown := caddyhttp.Error(http.StatusBadGateway, errors.New("dial tcp 127.0.0.1:1: connect: connection refused"))
	tests := []struct {
		name      string
		secret    string
		next      caddyhttp.HandlerFunc
		inServer  bool
		status    int
		returned  bool   // the error is returned (outside a server)
		aborts    bool   // ServeHTTP panics with http.ErrAbortHandler
		logged    string // the gate's line
		logStatus int
	}{
		{name: "refused", secret: "kk-guess", inServer: true, status: http.StatusUnauthorized, logged: "webhook refused", logStatus: 401},
		{name: "upstream down", secret: "kk-secret-0123", inServer: true, status: http.StatusBadGateway,
			next: func(http.ResponseWriter, *http.Request) error { return upstreamDown }, logged: "webhook route error", logStatus: 502},
		{name: "panic", secret: "kk-secret-0123", inServer: true, status: http.StatusInternalServerError,
			next: func(http.ResponseWriter, *http.Request) error { panic("boom") }, logged: "webhook route error", logStatus: 500},
		{name: "panic after the response started", secret: "kk-secret-0123", inServer: true, aborts: true,
			next: func(w http.ResponseWriter, _ *http.Request) error {
				w.WriteHeader(http.StatusOK)
				w.Write([]byte("part"))
				panic("boom")
			}},
		{name: "outside a server", secret: "kk-secret-0123", returned: true,
			next: func(http.ResponseWriter, *http.Request) error { return upstreamDown }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.TakeAll()
			r := httptest.NewRequest(http.MethodPost, "/kkiapay", strings.NewReader(`{"id":1}`))
			r.Header.Set("X-Kkiapay-Secret", tt.secret)
			ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: "192.0.2.7"})
			ctx = context.WithValue(ctx, caddy.ReplacerCtxKey, caddy.NewReplacer())
			if tt.inServer {
				ctx = context.WithValue(ctx, caddyhttp.ServerCtxKey, &caddyhttp.Server{})
			}
			next := tt.next
			if next == nil {
				next = func(http.ResponseWriter, *http.Request) error { return nil }
			}
			w := httptest.NewRecorder()
			var err error
			func() {
				defer func() {
					v := recover()
					if aborted := v == http.ErrAbortHandler; aborted != tt.aborts || v != nil && !aborted {
						t.Fatalf("panic %v, want an abort: %v", v, tt.aborts)
					}
				}()
				err = h.ServeHTTP(w, r.WithContext(ctx), next)
			}()
			if tt.aborts {
				return
			}
			if (err != nil) != tt.returned {
				t.Fatalf("ServeHTTP returned %v, want an error: %v", err, tt.returned)
			}
			if tt.returned {
				return
			}
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			entries := logs.FilterMessage(tt.logged).All()
			if len(entries) != 1 {
				t.Fatalf("%d %q lines, want 1: %v", len(entries), tt.logged, logs.All())
			}
			if got := entries[0].ContextMap()["status"]; got != int64(tt.logStatus) {
				t.Errorf("logged status %v, want %d", got, tt.logStatus)
			}
			for _, e := range logs.All() {
				for k, v := range e.ContextMap() {
					if s, ok := v.(string); ok && strings.Contains(s, "kk-secret-0123") {
						t.Errorf("%s: field %s shows the secret", e.Message, k)
					}
				}
			}
		})
	}
}
