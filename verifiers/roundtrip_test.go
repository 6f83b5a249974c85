package verifiers_test

import (
	"bytes"
	"net/http"
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
			f, err := verifierstest.For(name, url, now)
			if err != nil {
				t.Fatal(err)
			}
			v, err := f.Preset.Build(f.Verify)
			if err != nil {
				t.Fatal(err)
			}
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
