package verifiers

import (
	"net/http"
)

func init() {
	register(Preset{
		// Xero: x-xero-signature: base64 HMAC-SHA256(body), key used as a literal string;
		// Intent-to-Receive (signed, no events) is answered 200 with an empty body.
		Name: "xero", New: newXero, Signer: xeroScheme.Sign,
		Doc: PresetDoc{
			Signature: "`x-xero-signature: <base64>`",
			Algorithm: "HMAC-SHA256, the key used as a literal string",
			Signed:    "body",
			Handshake: "Intent-to-Receive: a signed delivery with no events gets 200 and an empty body; a bad signature gets 401",
			Identity:  "none",
			Vectors:   "computed",
		},
	})
}

// xero verifies Xero's x-xero-signature (base64 HMAC-SHA256 of the body,
// the webhook key used as a literal string) and answers Xero's
// Intent-to-Receive checks itself: a correctly signed delivery with no
// events gets 200 and an empty body (a bad signature already gets 401).
type xero struct{ Verifier }

var xeroScheme = bodyScheme(signatureFormat{Header: "x-xero-signature", Encoding: encBase64}, algSHA256)

func newXero(s Settings) (Verifier, error) {
	v, err := xeroScheme.New(s)
	return xero{v}, err
}

// Handshake answers a verified delivery whose events list is empty.
func (v xero) Handshake(d *Delivery) *Answer {
	doc, err := parseJSON(d.Body)
	if err != nil {
		return nil
	}
	if events := doc.Get("events"); events != nil && events.Kind == jsonArray && len(events.Elems) == 0 {
		return &Answer{Status: http.StatusOK}
	}
	return nil
}

// Interface guard
var _ Handshaker = xero{}
