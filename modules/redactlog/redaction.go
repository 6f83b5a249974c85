// Package redactlog is the log encoder `webhook_redact`
// (caddy.logging.encoders.webhook_redact) and what it hides: the names of
// the headers that carry a secret or a signature, found by probing every
// preset (probe.go), and the secrets of the running routes, which each
// webhook_verify route registers when provisioned (Register) and removes
// on Cleanup (Unregister). It does not import the handler.
package redactlog

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hookgate/hookgate/verifiers"
)

// Keeping secrets out of Caddy's logs.
//
// Caddy logs a request's headers in three places: the access log (with a
// `log` directive), the error log `http.log.error` (every handler error,
// ERROR for a 5xx even with no logging configured), and reverse_proxy's
// "upstream roundtrip" at DEBUG. Presets whose "signature" is the secret
// itself (kkiapay, gitlab token, flutterwave v3, checkout_com's
// authorization) would so write the secret to disk, and every other preset
// its received signature.
//
// The handler cannot remove a header from those lines: Caddy 2.11 logs a
// copy of the request it clones before the first handler runs
// (Server.ServeHTTP, "clone the request for logging purposes"), and
// reverse_proxy logs the request it sent, which must carry the header as
// received. So redaction happens where the lines are written: the log
// encoder `webhook_redact` (redact_encoder.go) wraps any other encoder and
//   - writes REDACTED for the value of every header that carries a secret
//     or a signature, wherever a field of that name appears;
//   - cuts every configured secret out of every string it writes (a token
//     sent in the query string, a log_append of the header, an error text).
// The names come from the presets themselves: each route signs a sample
// twice with two different throwaway keys and every header whose value
// changes carries the signature (secretHeaderNames). Every preset's names
// are redacted on every route, plus the names of each provisioned route
// (hmac's header option, postmark's, checkout_com's authorization).
//
// A handler cannot make Caddy use an encoder, so the route makes the
// unsafe configurations impossible instead (package webhookverify): it
// answers its own errors, running handle_errors itself, so that Caddy's
// error log has nothing to print (answer.go); and it refuses to start when
// a log that would print its headers has no webhook_redact encoder
// (logcheck.go), which it tells with Cores and Redacts (check.go).
// Rejected: Caddy's log_credentials/Server.Logs hides a fixed list
// (Authorization, cookies); the server's loggers are unexported and cannot
// be wrapped from a module; overwriting the header's bytes in the logged
// copy (they share memory with the request's strings) would write into
// memory Go treats as immutable, and an HTTP/2 header can live in
// read-only memory.
//
// In addition the handler replaces those header values in the live request
// once it is done with it (redactSecretHeaders), so placeholders evaluated
// afterwards ({http.request.header.*} in log_append or handle_errors) do not
// see them either.

// Redacted is what a secret-bearing header's value is logged as (Caddy's
// own word for the credentials it hides).
const Redacted = "REDACTED"

// minScrubbedSecret is the shortest configured secret cut out of log
// strings; a shorter one would mangle ordinary text and is no secret.
const minScrubbedSecret = 6

// redaction is what the encoder hides: lower-case header names and the
// configured secrets. It is immutable once published.
type redaction struct {
	headers map[string]struct{}
	secrets []string
}

// header reports whether a field named key carries a secret or signature.
func (r *redaction) header(key string) bool {
	_, ok := r.headers[strings.ToLower(key)]
	return ok
}

// scrub cuts every configured secret out of s.
func (r *redaction) scrub(s string) string {
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, Redacted)
		}
	}
	return s
}

// scrubJSON cuts every configured secret out of JSON text, as written
// and as JSON escapes it.
func (r *redaction) scrubJSON(s string) string {
	s = r.scrub(s)
	for _, secret := range r.secrets {
		b, err := json.Marshal(secret)
		if err != nil {
			continue
		}
		if escaped := string(b[1 : len(b)-1]); escaped != secret && strings.Contains(s, escaped) {
			s = strings.ReplaceAll(s, escaped, Redacted)
		}
	}
	return s
}

// routeRedaction is one provisioned handler's contribution.
type routeRedaction struct {
	headers []string
	secrets []string
}

var redactions struct {
	mu      sync.Mutex
	routes  map[any]routeRedaction
	current atomic.Pointer[redaction]
	presets sync.Once
	base    []string // every preset's names, with default options
}

// currentRedaction is the redaction the encoders apply now.
func currentRedaction() *redaction {
	if r := redactions.current.Load(); r != nil {
		return r
	}
	redactions.mu.Lock()
	defer redactions.mu.Unlock()
	publishRedactionLocked()
	return redactions.current.Load()
}

// Register records a route's secret-bearing header names and secrets
// for the encoder; owner identifies the route (its handler) for
// Unregister. A secret shorter than 6 bytes is not cut out of strings.
func Register(owner any, headers, secrets []string) {
	redactions.mu.Lock()
	defer redactions.mu.Unlock()
	if redactions.routes == nil {
		redactions.routes = map[any]routeRedaction{}
	}
	redactions.routes[owner] = routeRedaction{headers: headers, secrets: secrets}
	publishRedactionLocked()
}

// Unregister forgets what Register recorded for owner.
func Unregister(owner any) {
	redactions.mu.Lock()
	defer redactions.mu.Unlock()
	if _, ok := redactions.routes[owner]; ok {
		delete(redactions.routes, owner)
		publishRedactionLocked()
	}
}

// publishRedactionLocked rebuilds the published redaction.
func publishRedactionLocked() {
	redactions.presets.Do(func() {
		for _, name := range verifiers.Names() {
			p, _ := verifiers.Lookup(name)
			redactions.base = append(redactions.base, SecretHeaderNames(p, verifiers.Settings{})...)
		}
	})
	r := &redaction{headers: map[string]struct{}{}}
	add := func(names []string) {
		for _, n := range names {
			r.headers[strings.ToLower(n)] = struct{}{}
		}
	}
	add(redactions.base)
	add([]string{"Authorization", "Proxy-Authorization", "Cookie"})
	seen := map[string]bool{}
	for _, rr := range redactions.routes {
		add(rr.headers)
		for _, s := range rr.secrets {
			if len(s) >= minScrubbedSecret && !seen[s] {
				seen[s] = true
				r.secrets = append(r.secrets, s)
			}
		}
	}
	redactions.current.Store(r)
}

// Header is a copy of h with the values of secret-bearing headers replaced
// by REDACTED and the configured secrets cut out of the rest: what the
// spool shows operators of a stored request.
func Header(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	rules := currentRedaction()
	out := make(http.Header, len(h))
	for name, vs := range h {
		c := make([]string, len(vs))
		for i, v := range vs {
			if rules.header(name) {
				c[i] = Redacted
			} else {
				c[i] = rules.scrub(v)
			}
		}
		out[name] = c
	}
	return out
}

// Scrub cuts every configured secret out of s.
func Scrub(s string) string { return currentRedaction().scrub(s) }
