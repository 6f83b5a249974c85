package verifiers

// Declaration-only presets of providers that deliver with Standard Webhooks
// or Svix (webhook-* or svix-* headers, `id.timestamp.body`), each under
// the name its users know, with its own header names, key format and
// defaults. The scheme's own presets (standard_webhooks, svix, clerk,
// resend) are in standard_webhooks.go. Sources: the source field of each
// preset's vectors in testdata/vectors/presets-e.jsonl.

func init() {
	for _, p := range standardPresets {
		register(p)
	}
}

// webhookHeaders is Standard Webhooks through the engine, for providers
// whose SDKs turn the secret into a key their own way (OpenAI, Polar):
// webhook-signature `v1,<base64>` items (space-separated) over
// `webhook-id.webhook-timestamp.body`.
func webhookHeaders(key keyFormat) hmacScheme {
	return hmacScheme{Signature: structuredFormat{Header: "webhook-signature", ItemSep: ' ', KeySep: ',', SignatureKey: "v1", Encoding: encBase64},
		TimestampHeader: "webhook-timestamp", IDHeader: "webhook-id", Template: idTimestampBody, Algorithm: algSHA256, Key: key}
}

var standardPresets = []Preset{
	withScheme(Preset{
		// OpenAI: Standard Webhooks headers; the SDKs decode whsec_<base64> and use any other secret as it is.
		Name: "openai", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`webhook-signature: v1,<b64> …` + `webhook-id`, `webhook-timestamp`",
			Algorithm:     "HMAC-SHA256, key = base64 after `whsec_`; a secret without the prefix is used as it is (as openai-python does)",
			Signed:        "`id.timestamp.body`",
			ToleranceNote: "openai-python `verify_signature` default, both directions",
			Identity:      "`webhook-id`",
			Vectors:       "sdk-test (openai/openai-python tests/lib/test_webhooks.py) + computed",
			Source:        "openai/openai-python src/openai/lib/_webhooks.py, tests/lib/test_webhooks.py",
		},
		Sample: []byte(`{"id":"evt_685c059ae3a481909bdc86819b066fb6","object":"event","created_at":1750861210,"type":"response.completed","data":{"id":"resp_123"}}`),
	}, webhookHeaders(keyFormat{Decoding: keyBase64IfPrefixed, Prefix: "whsec_"})),
	withScheme(Preset{
		// Polar: Standard Webhooks headers; polar-sdk base64-encodes the secret string before the standardwebhooks library decodes it: the key is the secret's bytes.
		Name: "polar", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature: "`webhook-signature: v1,<b64> …` + `webhook-id`, `webhook-timestamp`",
			Algorithm: "HMAC-SHA256, key = the webhook secret's bytes as they are (polar-sdk `validate_event` base64-encodes it for the standardwebhooks library)",
			Signed:    "`id.timestamp.body`",
			Identity:  "`webhook-id`",
			Vectors:   "computed (polarsource/polar-python `validate_event`)",
			Source:    "polarsource/polar-python src/polar_sdk/_webhooks/__init__.py",
		},
		Sample: []byte(`{"type":"order.paid","timestamp":"2026-01-01T00:00:00Z","data":{"id":"b0b7e6a1-9a0e-4d7e-8c59-3c1a2f7d9e10"}}`),
	}, webhookHeaders(keyFormat{Decoding: keyUTF8})),
	{
		// Lithic: Standard Webhooks (webhook-* headers, whsec_ secret), checked with the standardwebhooks library.
		Name: "lithic", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "as standard_webhooks (`webhook-*` headers)",
			Algorithm: "HMAC-SHA256, key = base64 after `whsec_`",
			Signed:    "`id.timestamp.body`",
			Identity:  "`webhook-id`",
			Vectors:   "sdk-test (lithic-com/lithic-python tests/api_resources/test_webhooks.py)",
			Source:    "lithic-com/lithic-python src/lithic/resources/webhooks.py, tests/api_resources/test_webhooks.py",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
	{
		// Replicate: Standard Webhooks (webhook-* headers, whsec_ secret; webhook-id is kept across retries).
		Name: "replicate", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature:     "as standard_webhooks (`webhook-*` headers)",
			Algorithm:     "HMAC-SHA256, key = base64 after `whsec_`",
			Signed:        "`id.timestamp.body`",
			ToleranceNote: "Standard Webhooks' default; replicate-javascript's `validateWebhook` checks no timestamp",
			Identity:      "`webhook-id` (the same on retries)",
			Vectors:       "sdk-test (replicate/replicate-javascript index.test.ts) + computed",
			Source:        "replicate.com/docs/topics/webhooks/verify-webhook; replicate/replicate-javascript lib/util.js",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
	{
		// Brex: Webhook-Id/-Timestamp/-Signature; the secrets from GET /v1/webhooks/secrets are base64 without a prefix.
		Name: "brex", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature:     "`Webhook-Signature: v1,<b64> …` (two during a key rotation) + `Webhook-Id`, `Webhook-Timestamp`",
			Algorithm:     "HMAC-SHA256, key = the base64 secret from `GET /v1/webhooks/secrets`, decoded (configure every ACTIVE and PENDING_REVOKE secret)",
			Signed:        "`id.timestamp.body`",
			ToleranceNote: "Standard Webhooks' default; Brex states none",
			Identity:      "`Webhook-Id`",
			Vectors:       "computed (developer.brex.com/docs/webhooks)",
			Source:        "developer.brex.com/docs/webhooks; developer.brex.com/openapi/webhooks_api",
			Note: "Brex's page gives the headers and the rotation of two secrets; the `id.timestamp.body` content and the " +
				"base64-decoded key come from trigger.dev's Brex example, not from a readable copy of Brex's own; send a test event to confirm.",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
	{
		// incident.io: delivered by Svix with webhook-* headers.
		Name: "incident_io", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "as standard_webhooks (`webhook-*` headers)",
			Algorithm: "HMAC-SHA256, key = base64 after `whsec_` (the endpoint's Signing secret)",
			Signed:    "`id.timestamp.body`",
			Identity:  "`webhook-id`",
			Vectors:   "computed (docs.incident.io/api-reference/webhooks)",
			Source:    "docs.incident.io/api-reference/webhooks",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
	{
		// Stytch: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "stytch", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "as svix (`svix-*` headers)",
			Algorithm: "HMAC-SHA256, key = base64 after `whsec_`",
			Signed:    "`id.timestamp.body`",
			Identity:  "`svix-id`",
			Vectors:   "computed (stytch.com/docs/b2b/guides/webhooks: \"powered through Svix\")",
			Source:    "stytch.com/docs/b2b/guides/webhooks (Svix: svix/svix-webhooks)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	{
		// Sardine Payments (NFT checkout, payouts): Standard Webhooks headers, whsec_ secret.
		Name: "sardine", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "as standard_webhooks (`webhook-*` headers)",
			Algorithm: "HMAC-SHA256, key = base64 after `whsec_` (the signing_secret from Sardine)",
			Signed:    "`id.timestamp.body`",
			Identity:  "`webhook-id`",
			Vectors:   "computed (docs.payments.sardine.ai/guides/integration/nftCheckout/webhooks)",
			Source:    "docs.payments.sardine.ai/guides/integration/nftCheckout/webhooks",
			Note:      "This covers Sardine's payments webhooks (checkout and payouts), as Sardine documents them.",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
}
