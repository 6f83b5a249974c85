package verifiers

// Declaration-only presets: fintech, billing and card-issuing platforms
// added by issue 24 (the older payment providers are in
// presets_payments.go). Each entry is a declaration over the shared engine;
// sources are in the source field of its vectors in
// testdata/vectors/presets-e.jsonl.

func init() {
	for _, p := range fintechPresets {
		register(p)
	}
}

var fintechPresets = []Preset{
	withScheme(Preset{
		// Airwallex: x-signature = hex HMAC-SHA256(secret, x-timestamp + body), x-timestamp in unix ms.
		Name: "airwallex", Tolerance: tolerance5m, BodyID: "id",
		Doc: PresetDoc{
			Signature:     "`x-signature: <hex>` + `x-timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the notification URL's secret",
			Signed:        "timestamp then body, no separator",
			ToleranceNote: "hookgate's choice; Airwallex states none",
			Identity:      "body `id` (kept across retries)",
			Vectors:       "computed (airwallex.com/docs/developer-tools/webhooks/listen-for-webhook-events)",
			Source:        "airwallex.com/docs/developer-tools/webhooks/listen-for-webhook-events",
		},
		Sample: []byte(`{"id":"evt_hkdmn8nqrwqkz5kh9v3m","name":"payment_intent.succeeded","account_id":"acct_1","data":{"object":{"id":"int_1"}},"created_at":"2026-01-01T00:00:00+0000"}`),
	}, hmacScheme{Signature: signatureFormat{Header: "x-signature", Encoding: encHex},
		TimestampHeader: "x-timestamp", TimeFormat: unixMillis, Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Orb: X-Orb-Signature: v1=<hex HMAC-SHA256("v1:" + X-Orb-Timestamp + ":" + body)> (space-separated), 5 minutes (orb-python).
		Name: "orb", Tolerance: tolerance5m, BodyID: "id",
		Doc: PresetDoc{
			Signature:     "`X-Orb-Signature: v1=<hex> …` + `X-Orb-Timestamp: <ISO 8601, UTC when no zone>`",
			Algorithm:     "HMAC-SHA256, key = the webhook secret as it is",
			Signed:        "`v1:` + timestamp + `:` + body",
			ToleranceNote: "orb-python `verify_signature`, both directions",
			Identity:      "body `id`",
			Vectors:       "sdk-test (orbcorp/orb-python tests/api_resources/test_webhooks.py) + computed",
			Source:        "orbcorp/orb-python src/orb/resources/webhooks.py, tests/api_resources/test_webhooks.py",
		},
		Sample: []byte(`{"id":"o4mmewpfNNTnjfZc","created_at":"2024-03-27T15:42:29+00:00","type":"resource_event.test","properties":{"message":"A test webhook from Orb. Happy testing!"}}`),
	}, hmacScheme{Signature: structuredFormat{Header: "X-Orb-Signature", ItemSep: ' ', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		TimestampHeader: "X-Orb-Timestamp", TimeFormat: isoUTC, Template: template{lit("v1:"), timestampPart, lit(":"), bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// FastSpring: X-FS-Signature = base64 HMAC-SHA256(HMAC SHA256 Secret, body).
		Name: "fastspring",
		Doc: PresetDoc{
			Signature: "`X-FS-Signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = the webhook's HMAC SHA256 Secret",
			Signed:    "body",
			Identity:  "hash of the body (a delivery carries an `events` array)",
			Vectors:   "computed (developer.fastspring.com/reference/message-security)",
			Source:    "developer.fastspring.com/reference/message-security",
		},
		Sample: []byte(`{"events":[{"id":"6ezrPTTuQTqYDoC1GzX2sw","live":false,"processed":false,"type":"order.completed","created":1700000000000,"data":{"order":"nlc1"}}]}`),
	}, bodyScheme(signatureFormat{Header: "X-FS-Signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Alchemy Notify: X-Alchemy-Signature = hex HMAC-SHA256(the webhook's signing key, body).
		Name: "alchemy", BodyID: "id",
		Doc: PresetDoc{
			Signature: "`X-Alchemy-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's signing key as it is (`whsec_…`, not decoded)",
			Signed:    "body",
			Identity:  "body `id` (the event, `whevt_…`)",
			Vectors:   "computed (alchemyplatform/webhook-examples node-express/src/webhooksUtil.ts)",
			Source:    "alchemyplatform/webhook-examples node-express/src/webhooksUtil.ts",
		},
		Sample: []byte(`{"webhookId":"wh_octjglnywaupz6th","id":"whevt_ogrc5v64myey69ux","createdAt":"2026-01-01T00:00:00.000Z","type":"ADDRESS_ACTIVITY","event":{"network":"ETH_MAINNET","activity":[]}}`),
	}, bodyScheme(signatureFormat{Header: "X-Alchemy-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Rutter: X-Rutter-Signature: sha256=<base64 HMAC-SHA256(client secret, body)>.
		Name: "rutter",
		Doc: PresetDoc{
			Signature: "`X-Rutter-Signature: sha256=<base64>`",
			Algorithm: "HMAC-SHA256, key = the organization's client secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (docs.rutterapi.com/docs/webhook-security)",
			Source:    "docs.rutterapi.com/docs/webhook-security",
		},
		Sample: []byte(`{"type":"CONNECTION","code":"INITIAL_UPDATE","connection_id":"00000000-0000-0000-0000-000000000000","access_token":"redacted"}`),
	}, bodyScheme(signatureFormat{Header: "X-Rutter-Signature", Prefix: "sha256=", Encoding: encBase64}, algSHA256)),
}
