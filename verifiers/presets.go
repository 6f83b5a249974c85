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
	// (entries of batch B go above this line)
	//
	// ---- Catalogue batch C (issue #12): microsoft_graph, okta and more ----
	//
	{
		// Microsoft Graph change notifications: value[].clientState = the subscription's secret
		// (every item, constant time); ?validationToken= answered by the gate (microsoft_graph.go).
		Name: "microsoft_graph", New: newMicrosoftGraph, Signer: signMicrosoftGraph,
		Sample: []byte(`{"value":[{"id":"lsgTZMr9KwAAA","subscriptionId":"7f105c7d-2dc5-4530-97cd-4e7ae6534c07","subscriptionExpirationDateTime":"2026-03-20T11:00:00.0000000Z","changeType":"created","resource":"users/u1/messages/m1","tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","resourceData":{"@odata.type":"#Microsoft.Graph.Message","id":"m1"}}]}`),
		Doc: PresetDoc{
			Signature: "none: body `value[].clientState` carries the secret",
			Algorithm: "shared secret (the subscription's `clientState`), compared in constant time",
			Signed:    "nothing (the clientState proves the sender knows the secret; the body is unsigned)",
			Handshake: "`?validationToken=<token>` (POST or GET, no body): 200 `text/plain` with the URL-decoded token (at most 1024 characters of `A-Za-z0-9 :-_.~+/=`)",
			Identity:  "hash of the body",
			Vectors:   "computed (learn.microsoft.com/graph/change-notifications-delivery-webhooks; the docs' example notification and lifecycle payloads)",
			Note: "Microsoft Graph signs nothing: every notification in the body's `value` array (change and lifecycle notifications: " +
				"`reauthorizationRequired`, `subscriptionRemoved`, `missed`) must carry a `clientState` equal to a configured secret, " +
				"or the whole delivery is refused. Configure the `clientState` of your subscriptions as the secret; several secrets " +
				"cover several subscriptions on one URL. Rich notifications (`includeResourceData`) also carry `validationTokens`, " +
				"JWTs signed by Microsoft, and `encryptedContent`: the gate does not validate those JWTs nor decrypt the content; " +
				"the app should still validate the tokens as Microsoft documents. The validation request is unauthenticated by design " +
				"(Graph sends no clientState with it): the gate only echoes a bounded token of safe characters.",
		},
	},
	{
		// Okta event hooks: the hook's Authorization header value (option header: another name) is the
		// secret, verbatim; the one-time GET X-Okta-Verification-Challenge is answered {"verification": ...} (okta.go).
		Name: "okta", Options: []string{"header"}, New: newOkta, Signer: signOkta,
		Sample: []byte(`{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1","contentType":"application/json","eventId":"b5a188b9-5ece-4636-b041-482ffda96311","eventTime":"2026-03-27T16:59:53.032Z","source":"https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3","data":{"events":[{"uuid":"f790999f-fe87-467a-9880-6982a583986c","eventType":"user.session.start","published":"2026-03-28T22:23:07.777Z"}]}}`),
		Doc: PresetDoc{
			Signature: "`Authorization: <secret>` (option `header`: the hook's authentication field name)",
			Algorithm: "shared secret sent verbatim, compared in constant time",
			Signed:    "nothing (the header proves the sender knows the secret; the body is unsigned)",
			Handshake: "GET with `X-Okta-Verification-Challenge` (no body, after the header secret matched): 200 `application/json` `{\"verification\":\"<challenge>\"}`",
			Identity:  "hash of the body (`eventId` is not signed)",
			Vectors:   "computed (developer.okta.com/docs/concepts/event-hooks)",
			Note: "Okta signs nothing: the event hook's authentication secret travels verbatim in the header named by its " +
				"authentication field (`Authorization` unless option `header` names another). Okta's docs say the value is " +
				"provided in every request, so the gate requires it on the one-time verification GET too; a hook registered " +
				"without an authentication secret cannot use this preset. The challenge is echoed only when it is at most 512 " +
				"visible ASCII characters.",
		},
	},
	withScheme(Preset{
		// Discourse: X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)>.
		Name: "discourse", LogIDHeader: "X-Discourse-Event-Id",
		Doc: PresetDoc{
			Signature: "`X-Discourse-Event-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body; `X-Discourse-Event-Id` for logs",
			Vectors:   "sdk-test (discourse/discourse `spec/jobs/emit_web_hook_event_spec.rb` with `spec/fabricators/web_hook_fabricator.rb`) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Discourse-Event-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// EasyPost: X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256(NFKD(webhook secret), body)>.
		Name: "easypost", BodyID: "id",
		Doc: PresetDoc{
			Signature: "`X-Hmac-Signature: hmac-sha256-hex=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook secret (UTF-8 of its NFKD form)",
			Signed:    "body",
			Identity:  "body `id` (the event ID)",
			Vectors:   "computed (EasyPost/easypost-python `easypost/util.py` `validate_webhook`)",
			Note: "EasyPost's SDKs key the HMAC with the NFKD normalisation of the webhook secret. The gate uses the secret " +
				"as configured: an ASCII secret is its own NFKD form; a secret with other characters must be configured in " +
				"its NFKD form.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hmac-Signature", Prefix: "hmac-sha256-hex=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Help Scout: X-HelpScout-Signature: <base64 HMAC-SHA1(webhook secret key, body)>.
		Name: "helpscout",
		Doc: PresetDoc{
			Signature: "`X-HelpScout-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the webhook's secret key",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "sdk-test (helpscout/helpscout-api-php `examples/incoming_webhook.php`, checked by `src/Webhooks/IncomingWebhook.php`) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-HelpScout-Signature", Encoding: encBase64}, algSHA1)),
	withScheme(Preset{
		// Buildkite: X-Buildkite-Signature: timestamp=<unix>,signature=<hex HMAC-SHA256(token, "timestamp.body")>.
		Name: "buildkite", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`X-Buildkite-Signature: timestamp=<unix>,signature=<hex>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's token",
			Signed:        "`timestamp.body`",
			ToleranceNote: "Buildkite's docs suggest a short window, \"for example, 5 minutes\"",
			Identity:      "hash of the body",
			Vectors:       "computed (buildkite/docs `pages/apis/webhooks/_webhook_signature.md`, `_verifying_hmac_signatures.md`)",
			Note: "Only the signature mode is supported: a Buildkite webhook set to send its token in plain text " +
				"(`X-Buildkite-Token`) signs nothing and is refused; choose the signature in the webhook's Token setting.",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "X-Buildkite-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "timestamp", SignatureKey: "signature", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// AfterShip Tracking: aftership-hmac-sha256: <base64 HMAC-SHA256(webhook secret, body)>.
		Name: "aftership",
		Doc: PresetDoc{
			Signature: "`aftership-hmac-sha256: <base64>`",
			Algorithm: "HMAC-SHA256, key = the account's webhook secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (aftership.com/docs/tracking/webhook/webhook-signature)",
			Note:      "AfterShip's other products (Returns, Warranty) sign with other headers (`as-signature-hmac-sha256`); this preset is AfterShip Tracking's.",
		},
	}, bodyScheme(signatureFormat{Header: "aftership-hmac-sha256", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Modern Treasury: X-Signature: <hex HMAC-SHA256(webhook key, body)>.
		Name: "modern_treasury",
		Doc: PresetDoc{
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook key",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "sdk-test (Modern-Treasury/modern-treasury-python `tests/api_resources/test_webhooks.py`) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Viber bots: X-Viber-Content-Signature: <hex HMAC-SHA256(bot auth token, body)>.
		Name: "viber",
		Doc: PresetDoc{
			Signature: "`X-Viber-Content-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the bot's authentication token",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (Viber/viber-bot-python `viberbot/api/api.py` `verify_signature`, README)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Viber-Content-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Shopware apps: shopware-shop-signature: <hex HMAC-SHA256(shop secret, body)>.
		Name: "shopware",
		Doc: PresetDoc{
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
	{
		// Appwrite: X-Appwrite-Webhook-Signature = base64 HMAC-SHA1(signature key, webhook URL + body).
		Name: "appwrite", SignsURL: true, New: newAppwrite, Signer: signURLBodyHMAC(newAppwrite),
		Doc: PresetDoc{
			Signature: "`X-Appwrite-Webhook-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the webhook's signature key",
			Signed:    "the webhook's URL followed by the body",
			Identity:  "hash of the URL and body",
			Vectors:   "computed (appwrite/appwrite `src/Appwrite/Platform/Workers/Webhooks.php`)",
			Note: "Appwrite signs the webhook's URL as configured in Appwrite, percent-decoded (`rawurldecode`). The gate " +
				"rebuilds the URL from the request (or takes `url`): the URL configured in Appwrite must be the public URL " +
				"of the route exactly, without percent-escapes.",
		},
	},
	withScheme(Preset{
		// dbt Cloud: Authorization: <hex HMAC-SHA256(webhook secret token, body)>.
		Name: "dbt_cloud", BodyID: "eventId",
		Doc: PresetDoc{
			Signature: "`Authorization: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret token",
			Signed:    "body",
			Identity:  "body `eventId`",
			Vectors:   "computed (dbt-labs/docs.getdbt.com `website/docs/docs/deploy/webhooks.md`, its example payload)",
		},
	}, bodyScheme(signatureFormat{Header: "Authorization", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// SonarQube: X-Sonar-Webhook-HMAC-SHA256: <hex HMAC-SHA256(webhook secret, body)>.
		Name: "sonarqube",
		Doc: PresetDoc{
			Signature: "`X-Sonar-Webhook-HMAC-SHA256: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (docs.sonarsource.com, Webhooks, \"Securing your webhooks\")",
			Note:      "A webhook created without a secret is unsigned and refused; SonarQube Cloud and Server sign alike.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Sonar-Webhook-HMAC-SHA256", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Snyk: X-Hub-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)>.
		Name: "snyk", LogIDHeader: "X-Snyk-Transport-ID",
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body; `X-Snyk-Transport-ID` for logs",
			Vectors:   "computed (docs.snyk.io, Snyk webhooks, \"Validation and versioning of payloads\")",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	{
		// Azure DevOps service hooks (Web Hooks): Basic-auth credentials (secret "user:password"),
		// or option header = a custom HTTP header whose value is the secret. Nothing is signed.
		Name: "azure_devops", Options: []string{"header"}, New: newPostmark, Signer: signPostmark,
		Doc: PresetDoc{
			Signature: "`Authorization: Basic <base64(user:password)>` (option `header`: a custom header carrying the secret)",
			Algorithm: "shared credentials sent verbatim, compared in constant time",
			Signed:    "nothing (the credentials prove the sender knows them; the body is unsigned)",
			Identity:  "hash of the body",
			Vectors:   "computed (MicrosoftDocs/azure-devops-docs `docs/service-hooks/services/webhooks.md`)",
			Note: "Azure DevOps signs nothing. Configure the subscription's basic authentication user name and password and " +
				"give the gate `user:password` as the secret, or add an HTTP header `Name: value` to the subscription and " +
				"configure `header Name` with the value as the secret. Use HTTPS: the credentials travel in every request.",
		},
	},
	withScheme(Preset{
		// PayMongo: Paymongo-Signature: t=<unix>,te=<hex>,li=<hex> HMAC-SHA256("t.body"); te test mode, li live mode.
		Name: "paymongo", Tolerance: tolerance5m, BodyID: "data.id",
		Doc: PresetDoc{
			Signature:     "`Paymongo-Signature: t=<unix>,te=<hex>,li=<hex>` (te: test mode, li: live mode; the other is empty)",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret key",
			Signed:        "`t.body`",
			ToleranceNote: "hookgate's choice; PayMongo publishes none",
			Identity:      "body `data.id` (the event ID)",
			Vectors:       "computed (paymongo/paymongo-php `src/Services/WebhookService.php` `constructEvent`)",
			Note: "Either of `te` and `li` is accepted when it matches; test and live webhooks have distinct secret keys, " +
				"so configure only the live one on a production route.",
		},
	}, hmacScheme{Signature: paymongoSignatures{}, Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Webex: X-Spark-Signature: <hex HMAC-SHA1(webhook secret, body)>.
		Name: "webex",
		Doc: PresetDoc{
			Signature: "`X-Spark-Signature: <hex>`",
			Algorithm: "HMAC-SHA1, key = the webhook's `secret`",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (developer.webex.com blog \"Using a Webhook Secret\"; docs/api/guides/webhooks)",
			Note:      "A webhook created without a `secret` is unsigned and refused. Webex Contact Center subscriptions sign otherwise and are not covered.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Spark-Signature", Encoding: encHex}, algSHA1)),
	{
		// Mailchimp Transactional (Mandrill): X-Mandrill-Signature = base64 HMAC-SHA1(webhook key,
		// URL + sorted POST name+value); the unsigned HEAD URL check is answered 200 (mandrill.go).
		Name: "mandrill", SignsURL: true, New: newMandrill, Signer: signMandrill,
		Sample: []byte("mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22msg%22%3A%7B%22ts%22%3A1365109999%2C%22subject%22%3A%22This+an+example+webhook+message%22%2C%22email%22%3A%22example.webhook%40mandrillapp.com%22%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%7D%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%2C%22ts%22%3A1384954004%7D%5D"),
		Doc: PresetDoc{
			Signature: "`X-Mandrill-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the webhook's authentication key",
			Signed:    "the webhook URL as entered in Mandrill, then every POST field sorted by name, as name and value (no delimiter)",
			Handshake: "HEAD without a body (the URL check when a webhook is added): 200, empty",
			Identity:  "hash of the URL and the sorted fields",
			Vectors:   "computed (mandrill.zendesk.com \"How to Authenticate Webhook Requests\", \"Webhook Format\", \"Why can't my webhook or inbound route URL be verified?\")",
			Note: "Mandrill signs the URL exactly as entered in its settings, query string included: the route's public URL " +
				"(or `url`) must be identical, trailing slash included. A form with a repeated field, or two names PHP " +
				"files as one, is refused as ambiguous; Mandrill sends one field, `mandrill_events`. The HEAD check is " +
				"answered so that Mandrill does not fall back to a POST signed with its generic key `test-webhook`.",
		},
	},
	withScheme(Preset{
		// Attio: Attio-Signature (and X-Attio-Signature, identical): <hex HMAC-SHA256(webhook secret, body)>.
		Name: "attio", LogIDHeader: "Idempotency-Key",
		Doc: PresetDoc{
			Signature: "`Attio-Signature: <hex>` (`X-Attio-Signature` carries the same value and is not read)",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body; `Idempotency-Key` (same across retries) for logs",
			Vectors:   "computed (docs.attio.com/rest-api/how-to/webhooks, \"Authenticating\")",
		},
	}, bodyScheme(signatureFormat{Header: "Attio-Signature", Encoding: encHex}, algSHA256)),
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
