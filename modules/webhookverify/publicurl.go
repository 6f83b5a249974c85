package webhookverify

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// publicURL rebuilds the URL the sender addressed, for schemes that sign it
// (Twilio, Square, HubSpot, Plivo): the scheme and host from pinned (the
// route's url) when set, else the scheme from TLS, or from
// X-Forwarded-Proto when the peer is one of the server's trusted_proxies,
// and the Host header; then the request URI as received, before any
// rewrite or handle_path stripping. A pinned URL with a path keeps that
// path (a proxy in front rewrote it) but never its query: the query signed
// is the request's own, as the sender sent it (Twilio's bodySHA256, a GET
// webhook's parameters, HubSpot's query), so that a request whose query
// differs from the one signed is refused by the signature.
func publicURL(r *http.Request, pinned *url.URL) string {
	uri := requestURI(r)
	if pinned != nil {
		path, query, hasQuery := strings.Cut(uri, "?")
		if p := pinned.EscapedPath(); p != "" && p != "/" {
			path = p
		}
		base := pinned.Scheme + "://"
		if pinned.User != nil {
			base += pinned.User.String() + "@"
		}
		base += pinned.Host + path
		if hasQuery {
			base += "?" + query
		}
		return base
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

// requestURI is the request's path and query as the sender sent them:
// Caddy's copy of the original request keeps its URI (not its Host or TLS
// state, which rewrites do not change anyway).
func requestURI(r *http.Request) string {
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
	return uri
}

// parsePinnedURL checks a route's url: an absolute http or https URL with
// a host and no fragment. Its path, if any, is pinned. A query in it is not
// used (the signed query is always the request's own): Provision says so
// in a warning, and a genuine delivery, which carries that query, still
// verifies.
func parsePinnedURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, err
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%q: give an http or https URL", raw)
	case u.Host == "":
		return nil, fmt.Errorf("%q has no host", raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, fmt.Errorf("%q has a fragment, which senders never send", raw)
	}
	return u, nil
}
