package verifiers

import (
	"net/http"
	"strings"
)

// Recurly (declared below; recurly/recurly-client-go webhook.go):
// recurly-signature is "<unix ms>,<hex>[,<hex>...]", each hex an
// HMAC-SHA256 with the endpoint's secret key over "<unix ms>.<raw body>".
// Several signatures travel while a key rotates; any may match. Only JSON
// webhooks are signed (XML ones are not, and are refused here).

func init() {
	register(withScheme(Preset{
		// Recurly: recurly-signature: <unix ms>,<hex>[,<hex>] HMAC-SHA256("ms.body"), 5 minutes (recurly.go).
		Name: "recurly", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "recurly/recurly-client-go webhook.go",
			Signature:     "`recurly-signature: <unix ms>,<hex>[,<hex>...]`",
			Algorithm:     "HMAC-SHA256, key = the endpoint's secret key",
			Signed:        "`<unix ms>.<body>`",
			ToleranceNote: "recurly-client-go `DEFAULT_WEBHOOK_TOLERANCE`",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from docs.recurly.com signature-verification and recurly/recurly-client-go webhook.go (its tests compute theirs at run time)",
			Note:          "Recurly: only JSON webhooks are signed; XML webhooks carry no signature and are refused. Several signatures travel while a key rotates; any one may match.",
		},
	}, hmacScheme{Signature: recurlySignatures{}, TimeFormat: unixMillis, Template: timestampDotBody, Algorithm: algSHA256}))
}

// recurlyHeader is Recurly's signature header.
const recurlyHeader = "Recurly-Signature"

// recurlySignatures carries Recurly's positional header: the timestamp
// first, then one or more signatures, comma-separated.
type recurlySignatures struct{}

// ReadSignatures reads the timestamp and the signatures that decode to
// size bytes; a header with no timestamp or no such signature is malformed.
func (recurlySignatures) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	v, err := headerValue(h, recurlyHeader)
	if err != nil {
		return "", err
	}
	ts, rest, ok := strings.Cut(v, ",")
	ts = strings.TrimSpace(ts)
	if !ok || ts == "" {
		return "", reject(malformedSignature, "header %s has no timestamp and signature", recurlyHeader)
	}
	found := 0
	for item := range strings.SplitSeq(rest, ",") {
		found += boolInt(sigs.Add(encHex, strings.TrimSpace(item), size))
	}
	if found == 0 {
		return "", reject(malformedSignature, "header %s has no valid signature", recurlyHeader)
	}
	return ts, nil
}

// WriteSignature sets the header to the timestamp and one signature.
func (recurlySignatures) WriteSignature(h http.Header, timestamp string, sig []byte) {
	h.Set(recurlyHeader, timestamp+","+string(encHex.Encode(nil, sig)))
}

// HeaderName is the signature header.
func (recurlySignatures) HeaderName() string { return recurlyHeader }

// Interface guard
var _ signatureCarrier = recurlySignatures{}
