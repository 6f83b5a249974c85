package verifiers

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

func init() {
	register(Preset{
		// 24sevenpay: Authorization: HMAC-SHA256 Signature=<hex> over compacted JSON.
		Name: "24sevenpay",
		Doc: PresetDoc{
			Source:    "doc.test.24sevenpay.net/docs/create-a-checkout-session",
			Signature: "`Authorization: HMAC-SHA256 Signature=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "JSON body with whitespace outside strings removed (the app gets the original bytes)",
			Identity:  "hash of the body",
			Vectors:   "computed",
		},
		New:    newTwentyFourSevenPay,
		Signer: signTwentyFourSevenPay,
		// No ID: paymentId names a payment, not an event; the signed body
		// (its fingerprint) identifies the event.
	})
}

// twentyFourSevenPay verifies a 24sevenpay checkout callback:
//
//	Authorization: HMAC-SHA256 Signature=<hex>
//
// over the JSON body with all whitespace outside strings removed. The
// docs show a pretty-printed body, so the verifier compacts what it received
// before hashing; the app still receives the original bytes.
type twentyFourSevenPay struct {
	macs macSet
}

func newTwentyFourSevenPay(s Settings) (Verifier, error) {
	return &twentyFourSevenPay{macs: newMACSet(algSHA256, s.Secrets)}, nil
}

// parseSignedAuthorization reads `<algorithm> Signature=<value>` from an
// Authorization header and returns the algorithm and the value. Parameters
// other than Signature (separated by ',' or '&') are ignored.
func parseSignedAuthorization(v string) (alg, sig string, ok bool) {
	alg, params, found := strings.Cut(strings.TrimSpace(v), " ")
	if !found {
		return "", "", false
	}
	for param := range strings.FieldsFuncSeq(params, func(r rune) bool { return r == ',' || r == '&' || r == ' ' }) {
		name, value, _ := strings.Cut(param, "=")
		if strings.EqualFold(name, "Signature") {
			if sig != "" {
				return "", "", false
			}
			sig = value
		}
	}
	return alg, sig, sig != ""
}

// Verify checks the signature over the compacted body (strictly parsed
// first: compactJSON). Signed is the compacted JSON, so added whitespace is
// the same delivery.
func (v *twentyFourSevenPay) Verify(d *Delivery) (Verified, error) {
	header, err := headerValue(d.Request.Header, "Authorization")
	if err != nil {
		return Verified{}, err
	}
	alg, text, ok := parseSignedAuthorization(header)
	if !ok || !strings.EqualFold(alg, "HMAC-SHA256") {
		return Verified{}, reject(malformedSignature, "header Authorization is not \"HMAC-SHA256 Signature=<hex>\"")
	}
	sig, err := signatureFormat{Header: "Authorization", Encoding: encHex}.decode(text, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	var out Verified
	err = withCompactJSON(d.Body, func(compact []byte) error {
		key, ok := v.macs.matches(sig, compact)
		if !ok {
			return errBadSignature
		}
		out = bodySigned(compact, key)
		return nil
	})
	return out, err
}

// Interface guard
var _ Verifier = (*twentyFourSevenPay)(nil)

// signTwentyFourSevenPay sets the Authorization header for a JSON body.
func signTwentyFourSevenPay(s Settings, m *Message) error {
	return withCompactJSON(m.Body, func(compact []byte) error {
		m.Header.Set("Authorization", "HMAC-SHA256 Signature="+hex.EncodeToString(hmacSum(algSHA256, firstSecret(s), compact)))
		return nil
	})
}
