package verifiers

// Declaration-only presets: AI and data platforms (issue 24). OpenAI and
// Replicate deliver with Standard Webhooks and are in presets_standard.go.
// Sources are in the source field of each preset's vectors in
// testdata/vectors/presets-e.jsonl.

func init() {
	for _, p := range aiPresets {
		register(p)
	}
}

var aiPresets = []Preset{
	withScheme(Preset{
		// ElevenLabs: ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256(secret, "t.body")>, 30 minutes (elevenlabs-python).
		Name: "elevenlabs", Tolerance: tolerance30m,
		Doc: PresetDoc{
			Signature:     "`ElevenLabs-Signature: t=..,v0=<hex>`",
			Algorithm:     "HMAC-SHA256, key = the webhook secret as it is",
			Signed:        "`t.body`",
			ToleranceNote: "elevenlabs-python `construct_event` (it bounds only the past; the gate bounds both)",
			Identity:      "hash of the signed content",
			Vectors:       "computed (elevenlabs/elevenlabs-python `webhooks_custom.py`, tests/test_webhooks.py)",
			Source:        "elevenlabs/elevenlabs-python src/elevenlabs/webhooks_custom.py",
		},
		Sample: []byte(`{"type":"post_call_transcription","event_timestamp":1739537297,"data":{"agent_id":"xyz","conversation_id":"abc"}}`),
	}, hmacScheme{Signature: structuredFormat{Header: "ElevenLabs-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v0", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Firecrawl: X-Firecrawl-Signature: sha256=<hex HMAC-SHA256(account webhook secret, body)>.
		Name: "firecrawl",
		Doc: PresetDoc{
			Signature: "`X-Firecrawl-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the account's webhook secret (Advanced settings)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (docs.firecrawl.dev/webhooks/security)",
			Source:    "docs.firecrawl.dev/webhooks/security",
		},
		Sample: []byte(`{"success":true,"type":"crawl.page","id":"crawl-job-id","data":[{"markdown":"# Page","metadata":{"sourceURL":"https://example.com"}}]}`),
	}, bodyScheme(signatureFormat{Header: "X-Firecrawl-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Nango: X-Nango-Hmac-Sha256 = hex HMAC-SHA256(webhook signing key, body) (verifyIncomingWebhookRequest).
		Name: "nango",
		Doc: PresetDoc{
			Signature: "`X-Nango-Hmac-Sha256: <hex>`",
			Algorithm: "HMAC-SHA256, key = the environment's webhook signing key",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (NangoHQ/nango packages/node-client/lib/index.ts `verifyIncomingWebhookRequest`)",
			Source:    "NangoHQ/nango packages/node-client/lib/index.ts",
			Note: "The older `X-Nango-Signature` (SHA-256 of key and re-serialized JSON, deprecated by Nango as open to " +
				"length extension) is not accepted.",
		},
		Sample: []byte(`{"type":"sync","connectionId":"test-connection","providerConfigKey":"github","syncName":"issues","model":"Issue","responseResults":{"Issue":{"added":1,"updated":0,"deleted":0}},"syncType":"INCREMENTAL","modifiedAfter":"2026-01-01T00:00:00.000Z"}`),
	}, bodyScheme(signatureFormat{Header: "X-Nango-Hmac-Sha256", Encoding: encHex}, algSHA256)),
	{
		// Vapi: the server URL secret sent as it is in X-Vapi-Signature (option header: another header set as a custom credential).
		Name: "vapi", Options: []string{"header"},
		New: func(s Settings) (Verifier, error) {
			return newHeaderToken(vapiHeader(s), s.Secrets)
		},
		Signer: func(s Settings, m *Message) error { return signHeaderToken(vapiHeader(s))(s, m) },
		Doc: PresetDoc{
			Signature: "`X-Vapi-Signature: <secret>` (option `header`: the header of a custom credential)",
			Algorithm: "shared token: the server URL's `secret`, compared in constant time; body **not** covered",
			Signed:    "–",
			Identity:  "hash of the body",
			Vectors:   "computed (docs.vapi.ai/server-url/server-authentication \"Secret Token Authentication\")",
			Source:    "docs.vapi.ai/server-url/server-authentication",
			Note: "Vapi sends the server secret itself, which proves the sender knows it, not that the body is unchanged. " +
				"With a custom credential whose token travels in another header, configure that header with `header`.",
		},
		Sample: []byte(`{"message":{"type":"status-update","status":"ended","call":{"id":"call_1"}}}`),
	},
}

// vapiHeader is the header Vapi's token travels in: X-Vapi-Signature
// unless option header names another.
func vapiHeader(s Settings) string {
	if h := s.Options["header"]; h != "" {
		return h
	}
	return "X-Vapi-Signature"
}
