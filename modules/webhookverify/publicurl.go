package webhookverify

import (
	"net/http"
	"strings"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// publicURL rebuilds the URL the sender addressed, for schemes that sign it
// (Twilio, Square): the scheme from TLS, or from X-Forwarded-Proto when the
// peer is one of the server's trusted_proxies; the Host header; and the
// request URI as received, before any rewrite or handle_path stripping.
func publicURL(r *http.Request) string {
	// Caddy's copy of the original request keeps its method and URI, not its
	// Host or TLS state; those are not changed by rewrites anyway.
	uri := r.RequestURI
	if orig, ok := r.Context().Value(caddyhttp.OriginalRequestCtxKey).(http.Request); ok {
		uri = orig.RequestURI
		if !strings.HasPrefix(uri, "/") && orig.URL != nil {
			uri = orig.URL.RequestURI() // absolute-form
		}
	}
	if !strings.HasPrefix(uri, "/") {
		uri = r.URL.RequestURI()
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if trusted, _ := caddyhttp.GetVar(r.Context(), caddyhttp.TrustedProxyVarKey).(bool); trusted {
		if proto := r.Header.Get("X-Forwarded-Proto"); proto != "" {
			proto, _, _ = strings.Cut(proto, ",")
			proto = strings.ToLower(strings.TrimSpace(proto))
			if proto == "http" || proto == "https" {
				scheme = proto
			}
		}
	}
	return scheme + "://" + r.Host + uri
}
