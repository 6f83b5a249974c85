package webhookverify

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

func TestPublicURL(t *testing.T) {
	tests := []struct {
		name      string
		target    string
		tls       bool
		trusted   bool
		proto     string
		rewriteTo string
		want      string
	}{
		{name: "plain", target: "http://hooks.example.com/twilio?foo=1&bar=2", want: "http://hooks.example.com/twilio?foo=1&bar=2"},
		{name: "tls", target: "https://hooks.example.com:8443/sq", tls: true, want: "https://hooks.example.com:8443/sq"},
		{name: "trusted proxy says https", target: "http://hooks.example.com/t", trusted: true, proto: "https", want: "https://hooks.example.com/t"},
		{name: "untrusted peer's X-Forwarded-Proto is ignored", target: "http://hooks.example.com/t", proto: "https", want: "http://hooks.example.com/t"},
		{name: "nonsense proto ignored", target: "http://hooks.example.com/t", trusted: true, proto: "javascript", want: "http://hooks.example.com/t"},
		{name: "URI before rewrite", target: "http://hooks.example.com/hooks/twilio?x=1", rewriteTo: "/twilio", want: "http://hooks.example.com/hooks/twilio?x=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, tt.target, nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.TrustedProxyVarKey: tt.trusted})
			// Caddy keeps only the method, RemoteAddr, RequestURI and URL of the original.
			ctx = context.WithValue(ctx, caddyhttp.OriginalRequestCtxKey, http.Request{Method: r.Method, RequestURI: r.RequestURI, URL: r.URL.JoinPath()})
			r = r.WithContext(ctx)
			if tt.rewriteTo != "" {
				r.URL.Path = tt.rewriteTo
				r.RequestURI = tt.rewriteTo
			}
			if got := publicURL(r); got != tt.want {
				t.Errorf("publicURL = %q, want %q", got, tt.want)
			}
		})
	}
}
