package verifiers

import (
	"net/http"
	"time"
)

// Box (declared below; V2 signatures, box/box-node-sdk
// validateMessage): BOX-SIGNATURE-PRIMARY and BOX-SIGNATURE-SECONDARY are
// base64 HMAC-SHA256 over the raw body followed by BOX-DELIVERY-TIMESTAMP
// (RFC 3339, as sent), one made with the primary and one with the
// secondary signature key. Either header matching any configured key is
// enough, so both keys can be configured during rotation.
// BOX-SIGNATURE-VERSION must be 1 and BOX-SIGNATURE-ALGORITHM HmacSHA256.
// Box's SDK allows 10 minutes of age and any future time; hookgate refuses
// both beyond the tolerance.

func init() {
	register(withScheme(Preset{
		// Box: BOX-SIGNATURE-PRIMARY/-SECONDARY = base64 HMAC-SHA256(body + BOX-DELIVERY-TIMESTAMP); see box.go.
		Name: "box", Tolerance: boxTolerance, BodyID: "id", Signer: signBox,
		Doc: PresetDoc{
			Source:        "box/box-node-sdk tests/lib/managers/webhooks-test.js validateMessage()",
			Signature:     "`BOX-SIGNATURE-PRIMARY` / `-SECONDARY: <base64>` + `BOX-DELIVERY-TIMESTAMP`; `BOX-SIGNATURE-VERSION: 1`, `BOX-SIGNATURE-ALGORITHM: HmacSHA256` required",
			Algorithm:     "HMAC-SHA256, primary or secondary key (any header, any configured key)",
			Signed:        "body + timestamp (RFC 3339, as sent)",
			ToleranceNote: "Box SDK); future also limited (Box SDK allows any future",
			Identity:      "body `id`",
			Vectors:       "sdk-test (box-node-sdk) ×6",
		},
	}, hmacScheme{Signature: boxSignatures{}, TimestampHeader: boxTimestamp, TimeFormat: rfc3339,
		Template: template{bodyPart, timestampPart}, Algorithm: algSHA256}))
}

const (
	boxTimestamp = "Box-Delivery-Timestamp"
	boxPrimary   = "Box-Signature-Primary"
	boxSecondary = "Box-Signature-Secondary"
)

// boxPins are the headers Box sends with fixed values.
var boxPins = [...][2]string{{"Box-Signature-Version", "1"}, {"Box-Signature-Algorithm", "HmacSHA256"}}

// boxSignatures carries Box's signatures: the primary and secondary
// headers, either or both, beside the pinned version and algorithm.
type boxSignatures struct{}

// ReadSignatures checks the pinned headers and reads both signature headers.
func (boxSignatures) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	for _, pin := range boxPins {
		got, err := headerValue(h, pin[0])
		if err != nil {
			return "", err
		}
		if got != pin[1] {
			return "", reject(malformedSignature, "header %s is not %s", pin[0], pin[1])
		}
	}
	for _, name := range [...]string{boxPrimary, boxSecondary} {
		if len(h.Values(name)) == 0 {
			continue
		}
		if _, err := (signatureFormat{Header: name, Encoding: encBase64}).ReadSignatures(h, size, sigs); err != nil {
			return "", err
		}
	}
	if sigs.Len() == 0 {
		return "", reject(missingSignature, "header %s is missing", boxPrimary)
	}
	return "", nil
}

// WriteSignature sets the pinned headers and the primary signature.
func (boxSignatures) WriteSignature(h http.Header, _ string, sig []byte) {
	for _, pin := range boxPins {
		h.Set(pin[0], pin[1])
	}
	signatureFormat{Header: boxPrimary, Encoding: encBase64}.write(h, sig)
}

// HeaderName is the primary signature header.
func (boxSignatures) HeaderName() string { return boxPrimary }

// Interface guard
var _ signatureCarrier = boxSignatures{}

// signBox signs with the first secret as the primary key and the second,
// when configured, as the secondary key.
func signBox(s Settings, m *Message) error {
	ts := formatTimestamp(m.Now, rfc3339)
	m.Header.Set(boxTimestamp, ts)
	if m.ID != "" {
		m.Header.Set("Box-Delivery-Id", m.ID)
	}
	boxSignatures{}.WriteSignature(m.Header, ts, hmacSum(algSHA256, firstSecret(s), m.Body, []byte(ts)))
	if len(s.Secrets) > 1 {
		signatureFormat{Header: boxSecondary, Encoding: encBase64}.write(m.Header, hmacSum(algSHA256, s.Secrets[1], m.Body, []byte(ts)))
	}
	return nil
}

// boxTolerance is the Box SDK's maximum message age.
const boxTolerance = 10 * time.Minute
