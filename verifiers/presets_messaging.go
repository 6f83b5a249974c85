package verifiers

// Declaration-only presets: chat, messaging, email and customer-support
// platforms. Each entry is a declaration over the shared engine (withScheme,
// bodyScheme, header tokens) with no code of its own; a provider with code
// of its own is declared at the top of its file, <provider>.go. Sources for
// every entry are in docs/providers.md and in the source field of its
// vectors in testdata/vectors/*.jsonl.

func init() {
	for _, p := range messagingPresets {
		register(p)
	}
}

var messagingPresets = []Preset{
	withScheme(Preset{
		// Slack: X-Slack-Signature: v0=<hex HMAC-SHA256("v0:ts:body")>, X-Slack-Request-Timestamp.
		Name: "slack", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:    "docs.slack.dev/authentication/verifying-requests-from-slack; slackapi/python-slack-sdk",
			Signature: "`X-Slack-Signature: v0=<hex>` + `X-Slack-Request-Timestamp`",
			Algorithm: "HMAC-SHA256",
			Signed:    "`v0:timestamp:body`",
			Identity:  "none",
			Vectors:   "sdk (python-slack-sdk, Slack doc values)",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-Slack-Signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "X-Slack-Request-Timestamp", Template: slackV0, Algorithm: algSHA256}),
	withScheme(Preset{
		// Intercom: X-Hub-Signature: sha1=<hex HMAC-SHA1(body)>, key = client_secret (or hub_secret).
		Name: "intercom", BodyID: "id",
		Doc: PresetDoc{
			Source:        "developers.intercom.com signed-notifications",
			Signature:     "`X-Hub-Signature: sha1=<hex>`",
			Algorithm:     "HMAC-SHA1, key = client_secret",
			Signed:        "body",
			UserAgentNote: "the doc's example UA is not enforced",
			Identity:      "body `id`",
			Vectors:       "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha1=", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Zendesk: X-Zendesk-Webhook-Signature: base64 HMAC-SHA256(timestamp+body), RFC 3339 timestamp header.
		Name: "zendesk", Tolerance: tolerance1h, LogIDHeader: "X-Zendesk-Webhook-Invocation-Id",
		Doc: PresetDoc{
			Source:        "developer.zendesk.com/documentation/webhooks/verifying/",
			Signature:     "`X-Zendesk-Webhook-Signature: <base64>` + `X-Zendesk-Webhook-Signature-Timestamp` (RFC 3339)",
			Algorithm:     "HMAC-SHA256, the secret used as a literal string",
			Signed:        "`timestamp+body` (current docs)",
			ToleranceNote: "hookgate's choice: Zendesk documents retries but neither their schedule nor whether each is signed afresh",
			Identity:      "`X-Zendesk-Webhook-Invocation-Id`",
			Vectors:       "computed; the old doc vector (body+timestamp) is recorded as refused",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-Zendesk-Webhook-Signature", Encoding: encBase64},
		TimestampHeader: "X-Zendesk-Webhook-Signature-Timestamp", TimeFormat: rfc3339,
		Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// LINE Messaging API: x-line-signature = base64 HMAC-SHA256(channel secret, body).
		Name: "line",
		Doc: PresetDoc{
			Source:        "developers.line.biz/en/docs/messaging-api/verify-webhook-signature",
			Signature:     "`x-line-signature: <base64>`",
			Algorithm:     "HMAC-SHA256, key = the channel secret",
			Signed:        "body",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from developers.line.biz verify-webhook-signature and line/line-bot-sdk-go `webhook.ValidateSignature`",
			AllowListNote: "LINE does not disclose its IP addresses",
		},
	}, bodyScheme(signatureFormat{Header: "x-line-signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Customer.io reporting webhooks: X-CIO-Signature = hex HMAC-SHA256(signing key, "v0:<ts>:body"), X-CIO-Timestamp.
		Name: "customerio", Tolerance: tolerance7d,
		Doc: PresetDoc{
			Source:        "docs.customer.io/api/webhooks",
			Signature:     "`X-CIO-Signature: <hex>`, `X-CIO-Timestamp: <unix>`",
			Algorithm:     "HMAC-SHA256, key = the reporting webhook signing key",
			Signed:        "`v0:<timestamp>:<body>`",
			ToleranceNote: "covers Customer.io's seven days of retries (docs.customer.io/api/webhooks, \"Timeouts and failures\"), which it does not say are signed afresh",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from customer.io/docs/api/webhooks",
			Note: "Customer.io: the stored docs page states an HMAC-SHA256 of the body with the signing key and the `X-CIO-Timestamp` header; the exact `v0:<timestamp>:<body>` layout is from its verification example as every implementation found reproduces it. " +
				"Customer.io retries a failed call for seven days and holds back the calls after it: the default tolerance covers that period, and `replay` (window of at least the tolerance) refuses a captured delivery sent again. " +
				"Only reporting webhooks are signed with your key; webhook actions in campaigns are not (Customer.io support). Customer.io publishes source IPs per region; they are not shipped.",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-CIO-Signature", Encoding: encHex},
		TimestampHeader: "X-CIO-Timestamp", Template: slackV0, Algorithm: algSHA256}),
	withScheme(Preset{
		// Discourse: X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)>.
		Name: "discourse", LogIDHeader: "X-Discourse-Event-Id",
		Doc: PresetDoc{
			Source:    "discourse/discourse spec/jobs/emit_web_hook_event_spec.rb",
			Signature: "`X-Discourse-Event-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body; `X-Discourse-Event-Id` for logs",
			Vectors:   "sdk-test (discourse/discourse `spec/jobs/emit_web_hook_event_spec.rb` with `spec/fabricators/web_hook_fabricator.rb`) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Discourse-Event-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Help Scout: X-HelpScout-Signature: <base64 HMAC-SHA1(webhook secret key, body)>.
		Name: "helpscout",
		Doc: PresetDoc{
			Source:    "helpscout/helpscout-api-php src/Webhooks/IncomingWebhook.php",
			Signature: "`X-HelpScout-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the webhook's secret key",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "sdk-test (helpscout/helpscout-api-php `examples/incoming_webhook.php`, checked by `src/Webhooks/IncomingWebhook.php`) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-HelpScout-Signature", Encoding: encBase64}, algSHA1)),
	withScheme(Preset{
		// Viber bots: X-Viber-Content-Signature: <hex HMAC-SHA256(bot auth token, body)>.
		Name: "viber",
		Doc: PresetDoc{
			Source:    "Viber/viber-bot-python viberbot/api/api.py",
			Signature: "`X-Viber-Content-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the bot's authentication token",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (Viber/viber-bot-python `viberbot/api/api.py` `verify_signature`, README)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Viber-Content-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Webex: X-Spark-Signature: <hex HMAC-SHA1(webhook secret, body)>.
		Name: "webex",
		Doc: PresetDoc{
			Source:    "developer.webex.com blog 'Using a Webhook Secret'",
			Signature: "`X-Spark-Signature: <hex>`",
			Algorithm: "HMAC-SHA1, key = the webhook's `secret`",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (developer.webex.com blog \"Using a Webhook Secret\"; docs/api/guides/webhooks)",
			Note:      "A webhook created without a `secret` is unsigned and refused. Webex Contact Center subscriptions sign otherwise and are not covered.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Spark-Signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// TikTok for Developers: TikTok-Signature: t=<unix>,s=<hex HMAC-SHA256(client secret, "t.body")>.
		Name: "tiktok", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`TikTok-Signature: t=..,s=<hex>`",
			Algorithm:     "HMAC-SHA256, key = the app's client secret",
			Signed:        "`t.body`",
			ToleranceNote: "hookgate's choice; TikTok leaves it to the app",
			Identity:      "hash of the signed content (events carry no ID)",
			Vectors:       "computed (developers.tiktok.com/doc/webhooks-verification)",
			Source:        "developers.tiktok.com/doc/webhooks-verification",
		},
		Sample: []byte(`{"client_key":"bwo2m45353a6k85","event":"authorization.removed","create_time":1615338610,"user_openid":"act.example12345Example12345Example","content":"{\"reason\": 1}"}`),
	}, hmacScheme{Signature: structuredFormat{Header: "TikTok-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "s", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Pusher Channels: X-Pusher-Signature = hex HMAC-SHA256(app secret, body); body time_ms within 5 minutes (pusher-http-python).
		Name: "pusher", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`X-Pusher-Signature: <hex>` (+ unsigned `X-Pusher-Key`, the app key)",
			Algorithm:     "HMAC-SHA256, key = the app secret",
			Signed:        "body; its `time_ms` (ms) is checked and must be present",
			ToleranceNote: "pusher-http-python `validate_webhook`, both directions",
			Identity:      "hash of the body",
			Vectors:       "computed (pusher/pusher-http-python `validate_webhook`)",
			Source:        "pusher/pusher-http-python pusher/authentication_client.py",
		},
		Sample: []byte(`{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"test_channel"}]}`),
	}, hmacScheme{Signature: signatureFormat{Header: "X-Pusher-Signature", Encoding: encHex},
		TimestampField: "time_ms", TimeFormat: unixMillis, Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Microsoft Teams outgoing webhooks: Authorization: HMAC <base64 HMAC-SHA256(base64-decoded security token, body)>.
		Name: "microsoft_teams",
		Doc: PresetDoc{
			Signature: "`Authorization: HMAC <base64>`",
			Algorithm: "HMAC-SHA256, key = the outgoing webhook's security token, base64-decoded (configure it as Teams shows it)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook)",
			Source:    "learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook",
			Note: "Teams shows the reply the app sends as the bot's answer in the channel: the app must answer within 5 seconds; " +
				"the gate passes its response through unchanged.",
		},
		Sample: []byte(`{"type":"message","id":"1485983408511","timestamp":"2017-02-01T21:10:07.437Z","text":"<at>Bot</at> hello","from":{"id":"29:1","name":"Tim"}}`),
	}, hmacScheme{Signature: signatureFormat{Header: "Authorization", Prefix: "HMAC ", Encoding: encBase64},
		Template: rawBody, Algorithm: algSHA256, Key: keyFormat{Decoding: keyBase64}}),
	withScheme(Preset{
		// Courier: courier-signature: t=<unix ms>,signature=<hex HMAC-SHA256(secret, t + body)> (no separator).
		Name: "courier", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`courier-signature: t=<unix ms>,signature=<hex>`",
			Algorithm:     "HMAC-SHA256, key = the outbound webhook's signing secret",
			Signed:        "timestamp then body, no separator",
			ToleranceNote: "hookgate's choice; Courier states none",
			Identity:      "hash of the signed content",
			Vectors:       "computed (courier.com/docs/platform/workspaces/outbound-webhooks \"Verifying Signatures\")",
			Source:        "courier.com/docs/platform/workspaces/outbound-webhooks",
			Note: "Courier lists the signed string as the timestamp followed by the body, with no separator (unlike Stripe's " +
				"`t.body`); its timestamp is in milliseconds.",
		},
		Sample: []byte(`{"type":"message:updated","data":{"id":"1-6143cf63-7d8bbb4e42d5b7f3f8c7a3a2","status":"DELIVERED"}}`),
	}, hmacScheme{Signature: structuredFormat{Header: "courier-signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "signature", Encoding: encHex},
		TimeFormat: unixMillis, Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
}
