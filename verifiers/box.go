package verifiers

import (
	"crypto/sha256"
	"time"
)

// box verifies Box webhooks (V2 signatures, box/box-node-sdk
// validateMessage): BOX-SIGNATURE-PRIMARY and BOX-SIGNATURE-SECONDARY are
// base64 HMAC-SHA256 over the raw body followed by BOX-DELIVERY-TIMESTAMP
// (RFC 3339, as sent), one made with the primary and one with the
// secondary signature key. Either header matching any configured key is
// enough, so both keys can be configured during rotation.
// BOX-SIGNATURE-VERSION must be 1 and BOX-SIGNATURE-ALGORITHM HmacSHA256.
// Box's SDK allows 10 minutes of age and any future time; hookgate refuses
// both beyond the tolerance.
type box struct {
	macs      macSet
	tolerance time.Duration
}

const (
	boxTimestamp = "BOX-DELIVERY-TIMESTAMP"
	boxPrimary   = "BOX-SIGNATURE-PRIMARY"
	boxSecondary = "BOX-SIGNATURE-SECONDARY"
)

func newBox(s Settings) (Verifier, error) {
	return &box{macs: newMACSet(SHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

func (v *box) Verify(d *Delivery) (Verified, error) {
	h := d.Request.Header
	for _, pin := range [...][2]string{{"BOX-SIGNATURE-VERSION", "1"}, {"BOX-SIGNATURE-ALGORITHM", "HmacSHA256"}} {
		name, want := pin[0], pin[1]
		got, err := headerValue(h, name)
		if err != nil {
			return Verified{}, err
		}
		if got != want {
			return Verified{}, reject(MalformedSignature, "header %s is not %s", name, want)
		}
	}
	var sigs Signatures
	for _, name := range [...]string{boxPrimary, boxSecondary} {
		if len(h.Values(name)) == 0 {
			continue
		}
		if _, err := (SignatureFormat{Header: name, Encoding: Base64}).ReadSignatures(h, sha256.Size, &sigs); err != nil {
			return Verified{}, err
		}
	}
	if sigs.Len() == 0 {
		return Verified{}, reject(MissingSignature, "header %s is missing", boxPrimary)
	}
	ts, err := headerValue(h, boxTimestamp)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matchesAny(sigs.List(), d.Body, []byte(ts))
	if !ok {
		return Verified{}, errBadSignature
	}
	t, err := ParseTimestamp(ts, RFC3339)
	if err != nil {
		return Verified{}, err
	}
	if err := CheckFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return bodySigned(d.Body, key), nil
}

// Interface guard
var _ Verifier = (*box)(nil)

// signBox signs with the first secret as the primary key and the second,
// when configured, as the secondary key.
func signBox(s Settings, m *Message) error {
	ts := formatTimestamp(m.Now, RFC3339)
	m.Header.Set(boxTimestamp, ts)
	m.Header.Set("BOX-SIGNATURE-VERSION", "1")
	m.Header.Set("BOX-SIGNATURE-ALGORITHM", "HmacSHA256")
	if m.ID != "" {
		m.Header.Set("BOX-DELIVERY-ID", m.ID)
	}
	for i, name := range []string{boxPrimary, boxSecondary} {
		if i < len(s.Secrets) {
			SignatureFormat{Header: name, Encoding: Base64}.write(m.Header, hmacSum(SHA256, s.Secrets[i], m.Body, []byte(ts)))
		}
	}
	return nil
}

// boxTolerance is the Box SDK's maximum message age.
const boxTolerance = 10 * time.Minute
