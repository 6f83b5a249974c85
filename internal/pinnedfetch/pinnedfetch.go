// Package pinnedfetch is the HTTP client hookgate fetches from providers
// with (their public keys in verifiers/keyfetch.go, their published source
// addresses in ranges/): the system's trusted roots, TLS 1.2 or later, no
// connection kept open between fetches (they are rare), a deadline, and
// redirects followed only to URLs the caller allows (three at most), so a
// fetch never leaves the provider's pinned hosts.
package pinnedfetch

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/hookgate/hookgate/internal/fetchhook"
)

// NewTransport is the transport of such fetches, for a caller to keep and
// share among its clients.
func NewTransport(timeout time.Duration) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		DisableKeepAlives:     true,
		ForceAttemptHTTP2:     true,
	}
}

// Client fetches over rt (unless hookgate's own tests set another with
// fetchhook) within timeout, following a redirect only when allowed says
// its URL is one of the pinned hosts; whose names those hosts in the error
// of a refused redirect ("stripe's", "PayPal's key").
func Client(rt http.RoundTripper, timeout time.Duration, allowed func(*url.URL) bool, whose string) *http.Client {
	if hook := fetchhook.Transport(); hook != nil {
		rt = hook // hookgate's own tests only: see internal/fetchhook
	}
	return &http.Client{
		Transport: rt,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			if !allowed(req.URL) {
				return fmt.Errorf("redirect to %s refused: not one of %s hosts", req.URL.Host, whose)
			}
			return nil
		},
	}
}
