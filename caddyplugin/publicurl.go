package caddyplugin

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
	orig := r
	if or, ok := r.Context().Value(caddyhttp.OriginalRequestCtxKey).(http.Request); ok {
		orig = &or
	}
	scheme := "http"
	if orig.TLS != nil {
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
	uri := orig.RequestURI // as sent, so the sender's own escaping is kept
	if !strings.HasPrefix(uri, "/") {
		uri = orig.URL.RequestURI() // absolute-form or unset
	}
	return scheme + "://" + orig.Host + uri
}
