package verifiers

import (
	"strings"
	"testing"
	"time"
)

func TestStandardWebhooksEd25519SignerRoundTrip(t *testing.T) {
	// RFC 8032 TEST 1 seed and public key.
	seed := "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="
	pub := "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
	p, _ := Lookup("standard_webhooks")
	now := time.Unix(1700000000, 0)
	m := &Message{Body: []byte(`{"a":1}`), Now: now}
	if err := p.Sign(Settings{Secrets: [][]byte{[]byte("whsk_" + seed)}}, m); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Header.Get("webhook-signature"), "v1a,") {
		t.Fatalf("signature = %q", m.Header.Get("webhook-signature"))
	}
	v, err := p.Build(Settings{PublicKeys: []string{pub}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(deliverMessage(m, m.Body, now)); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(deliverMessage(m, append(m.Body, ' '), now)); ReasonOf(err) != badSignature {
		t.Fatalf("tampered: %v", err)
	}
	if _, err := p.Build(Settings{PublicKeys: []string{"whpk_short"}}); err == nil {
		t.Fatal("bad public key accepted")
	}
	if _, err := p.Build(Settings{}); err == nil {
		t.Fatal("no key at all accepted")
	}
}
