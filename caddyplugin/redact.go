package caddyplugin

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

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
// Rejected: Caddy's log_credentials/Server.Logs hides a fixed list
// (Authorization, cookies); the server's loggers are unexported and cannot
// be wrapped from a module; turning errors into answers inside the handler
// would bypass handle_errors and still leave the access log. A handler
// cannot make Caddy use an encoder, so the operator configures it and a
// route warns at startup when no webhook_redact encoder exists.
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

// routeRedaction is one provisioned handler's contribution.
type routeRedaction struct {
	headers []string
	secrets []string
}

var redactions struct {
	mu      sync.Mutex
	routes  map[*Handler]routeRedaction
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

// registerRedaction records the handler's secret-bearing headers and
// secrets for the log encoder, and warns when no webhook_redact encoder is
// configured. Called at the end of Provision; unregisterRedaction undoes it.
func (h *Handler) registerRedaction(s verifiers.Settings) {
	names := secretHeaderNames(h.preset, s)
	h.secretHeaders = names
	var secrets []string
	for _, b := range s.Secrets {
		secrets = append(secrets, string(b))
	}
	for name, v := range s.Options {
		if slices.Contains(h.preset.SecretOptions, name) {
			secrets = append(secrets, v)
		}
	}
	redactions.mu.Lock()
	if redactions.routes == nil {
		redactions.routes = map[*Handler]routeRedaction{}
	}
	redactions.routes[h] = routeRedaction{headers: names, secrets: secrets}
	publishRedactionLocked()
	redactions.mu.Unlock()

	if redactEncoders.Load() == 0 && h.logger != nil {
		h.logger.Warn("Caddy logs request headers (error log on 5xx, access logs, reverse_proxy at DEBUG): "+
			"use `format webhook_redact` on every log so the secret and signatures are not written (docs/operations.md)",
			zap.String("provider", h.Provider), zap.Strings("secret_headers", names))
	}
}

// unregisterRedaction forgets what registerRedaction recorded.
func (h *Handler) unregisterRedaction() {
	redactions.mu.Lock()
	defer redactions.mu.Unlock()
	if _, ok := redactions.routes[h]; ok {
		delete(redactions.routes, h)
		publishRedactionLocked()
	}
}

// publishRedactionLocked rebuilds the published redaction.
func publishRedactionLocked() {
	redactions.presets.Do(func() {
		for _, name := range verifiers.Names() {
			p, _ := verifiers.Lookup(name)
			redactions.base = append(redactions.base, secretHeaderNames(p, verifiers.Settings{})...)
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

// redactSecretHeaders replaces the values of the route's secret-bearing
// headers in r once the handler is done with r, so that placeholders
// evaluated after it ({http.request.header.X-Kkiapay-Secret} in log_append,
// handle_errors) never expand to them. The upstream has its own copy by then.
//
// Hook: `defer h.redactSecretHeaders(r)` as the first statement of
// ServeHTTP, so it runs on every path: refusal, error, panic, success.
func (h *Handler) redactSecretHeaders(r *http.Request) {
	for _, name := range h.secretHeaders {
		if vs, ok := r.Header[name]; ok && len(vs) > 0 {
			r.Header[name] = []string{Redacted}
		}
	}
}

// secretHeaderNames are the canonical names of the headers that carry the
// preset's signature or secret with the route's options: the preset signs
// one sample twice, with two different throwaway keys of a shape it takes,
// and every header whose value differs, or that holds a secret option's
// value, carries it. Presets that sign inside the body (payone, mailgun)
// have none: Caddy does not log bodies.
func secretHeaderNames(p verifiers.Preset, s verifiers.Settings) []string {
	opts := map[string]string{}
	for _, name := range p.RequiredOptions {
		opts[name] = probeOption(name)
	}
	for k, v := range s.Options {
		opts[k] = v
	}
	now := time.Unix(1_700_000_000, 0)
	for _, shape := range probeShapes() {
		var msgs [2]*verifiers.Message
		ok := true
		for i := range msgs {
			m := &verifiers.Message{
				Body: []byte(`{"id":"probe","type":"probe"}`), URL: "https://hookgate.invalid/probe",
				Now: now, ID: "probe-id", Header: http.Header{"Content-Type": {"application/json"}},
			}
			if err := p.Sign(verifiers.Settings{Secrets: [][]byte{shape(i)}, Options: opts}, m); err != nil {
				ok = false
				break
			}
			msgs[i] = m
		}
		if !ok {
			continue
		}
		var names []string
		for name, vs := range msgs[0].Header {
			other := msgs[1].Header[name]
			changed := len(other) != len(vs) || strings.Join(other, "\n") != strings.Join(vs, "\n")
			if changed || holdsSecretOption(vs, opts, p.SecretOptions) {
				names = append(names, http.CanonicalHeaderKey(name))
			}
		}
		return names
	}
	return nil
}

// holdsSecretOption reports whether a header value contains a secret option.
func holdsSecretOption(vs []string, opts map[string]string, secret []string) bool {
	for name, v := range opts {
		if v == "" || !slices.Contains(secret, name) {
			continue
		}
		for _, hv := range vs {
			if strings.Contains(hv, v) {
				return true
			}
		}
	}
	return false
}

// probeOption is a value for a required option when probing a preset.
func probeOption(name string) string {
	switch n := strings.ToLower(name); {
	case strings.Contains(n, "header"):
		return "X-Signature"
	case n == "algorithm":
		return "sha256"
	case n == "encoding":
		return "hex"
	case strings.Contains(n, "url"):
		return "https://hookgate.invalid/probe"
	case strings.HasSuffix(n, "id"):
		return "12345"
	}
	return "probe"
}

var probeKeys struct {
	once, rsaOnce sync.Once
	ec, rsa       [2][]byte
}

// probeShapes are the key shapes presets take, each giving two different
// keys: text, whsec_ base64, hex, and Ed25519, ECDSA and RSA private keys.
func probeShapes() []func(i int) []byte {
	key32 := func(i int) []byte { return bytes.Repeat([]byte{byte(0xb0 + i), 0x3c}, 16) }
	pemOf := func(k any) []byte {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return nil
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	return []func(int) []byte{
		func(i int) []byte { return []byte("HookgateRedactionProbe0123456789V" + string(rune('a'+i))) },
		func(i int) []byte { return []byte("whsec_" + base64.StdEncoding.EncodeToString(key32(i))) },
		func(i int) []byte { return []byte(strings.ToUpper(hex.EncodeToString(key32(i)))) },
		func(i int) []byte {
			return pemOf(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(i + 7)}, ed25519.SeedSize)))
		},
		func(i int) []byte {
			probeKeys.once.Do(func() {
				for j := range probeKeys.ec {
					if k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err == nil {
						probeKeys.ec[j] = pemOf(k)
					}
				}
			})
			return probeKeys.ec[i]
		},
		func(i int) []byte {
			probeKeys.rsaOnce.Do(func() {
				for j := range probeKeys.rsa {
					if k, err := rsa.GenerateKey(rand.Reader, 2048); err == nil {
						probeKeys.rsa[j] = pemOf(k)
					}
				}
			})
			return probeKeys.rsa[i]
		},
	}
}
