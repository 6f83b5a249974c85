package verifiers

// The preset catalogue: one entry per provider, with its published
// defaults. Schemes with code of their own live in their own files
// (payone.go, cardknox.go, ...); the rest are declarations over the engine.
//
// Sources for every entry are in PROVIDERS.md and testdata/vectors.

func init() {
	for _, p := range presets {
		register(p)
	}
}

var presets = []Preset{
	{
		// PAYONE TransactionStatus: form field key = md5(portal key).
		Name:      "payone",
		AllowIP:   []string{"185.60.20.0/24"},
		UserAgent: "PAYONE FinanceGate",
		Options:   []string{"portal_id", "aid"},
		New:       newPayone,
		Signer:    signPayone,
		AckBody:   "TSOK", // PAYONE retries until the answer is TSOK
		Sample:    []byte("txaction=paid&portalid=2012345&aid=12345&txid=1000&sequencenumber=1&mode=test&clearingtype=cc&price=1.00&currency=EUR"),
	},
	{
		// Cardknox (Sola): ck-signature = md5(sorted form values + PIN).
		Name:    "cardknox",
		AllowIP: nil, // Cardknox's published hosts changed between doc revisions; set allow_ip yourself.
		New:     newCardknox,
		Signer:  signCardknox,
		Sample:  []byte("xResult=A&xStatus=Approved&xRefNum=1000001&xAmount=1.00&xCommand=cc%3Asale"),
	},
	{
		// KKiaPay: the dashboard's hash secret, sent verbatim in x-kkiapay-secret.
		Name: "kkiapay",
		New: func(s Settings) (Verifier, error) {
			return newHeaderToken("x-kkiapay-secret", s.Secrets)
		},
		Signer: signHeaderToken("x-kkiapay-secret"),
		// No ID: the body is unsigned and transactionId names a transaction,
		// not an event (transaction.failed and .success share it); the body
		// fingerprint tells KKiaPay's retries of one event apart from others.
	},
	{
		// Checkout.com: Cko-Signature = hex HMAC-SHA256(signature key, raw body);
		// option authorization also requires the static Authorization key.
		Name:          "checkout_com",
		Options:       []string{"authorization"},
		SecretOptions: []string{"authorization"},
		New: func(s Settings) (Verifier, error) {
			sig, err := bodyScheme(checkoutFormat, algSHA256).New(s)
			if err != nil || s.Options["authorization"] == "" {
				return sig, err
			}
			auth, err := newHeaderToken("Authorization", [][]byte{[]byte(s.Options["authorization"])})
			return allOf{auth, sig}, err
		},
		Signer: func(s Settings, m *Message) error {
			if auth := s.Options["authorization"]; auth != "" {
				m.Header.Set("Authorization", auth)
			}
			return bodyScheme(checkoutFormat, algSHA256).Sign(s, m)
		},
		BodyID: "id",
	},
	{
		// 24sevenpay: Authorization: HMAC-SHA256 Signature=<hex> over compacted JSON.
		Name:   "24sevenpay",
		New:    newTwentyFourSevenPay,
		Signer: signTwentyFourSevenPay,
		// No ID: paymentId names a payment, not an event; the signed body
		// (its fingerprint) identifies the event.
	},
	{
		// The generic scheme: an HMAC of the raw body in a header of your choice.
		Name:            "hmac",
		Options:         []string{"header", "algorithm", "encoding", "prefix", optionIDHeader, optionIDField},
		RequiredOptions: []string{"header"},
		New:             newGenericHMAC,
		Signer:          signGenericHMAC,
	},
	// ---- Body, timestamped and token schemes (vectors: testdata/vectors/sdk.jsonl, derived.jsonl) ----
	withScheme(Preset{
		// Stripe: Stripe-Signature t=..,v1=.. (several v1), hex HMAC-SHA256 of `t.body`, key = whsec_... string.
		Name: "stripe", Tolerance: tolerance5m, BodyID: "id",
	}, hmacScheme{Signature: structuredFormat{Header: "Stripe-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>.
		Name: "github", LogIDHeader: "X-GitHub-Delivery",
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature-256", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	{
		// GitLab: X-Gitlab-Token shared token (mode token, default; no body signature),
		// or GitLab 19+ signing tokens = Standard Webhooks webhook-* headers (mode signing).
		Name: "gitlab", Options: []string{"mode"}, Tolerance: tolerance5m,
		New: newGitLab, Signer: signGitLab, LogIDHeader: "Idempotency-Key",
	},
	withScheme(Preset{
		// Gitea/Forgejo: X-Gitea-Signature: <hex HMAC-SHA256(JSON body)> (JSON content type only).
		Name: "gitea", LogIDHeader: "X-Gitea-Delivery",
	}, bodyScheme(signatureFormat{Header: "X-Gitea-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Bitbucket Cloud: X-Hub-Signature: sha256=<hex HMAC-SHA256(body)>.
		Name: "bitbucket", LogIDHeader: "X-Request-UUID",
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Shopify: X-Shopify-Hmac-SHA256: base64 HMAC-SHA256(body), key = app client secret.
		Name: "shopify", LogIDHeader: "X-Shopify-Webhook-Id",
	}, bodyScheme(signatureFormat{Header: "X-Shopify-Hmac-SHA256", Encoding: encBase64}, algSHA256)),
	{
		// WooCommerce: X-WC-Webhook-Signature: base64 HMAC-SHA256(body); the unsigned
		// `webhook_id=<n>` ping is answered 200 by the gate. Delivery IDs change per attempt: no ID.
		Name: "woocommerce", New: newWooCommerce, Signer: bodyScheme(wooFormat, algSHA256).Sign,
	},
	withScheme(Preset{
		// Slack: X-Slack-Signature: v0=<hex HMAC-SHA256("v0:ts:body")>, X-Slack-Request-Timestamp.
		Name: "slack", Tolerance: tolerance5m,
	}, hmacScheme{Signature: signatureFormat{Header: "X-Slack-Signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "X-Slack-Request-Timestamp", Template: slackV0, Algorithm: algSHA256}),
	{
		// Postmark signs nothing: Basic-auth credentials of the webhook URL (secret "user:password"),
		// or option header = a custom header carrying the secret. Its IP list is not shipped (unverified).
		Name: "postmark", Options: []string{"header"}, New: newPostmark, Signer: signPostmark,
	},
	{
		// Standard Webhooks: webhook-id/-timestamp/-signature; v1 = base64 HMAC-SHA256 (whsec_ key),
		// v1a = ed25519 (public_key whpk_...), over `id.timestamp.body`.
		Name: "standard_webhooks", Tolerance: tolerance5m, SecretOptional: true,
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
	{
		// Svix: Standard Webhooks with svix-* headers (webhook-* accepted when svix-* are absent).
		Name: "svix", Tolerance: tolerance5m, SecretOptional: true,
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	{
		// Clerk: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "clerk", Tolerance: tolerance5m, SecretOptional: true,
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	{
		// Resend: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "resend", Tolerance: tolerance5m, SecretOptional: true,
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	withScheme(Preset{
		// Linear: Linear-Signature: <hex HMAC-SHA256(body)>; body field webhookTimestamp (ms) within ±60 s.
		Name: "linear", Tolerance: tolerance60s, LogIDHeader: "Linear-Delivery",
	}, hmacScheme{Signature: signatureFormat{Header: "Linear-Signature", Encoding: encHex},
		TimestampField: "webhookTimestamp", TimeFormat: unixMillis, Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Typeform: Typeform-Signature: sha256=<base64 HMAC-SHA256(body)>.
		Name: "typeform", BodyID: "event_id",
	}, bodyScheme(signatureFormat{Header: "Typeform-Signature", Prefix: "sha256=", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Intercom: X-Hub-Signature: sha1=<hex HMAC-SHA1(body)>, key = client_secret (or hub_secret).
		Name: "intercom", BodyID: "id",
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha1=", Encoding: encHex}, algSHA1)),
	{
		// HubSpot v3: X-HubSpot-Signature-v3 = base64 HMAC-SHA256(method+URL+body+timestamp ms);
		// option version v1/v2: X-HubSpot-Signature = hex sha256(secret[+method+URL]+body).
		Name: "hubspot", Options: []string{"version"}, Tolerance: hubspotTolerance, SignsURL: true,
		New: newHubSpot, Signer: signHubSpot,
	},
	{
		// Xero: x-xero-signature: base64 HMAC-SHA256(body), key used as a literal string;
		// Intent-to-Receive (signed, no events) is answered 200 with an empty body.
		Name: "xero", New: newXero, Signer: xeroScheme.Sign,
	},
	withScheme(Preset{
		// Zendesk: X-Zendesk-Webhook-Signature: base64 HMAC-SHA256(timestamp+body), RFC 3339 timestamp header.
		Name: "zendesk", Tolerance: tolerance5m, LogIDHeader: "X-Zendesk-Webhook-Invocation-Id",
	}, hmacScheme{Signature: signatureFormat{Header: "X-Zendesk-Webhook-Signature", Encoding: encBase64},
		TimestampHeader: "X-Zendesk-Webhook-Signature-Timestamp", TimeFormat: rfc3339,
		Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Asana: X-Hook-Signature: <hex HMAC-SHA256(body)>, key = the X-Hook-Secret of the handshake
		// (the handshake itself is not answered by the gate: see docs/presets.md).
		Name: "asana",
	}, bodyScheme(signatureFormat{Header: "X-Hook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Sentry integrations: Sentry-Hook-Signature: <hex HMAC-SHA256(body)> (its timestamp is not signed).
		Name: "sentry",
	}, bodyScheme(signatureFormat{Header: "Sentry-Hook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// PagerDuty v3: X-PagerDuty-Signature: v1=<hex>[,v1=<hex>] HMAC-SHA256(body), literal secret.
		Name: "pagerduty", LogIDHeader: "X-Webhook-Id",
	}, hmacScheme{Signature: structuredFormat{Header: "X-PagerDuty-Signature", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Calendly: Calendly-Webhook-Signature: t=..,v1=<hex HMAC-SHA256("t.body")>.
		Name: "calendly", Tolerance: tolerance3m,
	}, hmacScheme{Signature: structuredFormat{Header: "Calendly-Webhook-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Vercel: x-vercel-signature: <hex HMAC-SHA1(body)>.
		Name: "vercel", BodyID: "id",
	}, bodyScheme(signatureFormat{Header: "x-vercel-signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Paddle Billing: Paddle-Signature: ts=..;h1=<hex>[;h1=..] HMAC-SHA256("ts:body"), 5 s tolerance.
		Name: "paddle", Tolerance: tolerance5s, BodyID: "event_id",
	}, hmacScheme{Signature: structuredFormat{Header: "Paddle-Signature", ItemSep: ';', KeySep: '=', TimestampKey: "ts", SignatureKey: "h1", Encoding: encHex},
		Template: template{timestampPart, lit(":"), bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Razorpay: X-Razorpay-Signature: <hex HMAC-SHA256(body)>.
		Name: "razorpay",
	}, bodyScheme(signatureFormat{Header: "X-Razorpay-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Paystack: x-paystack-signature: <hex HMAC-SHA512(body)>, key = secret API key; published IPs.
		Name: "paystack", AllowIP: []string{"52.31.139.75", "52.49.173.169", "52.214.14.220"},
	}, bodyScheme(signatureFormat{Header: "x-paystack-signature", Encoding: encHex}, algSHA512)),
	{
		// Flutterwave: verif-hash = the secret hash verbatim (mode v3, default; no body signature);
		// mode v4/auto: flutterwave-signature = base64 HMAC-SHA256(body).
		// Only v4 signs the body, so only v4 reads its data.id (newFlutterwave).
		Name: "flutterwave", Options: []string{"mode"}, New: newFlutterwave, Signer: signFlutterwave,
	},
	withScheme(Preset{
		// Coinbase Commerce: X-CC-Webhook-Signature: <hex HMAC-SHA256(body)>.
		Name: "coinbase_commerce", BodyID: "event.id",
	}, bodyScheme(signatureFormat{Header: "X-CC-Webhook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Lemon Squeezy: X-Signature: <hex HMAC-SHA256(body)>.
		Name: "lemonsqueezy",
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
	// ---- URL-signing, asymmetric, in-body and handshake schemes (vectors: testdata/vectors/sdk.jsonl, derived.jsonl) ----
	{
		// Twilio: X-Twilio-Signature = base64 HMAC-SHA1(auth token, URL + sorted params | URL with bodySHA256).
		Name: "twilio", SignsURL: true, New: newTwilio, Signer: signTwilio,
		Sample: []byte("AccountSid=AC00000000000000000000000000000000&CallSid=CA00000000000000000000000000000000&CallStatus=completed&From=%2B15005550006"),
	},
	{
		// Square: x-square-hmacsha256-signature = base64 HMAC-SHA256(signature key, notification URL + body).
		Name: "square", SignsURL: true, New: newSquare, Signer: signURLBodyHMAC(newSquare),
		BodyID: "event_id",
	},
	{
		// Trello: X-Trello-Webhook = base64 HMAC-SHA1(app secret, body + callback URL); HEAD probe answered 200.
		Name: "trello", SignsURL: true, New: newTrello, Signer: signURLBodyHMAC(newTrello),
		BodyID: "action.id",
	},
	{
		// Adyen: hex key; base64 HMAC-SHA256 per notification item (additionalData.hmacSignature)
		// or of the raw body in HmacSignature (option variant: auto, notification, header).
		Name: "adyen", Options: []string{"variant"}, New: newAdyen, Signer: signAdyen,
	},
	{
		// Vipps MobilePay Webhooks API: Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>.
		Name: "vipps", SignsURL: true, Tolerance: vippsTolerance, New: newVipps, Signer: signVipps,
	},
	{
		// Discord: X-Signature-Ed25519 = Ed25519(public_key) over X-Signature-Timestamp + body; PING answered.
		Name: "discord", SecretOptional: true, Options: []string{"mode"}, Tolerance: discordTolerance,
		New: newDiscord, Signer: signDiscord, BodyID: "id",
	},
	{
		// SendGrid Event Webhook: ECDSA P-256/SHA-256 (public_key) over timestamp + body, base64 DER.
		Name: "sendgrid", SecretOptional: true, New: newSendGrid, Signer: signSendGrid,
	},
	{
		// Mailgun: body signature {timestamp, token, signature} = hex HMAC-SHA256(timestamp + token); body unsigned.
		Name: "mailgun", Tolerance: mailgunTolerance, New: newMailgun, Signer: signMailgun,
	},
	{
		// Mercado Pago: x-signature ts=,v1=<hex HMAC-SHA256("id:<data.id>;request-id:<x-request-id>;ts:<ts>;")>; body unsigned.
		Name: "mercadopago", New: newMercadoPago, Signer: signMercadoPago,
	},
	{
		// Dropbox: X-Dropbox-Signature = hex HMAC-SHA256(app secret, body); GET ?challenge= echoed.
		Name: "dropbox", New: newDropbox, Signer: bodyScheme(dropboxFormat, algSHA256).Sign,
	},
	withScheme(Preset{
		// Box: BOX-SIGNATURE-PRIMARY/-SECONDARY = base64 HMAC-SHA256(body + BOX-DELIVERY-TIMESTAMP); see box.go.
		Name: "box", Tolerance: boxTolerance, BodyID: "id", Signer: signBox,
	}, hmacScheme{Signature: boxSignatures{}, TimestampHeader: boxTimestamp, TimeFormat: rfc3339,
		Template: template{bodyPart, timestampPart}, Algorithm: algSHA256}),
	{
		// DocuSign Connect: X-DocuSign-Signature-N = base64 HMAC-SHA256(Connect key, body), one per key.
		Name: "docusign", New: newDocuSign, Signer: signDocuSign,
	},
	withScheme(Preset{
		// GoCardless: Webhook-Signature = hex HMAC-SHA256(endpoint secret, body).
		Name: "gocardless",
	}, bodyScheme(gocardlessFormat, algSHA256)),
	withScheme(Preset{
		// Zoom: x-zm-signature = v0=<hex HMAC-SHA256("v0:ts:body")>; endpoint.url_validation answered (zoom.go).
		Name: "zoom", Tolerance: zoomTolerance,
	}, hmacScheme{Signature: signatureFormat{Header: "x-zm-signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "x-zm-request-timestamp", Template: slackV0, Algorithm: algSHA256, Handshake: zoomHandshake}),
	withScheme(Preset{
		// Twitch EventSub: sha256=<hex HMAC-SHA256(id + timestamp + body)>; webhook_callback_verification answered (twitch.go).
		Name: "twitch", Tolerance: twitchTolerance, Signer: signTwitch,
	}, twitchScheme),
	// ---- Catalogue batch A (issue #12): meta ... ghost ----
	//
	// (entries of batch A go above this line)
	//
	// ---- Catalogue batch B (issue #12): terraform_cloud ... x ----
	//
	withScheme(Preset{
		// HCP Terraform / Terraform Enterprise: X-TFE-Notification-Signature = hex HMAC-SHA512(token, body).
		Name: "terraform_cloud",
		Doc: PresetDoc{
			Signature: "`X-TFE-Notification-Signature: <hex>`",
			Algorithm: "HMAC-SHA512, key = the notification configuration's token",
			Signed:    "body",
			Identity:  "hash of the body (notifications carry no event ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Only generic (webhook) notification configurations with a token are signed; without a token HCP Terraform sends no signature and the gate refuses every delivery. Slack, Microsoft Teams and email destinations are not webhooks to verify.",
		},
	}, bodyScheme(signatureFormat{Header: "X-TFE-Notification-Signature", Encoding: encHex}, algSHA512)),
	withScheme(Preset{
		// CircleCI outbound webhooks: circleci-signature: v1=<hex HMAC-SHA256(secret, body)>[,v2=...].
		Name: "circleci", BodyID: "id",
		Doc: PresetDoc{
			Signature: "`circleci-signature: v1=<hex>` (a comma-separated list of versioned signatures; only `v1` is read)",
			Algorithm: "HMAC-SHA256, key = the webhook's secret token",
			Signed:    "body",
			Identity:  "body `id` (CircleCI's event ID, the same on a redelivery)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "circleci-signature", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Mollie next-gen webhooks: X-Mollie-Signature: sha256=<hex HMAC-SHA256(signing secret, body)>.
		Name: "mollie", BodyID: "id",
		Doc: PresetDoc{
			Signature: "`X-Mollie-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook subscription's signing secret",
			Signed:    "body",
			Identity:  "body `id` (the event ID)",
			Vectors:   "sdk-test (mollie/mollie-api-php tests/Webhooks/SignatureValidatorTest.php) and computed",
			Note:      "Only Mollie's next-gen webhooks (Webhooks API subscriptions) are signed. Classic webhooks (a payment's `webhookUrl`, form body `id=tr_...`) carry no signature at all: Mollie expects the app to fetch the object by ID over its authenticated API, and this preset refuses them. Mollie's PHP SDK also accepts a bare hex value without `sha256=`; the gate requires the prefix Mollie sends.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Mollie-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// LaunchDarkly: X-LD-Signature = hex HMAC-SHA256(webhook secret, body).
		Name: "launchdarkly", BodyID: "_id",
		Doc: PresetDoc{
			Signature: "`X-LD-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "body `_id` (the audit-log entry's ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Only webhooks created with \"Sign this webhook\" carry X-LD-Signature; unsigned ones are refused.",
		},
	}, bodyScheme(signatureFormat{Header: "X-LD-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Segment Webhooks destination: X-Signature = hex HMAC-SHA1(shared secret, body).
		Name: "segment", BodyID: "messageId",
		Doc: PresetDoc{
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA1, key = the destination's shared secret",
			Signed:    "body",
			Identity:  "body `messageId` (Segment's message ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Segment signs only when the destination has a shared secret (advanced settings). Its docs' example recomputes the digest over `JSON.stringify(req.body)`; the gate checks the bytes received, which is what Segment signs. This is the classic Webhooks destination; Webhooks (Actions) destinations sign nothing of their own (send your own header instead and use the `hmac` or a token preset).",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Notion: X-Notion-Signature: sha256=<hex HMAC-SHA256(verification_token, body)>.
		Name: "notion", BodyID: "id",
		Doc: PresetDoc{
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
		// QuickBooks Online: intuit-signature = base64 HMAC-SHA256(verifier token, body).
		Name: "quickbooks",
		Doc: PresetDoc{
			Signature: "`intuit-signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = the app's webhook verifier token",
			Signed:    "body",
			Identity:  "hash of the body (a notification may batch several entities)",
			Vectors:   "sdk-test (intuit/QuickBooks-V3-Java-SDK WebhooksServiceTest.testVerifyPayload) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "intuit-signature", Encoding: encBase64}, algSHA256)),
	{
		// Telnyx API v2: telnyx-signature-ed25519 = base64 Ed25519(public_key) over telnyx-timestamp + "|" + body.
		Name: "telnyx", SecretOptional: true, Tolerance: telnyxTolerance, BodyID: "data.id",
		New: newTelnyx, Signer: signTelnyx,
		Doc: PresetDoc{
			Signature:     "`telnyx-signature-ed25519: <base64>`, `telnyx-timestamp: <unix seconds>`",
			Algorithm:     "Ed25519, checked with `public_key` (the account's base64 public key); no shared secret",
			Signed:        "`<timestamp>\\|<body>`",
			ToleranceNote: "the official SDKs' 300 s",
			Identity:      "body `data.id` (the event ID)",
			Vectors:       "computed with an RFC 8032 test key (testdata/vectors/presets-b.jsonl)",
			Note:          "Telnyx's older HMAC-SHA256 signing (API v1) is not supported; the SDKs verify Ed25519 by default.",
		},
	},
	{
		// YouTube push notifications (WebSub): X-Hub-Signature: sha1=<hex HMAC-SHA1(hub.secret, body)>;
		// the hub's verification GET is answered for the `topic` option's topics (youtube.go).
		Name: "youtube", Options: []string{"topic"}, RequiredOptions: []string{"topic"},
		New: newYouTube, Signer: bodyScheme(youtubeFormat, algSHA1).Sign,
		Sample: []byte(`<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="https://pubsubhubbub.appspot.com"/><link rel="self" href="https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCxxxxxxxxxxxxxxxxxxxxxx"/><title>YouTube video feed</title><updated>2024-05-01T10:00:00.000000000+00:00</updated><entry><id>yt:video:VIDEO_ID</id><yt:videoId>VIDEO_ID</yt:videoId><yt:channelId>UCxxxxxxxxxxxxxxxxxxxxxx</yt:channelId><title>Video title</title><published>2024-05-01T10:00:00+00:00</published><updated>2024-05-01T10:00:00.000000000+00:00</updated></entry></feed>`),
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature: sha1=<hex>`",
			Algorithm: "HMAC-SHA1, key = the `hub.secret` the app sent when it subscribed",
			Signed:    "body (an Atom feed)",
			Handshake: "the hub's GET `hub.mode=subscribe\\|unsubscribe&hub.topic=..&hub.challenge=..` is answered 200 with the challenge as text/plain, for the topics of option `topic` only (required; space-separated feed URLs such as `https://www.youtube.com/xml/feeds/videos.xml?channel_id=...`)",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "WebSub (PubSubHubbub 0.4) signatures are optional: the app must subscribe with a `hub.secret`, or the hub signs nothing and the gate refuses every notification. Only the hub's parameters may be on the verification GET (a callback URL with query parameters of its own is not answered), and the challenge is echoed only when it is made of URL-safe characters (at most 256). The gate does not subscribe, renew leases or fetch anything.",
		},
	},
	{
		// X (Twitter) webhooks: x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>;
		// the CRC GET ?crc_token= is answered with {"response_token": "sha256=<base64 HMAC>"} (x.go).
		Name: "x", New: newX, Signer: bodyScheme(xFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Signature: "`x-twitter-webhooks-signature: sha256=<base64>`",
			Algorithm: "HMAC-SHA256, key = the app's consumer secret (API secret key)",
			Signed:    "body",
			Handshake: "the Challenge-Response Check GET `?crc_token=..` (an optional `nonce` ignored) is answered 200 `{\"response_token\":\"sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>\"}`",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "The CRC answer is computed with the first configured secret: during a consumer-secret rotation, list the secret X now signs with first. Only `crc_token` and `nonce` may be on the CRC GET. The CRC answer is an HMAC under the key that signs events, so a token that starts like JSON is not answered and an event body that is not JSON is refused: the gate cannot be used to sign a body.",
		},
	},
	{
		// Braintree: form bt_signature = `<public key>|<hex HMAC-SHA1(SHA1(private key), bt_payload)>`[&...];
		// GET ?bt_challenge= answered (braintree.go).
		Name: "braintree", Options: []string{optionBraintreeKey}, RequiredOptions: []string{optionBraintreeKey},
		New: newBraintree, Signer: signBraintree,
		Sample: []byte(`<notification><timestamp type="datetime">2024-05-01T10:00:00Z</timestamp><kind>check</kind><subject><check type="boolean">true</check></subject></notification>`),
		Doc: PresetDoc{
			Signature: "form fields `bt_signature` (`<public key>\\|<hex>` pairs joined by `&`) and `bt_payload` (base64 of the notification's XML)",
			Algorithm: "HMAC-SHA1, key = SHA-1 of the API private key (the secret); the pair of option `api_public_key` (required) is checked",
			Signed:    "`bt_payload` as sent (or with a newline added, as the SDKs accept)",
			Handshake: "the verification GET `?bt_challenge=<20-32 hex digits>` is answered 200 with `<public key>\\|<hex HMAC-SHA1(SHA1(private key), challenge)>` as text/plain (first secret)",
			Identity:  "`bt_payload` (a trailing newline ignored)",
			Vectors:   "sdk-test (braintree/braintree_python tests/unit/test_webhooks.py test_verify_returns_a_correct_challenge_response) and computed",
			Note:      "The form must hold exactly `bt_signature` and `bt_payload`: any other field would be unsigned and is refused. The app still decodes `bt_payload` itself (or with its Braintree SDK, which verifies again). The challenge answer is the same HMAC as a payload's signature, so a `bt_payload` shaped like a challenge (20-32 hex digits) is refused.",
		},
	},
	{
		// Midtrans: body signature_key = hex SHA-512(order_id + status_code + gross_amount + server key) (midtrans.go).
		Name: "midtrans", New: newMidtrans, Signer: signMidtrans,
		Sample: []byte(`{"transaction_time":"2024-05-01 10:00:00","transaction_status":"settlement","transaction_id":"6ee793df-9b1d-4343-8eda-cc9663b4222f","status_message":"midtrans payment notification","status_code":"200","payment_type":"bank_transfer","order_id":"order-hookgate-1","gross_amount":"10000.00","fraud_status":"accept","currency":"IDR"}`),
		Doc: PresetDoc{
			Signature: "body field `signature_key` (hex)",
			Algorithm: "SHA-512 (not an HMAC) of the fields and the server key (the secret)",
			Signed:    "`order_id + status_code + gross_amount + server key`, the three read from the JSON body as JSON strings",
			Identity:  "the signed fields (`order_id`, `status_code`, `gross_amount`)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Midtrans signs three fields, not the body: `transaction_status`, `fraud_status` and everything else can be changed by whoever replays a genuine notification (a `status_code` 200 notification of one order can be made to say `settlement` instead of `capture`). The gate proves only that Midtrans sent these three values; the app must still confirm the status with Midtrans's Get Status API, as Midtrans tells it to. The fields must be JSON strings, as Midtrans sends them; a number is refused (parsers format 10000.00 differently).",
		},
	},
	{
		// PayFast ITN: form signature = md5(param string of the fields before it + "&passphrase=" + passphrase) (payfast.go).
		Name: "payfast", New: newPayFast, Signer: signPayFast,
		AllowIP: []string{"197.97.145.144/28", "41.74.179.192/27", "102.216.36.0/28", "102.216.36.128/28", "144.126.193.139/32"},
		Sample:  []byte("m_payment_id=01AB&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Test+Item&item_description=A+test+product&amount_gross=100.00&amount_fee=-2.30&amount_net=97.70&custom_str1=&custom_int1=&name_first=John&name_last=Doe&email_address=john%40doe.com&merchant_id=10000100"),
		Doc: PresetDoc{
			Signature:     "form field `signature` (hex), the last field",
			Algorithm:     "MD5 (not an HMAC), salted with the passphrase (the secret; required)",
			Signed:        "`name=urlencode(trim(value))&...` of every field before `signature`, in the order posted, then `&passphrase=<urlencoded passphrase>`",
			AllowListNote: "PayFast's published server IPs (developers.payfast.co.za, \"Ports & IPs\")",
			Identity:      "the signed parameter string",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
			Note:          "PayFast also asks the notify page to confirm every ITN with a server-side POST to `/eng/query/validate` and to check the amount against the order: the gate makes no such call, so the app must still do both. Without a passphrase PayFast's MD5 authenticates nothing, so hookgate requires one (set it in the PayFast dashboard). Fields after `signature` are refused (they would be unsigned). Signatures with PHP `urlencode` and with PayFast's Node.js encoding (`encodeURIComponent`, `+` for spaces) are both accepted.",
		},
	},
	{
		// Netlify: X-Webhook-Signature = HS256 JWS {"iss":"netlify","sha256":<hex SHA-256(body)>} (netlify.go).
		Name: "netlify", New: newNetlify, Signer: signNetlify,
		Doc: PresetDoc{
			Signature: "`X-Webhook-Signature: <JWS>` (compact, HS256)",
			Algorithm: "HMAC-SHA256 JWS, key = the notification's JWS secret token; claims `iss` = `netlify` and `sha256` = hex SHA-256 of the body, both required",
			Signed:    "the JWS (which covers the body through `sha256`)",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "The token carries no time: a captured notification verifies again until it is past the replay guard's window; turn replay protection on. Only HS256 is accepted (never `none`).",
		},
	},
	{
		// Vonage signed webhooks: Authorization: Bearer <HS256 JWT (signature secret)>, payload_hash = hex SHA-256(body), iat (vonage.go).
		Name: "vonage", Tolerance: vonageTolerance, New: newVonage, Signer: signVonage,
		Doc: PresetDoc{
			Signature:     "`Authorization: Bearer <JWT>` (HS256)",
			Algorithm:     "HMAC-SHA256 JWT, key = the account's signature secret; claim `payload_hash` = hex SHA-256 of the body (required when there is a body), `iat` required",
			Signed:        "the JWT (which covers the body through `payload_hash`)",
			ToleranceNote: "hookgate's choice for `iat`, and the leeway on `exp`/`nbf`; Vonage publishes no window",
			Identity:      "hash of the body",
			Vectors:       "sdk-test (Vonage/vonage-python-sdk jwt/tests/test_verify_jwt.py) and computed",
			Note:          "Vonage signs webhooks only where signed webhooks are on (Messages API and the applications set to sign): unsigned ones are refused. The secret is the signature secret from the dashboard, not the API secret, and its algorithm must be HMAC-SHA256 (Vonage also offers MD5 and SHA-1/512 signatures for the SMS API's query-string signing, which this preset does not read). Vonage's SDKs check only the HS256 signature; the gate also requires `payload_hash` to match the body and `iat` to be recent, as Vonage's signed-webhook docs describe.",
		},
	},
	{
		// monday.com app webhooks: Authorization = HS256 JWT (app Signing Secret), aud = endpoint URL, exp; challenge answered (monday.go).
		Name: "monday", SignsURL: true, Tolerance: mondayTolerance, New: newMonday, Signer: signMonday,
		Doc: PresetDoc{
			Signature:     "`Authorization: <JWT>` (HS256; a `Bearer ` prefix is tolerated)",
			Algorithm:     "HMAC-SHA256 JWT, key = the app's Signing Secret; `aud` must be the endpoint's public URL, `exp` must not have passed",
			Signed:        "the JWT only: the body is not covered",
			ToleranceNote: "hookgate's leeway on `exp` and `iat`",
			Handshake:     "a verified `{\"challenge\": \"...\"}` body is answered 200 with the same JSON",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
			Note:          "monday.com's token does not cover the body: it proves the sender held a token for this URL that has not expired (5 minutes in monday.com's example), not what the body says; a captured token can carry another body until then. The `aud` check needs the public URL as monday.com addressed it (set the route's `url` behind a proxy). Board webhooks created through the API without an app are not signed and are refused, their challenge included. App lifecycle webhooks are signed with the Client Secret instead: configure that as the secret on their route.",
		},
	},
	{
		// Plivo V3: X-Plivo-Signature-V3 = base64 HMAC-SHA256(auth token, URL [+ sorted query][+ sorted form] + "." + nonce) (plivo.go).
		Name: "plivo", SignsURL: true, New: newPlivo, Signer: signPlivo,
		Sample: []byte("CallUUID=b3a7f9c2-1d4e-4f5a-9b8c-7d6e5f4a3b2c&CallStatus=completed&Direction=inbound&From=14155550100&To=14155550101&Duration=12"),
		Doc: PresetDoc{
			Signature: "`X-Plivo-Signature-V3: <base64>[,<base64>]`, `X-Plivo-Signature-V3-Nonce`",
			Algorithm: "HMAC-SHA256, key = the (sub)account's auth token",
			Signed:    "the callback URL (scheme, host, path), `?` and its query's `k=v` pairs sorted by name, `.` when there are both a query and form fields, the form fields' names and values in name order, then `.` and the nonce",
			Identity:  "the method and signed URL and fields (the nonce changes per attempt)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "The signature covers the URL Plivo called: behind a proxy set the route's `url` to the public callback URL. Only form-encoded callbacks (and body-less GETs) are read; a field or query parameter sent twice is refused. The V3 signature has no timestamp, and Plivo's nonce is not a time: turn replay protection on. The older V2 signature (`X-Plivo-Signature-V2`, HMAC-SHA256 of URL and nonce only) is not read.",
		},
	},
	{
		// Contentful: x-contentful-signature = hex HMAC-SHA256 of the canonical request (method, path,
		// x-contentful-signed-headers' headers, body), x-contentful-timestamp in ms (contentful.go).
		Name: "contentful", SignsURL: true, Tolerance: contentfulTolerance, New: newContentful, Signer: signContentful,
		Doc: PresetDoc{
			Signature:     "`x-contentful-signature: <hex>`, `x-contentful-signed-headers`, `x-contentful-timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the 64-character signing secret",
			Signed:        "`method\\npath\\nheaders\\nbody`: the path and query normalised as Contentful's toolkit does, the listed headers as `name:value` sorted and joined by `;`",
			ToleranceNote: "the node-apps-toolkit's default time to live",
			Identity:      "the signed request without its timestamp and attempt counter (a retry is the same delivery)",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
			Note:          "The signature covers the path Contentful called: behind a proxy that rewrites it, set the route's `url` to the public webhook URL. Only webhooks with a signing secret set in the space's settings are signed; others are refused. A signed-headers list naming a header that was not sent is refused (Contentful's toolkit would skip it).",
		},
	},
	//
	// (entries of batch B go above this line)
	//
	// ---- Catalogue batch C (issue #12): microsoft_graph, okta and more ----
	//
	// (entries of batch C go above this line)
	//
	// ---- Keys fetched from the provider (issue #12) ----
	//
	// (entries of the fetched-key batch go above this line)
}

// checkoutFormat is Checkout.com's signature header.
var checkoutFormat = signatureFormat{Header: "Cko-Signature", Encoding: encHex}

// gocardlessFormat is GoCardless's signature header.
var gocardlessFormat = signatureFormat{Header: "Webhook-Signature", Encoding: encHex}
