package verifiers

import (
	"encoding/base64"
	"fmt"
	"time"
)

func init() {
	register(Preset{
		// SendGrid Event Webhook: ECDSA P-256/SHA-256 (public_key) over timestamp + body, base64 DER.
		Name: "sendgrid", SecretOptional: true, New: newSendGrid, Signer: signSendGrid,
		Doc: PresetDoc{
			Source:        "sendgrid/sendgrid-go helpers/eventwebhook/eventwebhook.go",
			Signature:     "`X-Twilio-Email-Event-Webhook-Signature: <base64 DER>` + `-Timestamp`",
			Algorithm:     "ECDSA P-256 SHA-256, `public_key` = verification key (base64 DER SPKI or PEM); DER or raw r‖s signatures",
			Signed:        "timestamp + body",
			ToleranceNote: "none unless `tolerance` is set; SendGrid enforces none and retries for 24 h",
			Identity:      "hash of the signed content",
			Vectors:       "sdk-test (sendgrid-go) ×3",
		},
	})
}

// sendgrid verifies SendGrid's signed Event Webhook: ECDSA P-256 with
// SHA-256 over X-Twilio-Email-Event-Webhook-Timestamp followed by the raw
// body; the signature is base64 ASN.1 DER (raw r||s is accepted too). The
// verification key is the base64 DER SubjectPublicKeyInfo from Mail
// Settings (PEM works too), configured as public_key; there is no shared
// secret (sendgrid/sendgrid-go helpers/eventwebhook).
//
// SendGrid enforces no freshness and retries for up to 24 hours, so the
// timestamp is only checked when a tolerance is configured.
type sendgrid struct {
	keys      *publicKeys
	tolerance time.Duration
}

const (
	sendgridSigHeader = "X-Twilio-Email-Event-Webhook-Signature"
	sendgridTSHeader  = "X-Twilio-Email-Event-Webhook-Timestamp"
)

func newSendGrid(s Settings) (Verifier, error) {
	if len(s.PublicKeys) == 0 {
		return nil, fmt.Errorf("sendgrid needs public_key (the Event Webhook verification key); it has no shared secret")
	}
	keys, err := newPublicKeys(sigECDSAP256, s.PublicKeys)
	if err != nil {
		return nil, fmt.Errorf("sendgrid: %v", err)
	}
	return &sendgrid{keys: keys, tolerance: s.Tolerance}, nil
}

func (v *sendgrid) Verify(d *Delivery) (Verified, error) {
	sigText, err := headerValue(d.Request.Header, sendgridSigHeader)
	if err != nil {
		return Verified{}, err
	}
	sig, err := base64.StdEncoding.DecodeString(sigText)
	if err != nil || len(sig) < 8 || len(sig) > 72 {
		return Verified{}, reject(malformedSignature, "header %s is not a base64 ECDSA signature", sendgridSigHeader)
	}
	ts, err := headerValue(d.Request.Header, sendgridTSHeader)
	if err != nil {
		return Verified{}, err
	}
	msg := make([]byte, 0, len(ts)+len(d.Body))
	key, ok := v.keys.Match(append(append(msg, ts...), d.Body...), sig)
	if !ok {
		return Verified{}, errBadSignature
	}
	if v.tolerance <= 0 {
		return bodySigned(d.Body, key), nil
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

// Interface guard
var _ Verifier = (*sendgrid)(nil)

// signSendGrid signs with the P-256 private key given as the first secret
// (PKCS#8 or SEC 1, PEM or base64 DER).
func signSendGrid(s Settings, m *Message) error {
	key, err := signerKey("sendgrid", s)
	if err != nil {
		return err
	}
	ts := formatTimestamp(m.Now, unixSeconds)
	sig, err := signAsymmetric(sigECDSAP256, key, append([]byte(ts), m.Body...), false)
	if err != nil {
		return fmt.Errorf("sendgrid: %v", err)
	}
	m.Header.Set(sendgridTSHeader, ts)
	m.Header.Set(sendgridSigHeader, base64.StdEncoding.EncodeToString(sig))
	return nil
}
