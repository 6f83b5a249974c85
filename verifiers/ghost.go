package verifiers

import "net/http"

// Ghost (declared below; TryGhost/Ghost WebhookTrigger.js):
// X-Ghost-Signature is "sha256=<hex HMAC-SHA256(secret, body + t)>, t=<unix
// ms>", the signature first. Webhooks without a secret are sent unsigned.

func init() {
	register(withScheme(Preset{
		// Ghost: X-Ghost-Signature: sha256=<hex HMAC-SHA256(secret, body + ms)>, t=<unix ms> (ghost.go).
		Name: "ghost", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "TryGhost/Ghost ghost/core/core/server/services/webhooks/WebhookTrigger.js",
			Signature:     "`X-Ghost-Signature: sha256=<hex>, t=<unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret",
			Signed:        "`<body><t>` (no separator)",
			ToleranceNote: "Ghost signs once per event (`t` = Date.now() before sending) and retries only through its HTTP client, `retry: {limit: 5}` with a 2 s timeout, seconds apart (WebhookTrigger.js)",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from TryGhost/Ghost ghost/core/core/server/services/webhooks/WebhookTrigger.js",
			Note:          "Ghost: webhooks without a secret are sent unsigned and are refused. Ghost's own retries (up to 5) repeat the same signed request, timestamp included, so they fall within the tolerance only when they come within 5 minutes.",
		},
	}, hmacScheme{Signature: ghostFormat, TimeFormat: unixMillis, Template: template{bodyPart, timestampPart}, Algorithm: algSHA256}))
}

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
