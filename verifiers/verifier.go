// Package verifiers holds hookgate's signature engine: the shared building
// blocks (secrets, HMAC and encodings, form and JSON canonicalisation), one
// file for each scheme that needs code of its own, and the table of presets
// that are plain declarations over the engine.
//
// A verifier is built once per route from Settings (secrets already
// resolved) and then called for every delivery with the buffered body. It
// never logs and never returns the expected signature: a refusal is a
// *Rejection carrying only the reason.
package verifiers

import (
	"net/http"
	"time"
)

// Delivery is one incoming webhook as a verifier sees it: the request (for
// its headers, method and URL) and the body, already read in full.
type Delivery struct {
	// Request is the incoming request. Its Body must not be read: use Body.
	Request *http.Request
	// Body is the exact bytes received. Nobody reuses it after the call:
	// a verifier may keep it or a sub-slice of it (Verified.Signed does).
	// It must not be modified.
	Body []byte
	// Now is the time the delivery is judged at.
	Now time.Time
	// PublicURL is the URL as the sender addressed it (scheme, host, path
	// and query), for schemes that sign the URL. Empty when the route does
	// not know it.
	PublicURL string
	// ClientIP is the address the delivery came from, as Caddy determined
	// it (trusted_proxies honoured): fetching a provider's key for a URL
	// the delivery names spends this address's budget (keyfetch.go).
	// Empty when unknown.
	ClientIP string
}

// Verifier checks one delivery. When the delivery is authentic it returns
// what it verified (see Verified) and a nil error; otherwise a *Rejection.
// Implementations must be safe for concurrent use and must compare secrets
// in constant time.
type Verifier interface {
	Verify(d *Delivery) (Verified, error)
}

// verifierFunc adapts a function to the Verifier interface.
type verifierFunc func(d *Delivery) (Verified, error)

// Verify calls f(d).
func (f verifierFunc) Verify(d *Delivery) (Verified, error) { return f(d) }

// Interface guard
var _ Verifier = verifierFunc(nil)

// Answer is a response the gate gives itself instead of passing a delivery
// on: the reply to an endpoint-verification handshake (Zoom's
// endpoint.url_validation, Twitch's webhook_callback_verification, a
// Dropbox challenge), which a legacy app behind the gate cannot give.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

// Handshaker is implemented by verifiers of providers that verify the
// endpoint with a challenge that configuration alone can answer. The
// handler calls Handshake only after Verify accepted the delivery; a
// non-nil Answer is written to the sender and the delivery goes no further.
type Handshaker interface {
	Handshake(d *Delivery) *Answer
}
