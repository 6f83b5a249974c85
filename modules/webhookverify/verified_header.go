package webhookverify

import (
	"fmt"
	"net/http"
	"strings"
)

// The verified header tells the upstream that webhook_verify checked the
// request: with `verified_header X-Webhook-Verified`, an accepted delivery
// reaches the next handler with `X-Webhook-Verified: <provider>`.
//
// Any copy of the header that arrived from the client is removed first, on
// every request through the handler, accepted or refused, so the upstream
// can trust it: no client can forge it. Names that differ only in case, or
// in '_' or '.' for '-', are removed too: run behind Caddy
// (TestVerifiedHeaderSpellingsOfRealStacks), PHP ($_SERVER, php -S behind
// reverse_proxy and php-cgi behind php_fastcgi alike) reads X_Webhook_Verified, X-Webhook.Verified and
// X.Webhook.Verified as X-Webhook-Verified, Python's WSGI environ reads
// the '_' spellings so, and Node and Go fold only case. Caddy itself drops
// names with '_' or '.' unless the server's expected_underscore_headers or
// expected_dot_headers keep them; the gate does not count on that. A
// delivery the spool brings back gets the same treatment (spool.go).

// reservedHeaders cannot be the verified header: the gate and the proxy
// own them.
var reservedHeaders = []string{"Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "User-Agent", "Authorization"}

// parseVerifiedHeader checks a configured verified header name and returns
// its canonical form.
func parseVerifiedHeader(name string) (string, error) {
	if !validHeaderName(name) {
		return "", fmt.Errorf("verified_header %q is not a valid header name", name)
	}
	canonical := http.CanonicalHeaderKey(name)
	for _, r := range reservedHeaders {
		if sameHeaderName(canonical, r) {
			return "", fmt.Errorf("verified_header cannot be %s", r)
		}
	}
	return canonical, nil
}

// stripVerifiedHeader removes every incoming copy of the verified header.
func (h *Handler) stripVerifiedHeader(r *http.Request) {
	if h.verifiedHeader == "" {
		return
	}
	for name := range r.Header {
		if sameHeaderName(name, h.verifiedHeader) {
			delete(r.Header, name)
		}
	}
}

// markVerified sets the verified header on an accepted delivery.
func (h *Handler) markVerified(r *http.Request) {
	if h.verifiedHeader != "" {
		r.Header.Set(h.verifiedHeader, h.Provider)
	}
}

// sameHeaderName compares header names as the stacks above do: ASCII
// case folded, '_' and '.' equal to '-'.
func sameHeaderName(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if fold(a[i]) != fold(b[i]) {
			return false
		}
	}
	return true
}

func fold(c byte) byte {
	switch {
	case c == '_' || c == '.':
		return '-'
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	}
	return c
}

// validHeaderName reports whether name is an HTTP token (RFC 9110 5.1).
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
