package verifiers

import (
	"strings"
	"testing"
)

func TestSignErrors(t *testing.T) {
	t.Run("no signer", func(t *testing.T) {
		p := Preset{Name: "nosigner", New: newGenericHMAC}
		if err := p.Sign(Settings{Secrets: secrets("k")}, &Message{}); err == nil || !strings.Contains(err.Error(), "no signer") {
			t.Fatalf("Sign = %v", err)
		}
	})
	t.Run("no secret", func(t *testing.T) {
		p, _ := Lookup("checkout_com")
		if err := p.Sign(Settings{}, &Message{Body: []byte("{}")}); err == nil {
			t.Fatal("Sign without a secret succeeded")
		}
	})
	t.Run("fills header, time and user agent", func(t *testing.T) {
		var seen *Message
		p := Preset{Name: "x", UserAgent: "Sender/1.0", Signer: func(_ Settings, m *Message) error { seen = m; return nil }}
		m := &Message{}
		if err := p.Sign(Settings{Secrets: secrets("k")}, m); err != nil {
			t.Fatal(err)
		}
		if seen != m || m.Header == nil || m.Now.IsZero() || m.Header.Get("User-Agent") != "Sender/1.0" {
			t.Fatalf("Sign left message %+v", m)
		}
	})
	t.Run("keeps a given user agent and time", func(t *testing.T) {
		p := Preset{Name: "x", UserAgent: "Sender/1.0", Signer: func(Settings, *Message) error { return nil }}
		m := &Message{Now: testNow}
		m.Header = map[string][]string{"User-Agent": {"Mine"}}
		if err := p.Sign(Settings{Secrets: secrets("k")}, m); err != nil {
			t.Fatal(err)
		}
		if !m.Now.Equal(testNow) || m.Header.Get("User-Agent") != "Mine" {
			t.Fatalf("Sign overwrote: %v %q", m.Now, m.Header.Get("User-Agent"))
		}
	})
}
