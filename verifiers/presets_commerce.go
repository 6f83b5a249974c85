package verifiers

// Declaration-only presets: shop systems, shipping and tracking,
// memberships. Each entry is a declaration over the shared engine
// (withScheme, bodyScheme, header tokens) with no code of its own; a
// provider with code of its own is declared at the top of its file,
// <provider>.go. Sources for every entry are in docs/providers.md and in the
// source field of its vectors in testdata/vectors/*.jsonl.

func init() {
	for _, p := range commercePresets {
		register(p)
	}
}

var commercePresets = []Preset{
	withScheme(Preset{
		// Patreon: X-Patreon-Signature = hex HMAC-MD5(webhook secret, body).
		Name: "patreon",
		Doc: PresetDoc{
			Source:    "Patreon/patreon-wordpress classes/patreon_routing.php",
			Signature: "`X-Patreon-Signature: <hex>`",
			Algorithm: "HMAC-MD5, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from Patreon/patreon-wordpress classes/patreon_routing.php",
			Note:      "Patreon: HMAC-MD5 is what Patreon sends; as a MAC it still authenticates, but it is the weakest algorithm in the catalogue.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Patreon-Signature", Encoding: encHex}, algMD5)),
	withEasyPostWeights(withScheme(Preset{
		// EasyPost: X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256(NFKD(webhook secret), body)>.
		Name: "easypost", BodyID: "id",
		Doc: PresetDoc{
			Source:    "EasyPost/easypost-python easypost/util.py validate_webhook",
			Signature: "`X-Hmac-Signature: hmac-sha256-hex=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook secret (UTF-8 of its NFKD form)",
			Signed:    "body (or the body with `.0` restored after integer `weight` values, as @easypost/api verifies)",
			Identity:  "body `id` (the event ID)",
			Vectors:   "computed (EasyPost/easypost-python `easypost/util.py` `validate_webhook`)",
			Note: "EasyPost signs a whole-number `weight` as a float (`17.0`) but may send it as an integer (`17`): a body whose HMAC does not match is tried once more with `.0` restored after every integer `weight` value, " +
				"exactly as @easypost/api's `validateWebhook` rewrites it (easypost-go and easypost-python hash the raw body, which is tried first); the app receives the body as sent, and the event `id`, which the rewrite never touches, stays the replay identity. " +
				"EasyPost's SDKs key the HMAC with the NFKD normalisation of the webhook secret. The gate uses the secret " +
				"as configured: an ASCII secret is its own NFKD form; a secret with other characters must be configured in " +
				"its NFKD form.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hmac-Signature", Prefix: "hmac-sha256-hex=", Encoding: encHex}, algSHA256))),
	withScheme(Preset{
		// AfterShip Tracking: aftership-hmac-sha256: <base64 HMAC-SHA256(webhook secret, body)>.
		Name: "aftership",
		Doc: PresetDoc{
			Source:    "aftership.com/docs/tracking/webhook/webhook-signature",
			Signature: "`aftership-hmac-sha256: <base64>`",
			Algorithm: "HMAC-SHA256, key = the account's webhook secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (aftership.com/docs/tracking/webhook/webhook-signature)",
			Note:      "AfterShip's other products (Returns, Warranty) sign with other headers (`as-signature-hmac-sha256`); this preset is AfterShip Tracking's.",
		},
	}, bodyScheme(signatureFormat{Header: "aftership-hmac-sha256", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Shopware apps: shopware-shop-signature: <hex HMAC-SHA256(shop secret, body)>.
		Name: "shopware",
		Doc: PresetDoc{
			Source:    "shopware/app-php-sdk src/Authentication/RequestVerifier.php",
			Signature: "`shopware-shop-signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the shop secret exchanged at app registration",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (shopware/app-php-sdk `src/Authentication/RequestVerifier.php` `authenticatePostRequest`)",
			Note: "For app webhooks (POST) only. During a shop-secret rotation Shopware also sends " +
				"`shopware-shop-signature-previous`; configure both secrets instead, the gate accepts either in " +
				"`shopware-shop-signature`.",
		},
	}, bodyScheme(signatureFormat{Header: "shopware-shop-signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Commerce Layer: X-CommerceLayer-Signature = base64 HMAC-SHA256(shared_secret, body).
		Name: "commercelayer",
		Doc: PresetDoc{
			Signature: "`X-CommerceLayer-Signature: <base64>` (+ unsigned `X-CommerceLayer-Topic`)",
			Algorithm: "HMAC-SHA256, key = the webhook's `shared_secret`",
			Signed:    "body",
			Identity:  "hash of the body (`data.id` names the resource, not the event)",
			Vectors:   "computed (docs.commercelayer.io/developers/callbacks-security)",
			Source:    "docs.commercelayer.io/developers/callbacks-security",
		},
		Sample: []byte(`{"data":{"id":"wBXVhKzrzL","type":"orders","attributes":{"number":"1234","status":"placed"}}}`),
	}, bodyScheme(signatureFormat{Header: "X-CommerceLayer-Signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Bolt: X-Bolt-Hmac-Sha256 = base64 HMAC-SHA256(signing secret, body).
		Name: "bolt",
		Doc: PresetDoc{
			Signature: "`X-Bolt-Hmac-Sha256: <base64>`",
			Algorithm: "HMAC-SHA256, key = the merchant's Signing Secret (Administration > API)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (help.bolt.com/developers/webhooks/hook-verification)",
			Source:    "help.bolt.com/developers/webhooks/hook-verification",
		},
		Sample: []byte(`{"type":"payment","object":"transaction","data":{"id":"TAe8Kx5z1Fq3v","reference":"LBLJ-TWWR-R5XG","status":"completed"}}`),
	}, bodyScheme(signatureFormat{Header: "X-Bolt-Hmac-Sha256", Encoding: encBase64}, algSHA256)),
	{
		// BigCommerce: nothing is signed; the webhook's custom `headers` carry a value of your choice (option header names it).
		Name: "bigcommerce", Options: []string{"header"}, RequiredOptions: []string{"header"},
		New: func(s Settings) (Verifier, error) {
			return newHeaderToken(s.Options["header"], s.Secrets)
		},
		Signer: func(s Settings, m *Message) error { return signHeaderToken(s.Options["header"])(s, m) },
		Doc: PresetDoc{
			Signature: "the custom header named by option `header`, set in the webhook's `headers`",
			Algorithm: "shared token (the header's value), compared in constant time; body **not** covered",
			Signed:    "–",
			Identity:  "hash of the body",
			Vectors:   "computed (developer.bigcommerce.com/docs/integrations/webhooks/http \"Creating a webhook\": `headers`)",
			Source:    "developer.bigcommerce.com/docs/integrations/webhooks/http",
			Note: "BigCommerce signs nothing. Create the webhook with a custom header carrying a long random value " +
				"in its `headers`, configure that header's name as `header` and the value as the secret. " +
				"The body's `hash` repeats when a hook fires twice for one event, but it is not signed: the app may use it.",
		},
		Sample: []byte(`{"store_id":"11111","producer":"stores/abcde","scope":"store/order/statusUpdated","data":{"type":"order","id":173331},"hash":"3f9ea420af83450d7ef9f78b08c8af25b2213637"}`),
	},
}
