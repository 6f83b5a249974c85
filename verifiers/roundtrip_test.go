package verifiers_test

import (
	"bytes"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// TestSignVerifyRoundTrip signs a message with every registered preset and
// checks that the preset's own verifier accepts it, that one signed with
// another key of the same shape is refused, and that the refusal names
// neither the secret nor a signature. It needs only the registry, so
// presets added later are covered too; a preset that cannot be driven fails.
func TestSignVerifyRoundTrip(t *testing.T) {
	const url = "https://hooks.example.com/webhook?source=roundtrip"
	now := time.Unix(1714557600, 0)
	for _, name := range verifiers.Names() {
		t.Run(name, func(t *testing.T) {
			f, v := verifierstest.Built(t, name, url, now)
			deliver := func(m *verifiers.Message) *verifiers.Delivery {
				return &verifiers.Delivery{Request: verifierstest.Request(m), Body: bytes.Clone(m.Body), Now: now, PublicURL: m.URL}
			}
			m, err := f.Message(url, now)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := v.Verify(deliver(m)); err != nil {
				t.Fatalf("Verify of a message Sign made = %v", err)
			}
			wrong := *f
			wrong.Sign = f.WrongSign
			wm, err := wrong.Message(url, now)
			if err != nil {
				t.Fatal(err)
			}
			_, err = v.Verify(deliver(wm))
			if err == nil {
				t.Fatal("a message signed with another key was accepted")
			}
			for _, leak := range leaks(f.Sign, m.Header, wm.Header) {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("refusal %q leaks %q", err, leak)
				}
			}
		})
	}
}

// leaks are the strings a refusal must not contain: the secrets and every
// long header value of the signed messages (signatures among them).
func leaks(s verifiers.Settings, headers ...http.Header) []string {
	var out []string
	for _, secret := range s.Secrets {
		out = append(out, string(secret))
	}
	for _, h := range headers {
		for name, vs := range h {
			if name == "Content-Type" || name == "User-Agent" {
				continue
			}
			for _, v := range vs {
				if len(v) >= 16 {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// repeatableSignatureHeaders are the signature headers a provider sends
// several times by design, each value a candidate MAC over the same signed
// content: Mollie sends X-Mollie-Signature once per secret while one is
// rotated (mollie/mollie-api-php SignatureValidator). A copy of the same
// value adds nothing there, so "sent twice" is not a refusal they owe.
var repeatableSignatureHeaders = map[string]string{"mollie": "X-Mollie-Signature"}

// TestEveryPresetNegatives drives every registered preset through its
// fixture and checks the refusals any scheme owes: a tampered body (where
// the scheme covers it), each signature-bearing header removed or sent
// twice, and (for timestamped presets) a delivery signed outside the
// tolerance, in the past or the future (when the signed message carries
// the time at all). Signature-bearing headers are those
// whose value changes with the key; headers that change between two
// signings with the same key (random IDs) are left alone. Like the round
// trip, it needs only the registry, so a preset added later is covered.
func TestEveryPresetNegatives(t *testing.T) {
	const url = "https://hooks.example.com/webhook?source=negatives"
	now := time.Unix(1714557600, 0)
	for _, name := range verifiers.Names() {
		t.Run(name, func(t *testing.T) {
			f, v := verifierstest.Built(t, name, url, now)
			sign := func(s verifiers.Settings, at time.Time) *verifiers.Message {
				t.Helper()
				m := &verifiers.Message{Body: bytes.Clone(f.Body), URL: url, Now: at, ID: "msg_negatives_1",
					Header: http.Header{"Content-Type": {f.ContentType}}}
				if err := f.Preset.Sign(s, m); err != nil {
					t.Fatal(err)
				}
				return m
			}
			refused := func(what string, m *verifiers.Message, body []byte) {
				t.Helper()
				d := &verifiers.Delivery{Request: verifierstest.Request(m), Body: body, Now: now, PublicURL: m.URL}
				if _, err := v.Verify(d); err == nil {
					t.Errorf("%s: accepted", what)
				}
			}
			m, again, wrong := sign(f.Sign, now), sign(f.Sign, now), sign(f.WrongSign, now)
			if f.BodySigned {
				refused("tampered body", m, verifierstest.Tamper(m.Body))
			}
			for header, vs := range m.Header {
				if slices.Equal(vs, wrong.Header[header]) || !slices.Equal(vs, again.Header[header]) {
					continue
				}
				without := sign(f.Sign, now)
				without.Header.Del(header)
				refused(header+" removed", without, without.Body)
				if repeatableSignatureHeaders[name] == header {
					continue
				}
				twice := sign(f.Sign, now)
				twice.Header.Add(header, twice.Header.Get(header))
				refused(header+" sent twice", twice, twice.Body)
			}
			if tol := f.Preset.Tolerance; tol > 0 {
				for _, at := range []time.Time{now.Add(-tol - time.Minute), now.Add(tol + time.Minute)} {
					m := sign(f.Sign, at)
					if bytes.Equal(m.Body, again.Body) && reflect.DeepEqual(m.Header, again.Header) {
						continue // this mode carries no time (gitlab's token)
					}
					refused("signed at "+at.Sub(now).String(), m, m.Body)
				}
			}
		})
	}
}
