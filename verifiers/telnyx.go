package verifiers

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"time"
)

func init() {
	register(Preset{
		// Telnyx API v2: telnyx-signature-ed25519 = base64 Ed25519(public_key) over telnyx-timestamp + "|" + body.
		Name: "telnyx", SecretOptional: true, Tolerance: telnyxTolerance, BodyID: "data.id",
		New: newTelnyx, Signer: signTelnyx,
		Doc: PresetDoc{
			Source:        "team-telnyx/telnyx-python src/telnyx/lib/webhook_verification.py",
			Signature:     "`telnyx-signature-ed25519: <base64>`, `telnyx-timestamp: <unix seconds>`",
			Algorithm:     "Ed25519, checked with `public_key` (the account's base64 public key); no shared secret",
			Signed:        "`<timestamp>\\|<body>`",
			ToleranceNote: "the official SDKs' 300 s",
			Identity:      "body `data.id` (the event ID)",
			Vectors:       "computed with an RFC 8032 test key (testdata/vectors/presets-b.jsonl)",
			Note:          "Telnyx's older HMAC-SHA256 signing (API v1) is not supported; the SDKs verify Ed25519 by default.",
		},
	})
}

// telnyx verifies Telnyx API v2 webhooks: telnyx-signature-ed25519 is the
// base64 Ed25519 signature of telnyx-timestamp, "|" and the raw body, made
// with Telnyx's key and checked with the account's public key (Mission
// Control > Keys & Credentials > Public Key, base64), as the official SDKs'
// verify_webhook_signature does (team-telnyx/telnyx-python
// src/telnyx/lib/webhook_verification.py). The scheme has no shared
// secret: the route needs public_key; a configured secret is used only by
// the signer, as the private key.
type telnyx struct {
	keys      *publicKeys
	tolerance time.Duration
}

const (
	telnyxSigHeader = "Telnyx-Signature-Ed25519"
	telnyxTSHeader  = "Telnyx-Timestamp"
)

// telnyxTolerance is the SDKs': 300 seconds either way.
const telnyxTolerance = 5 * time.Minute

func newTelnyx(s Settings) (Verifier, error) {
	if len(s.PublicKeys) == 0 {
		return nil, fmt.Errorf("telnyx needs public_key (the account's base64 Ed25519 public key); it has no shared secret")
	}
	keys, err := newPublicKeys(sigEd25519, s.PublicKeys)
	if err != nil {
		return nil, fmt.Errorf("telnyx: %v", err)
	}
	return &telnyx{keys: keys, tolerance: s.Tolerance}, nil
}

// telnyxMessage is the signed content: timestamp, "|", body.
func telnyxMessage(ts string, body []byte) []byte {
	msg := make([]byte, 0, len(ts)+1+len(body))
	return append(append(append(msg, ts...), '|'), body...)
}

func (v *telnyx) Verify(d *Delivery) (Verified, error) {
	sig, err := signatureFormat{Header: telnyxSigHeader, Encoding: encBase64}.read(d.Request.Header, ed25519.SignatureSize)
	if err != nil {
		return Verified{}, err
	}
	ts, err := headerValue(d.Request.Header, telnyxTSHeader)
	if err != nil {
		return Verified{}, err
	}
	t, err := parseTimestamp(ts, unixSeconds)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.keys.Match(telnyxMessage(ts, d.Body), sig)
	if !ok {
		return Verified{}, errBadSignature
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return bodySigned(d.Body, key), nil
}

// Interface guard
var _ Verifier = (*telnyx)(nil)

// signTelnyx signs with the Ed25519 private key given as the first secret.
func signTelnyx(s Settings, m *Message) error {
	key, err := signerKey("telnyx", s)
	if err != nil {
		return err
	}
	ts := formatTimestamp(m.Now, unixSeconds)
	sig, err := signAsymmetric(sigEd25519, key, telnyxMessage(ts, m.Body), false)
	if err != nil {
		return fmt.Errorf("telnyx: %v", err)
	}
	m.Header.Set(telnyxTSHeader, ts)
	m.Header.Set(telnyxSigHeader, base64.StdEncoding.EncodeToString(sig))
	return nil
}
