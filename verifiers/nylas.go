package verifiers

func init() {
	register(Preset{
		// Nylas v3: x-nylas-signature = hex HMAC-SHA256(webhook_secret, body); the unsigned
		// GET ?challenge= sent when a destination is created or activated is echoed (as Dropbox's).
		Name: "nylas", New: newNylas, Signer: bodyScheme(nylasFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Signature: "`x-nylas-signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the destination's `webhook_secret`",
			Signed:    "body",
			Handshake: "unsigned `GET ?challenge=<v>` (only parameter, no body, URL-safe characters, ≤256) echoed as text/plain",
			Identity:  "hash of the body",
			Vectors:   "computed (developer.nylas.com verify-webhook-signatures, v3 notifications)",
			Source:    "developer.nylas.com/docs/cookbook/use-cases/build/verify-webhook-signatures",
			Note: "Nylas generates the `webhook_secret` only after the challenge is answered: configure the route with a " +
				"placeholder secret (the challenge needs none), create the destination, then configure the secret Nylas returns.",
		},
		Sample: []byte(`{"specversion":"1.0","type":"message.created","source":"/google/emails/realtime","id":"<WEBHOOK_ID>","time":1723821985,"data":{"application_id":"<NYLAS_APPLICATION_ID>","object":{"id":"<MESSAGE_ID>","grant_id":"<NYLAS_GRANT_ID>"}}}`),
	})
}

// nylasFormat is where Nylas puts its signature.
var nylasFormat = signatureFormat{Header: "x-nylas-signature", Encoding: encHex}

// newNylas verifies Nylas notifications and answers its challenge: the
// same shape as Dropbox's (a body HMAC plus an unsigned GET ?challenge=
// echoed back), so it is the dropbox verifier over Nylas's header.
func newNylas(s Settings) (Verifier, error) {
	b, err := bodyScheme(nylasFormat, algSHA256).New(s)
	return &dropbox{body: b}, err
}
