package webhookverify

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
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
		pinned    string // the route's url; "": none
		want      string
	}{
		{name: "plain", target: "http://hooks.example.com/twilio?foo=1&bar=2", want: "http://hooks.example.com/twilio?foo=1&bar=2"},
		{name: "tls", target: "https://hooks.example.com:8443/sq", tls: true, want: "https://hooks.example.com:8443/sq"},
		{name: "trusted proxy says https", target: "http://hooks.example.com/t", trusted: true, proto: "https", want: "https://hooks.example.com/t"},
		{name: "untrusted peer's X-Forwarded-Proto is ignored", target: "http://hooks.example.com/t", proto: "https", want: "http://hooks.example.com/t"},
		{name: "nonsense proto ignored", target: "http://hooks.example.com/t", trusted: true, proto: "javascript", want: "http://hooks.example.com/t"},
		{name: "URI before rewrite", target: "http://hooks.example.com/hooks/twilio?x=1", rewriteTo: "/twilio", want: "http://hooks.example.com/hooks/twilio?x=1"},
		// With url pinned: its scheme and host, the request's own path and
		// query as sent (before any rewrite); a pinned path is kept, a
		// pinned query never (issue 21).
		{name: "pinned origin", target: "http://10.0.0.5:8080/twilio/sms?bodySHA256=ab&x=1", pinned: "https://hooks.example.com", want: "https://hooks.example.com/twilio/sms?bodySHA256=ab&x=1"},
		{name: "pinned origin with slash", target: "http://10.0.0.5/twilio", pinned: "https://hooks.example.com/", want: "https://hooks.example.com/twilio"},
		{name: "pinned origin, URI before rewrite", target: "http://10.0.0.5/hooks/twilio?x=%2F1", rewriteTo: "/twilio", pinned: "https://hooks.example.com:8443", want: "https://hooks.example.com:8443/hooks/twilio?x=%2F1"},
		{name: "pinned path, request query", target: "http://10.0.0.5/internal?CallSid=CA1", pinned: "https://hooks.example.com/public/voice", want: "https://hooks.example.com/public/voice?CallSid=CA1"},
		{name: "pinned path, no query", target: "http://10.0.0.5/internal", pinned: "https://hooks.example.com/public/voice", want: "https://hooks.example.com/public/voice"},
		{name: "pinned query is not used", target: "http://10.0.0.5/internal?tenant=2", pinned: "https://hooks.example.com/public?tenant=1", want: "https://hooks.example.com/public?tenant=2"},
		{name: "pinned query, request without one", target: "http://10.0.0.5/internal", pinned: "https://hooks.example.com/public?tenant=1", want: "https://hooks.example.com/public"},
		{name: "pinned userinfo kept", target: "http://10.0.0.5/t?a=1", pinned: "https://user:pass@hooks.example.com", want: "https://user:pass@hooks.example.com/t?a=1"},
		{name: "pinned, empty query kept", target: "http://10.0.0.5/t?", pinned: "https://hooks.example.com", want: "https://hooks.example.com/t?"},
		{name: "pinned, trusted proxy's proto ignored", target: "http://10.0.0.5/t", trusted: true, proto: "http", pinned: "https://hooks.example.com", want: "https://hooks.example.com/t"},
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
			var pinned *url.URL
			if tt.pinned != "" {
				var err error
				if pinned, err = parsePinnedURL(tt.pinned); err != nil {
					t.Fatal(err)
				}
			}
			if got := publicURL(r, pinned); got != tt.want {
				t.Errorf("publicURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParsePinnedURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://hooks.example.com":             true,
		"https://hooks.example.com/twilio?x=1":  true,
		"http://127.0.0.1:8080/p":               true,
		"hooks.example.com/twilio":              false,
		"ftp://hooks.example.com":               false,
		"https:///twilio":                       false,
		"https://hooks.example.com/twilio#frag": false,
		"https://hooks.example.com/%zz":         false,
	} {
		if _, err := parsePinnedURL(raw); (err == nil) != ok {
			t.Errorf("parsePinnedURL(%q): %v, want ok %v", raw, err, ok)
		}
	}
}
