package verifiers

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"
)

func init() {
	register(Preset{
		// Discord: X-Signature-Ed25519 = Ed25519(public_key) over X-Signature-Timestamp + body; PING answered.
		Name: "discord", SecretOptional: true, Options: []string{"mode"}, Tolerance: discordTolerance,
		Doc: PresetDoc{
			Source:        "discord/discord-interactions-js verifyKey",
			Signature:     "`X-Signature-Ed25519: <hex>` + `X-Signature-Timestamp`",
			Algorithm:     "Ed25519, `public_key` = application public key (hex); no shared secret",
			Signed:        "timestamp + body",
			ToleranceNote: "covers Discord's retries of webhook events, with backoff for up to 10 minutes (discord-api-docs docs/events/webhook-events.mdx, \"Responding to Events\"); interactions are not retried; Discord checks no age",
			Handshake:     "verified PING answered: mode `interactions` (default) `{\"type\":1}` 200; mode `events` 204",
			Identity:      "body `id`",
			Vectors:       "computed (RFC 8032 TEST 1 key)",
		},
		New: newDiscord, Signer: signDiscord, BodyID: "id",
	})
}

// discord verifies Discord interactions and webhook events: Ed25519 over
// X-Signature-Timestamp followed by the raw body, hex in
// X-Signature-Ed25519, checked with the application's public key
// (discord/discord-interactions-js verifyKey). The scheme has no shared
// secret: the route needs public_key; a configured secret is used only by
// the signer, as the private key.
//
// After verification the gate answers Discord's PING itself: in mode
// "interactions" (default) {"type":1} with 200, in mode "events" (the
// Webhook Events endpoint) 204 with no body.
type discord struct {
	keys      *publicKeys
	tolerance time.Duration
	events    bool
}

const (
	discordSigHeader = "X-Signature-Ed25519"
	discordTSHeader  = "X-Signature-Timestamp"
)

func newDiscord(s Settings) (Verifier, error) {
	if len(s.PublicKeys) == 0 {
		return nil, fmt.Errorf("discord needs public_key (the application's public key, hex); it has no shared secret")
	}
	keys, err := newPublicKeys(sigEd25519, s.PublicKeys)
	if err != nil {
		return nil, fmt.Errorf("discord: %v", err)
	}
	v := &discord{keys: keys, tolerance: s.Tolerance}
	switch s.Options["mode"] {
	case "", "interactions":
	case "events":
		v.events = true
	default:
		return nil, fmt.Errorf("discord: mode %q is not interactions or events", s.Options["mode"])
	}
	return v, nil
}

func (v *discord) Verify(d *Delivery) (Verified, error) {
	sig, err := signatureFormat{Header: discordSigHeader, Encoding: encHex}.read(d.Request.Header, ed25519.SignatureSize)
	if err != nil {
		return Verified{}, err
	}
	ts, err := headerValue(d.Request.Header, discordTSHeader)
	if err != nil {
		return Verified{}, err
	}
	msg := make([]byte, 0, len(ts)+len(d.Body))
	key, ok := v.keys.Match(append(append(msg, ts...), d.Body...), sig)
	if !ok {
		return Verified{}, errBadSignature
	}
	t, err := parseTimestamp(ts, unixSeconds)
	if err != nil {
		return Verified{}, err
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return bodySigned(d.Body, key), nil
}

// Handshake answers a verified PING: type 1 for interactions, type 0 for
// webhook events.
func (v *discord) Handshake(d *Delivery) *Answer {
	doc, err := parseJSON(d.Body)
	if err != nil {
		return nil
	}
	typ := doc.Get("type")
	if typ == nil || typ.Kind != jsonNumber {
		return nil
	}
	switch {
	case v.events && typ.Text == "0":
		return &Answer{Status: http.StatusNoContent}
	case !v.events && typ.Text == "1":
		return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: []byte(`{"type":1}`)}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*discord)(nil)
	_ Handshaker = (*discord)(nil)
)

// signDiscord signs with the Ed25519 private key given as the first secret
// (a 32-byte seed or 64-byte key in hex or base64, or PKCS#8 PEM).
func signDiscord(s Settings, m *Message) error {
	key, err := signerKey("discord", s)
	if err != nil {
		return err
	}
	ts := formatTimestamp(m.Now, unixSeconds)
	sig, err := signAsymmetric(sigEd25519, key, append([]byte(ts), m.Body...), false)
	if err != nil {
		return fmt.Errorf("discord: %v", err)
	}
	m.Header.Set(discordTSHeader, ts)
	m.Header.Set(discordSigHeader, hex.EncodeToString(sig))
	return nil
}

// discordTolerance covers Discord's retries of webhook events (backoff for up to 10 minutes, discord-api-docs
// docs/events/webhook-events.mdx), which Discord does not say are signed afresh; interactions are sent once, at once.
const discordTolerance = 15 * time.Minute
