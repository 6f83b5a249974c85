package verifiers

import (
	"net/http"
	"strings"
)

// Recurly (declared in presets.go; recurly/recurly-client-go webhook.go):
// recurly-signature is "<unix ms>,<hex>[,<hex>...]", each hex an
// HMAC-SHA256 with the endpoint's secret key over "<unix ms>.<raw body>".
// Several signatures travel while a key rotates; any may match. Only JSON
// webhooks are signed (XML ones are not, and are refused here).

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
