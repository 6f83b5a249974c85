package verifiers

// Declaration-only presets: productivity, forms, scheduling, content,
// identity and data platforms. Each entry is a declaration over the shared
// engine (withScheme, bodyScheme, header tokens) with no code of its own; a
// provider with code of its own is declared at the top of its file,
// <provider>.go. Sources for every entry are in docs/providers.md and in the
// source field of its vectors in testdata/vectors/*.jsonl.

func init() {
	for _, p := range saasPresets {
		register(p)
	}
}

var saasPresets = []Preset{
	withScheme(Preset{
		// Typeform: Typeform-Signature: sha256=<base64 HMAC-SHA256(body)>.
		Name: "typeform", BodyID: "event_id",
		Doc: PresetDoc{
			Source:    "typeform.com/developers/webhooks/secure-your-webhooks",
			Signature: "`Typeform-Signature: sha256=<base64>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "body `event_id`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "Typeform-Signature", Prefix: "sha256=", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Asana: X-Hook-Signature: <hex HMAC-SHA256(body)>, key = the X-Hook-Secret of the handshake
		// (the handshake itself is not answered by the gate: see docs/presets.md).
		Name: "asana",
		Doc: PresetDoc{
			Source:    "developers.asana.com/reference/createwebhook",
			Signature: "`X-Hook-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the X-Hook-Secret from the handshake",
			Signed:    "body",
			Handshake: "not answered by the gate (see the notes in docs/presets.md)",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Calendly: Calendly-Webhook-Signature: t=..,v1=<hex HMAC-SHA256("t.body")>.
		Name: "calendly", Tolerance: tolerance25h,
		Doc: PresetDoc{
			Source:        "developer.calendly.com/api-docs/overview/webhooks/webhook-signatures",
			Signature:     "`Calendly-Webhook-Signature: t=..,v1=<hex>`",
			Algorithm:     "HMAC-SHA256",
			Signed:        "`t.body`",
			ToleranceNote: "covers Calendly's 24 h of retries (developer.calendly.com webhook-errors), which Calendly does not say are signed afresh",
			Identity:      "hash of the body",
			Vectors:       "computed",
			Note:          "Calendly retries a failed delivery for 24 hours with exponential back-off and does not say whether a retry carries a new `t`: the default tolerance covers the whole period, and `replay` (with a window of at least 25 h) refuses a captured delivery sent again within it.",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Calendly-Webhook-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// WorkOS: WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256("t.body")>, 3 minutes (workos-go).
		Name: "workos", Tolerance: tolerance3m, BodyID: "id",
		Doc: PresetDoc{
			Source:        "workos/workos-go webhook_verification.go",
			Signature:     "`WorkOS-Signature: t=<unix ms>, v1=<hex>`",
			Algorithm:     "HMAC-SHA256, key = the webhook secret",
			Signed:        "`t.body`",
			ToleranceNote: "workos-go `NewWebhookVerifier` default, both directions",
			Identity:      "body `id` (the event ID)",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from workos/workos-go webhook_verification.go (its tests sign at run time)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "WorkOS-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		TimeFormat: unixMillis, Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Mux: Mux-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>, the signing secret as is.
		Name: "mux", Tolerance: tolerance5m, BodyID: "id",
		Sample: []byte(`{"type":"video.asset.ready","id":"3a56ac3d-33da-4366-855b-f592d898409d","object":{"type":"asset","id":"asset_1"}}`),
		Doc: PresetDoc{
			Source:        "muxinc/mux-node-sdk src/resources/webhooks/webhooks.ts",
			Signature:     "`Mux-Signature: t=<unix>,v1=<hex>[,v1=<hex>]`",
			Algorithm:     "HMAC-SHA256, key = the webhook signing secret",
			Signed:        "`t.body`",
			ToleranceNote: "muxinc/mux-node-sdk `verifySignature`",
			Identity:      "body `id` (the event ID)",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from muxinc/mux-node-sdk src/resources/webhooks/webhooks.ts",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Mux-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Webflow: x-webflow-signature = hex HMAC-SHA256(client secret, "<ms>:" + body), x-webflow-timestamp, 5 minutes.
		Name: "webflow", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "developers.webflow.com/data/docs/working-with-webhooks",
			Signature:     "`x-webflow-signature: <hex>`, `x-webflow-timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the OAuth app's client secret (or the webhook's secret)",
			Signed:        "`<timestamp>:<body>`",
			ToleranceNote: "Webflow's docs: older than 5 minutes may be a replay",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from developers.webflow.com verifying-webhook-signatures and webflow/js-webflow-api `verifySignature`",
			Note:          "Webflow: only webhooks created by an OAuth app (or through the API with a secret) are signed; a webhook made in the site dashboard carries no signature and is refused.",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "x-webflow-signature", Encoding: encHex},
		TimestampHeader: "x-webflow-timestamp", TimeFormat: unixMillis, Template: template{timestampPart, lit(":"), bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Onfido (Entrust): X-SHA2-Signature = hex HMAC-SHA256(webhook token, body).
		Name: "onfido",
		Doc: PresetDoc{
			Source:    "documentation.identity.entrust.com/api/manual-webhook-signature-verification",
			Signature: "`X-SHA2-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's token",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from documentation.identity.entrust.com manual-webhook-signature-verification",
		},
	}, bodyScheme(signatureFormat{Header: "X-SHA2-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// ClickUp: X-Signature = hex HMAC-SHA256(webhook secret, body).
		Name: "clickup",
		Doc: PresetDoc{
			Source:    "developer.clickup.com/docs/webhooksignature",
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's `secret`",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from developer.clickup.com webhook signature (its example signature is truncated, not a vector)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Cal.com: X-Cal-Signature-256 = hex HMAC-SHA256(webhook secret, body).
		Name: "calcom",
		Doc: PresetDoc{
			Source:    "calcom/cal.com packages/features/webhooks/lib/sendPayload.ts",
			Signature: "`X-Cal-Signature-256: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from calcom/cal.com packages/features/webhooks/lib/sendPayload.ts",
			Note:      "Cal.com: a webhook without a secret is sent with `X-Cal-Signature-256: no-secret-provided`, which is refused; configure a secret in Cal.com.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Cal-Signature-256", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Sanity: sanity-webhook-signature: t=<unix ms>,v1=<base64url HMAC-SHA256("t.body")>.
		Name: "sanity", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "sanity-io/webhook-toolkit src/signature.ts",
			Signature:     "`sanity-webhook-signature: t=<unix ms>,v1=<base64url>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret",
			Signed:        "`t.body`",
			ToleranceNote: "covers Sanity's retries, twice at 30-second intervals (sanity.io changelog, 2026-04-29); @sanity/webhook checks no age",
			Identity:      "hash of the body",
			Vectors:       "sdk-test (sanity-io/webhook-toolkit test/signature.test.ts) and computed (testdata/vectors/presets-a.jsonl)",
			Note:          "Sanity: the signature is unpadded base64url, decoded strictly: a copy whose last character differs only in the unused bits is refused.",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "sanity-webhook-signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encBase64URL},
		TimeFormat: unixMillis, Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Segment Webhooks and Webhooks (Actions) destinations: X-Signature = hex HMAC-SHA1(shared secret, body);
		// Actions batches are signed over their first event only (support.twilio.com article 51193799782171) and refused.
		Name: "segment", BodyID: "messageId",
		Doc: PresetDoc{
			Source:    "segmentio/segment-docs src/connections/destinations/catalog/webhooks/index.md; support.twilio.com article 51193799782171",
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA1, key = the destination's shared secret",
			Signed:    "body",
			Identity:  "body `messageId` (Segment's message ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Segment signs only when the destination has a shared secret (advanced settings). Its docs' example recomputes the digest over `JSON.stringify(req.body)`; the gate checks the bytes received, which is what Segment signs. Webhooks (Actions) destinations sign too, with the same header and key, when a shared secret is set; with batching on, Segment signs only the first event of the batch (Twilio support article 51193799782171, \"How Segment Computes x-signature for Batched Webhooks\"), so a batch's signature matches no body the gate receives and is refused: the other events would be unsigned. Turn batching off for a destination behind the gate.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Notion: X-Notion-Signature: sha256=<hex HMAC-SHA256(verification_token, body)>.
		Name: "notion", BodyID: "id",
		Doc: PresetDoc{
			Source:    "developers.notion.com/reference/webhooks",
			Signature: "`X-Notion-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the subscription's `verification_token`",
			Signed:    "body",
			Handshake: "none: the one-time `verification_token` POST is not answered (see the note)",
			Identity:  "body `id` (the event ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "When a subscription is created Notion POSTs a one-time, unsigned `{\"verification_token\": \"...\"}` to the endpoint; a person must paste that token back into the integration's settings, and it then keys every signature. The gate cannot complete that step (it is not a challenge it could answer, and the POST is unsigned, so the gate refuses it as missing_signature). Receive the token once without the gate (or read it from the app's logs with the route temporarily not verifying), then configure it as the secret.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Notion-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Airtable: X-Airtable-Content-MAC: hmac-sha256=<hex HMAC-SHA256(base64-decoded macSecretBase64, body)>.
		Name: "airtable",
		Doc: PresetDoc{
			Source:    "airtable.com/developers/web/api/webhooks-overview#webhook-notification-delivery",
			Signature: "`X-Airtable-Content-MAC: hmac-sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the base64 `macSecretBase64` returned when the webhook was created, decoded (configure it as returned)",
			Signed:    "body",
			Identity:  "hash of the body (a notification ping carries the base and webhook IDs and a timestamp, no event ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Airtable's notification is a ping: the app fetches the changes with the list-webhook-payloads API. Airtable's docs compute the MAC after `hmac.update(body, 'ascii')`; ping bodies are ASCII, where this is the raw body.",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-Airtable-Content-MAC", Prefix: "hmac-sha256=", Encoding: encHex},
		Template: rawBody, Algorithm: algSHA256, Key: keyFormat{Decoding: keyBase64}}),
	withScheme(Preset{
		// Frame.io: X-Frameio-Signature: v0=<hex HMAC-SHA256("v0:" + X-Frameio-Request-Timestamp + ":" + body)>.
		Name: "frameio", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "developer.frame.io/platform/docs/guides/webhooks#verifying-webhook-signatures",
			Signature:     "`X-Frameio-Signature: v0=<hex>`, `X-Frameio-Request-Timestamp: <unix seconds>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's signing secret",
			Signed:        "`v0:<timestamp>:<body>`",
			ToleranceNote: "Frame.io's docs advise refusing requests older than 5 minutes",
			Identity:      "hash of the body (no event ID in the payload)",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-Frameio-Signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "X-Frameio-Request-Timestamp", Template: slackV0, Algorithm: algSHA256}),
	withScheme(Preset{
		// Attio: Attio-Signature (and X-Attio-Signature, identical): <hex HMAC-SHA256(webhook secret, body)>.
		Name: "attio", LogIDHeader: "Idempotency-Key",
		Doc: PresetDoc{
			Source:    "docs.attio.com/rest-api/how-to/webhooks",
			Signature: "`Attio-Signature: <hex>` (`X-Attio-Signature` carries the same value and is not read)",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body; `Idempotency-Key` (same across retries) for logs",
			Vectors:   "computed (docs.attio.com/rest-api/how-to/webhooks, \"Authenticating\")",
		},
	}, bodyScheme(signatureFormat{Header: "Attio-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Tally (forms): Tally-Signature = base64 HMAC-SHA256(signing secret, body).
		Name: "tally", BodyID: "eventId",
		Doc: PresetDoc{
			Signature: "`Tally-Signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = the webhook's signing secret",
			Signed:    "body",
			Identity:  "body `eventId`",
			Vectors:   "computed (tally.so/help/webhooks \"Add a signing secret\")",
			Source:    "tally.so/help/webhooks",
			Note: "Tally's page names the header and HMAC-SHA256 of the payload; the base64 encoding is what third-party " +
				"implementations (hookdeck/webhook-skills) use, as no copy of Tally's own example could be read: send a test submission to confirm.",
		},
		Sample: []byte(`{"eventId":"a4cb511e-d513-4fa5-baee-b815d718dfd1","eventType":"FORM_RESPONSE","createdAt":"2023-06-28T15:00:21.889Z","data":{"responseId":"2wgx4n","formId":"VwbNEw","fields":[]}}`),
	}, bodyScheme(signatureFormat{Header: "Tally-Signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Front rule webhooks: X-Front-Signature = base64 HMAC-SHA1(API secret, body).
		Name: "frontapp",
		Doc: PresetDoc{
			Signature: "`X-Front-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the company's API secret (Settings > Plugins & API > API)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (dev.frontapp.com/docs/rule-webhooks \"Validating Data Integrity\")",
			Source:    "dev.frontapp.com/docs/rule-webhooks",
			Note: "This is Front's rule webhooks. Front's application webhooks sign `timestamp:body` with HMAC-SHA256 and " +
				"require an `x-front-challenge` answer whose format Front's pages do not state: they are not covered.",
		},
		Sample: []byte(`{"_links":{"self":"https://api2.frontapp.com/events/evt_55c8c149"},"id":"evt_55c8c149","type":"assign","emitted_at":1453770984.123}`),
	}, bodyScheme(signatureFormat{Header: "X-Front-Signature", Encoding: encBase64}, algSHA1)),
	withScheme(Preset{
		// Castle: X-Castle-Signature = base64 HMAC-SHA256(API secret, body).
		Name: "castle",
		Doc: PresetDoc{
			Signature: "`X-Castle-Signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = the Castle API secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (castle/docs source/getting-started/webhooks.rst \"Securing webhooks\")",
			Source:    "castle/docs source/getting-started/webhooks.rst",
		},
		Sample: []byte(`{"api_version":"v1","app_id":"368721375658952","type":"$incident.confirmed","created_at":"2021-02-24T21:39:33.495Z","data":{"id":"P2lbg8_UdnSTVmK0g2DeOjREKc91","user_id":"1234"}}`),
	}, bodyScheme(signatureFormat{Header: "X-Castle-Signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Veriff: X-HMAC-SIGNATURE = hex HMAC-SHA256(shared secret key, body); X-AUTH-CLIENT is the (public) API key.
		Name: "veriff",
		Doc: PresetDoc{
			Signature: "`X-HMAC-SIGNATURE: <hex>` (+ unsigned `X-AUTH-CLIENT`, the API key)",
			Algorithm: "HMAC-SHA256, key = the integration's shared secret key",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (devdocs.veriff.com/docs/hmac-authentication-and-endpoint-security, webhooks-guide)",
			Source:    "devdocs.veriff.com/docs/hmac-authentication-and-endpoint-security",
			Note: "Veriff's page names the header and the HMAC-SHA256 of the payload with the shared secret key; the digest's " +
				"encoding is not stated on the pages that could be read: the gate expects hex; send a test webhook to confirm. " +
				"Veriff's Feedback API signs in `VRF-HMAC-SIGNATURE` instead: not covered.",
		},
		Sample: []byte(`{"status":"success","verification":{"id":"12df6045-3846-3e45-946a-14fa6136d78b","code":9001,"status":"approved","decisionTime":"2026-01-01T00:00:00.000Z"}}`),
	}, bodyScheme(signatureFormat{Header: "X-HMAC-SIGNATURE", Encoding: encHex}, algSHA256)),
}
