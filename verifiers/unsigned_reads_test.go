package verifiers_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// TestUnsignedReadsRefused: a signed delivery re-sent in a shape the
// signature does not pin (a second '?' whose tail Contentful does not
// sign, a PayFast field name carrying an escaped '=' and '&', a form sent
// as another type) is refused, so the app never reads what was not signed.
func TestUnsignedReadsRefused(t *testing.T) {
	const url = "https://hooks.example.com/webhook"
	now := time.Unix(1714557600, 0)
	tests := []struct {
		preset, name string
		mutate       func(m *verifiers.Message)
		want         string
	}{
		{"contentful", "a second '?'", func(m *verifiers.Message) { m.URL += "??admin=1" }, "ambiguous_body"},
		{"payfast", "'=' and '&' escaped in a field name", func(m *verifiers.Message) {
			i := bytes.IndexByte(m.Body, '=')
			j := i + 1 + bytes.IndexByte(m.Body[i+1:], '&')
			m.Body = []byte(string(m.Body[:i]) + "%3D" + string(m.Body[i+1:j]) + "%26" + string(m.Body[j+1:]))
		}, "ambiguous_body"},
		{"payfast", "sent as text/plain", func(m *verifiers.Message) { m.Header.Set("Content-Type", "text/plain") }, "malformed_signature"},
		{"braintree", "sent as text/plain", func(m *verifiers.Message) { m.Header.Set("Content-Type", "text/plain") }, "malformed_signature"},
	}
	for _, tt := range tests {
		t.Run(tt.preset+"/"+tt.name, func(t *testing.T) {
			f, v := verifierstest.Built(t, tt.preset, url, now)
			m, err := f.Message(url, now)
			if err != nil {
				t.Fatal(err)
			}
			d := &verifiers.Delivery{Request: verifierstest.Request(m), Body: m.Body, Now: now, PublicURL: m.URL}
			if _, err := v.Verify(d); err != nil {
				t.Fatalf("the genuine delivery is refused: %v", err)
			}
			tt.mutate(m)
			d = &verifiers.Delivery{Request: verifierstest.Request(m), Body: m.Body, Now: now, PublicURL: m.URL}
			_, err = v.Verify(d)
			if got := string(verifiers.ReasonOf(err)); err == nil || got != tt.want {
				t.Fatalf("Verify = %v (%s), want %s", err, got, tt.want)
			}
			if strings.Contains(err.Error(), string(f.Sign.Secrets[0])) {
				t.Fatal("the refusal names the secret")
			}
		})
	}
}
