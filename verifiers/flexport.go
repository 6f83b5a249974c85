package verifiers

import (
	"encoding/hex"
	"net/http"
	"strings"
)

func init() {
	register(withScheme(Preset{
		// Flexport: X-Hub-Signature-256 = HMAC-SHA256(secret token, body) in hex (X-Hub-Signature, SHA-1, is being deprecated).
		Name: "flexport",
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature-256: <hex>` (GitHub's `sha256=` prefix accepted too)",
			Algorithm: "HMAC-SHA256, key = the endpoint's secret token",
			Signed:    "body (UTF-8)",
			Identity:  "hash of the body",
			Vectors:   "computed (apidocs.flexport.com/v2/tag/Webhook-Endpoints; developers.flexport.com/faq/webhooks)",
			Source:    "apidocs.flexport.com/v2/tag/Webhook-Endpoints; developers.flexport.com/faq/webhooks",
			Note: "Flexport's pages show the header's value only in a sample this copy of them lacks, so the gate accepts " +
				"the hex digest with or without `sha256=`. The SHA-1 `X-Hub-Signature`, which Flexport is deprecating, is not used.",
		},
		Sample: []byte(`{"_object":"/api/event","type":"/shipment_milestone#created","created_at":"2026-01-01T00:00:00Z","data":{"_object":"/shipment_milestone","id":1}}`),
	}, hmacScheme{Signature: flexportFormat{}, Template: rawBody, Algorithm: algSHA256}))
}

// flexportFormat reads X-Hub-Signature-256 as hex, with or without a
// leading "sha256=".
type flexportFormat struct{}

const flexportHeader = "X-Hub-Signature-256"

func (flexportFormat) HeaderName() string { return flexportHeader }

// ReadSignatures reads the one header value, "sha256=" prefix optional.
func (flexportFormat) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	v, err := headerValue(h, flexportHeader)
	if err != nil {
		return "", err
	}
	if !sigs.Add(encHex, strings.TrimPrefix(v, "sha256="), size) {
		return "", reject(malformedSignature, "header %s is not a hex HMAC-SHA256", flexportHeader)
	}
	return "", nil
}

// WriteSignature writes the bare hex digest.
func (flexportFormat) WriteSignature(h http.Header, _ string, sig []byte) {
	h.Set(flexportHeader, hex.EncodeToString(sig))
}

// Interface guard
var _ signatureCarrier = flexportFormat{}
