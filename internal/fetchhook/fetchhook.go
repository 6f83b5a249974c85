// Package fetchhook lets hookgate's own tests send the fetches of provider
// keys (verifiers/keyfetch.go) and of providers' source ranges (ranges/)
// to a local HTTPS server standing in for the provider's host. Being internal, only code of this module can import
// it, and no configuration reaches it: it can never widen a preset's host
// allow-list in a running Caddy. The allow-list is checked before the
// transport is used, so tests exercise it unchanged.
package fetchhook

import (
	"net/http"
	"sync"
)

var (
	mu        sync.RWMutex
	transport http.RoundTripper
)

// Set makes every key fetch use rt, typically an *http.Transport that
// dials an httptest TLS server and trusts only its certificate (which must
// be valid for the provider's host name: certificates are still verified).
// The returned function restores the previous transport.
func Set(rt http.RoundTripper) (restore func()) {
	mu.Lock()
	defer mu.Unlock()
	prev := transport
	transport = rt
	return func() {
		mu.Lock()
		defer mu.Unlock()
		transport = prev
	}
}

// Transport returns the transport set by Set, or nil: use the default.
func Transport() http.RoundTripper {
	mu.RLock()
	defer mu.RUnlock()
	return transport
}
