// Package verifierstest provides working settings for any preset, so tests
// outside the verifiers package (the Caddy integration tests, the `caddy
// webhook` command's tests) can drive every preset without knowing its key
// format. Like net/http/httptest, it is for tests only.
package verifierstest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
)

// Fixture is a preset with settings that sign and verify.
type Fixture struct {
	Preset verifiers.Preset
	// Sign are the settings a signer uses (for asymmetric schemes the first
	// secret is the private key).
	Sign verifiers.Settings
	// Verify are the settings a route is configured with.
	Verify verifiers.Settings
	// Body and ContentType are a payload the preset accepts.
	Body        []byte
	ContentType string
	// BodySigned reports whether the scheme covers the body's content
	// (Tamper is refused): false for token schemes (KKiaPay, GitLab's
	// token, PAYONE) and schemes that sign other fields (Mailgun, Mercado
	// Pago); true for 24sevenpay, which signs the compacted body.
	BodySigned bool
	// Candidate names the key shape that fits ("alphanumeric", "ed25519", ...).
	Candidate string
	// WrongSign signs with another key of the same shape.
	WrongSign verifiers.Settings
}

// Bodies are the payloads fixtures try, in order.
var Bodies = []struct{ ContentType, Body string }{
	{"application/json", `{"id":"evt_123","type":"payment.authorized","event_id":"e1","event":"transaction.success","transactionId":"t1","payload":{"paymentId":"p1","amount":2000},"data":{"id":"d1","note":"two  words"}}`},
	{"application/x-www-form-urlencoded", "xRefNum=1&txid=1&sequencenumber=0&txaction=paid&amount=10.00&name=two+words"},
}

// candidate is one key shape: settings for signing and verifying, and
// another key of the same shape for the wrong-key check.
type candidate struct {
	name         string
	sign, verify func(variant int) verifiers.Settings
}

var (
	keysOnce sync.Once
	keys     map[string][2]crypto.Signer
)

// asymmetricKeys are two keys of each algorithm, made once per process.
func asymmetricKeys() map[string][2]crypto.Signer {
	keysOnce.Do(func() {
		keys = map[string][2]crypto.Signer{}
		var ed, ec, rs [2]crypto.Signer
		for i := range 2 {
			ed[i] = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(i + 1)}, ed25519.SeedSize))
			ec[i], _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			rs[i], _ = rsa.GenerateKey(rand.Reader, 2048)
		}
		keys["ed25519"], keys["ecdsa-p256"], keys["rsa"] = ed, ec, rs
	})
	return keys
}

// PrivatePEM and PublicBase64 render a key the way a signer and a
// Caddyfile take it: PKCS#8 PEM, and base64 DER SubjectPublicKeyInfo.
func PrivatePEM(k crypto.Signer) string {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// PublicBase64 is the base64 DER SubjectPublicKeyInfo of k's public key.
func PublicBase64(k crypto.Signer) string {
	der, err := x509.MarshalPKIXPublicKey(k.Public())
	if err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(der)
}

func candidates(p verifiers.Preset) []candidate {
	opts := map[string]string{}
	for _, name := range p.RequiredOptions {
		opts[name] = PlausibleOption(name)
	}
	secret := func(s string) func(int) verifiers.Settings {
		return func(v int) verifiers.Settings {
			return verifiers.Settings{Secrets: [][]byte{[]byte(fmt.Sprintf(s, v))}, Options: opts}
		}
	}
	key32 := func(v int) []byte { return bytes.Repeat([]byte{byte(0xa0 + v), 0x5c}, 16) }
	cs := []candidate{
		{name: "alphanumeric", sign: secret("FixtureSecret0123456789abcdefV%d")},
		{name: "whsec base64", sign: func(v int) verifiers.Settings {
			return verifiers.Settings{Secrets: [][]byte{[]byte("whsec_" + base64.StdEncoding.EncodeToString(key32(v)))}, Options: opts}
		}},
		{name: "hex", sign: func(v int) verifiers.Settings {
			return verifiers.Settings{Secrets: [][]byte{[]byte(strings.ToUpper(hex.EncodeToString(key32(v))))}, Options: opts}
		}},
	}
	for _, alg := range []string{"ed25519", "ecdsa-p256", "rsa"} {
		cs = append(cs, candidate{
			name: alg,
			sign: func(v int) verifiers.Settings {
				k := asymmetricKeys()[alg][v]
				return verifiers.Settings{Secrets: [][]byte{[]byte(PrivatePEM(k))}, PublicKeys: []string{PublicBase64(k)}, Options: opts}
			},
			verify: func(v int) verifiers.Settings {
				return verifiers.Settings{PublicKeys: []string{PublicBase64(asymmetricKeys()[alg][v])}, Options: opts}
			},
		})
	}
	return append(cs, appStoreCandidate(p, opts))
}

// PlausibleOption is a value for a required option a test has to fill in.
func PlausibleOption(name string) string {
	switch n := strings.ToLower(name); {
	case strings.Contains(n, "header"):
		return "X-Signature"
	case n == "algorithm":
		return "sha256"
	case n == "encoding":
		return "hex"
	case strings.Contains(n, "url"):
		return "https://hooks.example.com/webhook"
	case strings.HasSuffix(n, "id"):
		return "12345"
	}
	return "fixture"
}

// Request builds the request a signed message is delivered as.
func Request(m *verifiers.Message) *http.Request {
	r := httptest.NewRequest(http.MethodPost, m.URL, bytes.NewReader(m.Body))
	for k, vs := range m.Header {
		r.Header[k] = slices.Clone(vs)
	}
	return r
}

// For finds settings that sign and verify a message for the preset at url,
// at time now: the first key shape and body the preset takes.
func For(name, url string, now time.Time) (*Fixture, error) {
	p, ok := verifiers.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("no preset %q", name)
	}
	var tried []string
	for _, c := range candidates(p) {
		sign := c.sign(0)
		verify := sign
		if c.verify != nil {
			verify = c.verify(0)
			if p.SecretOptional {
				verify.Secrets = nil
			} else {
				verify.Secrets = sign.Secrets
			}
		}
		v, err := p.Build(verify)
		if err != nil {
			tried = append(tried, c.name+": "+err.Error())
			continue
		}
		for _, b := range Bodies {
			m := &verifiers.Message{Body: []byte(b.Body), URL: url, Now: now, Header: http.Header{"Content-Type": {b.ContentType}}}
			if err := p.Sign(sign, m); err != nil {
				tried = append(tried, c.name+": sign: "+err.Error())
				continue
			}
			d := &verifiers.Delivery{Request: Request(m), Body: m.Body, Now: now, PublicURL: m.URL}
			if _, err := v.Verify(d); err != nil {
				tried = append(tried, c.name+": verify: "+err.Error())
				continue
			}
			tampered := Tamper(m.Body)
			td := &verifiers.Delivery{Request: Request(m), Body: tampered, Now: now, PublicURL: m.URL}
			return &Fixture{
				Preset: p, Sign: sign, Verify: verify, Body: []byte(b.Body), ContentType: b.ContentType,
				BodySigned: verifyErr(v, td) != nil, Candidate: c.name, WrongSign: c.sign(1),
			}, nil
		}
	}
	return nil, fmt.Errorf("no settings fit preset %s:\n%s", name, strings.Join(tried, "\n"))
}

// Tamper changes the content of a fixture body without changing its
// syntax: the first "two" (both Bodies carry one in a value) becomes "TWO".
// A body with none is one a signer wrapped (the App Store's base64url
// signedPayload): the first letter from its middle on changes case. A
// scheme that covers the body refuses the result.
func Tamper(body []byte) []byte {
	out := bytes.Clone(body)
	if i := bytes.Index(out, []byte("two")); i >= 0 {
		copy(out[i:], "TWO")
		return out
	}
	for i := len(out) / 2; i < len(out); i++ {
		if c := out[i] | 0x20; 'a' <= c && c <= 'z' {
			out[i] ^= 0x20
			break
		}
	}
	return out
}

// Message signs the fixture's body for url at now.
func (f *Fixture) Message(url string, now time.Time) (*verifiers.Message, error) {
	m := &verifiers.Message{Body: bytes.Clone(f.Body), URL: url, Now: now, Header: http.Header{"Content-Type": {f.ContentType}}}
	return m, f.Preset.Sign(f.Sign, m)
}

// CaddyfileLines renders the route's settings as webhook_verify
// subdirectives (secrets and keys quoted with backticks where needed).
func (f *Fixture) CaddyfileLines() string {
	var b strings.Builder
	for _, s := range f.Verify.Secrets {
		fmt.Fprintf(&b, "secret %s\n", quote(string(s)))
	}
	for _, k := range f.Verify.PublicKeys {
		fmt.Fprintf(&b, "public_key %s\n", quote(k))
	}
	names := make([]string, 0, len(f.Verify.Options))
	for n := range f.Verify.Options {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%s %s\n", n, quote(f.Verify.Options[n]))
	}
	return b.String()
}

// quote makes v one Caddyfile token.
func quote(v string) string {
	if strings.ContainsAny(v, " \t\n\"{}`#") {
		return "`" + v + "`"
	}
	return v
}

// verifyErr is v.Verify's error alone.
func verifyErr(v verifiers.Verifier, d *verifiers.Delivery) error {
	_, err := v.Verify(d)
	return err
}

// Built is For, and the preset's verifier built with the fixture's
// settings; either failing fails tb.
func Built(tb testing.TB, name, url string, now time.Time) (*Fixture, verifiers.Verifier) {
	tb.Helper()
	f, err := For(name, url, now)
	if err != nil {
		tb.Fatal(err)
	}
	v, err := f.Preset.Build(f.Verify)
	if err != nil {
		tb.Fatal(err)
	}
	return f, v
}
