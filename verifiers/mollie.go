package verifiers

import (
	"net/http"
	"strings"
)

// Mollie next-gen webhooks (declared below): X-Mollie-Signature carries the
// hex HMAC-SHA256 of the raw body, keyed by the subscription's signing
// secret, as `sha256=<hex>` or bare hex. While a secret is rotated Mollie
// sends the header once per secret; any value may match. This is what
// mollie/mollie-api-php src/Webhooks/SignatureValidator.php does
// (extractSignature strips an optional sha256=; validateSignatures accepts
// when any header value matches any secret) and what its tests
// (tests/Webhooks/SignatureValidatorTest.php) assert. Every value is a
// candidate MAC over the same body, so accepting several widens nothing
// the signature covers.

func init() {
	register(withScheme(Preset{
		// Mollie next-gen webhooks: X-Mollie-Signature: [sha256=]<hex HMAC-SHA256(signing secret, body)>, any of its values.
		Name: "mollie", BodyID: "id",
		Doc: PresetDoc{
			Source:    "mollie/mollie-api-php src/Webhooks/SignatureValidator.php",
			Signature: "`X-Mollie-Signature: sha256=<hex>` or bare `<hex>`; several values (one per secret during a rotation), any may match",
			Algorithm: "HMAC-SHA256, key = the webhook subscription's signing secret",
			Signed:    "body",
			Identity:  "body `id` (the event ID)",
			Vectors:   "sdk-test (mollie/mollie-api-php tests/Webhooks/SignatureValidatorTest.php) and computed",
			Note:      "Only Mollie's next-gen webhooks (Webhooks API subscriptions) are signed. Classic webhooks (a payment's `webhookUrl`, form body `id=tr_...`) carry no signature at all: Mollie expects the app to fetch the object by ID over its authenticated API, and this preset refuses them. As Mollie's PHP SDK (`SignatureValidator`), the gate takes the signature with or without `sha256=` and from every `X-Mollie-Signature` value (a header line each, or comma-separated).",
		},
	}, hmacScheme{Signature: mollieSignatures{}, Template: rawBody, Algorithm: algSHA256}))
}

const (
	mollieHeader = "X-Mollie-Signature"
	molliePrefix = "sha256="
)

// mollieSignatures reads every X-Mollie-Signature value.
type mollieSignatures struct{}

// ReadSignatures adds every value (each header line, split on commas as
// RFC 9110 allows lines to be joined) that decodes to a MAC; values that
// do not are ignored, as the SDK compares and moves on.
func (mollieSignatures) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	seen := false
	for _, line := range h.Values(mollieHeader) {
		for item := range strings.SplitSeq(line, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			seen = true
			if len(item) >= len(molliePrefix) && strings.EqualFold(item[:len(molliePrefix)], molliePrefix) {
				item = item[len(molliePrefix):]
			}
			sigs.Add(encHex, item, size)
		}
	}
	switch {
	case !seen:
		return "", reject(missingSignature, "header %s is missing", mollieHeader)
	case sigs.Len() == 0:
		return "", reject(malformedSignature, "header %s holds no hex HMAC-SHA256", mollieHeader)
	}
	return "", nil
}

// WriteSignature sets the header as Mollie does: sha256=<hex>.
func (mollieSignatures) WriteSignature(h http.Header, _ string, sig []byte) {
	signatureFormat{Header: mollieHeader, Prefix: molliePrefix, Encoding: encHex}.write(h, sig)
}

// HeaderName is X-Mollie-Signature.
func (mollieSignatures) HeaderName() string { return mollieHeader }

// Interface guard
var _ signatureCarrier = mollieSignatures{}
