package verifiers

import "net/http"

// Ghost (declared in presets.go; TryGhost/Ghost WebhookTrigger.js):
// X-Ghost-Signature is "sha256=<hex HMAC-SHA256(secret, body + t)>, t=<unix
// ms>", the signature first. Webhooks without a secret are sent unsigned.

// ghostSignatures reads X-Ghost-Signature as any structured header and
// writes it in Ghost's order.
type ghostSignatures struct {
	structuredFormat
}

// ghostFormat is Ghost's signature header.
var ghostFormat = ghostSignatures{structuredFormat{Header: "X-Ghost-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "sha256", Encoding: encHex}}

// WriteSignature sets the header as Ghost writes it: the signature, then t.
func (g ghostSignatures) WriteSignature(h http.Header, timestamp string, sig []byte) {
	h.Set(g.Header, g.SignatureKey+"="+string(g.Encoding.Encode(nil, sig))+", "+g.TimestampKey+"="+timestamp)
}

// Interface guard
var _ signatureCarrier = ghostSignatures{}
