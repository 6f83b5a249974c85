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
		Name: "payone",
		Doc: PresetDoc{
			Signature: "form field `key` (md5 of the portal key, 32 hex)",
			Algorithm: "MD5 of the portal key (a static value, not a signature)",
			Signed:    "– (nothing is signed); `portalid`/`aid` must match when configured",
			Handshake: "– (the app answers `TSOK`)",
			Identity:  "form `txid:sequencenumber:txaction`",
			Vectors:   "published (docs), sdk (magento-2)",
		},
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
		Name: "cardknox",
		Doc: PresetDoc{
			Signature: "`ck-signature: <hex>` (case-insensitive)",
			Algorithm: "MD5, PIN ≥ 15 alphanumeric characters",
			Signed:    "URL-decoded form values sorted by lower-cased name, concatenated, + PIN",
			Identity:  "form `xRefNum`",
			Vectors:   "computed (docs example body)",
		},
		AllowIP: nil, // Cardknox's published hosts changed between doc revisions; set allow_ip yourself.
		New:     newCardknox,
		Signer:  signCardknox,
		Sample:  []byte("xResult=A&xStatus=Approved&xRefNum=1000001&xAmount=1.00&xCommand=cc%3Asale"),
	},
	{
		// KKiaPay: the dashboard's hash secret, sent verbatim in x-kkiapay-secret.
		Name: "kkiapay",
		Doc: PresetDoc{
			Signature: "`x-kkiapay-secret`",
			Algorithm: "shared token (body **not** covered)",
			Signed:    "–",
			Identity:  "hash of the body",
			Vectors:   "computed",
		},
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
		Name: "checkout_com",
		Doc: PresetDoc{
			Signature: "`Cko-Signature: <hex>` (+ optional static `Authorization`)",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "body `id`",
			Vectors:   "computed",
		},
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
		Name: "24sevenpay",
		Doc: PresetDoc{
			Signature: "`Authorization: HMAC-SHA256 Signature=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "JSON body with whitespace outside strings removed (the app gets the original bytes)",
			Identity:  "hash of the body",
			Vectors:   "computed",
		},
		New:    newTwentyFourSevenPay,
		Signer: signTwentyFourSevenPay,
		// No ID: paymentId names a payment, not an event; the signed body
		// (its fingerprint) identifies the event.
	},
	{
		// The generic scheme: an HMAC of the raw body in a header of your choice.
		Name: "hmac",
		Doc: PresetDoc{
			Signature: "option `header` (+ `prefix`)",
			Algorithm: "HMAC md5/sha1/sha256/sha512, hex/base64/base64url",
			Signed:    "body",
			Identity:  "`id_field`, else hash of the body",
			Vectors:   "computed",
		},
		Options:         []string{"header", "algorithm", "encoding", "prefix", optionIDHeader, optionIDField},
		RequiredOptions: []string{"header"},
		New:             newGenericHMAC,
		Signer:          signGenericHMAC,
	},
	// ---- Body, timestamped and token schemes (vectors: testdata/vectors/sdk.jsonl, derived.jsonl) ----
	withScheme(Preset{
		// Stripe: Stripe-Signature t=..,v1=.. (several v1), hex HMAC-SHA256 of `t.body`, key = whsec_... string.
		Name: "stripe", Tolerance: tolerance5m, BodyID: "id",
		Doc: PresetDoc{
			Signature: "`Stripe-Signature: t=..,v1=..` (several v1 accepted)",
			Algorithm: "HMAC-SHA256 hex, key = `whsec_…` string as is",
			Signed:    "`t.body`",
			Identity:  "body `id`",
			Vectors:   "computed (stripe-go algorithm/cases)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Stripe-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>.
		Name: "github", LogIDHeader: "X-GitHub-Delivery",
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature-256: sha256=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "`X-GitHub-Delivery`",
			Vectors:   "published (docs) + sdk (octokit)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature-256", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	{
		// GitLab: X-Gitlab-Token shared token (mode token, default; no body signature),
		// or GitLab 19+ signing tokens = Standard Webhooks webhook-* headers (mode signing).
		Name: "gitlab", Options: []string{"mode"}, Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`X-Gitlab-Token` (mode `token`, default); `webhook-signature` (mode `signing`)",
			Algorithm:     "shared token (body **not** covered); or Standard Webhooks v1",
			Signed:        "–; or `id.timestamp.body`",
			ToleranceNote: "signing",
			Identity:      "`Idempotency-Key`",
			Vectors:       "computed (token); sdk (Standard Webhooks vector, signing)",
		},
		New: newGitLab, Signer: signGitLab, LogIDHeader: "Idempotency-Key",
	},
	withScheme(Preset{
		// Gitea/Forgejo: X-Gitea-Signature: <hex HMAC-SHA256(JSON body)> (JSON content type only).
		Name: "gitea", LogIDHeader: "X-Gitea-Delivery",
		Doc: PresetDoc{
			Signature: "`X-Gitea-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body (JSON content type only)",
			Identity:  "`X-Gitea-Delivery`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Gitea-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Bitbucket Cloud: X-Hub-Signature: sha256=<hex HMAC-SHA256(body)>.
		Name: "bitbucket", LogIDHeader: "X-Request-UUID",
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "`X-Request-UUID`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Shopify: X-Shopify-Hmac-SHA256: base64 HMAC-SHA256(body), key = app client secret.
		Name: "shopify", LogIDHeader: "X-Shopify-Webhook-Id",
		Doc: PresetDoc{
			Signature: "`X-Shopify-Hmac-SHA256: <base64>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "`X-Shopify-Webhook-Id`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Shopify-Hmac-SHA256", Encoding: encBase64}, algSHA256)),
	{
		// WooCommerce: X-WC-Webhook-Signature: base64 HMAC-SHA256(body); the unsigned
		// `webhook_id=<n>` ping is answered 200 by the gate. Delivery IDs change per attempt: no ID.
		Name: "woocommerce", New: newWooCommerce, Signer: bodyScheme(wooFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Signature: "`X-WC-Webhook-Signature: <base64>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Handshake: "the unsigned `webhook_id=<n>` ping is answered 200 by the gate",
			Identity:  "none (the delivery ID changes per attempt)",
			Vectors:   "computed",
		},
	},
	withScheme(Preset{
		// Slack: X-Slack-Signature: v0=<hex HMAC-SHA256("v0:ts:body")>, X-Slack-Request-Timestamp.
		Name: "slack", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature: "`X-Slack-Signature: v0=<hex>` + `X-Slack-Request-Timestamp`",
			Algorithm: "HMAC-SHA256",
			Signed:    "`v0:timestamp:body`",
			Identity:  "none",
			Vectors:   "sdk (python-slack-sdk, Slack doc values)",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-Slack-Signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "X-Slack-Request-Timestamp", Template: slackV0, Algorithm: algSHA256}),
	{
		// Postmark signs nothing: Basic-auth credentials of the webhook URL (secret "user:password"),
		// or option header = a custom header carrying the secret. Its IP list is not shipped (unverified).
		Name: "postmark", Options: []string{"header"}, New: newPostmark, Signer: signPostmark,
		Doc: PresetDoc{
			Signature:     "`Authorization: Basic …` (or option `header`)",
			Algorithm:     "none: a shared credential (secret `user:password`, or the header's value); body **not** covered",
			Signed:        "–",
			AllowListNote: "the IP list is not verified",
			Identity:      "none",
			Vectors:       "computed",
		},
	},
	{
		// Standard Webhooks: webhook-id/-timestamp/-signature; v1 = base64 HMAC-SHA256 (whsec_ key),
		// v1a = ed25519 (public_key whpk_...), over `id.timestamp.body`.
		Name: "standard_webhooks", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "`webhook-signature: v1,<b64> v1a,<b64> …` + `webhook-id`, `webhook-timestamp`",
			Algorithm: "v1 HMAC-SHA256, key = base64 after `whsec_` (the prefix is optional); v1a ed25519, `public_key whpk_…`",
			Signed:    "`id.timestamp.body`",
			Identity:  "`webhook-id`",
			Vectors:   "sdk (standard-webhooks Go tests) + computed (v1a, RFC 8032 key)",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	},
	{
		// Svix: Standard Webhooks with svix-* headers (webhook-* accepted when svix-* are absent).
		Name: "svix", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature:     "`svix-signature` + `svix-id`, `svix-timestamp` (falls back to `webhook-*`)",
			Algorithm:     "as standard_webhooks",
			Signed:        "`id.timestamp.body`",
			AllowListNote: "Svix's IPs vary by plan",
			Identity:      "`svix-id`",
			Vectors:       "sdk (svix Go tests)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	{
		// Clerk: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "clerk", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "as svix",
			Algorithm: "as svix",
			Signed:    "as svix",
			Identity:  "`svix-id`",
			Vectors:   "sdk (Svix vector)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	{
		// Resend: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "resend", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Signature: "as svix",
			Algorithm: "as svix",
			Signed:    "as svix",
			Identity:  "`svix-id`",
			Vectors:   "sdk (Svix vector)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	},
	withScheme(Preset{
		// Linear: Linear-Signature: <hex HMAC-SHA256(body)>; body field webhookTimestamp (ms) within ±60 s.
		Name: "linear", Tolerance: tolerance60s, LogIDHeader: "Linear-Delivery",
		Doc: PresetDoc{
			Signature: "`Linear-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body; its `webhookTimestamp` (ms) is checked and must be present",
			Identity:  "`Linear-Delivery`",
			Vectors:   "computed",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "Linear-Signature", Encoding: encHex},
		TimestampField: "webhookTimestamp", TimeFormat: unixMillis, Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Typeform: Typeform-Signature: sha256=<base64 HMAC-SHA256(body)>.
		Name: "typeform", BodyID: "event_id",
		Doc: PresetDoc{
			Signature: "`Typeform-Signature: sha256=<base64>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "body `event_id`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "Typeform-Signature", Prefix: "sha256=", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Intercom: X-Hub-Signature: sha1=<hex HMAC-SHA1(body)>, key = client_secret (or hub_secret).
		Name: "intercom", BodyID: "id",
		Doc: PresetDoc{
			Signature:     "`X-Hub-Signature: sha1=<hex>`",
			Algorithm:     "HMAC-SHA1, key = client_secret",
			Signed:        "body",
			UserAgentNote: "the doc's example UA is not enforced",
			Identity:      "body `id`",
			Vectors:       "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha1=", Encoding: encHex}, algSHA1)),
	{
		// HubSpot v3: X-HubSpot-Signature-v3 = base64 HMAC-SHA256(method+URL+body+timestamp ms);
		// option version v1/v2: X-HubSpot-Signature = hex sha256(secret[+method+URL]+body).
		Name: "hubspot", Options: []string{"version"}, Tolerance: hubspotTolerance, SignsURL: true,
		Doc: PresetDoc{
			Signature:     "`X-HubSpot-Signature-v3: <base64>` + `X-HubSpot-Request-Timestamp` (ms); option `version v1/v2`: `X-HubSpot-Signature: <hex>`",
			Algorithm:     "v3 HMAC-SHA256; v1/v2 plain SHA-256",
			Signed:        "v3 `method+URL+body+timestamp`; v2 `secret+method+URL+body`; v1 `secret+body`",
			ToleranceNote: "v3",
			Identity:      "none",
			Vectors:       "sdk (v1, v2: hubspot-api-nodejs) + computed (v3)",
		},
		New: newHubSpot, Signer: signHubSpot,
	},
	{
		// Xero: x-xero-signature: base64 HMAC-SHA256(body), key used as a literal string;
		// Intent-to-Receive (signed, no events) is answered 200 with an empty body.
		Name: "xero", New: newXero, Signer: xeroScheme.Sign,
		Doc: PresetDoc{
			Signature: "`x-xero-signature: <base64>`",
			Algorithm: "HMAC-SHA256, the key used as a literal string",
			Signed:    "body",
			Handshake: "Intent-to-Receive: a signed delivery with no events gets 200 and an empty body; a bad signature gets 401",
			Identity:  "none",
			Vectors:   "computed",
		},
	},
	withScheme(Preset{
		// Zendesk: X-Zendesk-Webhook-Signature: base64 HMAC-SHA256(timestamp+body), RFC 3339 timestamp header.
		Name: "zendesk", Tolerance: tolerance5m, LogIDHeader: "X-Zendesk-Webhook-Invocation-Id",
		Doc: PresetDoc{
			Signature:     "`X-Zendesk-Webhook-Signature: <base64>` + `X-Zendesk-Webhook-Signature-Timestamp` (RFC 3339)",
			Algorithm:     "HMAC-SHA256, the secret used as a literal string",
			Signed:        "`timestamp+body` (current docs)",
			ToleranceNote: "a hookgate choice: Zendesk documents none",
			Identity:      "`X-Zendesk-Webhook-Invocation-Id`",
			Vectors:       "computed; the old doc vector (body+timestamp) is recorded as refused",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-Zendesk-Webhook-Signature", Encoding: encBase64},
		TimestampHeader: "X-Zendesk-Webhook-Signature-Timestamp", TimeFormat: rfc3339,
		Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Asana: X-Hook-Signature: <hex HMAC-SHA256(body)>, key = the X-Hook-Secret of the handshake
		// (the handshake itself is not answered by the gate: see docs/presets.md).
		Name: "asana",
		Doc: PresetDoc{
			Signature: "`X-Hook-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the X-Hook-Secret from the handshake",
			Signed:    "body",
			Handshake: "not answered by the gate (see the notes in docs/presets.md)",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Sentry integrations: Sentry-Hook-Signature: <hex HMAC-SHA256(body)> (its timestamp is not signed).
		Name: "sentry",
		Doc: PresetDoc{
			Signature:     "`Sentry-Hook-Signature: <hex>`",
			Algorithm:     "HMAC-SHA256",
			Signed:        "body (the timestamp is not signed, so not checked)",
			AllowListNote: "SaaS IPs exist; they are not shipped",
			Identity:      "none",
			Vectors:       "computed",
		},
	}, bodyScheme(signatureFormat{Header: "Sentry-Hook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// PagerDuty v3: X-PagerDuty-Signature: v1=<hex>[,v1=<hex>] HMAC-SHA256(body), literal secret.
		Name: "pagerduty", LogIDHeader: "X-Webhook-Id",
		Doc: PresetDoc{
			Signature:     "`X-PagerDuty-Signature: v1=<hex>[,v1=…]`",
			Algorithm:     "HMAC-SHA256, literal secret",
			Signed:        "body",
			AllowListNote: "PagerDuty says its IPs change",
			Identity:      "`X-Webhook-Id`",
			Vectors:       "sdk (go-pagerduty)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "X-PagerDuty-Signature", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Calendly: Calendly-Webhook-Signature: t=..,v1=<hex HMAC-SHA256("t.body")>.
		Name: "calendly", Tolerance: tolerance3m,
		Doc: PresetDoc{
			Signature: "`Calendly-Webhook-Signature: t=..,v1=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "`t.body`",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Calendly-Webhook-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Vercel: x-vercel-signature: <hex HMAC-SHA1(body)>.
		Name: "vercel", BodyID: "id",
		Doc: PresetDoc{
			Signature: "`x-vercel-signature: <hex>`",
			Algorithm: "HMAC-SHA1",
			Signed:    "body",
			Identity:  "body `id`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "x-vercel-signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Paddle Billing: Paddle-Signature: ts=..;h1=<hex>[;h1=..] HMAC-SHA256("ts:body"), 5 s tolerance.
		Name: "paddle", Tolerance: tolerance5s, BodyID: "event_id",
		Doc: PresetDoc{
			Signature: "`Paddle-Signature: ts=..;h1=<hex>[;h1=…]`",
			Algorithm: "HMAC-SHA256, key = `pdl_ntfset_…` string",
			Signed:    "`ts:body`",
			Identity:  "body `event_id`",
			Vectors:   "sdk (paddle-node-sdk, paddle-python-sdk)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Paddle-Signature", ItemSep: ';', KeySep: '=', TimestampKey: "ts", SignatureKey: "h1", Encoding: encHex},
		Template: template{timestampPart, lit(":"), bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Razorpay: X-Razorpay-Signature: <hex HMAC-SHA256(body)>.
		Name: "razorpay",
		Doc: PresetDoc{
			Signature: "`X-Razorpay-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "none",
			Vectors:   "sdk (razorpay-python)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Razorpay-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Paystack: x-paystack-signature: <hex HMAC-SHA512(body)>, key = secret API key; published IPs.
		Name: "paystack", AllowIP: []string{"52.31.139.75", "52.49.173.169", "52.214.14.220"},
		Doc: PresetDoc{
			Signature: "`x-paystack-signature: <hex>`",
			Algorithm: "HMAC-SHA512, key = secret API key",
			Signed:    "body",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "x-paystack-signature", Encoding: encHex}, algSHA512)),
	{
		// Flutterwave: verif-hash = the secret hash verbatim (mode v3, default; no body signature);
		// mode v4/auto: flutterwave-signature = base64 HMAC-SHA256(body).
		// Only v4 signs the body, so only v4 reads its data.id (newFlutterwave).
		Name: "flutterwave", Options: []string{"mode"}, New: newFlutterwave, Signer: signFlutterwave,
		Doc: PresetDoc{
			Signature: "`verif-hash` (mode `v3`, default); `flutterwave-signature: <base64>` (mode `v4`; `auto` uses v4 when that header is present)",
			Algorithm: "v3: the secret hash itself (body **not** covered); v4: HMAC-SHA256 (third-party sources only)",
			Signed:    "v3 –; v4 body",
			Identity:  "body `data.id`",
			Vectors:   "computed",
		},
	},
	withScheme(Preset{
		// Coinbase Commerce: X-CC-Webhook-Signature: <hex HMAC-SHA256(body)>.
		Name: "coinbase_commerce", BodyID: "event.id",
		Doc: PresetDoc{
			Signature: "`X-CC-Webhook-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "body `event.id`",
			Vectors:   "sdk (coinbase-commerce-node)",
		},
	}, bodyScheme(signatureFormat{Header: "X-CC-Webhook-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Lemon Squeezy: X-Signature: <hex HMAC-SHA256(body)>.
		Name: "lemonsqueezy",
		Doc: PresetDoc{
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
	// ---- URL-signing, asymmetric, in-body and handshake schemes (vectors: testdata/vectors/sdk.jsonl, derived.jsonl) ----
	{
		// Twilio: X-Twilio-Signature = base64 HMAC-SHA1(auth token, URL + sorted params | URL with bodySHA256).
		Name: "twilio", SignsURL: true, New: newTwilio, Signer: signTwilio,
		Doc: PresetDoc{
			Signature: "`X-Twilio-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = auth token",
			Signed:    "public URL (with query) + form params sorted by name, values sorted and de-duplicated; JSON bodies: URL only, with `bodySHA256=<hex sha256(body)>` in the query checked against the body; URL tried with and without its port (explicit or default)",
			Identity:  "hash of the signed content",
			Vectors:   "sdk-test (twilio-python) ×7",
		},
		Sample: []byte("AccountSid=AC00000000000000000000000000000000&CallSid=CA00000000000000000000000000000000&CallStatus=completed&From=%2B15005550006"),
	},
	{
		// Square: x-square-hmacsha256-signature = base64 HMAC-SHA256(signature key, notification URL + body).
		Name: "square", SignsURL: true, New: newSquare, Signer: signURLBodyHMAC(newSquare),
		Doc: PresetDoc{
			Signature: "`x-square-hmacsha256-signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = subscription signature key",
			Signed:    "notification URL + body",
			Identity:  "body `event_id`",
			Vectors:   "sdk-test (square-python-sdk) ×7, 2 valid + 5 invalid",
		},
		BodyID: "event_id",
	},
	{
		// Trello: X-Trello-Webhook = base64 HMAC-SHA1(app secret, body + callback URL); HEAD probe answered 200.
		Name: "trello", SignsURL: true, New: newTrello, Signer: signURLBodyHMAC(newTrello),
		Doc: PresetDoc{
			Signature:     "`X-Trello-Webhook: <base64>`",
			Algorithm:     "HMAC-SHA1, key = app (OAuth) secret",
			Signed:        "body + callback URL as registered (set `url` to it)",
			AllowListNote: "archived list is stale",
			Handshake:     "HEAD with no body answered 200 (webhook creation probe)",
			Identity:      "body `action.id`",
			Vectors:       "computed",
		},
		BodyID: "action.id",
	},
	{
		// Adyen: hex key; base64 HMAC-SHA256 per notification item (additionalData.hmacSignature)
		// or of the raw body in HmacSignature (option variant: auto, notification, header).
		Name: "adyen", Options: []string{"variant"}, New: newAdyen, Signer: signAdyen,
		Doc: PresetDoc{
			Signature: "variant `notification`: `additionalData.hmacSignature` in every item; variant `header`: `HmacSignature: <base64>`; `auto` (default): the header when present, else the items",
			Algorithm: "HMAC-SHA256, key = hex-decoded HMAC key",
			Signed:    "items: `pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success` (JSON-decoded values, every item must verify); header: raw body",
			Handshake: "– (the app answers `[accepted]`)",
			Identity:  "hash of the signed content",
			Vectors:   "sdk-test (adyen-python-api-library) ×7",
		},
	},
	{
		// Vipps MobilePay Webhooks API: Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>.
		Name: "vipps", SignsURL: true, Tolerance: vippsTolerance, New: newVipps, Signer: signVipps,
		Doc: PresetDoc{
			Signature:     "`Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>` + `x-ms-content-sha256`",
			Algorithm:     "HMAC-SHA256, key = secret as UTF-8 (not decoded)",
			Signed:        "`METHOD\\npath?query\\nx-ms-date;host;x-ms-content-sha256` (path, query, host from the public URL); content hash checked against the body",
			ToleranceNote: "on `x-ms-date`; hookgate's choice",
			Identity:      "hash of the signed content",
			Vectors:       "published-doc ×1",
		},
	},
	{
		// Discord: X-Signature-Ed25519 = Ed25519(public_key) over X-Signature-Timestamp + body; PING answered.
		Name: "discord", SecretOptional: true, Options: []string{"mode"}, Tolerance: discordTolerance,
		Doc: PresetDoc{
			Signature:     "`X-Signature-Ed25519: <hex>` + `X-Signature-Timestamp`",
			Algorithm:     "Ed25519, `public_key` = application public key (hex); no shared secret",
			Signed:        "timestamp + body",
			ToleranceNote: "hookgate's choice; Discord checks none",
			Handshake:     "verified PING answered: mode `interactions` (default) `{\"type\":1}` 200; mode `events` 204",
			Identity:      "body `id`",
			Vectors:       "computed (RFC 8032 TEST 1 key)",
		},
		New: newDiscord, Signer: signDiscord, BodyID: "id",
	},
	{
		// SendGrid Event Webhook: ECDSA P-256/SHA-256 (public_key) over timestamp + body, base64 DER.
		Name: "sendgrid", SecretOptional: true, New: newSendGrid, Signer: signSendGrid,
		Doc: PresetDoc{
			Signature:     "`X-Twilio-Email-Event-Webhook-Signature: <base64 DER>` + `-Timestamp`",
			Algorithm:     "ECDSA P-256 SHA-256, `public_key` = verification key (base64 DER SPKI or PEM); DER or raw r‖s signatures",
			Signed:        "timestamp + body",
			ToleranceNote: "none unless `tolerance` is set; SendGrid enforces none and retries for 24 h",
			Identity:      "hash of the signed content",
			Vectors:       "sdk-test (sendgrid-go) ×3",
		},
	},
	{
		// Mailgun: body signature {timestamp, token, signature} = hex HMAC-SHA256(timestamp + token); body unsigned.
		Name: "mailgun", Tolerance: mailgunTolerance, New: newMailgun, Signer: signMailgun,
		Doc: PresetDoc{
			Signature: "in the body: JSON `signature{timestamp,token,signature}` (and `parent-signature`), or form/multipart fields",
			Algorithm: "HMAC-SHA256 hex, key = webhook signing key",
			Signed:    "timestamp + token (**the event data is not signed**)",
			Identity:  "the signed token",
			Vectors:   "computed",
		},
	},
	{
		// Mercado Pago: x-signature ts=,v1=<hex HMAC-SHA256("id:<data.id>;request-id:<x-request-id>;ts:<ts>;")>; body unsigned.
		Name: "mercadopago", New: newMercadoPago, Signer: signMercadoPago,
		Doc: PresetDoc{
			Signature:     "`x-signature: ts=..,v1=<hex>` + `x-request-id`",
			Algorithm:     "HMAC-SHA256, key = secret signature key",
			Signed:        "`id:<query data.id, lowercased>;request-id:<x-request-id>;ts:<ts>;` (absent parts left out; **body not signed**)",
			ToleranceNote: "none unless `tolerance` is set; the ts unit is ambiguous: 13+ digits are read as ms",
			Identity:      "`x-request-id`",
			Vectors:       "computed",
		},
	},
	{
		// Dropbox: X-Dropbox-Signature = hex HMAC-SHA256(app secret, body); GET ?challenge= echoed.
		Name: "dropbox", New: newDropbox, Signer: bodyScheme(dropboxFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Signature: "`X-Dropbox-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = app secret",
			Signed:    "body",
			Handshake: "unsigned `GET ?challenge=<v>` (only parameter, no body, URL-safe characters, ≤256) echoed as text/plain",
			Identity:  "hash of the signed content",
			Vectors:   "3p-test (hapi-dropbox-webhooks), published-doc (challenge)",
		},
	},
	withScheme(Preset{
		// Box: BOX-SIGNATURE-PRIMARY/-SECONDARY = base64 HMAC-SHA256(body + BOX-DELIVERY-TIMESTAMP); see box.go.
		Name: "box", Tolerance: boxTolerance, BodyID: "id", Signer: signBox,
		Doc: PresetDoc{
			Signature:     "`BOX-SIGNATURE-PRIMARY` / `-SECONDARY: <base64>` + `BOX-DELIVERY-TIMESTAMP`; `BOX-SIGNATURE-VERSION: 1`, `BOX-SIGNATURE-ALGORITHM: HmacSHA256` required",
			Algorithm:     "HMAC-SHA256, primary or secondary key (any header, any configured key)",
			Signed:        "body + timestamp (RFC 3339, as sent)",
			ToleranceNote: "Box SDK); future also limited (Box SDK allows any future",
			Identity:      "body `id`",
			Vectors:       "sdk-test (box-node-sdk) ×6",
		},
	}, hmacScheme{Signature: boxSignatures{}, TimestampHeader: boxTimestamp, TimeFormat: rfc3339,
		Template: template{bodyPart, timestampPart}, Algorithm: algSHA256}),
	{
		// DocuSign Connect: X-DocuSign-Signature-N = base64 HMAC-SHA256(Connect key, body), one per key.
		Name: "docusign", New: newDocuSign, Signer: signDocuSign,
		Doc: PresetDoc{
			Signature: "`X-DocuSign-Signature-1..N: <base64>` (one per Connect key, up to 100 read)",
			Algorithm: "HMAC-SHA256, key = Connect HMAC key as UTF-8",
			Signed:    "body",
			Identity:  "hash of the signed content",
			Vectors:   "computed",
		},
	},
	withScheme(Preset{
		// GoCardless: Webhook-Signature = hex HMAC-SHA256(endpoint secret, body).
		Name: "gocardless",
		Doc: PresetDoc{
			Signature:     "`Webhook-Signature: <hex>`",
			Algorithm:     "HMAC-SHA256, key = endpoint secret",
			Signed:        "body",
			UserAgentNote: "`gocardless-webhook-service/1.1` carries a version, so not pinned",
			Identity:      "hash of the signed content",
			Vectors:       "sdk-test (gocardless-pro-python) ×3",
		},
	}, bodyScheme(gocardlessFormat, algSHA256)),
	withScheme(Preset{
		// Zoom: x-zm-signature = v0=<hex HMAC-SHA256("v0:ts:body")>; endpoint.url_validation answered (zoom.go).
		Name: "zoom", Tolerance: zoomTolerance,
		Doc: PresetDoc{
			Signature:     "`x-zm-signature: v0=<hex>` + `x-zm-request-timestamp`",
			Algorithm:     "HMAC-SHA256, key = secret token",
			Signed:        "`v0:<ts>:<body>`",
			ToleranceNote: "hookgate's choice; Zoom publishes none",
			Handshake:     "verified `endpoint.url_validation` answered `{\"plainToken\",\"encryptedToken\"}` with the secret that signed it",
			Identity:      "hash of the signed content",
			Vectors:       "computed",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "x-zm-signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "x-zm-request-timestamp", Template: slackV0, Algorithm: algSHA256, Handshake: zoomHandshake}),
	withScheme(Preset{
		// Twitch EventSub: sha256=<hex HMAC-SHA256(id + timestamp + body)>; webhook_callback_verification answered (twitch.go).
		Name: "twitch", Tolerance: twitchTolerance, Signer: signTwitch,
		Doc: PresetDoc{
			Signature:     "`Twitch-Eventsub-Message-Signature: sha256=<hex>` + `-Id`, `-Timestamp`",
			Algorithm:     "HMAC-SHA256, key = subscription secret (10–100 characters, enforced)",
			Signed:        "id + timestamp + body",
			ToleranceNote: "Twitch",
			Handshake:     "verified `webhook_callback_verification` answered with `challenge` as text/plain",
			Identity:      "`Twitch-Eventsub-Message-Id`",
			Vectors:       "computed",
		},
	}, twitchScheme),
	// ---- Catalogue batch A (issue #12): meta ... ghost ----
	//
	{
		// Meta: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>; the GET
		// subscription handshake is answered by the gate with option verify_token (meta.go).
		Name: "meta", New: newMeta, Signer: bodyScheme(metaFormat, algSHA256).Sign,
		Options: []string{metaOptionVerifyToken}, SecretOptions: []string{metaOptionVerifyToken},
		Sample: []byte(`{"object":"page","entry":[{"id":"0","time":1700000000,"changes":[{"field":"feed","value":{"item":"status","verb":"add"}}]}]}`),
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature-256: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the app secret",
			Signed:    "body",
			Handshake: "`GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..`: 200 with the challenge (text/plain) when `verify_token` matches, else 403",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from developers.facebook.com Graph API webhooks",
			Note: "Meta: the subscription handshake is answered only when it is exactly `hub.mode=subscribe`, `hub.verify_token` and `hub.challenge` (1 to 256 URL-safe characters), each once, on a GET with no body; " +
				"`verify_token` is a credential (kept out of logs like a secret). Without `verify_token` every handshake gets 403. Meta also sends the legacy `X-Hub-Signature` (SHA-1), which is not checked.",
		},
	},
	{
		// Telegram Bot API: X-Telegram-Bot-Api-Secret-Token = the setWebhook secret_token verbatim; body unsigned.
		Name: "telegram", New: newTelegram, Signer: signHeaderToken(telegramHeader),
		Sample: []byte(`{"update_id":10000,"message":{"message_id":1,"date":1700000000,"chat":{"id":1,"type":"private"},"text":"/start"}}`),
		Doc: PresetDoc{
			Signature: "`X-Telegram-Bot-Api-Secret-Token: <secret_token>`",
			Algorithm: "none: the setWebhook `secret_token` itself, compared in constant time",
			Signed:    "nothing (the body is not signed)",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from core.telegram.org/bots/api#setwebhook",
			Note: "Telegram: the token proves the sender knows it, not that the body is unchanged. A secret that is not a valid `secret_token` " +
				"(1 to 256 of `A-Z a-z 0-9 _ -`) is refused at provision time. No source ranges are shipped (set `allow_ip` yourself to restrict them).",
		},
	},
	withScheme(Preset{
		// LINE Messaging API: x-line-signature = base64 HMAC-SHA256(channel secret, body).
		Name: "line",
		Doc: PresetDoc{
			Signature:     "`x-line-signature: <base64>`",
			Algorithm:     "HMAC-SHA256, key = the channel secret",
			Signed:        "body",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from developers.line.biz verify-webhook-signature and line/line-bot-sdk-go `webhook.ValidateSignature`",
			AllowListNote: "LINE does not disclose its IP addresses",
		},
	}, bodyScheme(signatureFormat{Header: "x-line-signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Recurly: recurly-signature: <unix ms>,<hex>[,<hex>] HMAC-SHA256("ms.body"), 5 minutes (recurly.go).
		Name: "recurly", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`recurly-signature: <unix ms>,<hex>[,<hex>...]`",
			Algorithm:     "HMAC-SHA256, key = the endpoint's secret key",
			Signed:        "`<unix ms>.<body>`",
			ToleranceNote: "recurly-client-go `DEFAULT_WEBHOOK_TOLERANCE`",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from docs.recurly.com signature-verification and recurly/recurly-client-go webhook.go (its tests compute theirs at run time)",
			Note:          "Recurly: only JSON webhooks are signed; XML webhooks carry no signature and are refused. Several signatures travel while a key rotates; any one may match.",
		},
	}, hmacScheme{Signature: recurlySignatures{}, TimeFormat: unixMillis, Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Persona: Persona-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>, sets space-separated while rotating (persona.go).
		Name: "persona", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`Persona-Signature: t=<unix>,v1=<hex>[ t=<unix>,v1=<hex>]`",
			Algorithm:     "HMAC-SHA256, key = the webhook secret",
			Signed:        "`t.body`",
			ToleranceNote: "hookgate's choice; Persona publishes none",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from docs.withpersona.com webhooks best practices",
			Note:          "Persona: while a secret rotates the header holds two `t=..,v1=..` sets separated by a space; hookgate requires both to carry the same `t` and refuses a header whose sets disagree.",
		},
	}, hmacScheme{Signature: personaSignatures{}, Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// WorkOS: WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256("t.body")>, 3 minutes (workos-go).
		Name: "workos", Tolerance: tolerance3m, BodyID: "id",
		Doc: PresetDoc{
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
		// Tailscale: Tailscale-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>.
		Name: "tailscale", Tolerance: tolerance5m,
		Sample: []byte(`[{"timestamp":"2024-01-01T00:00:00Z","version":1,"type":"test","tailnet":"example.com","message":"This is a test event","data":null}]`),
		Doc: PresetDoc{
			Signature:     "`Tailscale-Webhook-Signature: t=<unix>,v1=<hex>`",
			Algorithm:     "HMAC-SHA256, key = the webhook secret",
			Signed:        "`t.body`",
			ToleranceNote: "Tailscale's example consumer (docs/webhooks/example.go) allows 5 minutes of age",
			Identity:      "hash of the body (a JSON array of events)",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from tailscale docs/webhooks/example.go as copied in tailscale/ts-webhook-adapter signature.go",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Tailscale-Webhook-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Mux: Mux-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>, the signing secret as is.
		Name: "mux", Tolerance: tolerance5m, BodyID: "id",
		Sample: []byte(`{"type":"video.asset.ready","id":"3a56ac3d-33da-4366-855b-f592d898409d","object":{"type":"asset","id":"asset_1"}}`),
		Doc: PresetDoc{
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
			Signature: "`X-SHA2-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's token",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from documentation.identity.entrust.com manual-webhook-signature-verification",
		},
	}, bodyScheme(signatureFormat{Header: "X-SHA2-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// BTCPay Server: BTCPay-Sig: sha256=<hex HMAC-SHA256(webhook secret, body)>.
		Name: "btcpay",
		Doc: PresetDoc{
			Signature: "`BTCPay-Sig: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret (UTF-8)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from btcpayserver/btcpayserver BTCPayServer/wwwroot/swagger/v1/swagger.template.webhooks.json (`x-webhooks`: `BTCPay-Sig: sha256=HMAC256(UTF8(webhook's secret), body)`)",
			Note:      "BTCPay Server: a redelivery gets a new `deliveryId` in the body, so it is a new delivery for replay protection; `originalDeliveryId` names the first.",
		},
	}, bodyScheme(signatureFormat{Header: "BTCPay-Sig", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// ClickUp: X-Signature = hex HMAC-SHA256(webhook secret, body).
		Name: "clickup",
		Doc: PresetDoc{
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's `secret`",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from developer.clickup.com webhook signature (its example signature is truncated, not a vector)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Cashfree Payments: x-webhook-signature = base64 HMAC-SHA256(client secret, timestamp + body), x-webhook-timestamp (ms).
		Name: "cashfree", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`x-webhook-signature: <base64>`, `x-webhook-timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the PG client secret key",
			Signed:        "`<timestamp><body>` (no separator)",
			ToleranceNote: "hookgate's choice; Cashfree publishes none and its SDK checks no age",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from cashfree.com signature-verification and cashfree/cashfree-pg-sdk-nodejs `PGVerifyWebhookSignature`",
			Note:          "Cashfree: the docs' pseudo-code writes `$timestamp.$payload` (PHP concatenation); the SDK signs the timestamp and body with nothing between them, as hookgate does. Cashfree publishes source IPs per product; they are not shipped.",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "x-webhook-signature", Encoding: encBase64},
		TimestampHeader: "x-webhook-timestamp", TimeFormat: unixMillis, Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Patreon: X-Patreon-Signature = hex HMAC-MD5(webhook secret, body).
		Name: "patreon",
		Doc: PresetDoc{
			Signature: "`X-Patreon-Signature: <hex>`",
			Algorithm: "HMAC-MD5, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from Patreon/patreon-wordpress classes/patreon_routing.php",
			Note:      "Patreon: HMAC-MD5 is what Patreon sends; as a MAC it still authenticates, but it is the weakest algorithm in the catalogue.",
		},
	}, bodyScheme(signatureFormat{Header: "X-Patreon-Signature", Encoding: encHex}, algMD5)),
	withScheme(Preset{
		// Heroku app webhooks: Heroku-Webhook-Hmac-SHA256 = base64 HMAC-SHA256(secret, body).
		Name: "heroku",
		Doc: PresetDoc{
			Signature: "`Heroku-Webhook-Hmac-SHA256: <base64>`",
			Algorithm: "HMAC-SHA256, key = the subscription's `secret`",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from devcenter.heroku.com app-webhooks and addon-webhooks",
			Note:      "Heroku: the Dev Center states the header is the HMAC-SHA256 of the body with the secret; the base64 encoding is from its code example as every implementation found reproduces it, not from the prose. The optional `authorization` header is not checked.",
		},
	}, bodyScheme(signatureFormat{Header: "Heroku-Webhook-Hmac-SHA256", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Revolut: Revolut-Signature: v1=<hex>[,v1=<hex>] HMAC-SHA256("v1.<ms>.body"), Revolut-Request-Timestamp, 5 minutes.
		Name: "revolut", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`Revolut-Signature: v1=<hex>[,v1=<hex>]`, `Revolut-Request-Timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the webhook signing secret (`wsk_...`)",
			Signed:        "`v1.<timestamp>.<body>`",
			ToleranceNote: "Revolut's docs",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from developer.revolut.com verify-the-payload-signature",
			Note:          "Revolut: several `v1` signatures travel while signing secrets rotate; any may match. Revolut publishes webhook source IPs per environment; they are not shipped.",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Revolut-Signature", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		TimestampHeader: "Revolut-Request-Timestamp", TimeFormat: unixMillis, Template: template{lit("v1."), timestampPart, lit("."), bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Customer.io reporting webhooks: X-CIO-Signature = hex HMAC-SHA256(signing key, "v0:<ts>:body"), X-CIO-Timestamp.
		Name: "customerio", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`X-CIO-Signature: <hex>`, `X-CIO-Timestamp: <unix>`",
			Algorithm:     "HMAC-SHA256, key = the reporting webhook signing key",
			Signed:        "`v0:<timestamp>:<body>`",
			ToleranceNote: "hookgate's choice; Customer.io publishes none",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from customer.io/docs/api/webhooks",
			Note: "Customer.io: the stored docs page states an HMAC-SHA256 of the body with the signing key and the `X-CIO-Timestamp` header; the exact `v0:<timestamp>:<body>` layout is from its verification example as every implementation found reproduces it. " +
				"Only reporting webhooks are signed with your key; webhook actions in campaigns are not (Customer.io support). Customer.io publishes source IPs per region; they are not shipped.",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "X-CIO-Signature", Encoding: encHex},
		TimestampHeader: "X-CIO-Timestamp", Template: slackV0, Algorithm: algSHA256}),
	withScheme(Preset{
		// Cal.com: X-Cal-Signature-256 = hex HMAC-SHA256(webhook secret, body).
		Name: "calcom",
		Doc: PresetDoc{
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
			Signature:     "`sanity-webhook-signature: t=<unix ms>,v1=<base64url>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret",
			Signed:        "`t.body`",
			ToleranceNote: "hookgate's choice; @sanity/webhook checks no age",
			Identity:      "hash of the body",
			Vectors:       "sdk-test (sanity-io/webhook-toolkit test/signature.test.ts) and computed (testdata/vectors/presets-a.jsonl)",
			Note:          "Sanity: the signature is unpadded base64url, decoded strictly: a copy whose last character differs only in the unused bits is refused.",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "sanity-webhook-signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encBase64URL},
		TimeFormat: unixMillis, Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Ghost: X-Ghost-Signature: sha256=<hex HMAC-SHA256(secret, body + ms)>, t=<unix ms> (ghost.go).
		Name: "ghost", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`X-Ghost-Signature: sha256=<hex>, t=<unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret",
			Signed:        "`<body><t>` (no separator)",
			ToleranceNote: "hookgate's choice; Ghost publishes none",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from TryGhost/Ghost ghost/core/core/server/services/webhooks/WebhookTrigger.js",
			Note:          "Ghost: webhooks without a secret are sent unsigned and are refused. Ghost's own retries (up to 5) repeat the same signed request, timestamp included, so they fall within the tolerance only when they come within 5 minutes.",
		},
	}, hmacScheme{Signature: ghostFormat, TimeFormat: unixMillis, Template: template{bodyPart, timestampPart}, Algorithm: algSHA256}),
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
	{
		// App Store Server Notifications V2: {"signedPayload": JWS ES256}, x5c chain to Apple Root CA - G3 (apple_app_store.go).
		Name: "apple_app_store", SecretOptional: true,
		Options:         []string{appStoreBundleID, appStoreAppAppleID, appStoreEnvironment},
		RequiredOptions: []string{appStoreBundleID},
		New:             newAppStore, Signer: signAppStore,
		Sample: []byte(`{"notificationType":"TEST","data":{"bundleId":"com.example","environment":"Sandbox","appAppleId":1234},"version":"2.0"}`),
		Doc: PresetDoc{
			Signature:     "body `{\"signedPayload\": \"<JWS>\"}` (compact JWS, `alg` ES256, `x5c` chain)",
			Algorithm:     "ECDSA P-256/SHA-256 with the `x5c` leaf key; the chain must lead to Apple Root CA - G3 (embedded) at `signedDate`, with Apple's marker OIDs; no secret",
			Signed:        "the JWS header and payload (`signedPayload`), whose `data` must name the configured `bundle_id`, `environment` (`Production`, the default, or `Sandbox`) and, in Production, `app_apple_id`",
			ToleranceNote: "Apple's library checks the chain at `signedDate` and no freshness; `tolerance`, when set, bounds `signedDate`",
			AllowListNote: "none set; the chain to Apple's root is the check",
			Identity:      "signed payload `notificationUUID`",
			Vectors:       "sdk-test: Apple's testNotification with its test CA (apple/app-store-server-library-python tests); computed: python `cryptography` with a generated root, intermediate and leaf carrying Apple's markers (testdata/vectors/generate_presets-d.py)",
			Note: "Verification follows Apple's SignedDataVerifier (app-store-server-library-python) with online checks off: certificate revocation (OCSP) is not checked, and the chain is judged at the payload's `signedDate`, as Apple's library does offline. " +
				"The leaf must carry 1.2.840.113635.100.6.11.1 and the intermediate 1.2.840.113635.100.6.2.1; the JWS signature is raw r\\|\\|s. The third `x5c` certificate is not used; the embedded Apple Root CA - G3 (SHA-256 63:34:3A:BF:...:3E:91:79) is the only root. " +
				"Options as SignedDataVerifier takes them: `bundle_id` (required), `environment` and `app_apple_id` (required in Production, not checked in Sandbox, as in Apple's library). The Xcode and LocalTesting environments, whose data Apple's library does not verify, are refused. The nested `signedTransactionInfo` and `signedRenewalInfo` are covered by the outer signature as parts of the payload; the gate does not check their own signatures. " +
				"The body must be exactly `{\"signedPayload\": ...}`: other members would be unsigned and are refused. `caddy webhook sign` takes a PEM bundle (leaf private key, leaf, intermediate and root certificates) as the secret; a real gate accepts only chains that end in Apple's root.",
		},
	},
	{
		// Wise: X-Signature-SHA256 = base64 SHA256withRSA(raw body) with Wise's published key (wise.go).
		Name: "wise", SecretOptional: true, Options: []string{"environment"},
		New: newWise, Signer: signWise, LogIDHeader: wiseDeliveryHeader,
		Sample: []byte(`{"data":{"resource":{"id":49983981,"profile_id":16055450,"account_id":14124090,"type":"transfer"},"current_state":"incoming_payment_waiting","previous_state":null,"occurred_at":"2021-08-23T10:12:50Z"},"subscription_id":"90aa8e14-4ef1-4a56-861c-f3c9cde097ea","event_type":"transfers#state-change","schema_version":"2.0.0","sent_at":"2021-08-23T10:12:50Z"}`),
		Doc: PresetDoc{
			Signature:     "`X-Signature-SHA256: <base64>`",
			Algorithm:     "RSA PKCS #1 v1.5 with SHA-256 (SHA256withRSA), Wise's published public key (option `environment`: `production`, the default, or `sandbox`); `public_key` replaces it",
			Signed:        "body",
			ToleranceNote: "the signature carries no time; Wise retries for two weeks",
			AllowListNote: "Wise publishes no source ranges for webhooks",
			Identity:      "hash of the body; `X-Delivery-Id` is unsigned (logs only)",
			Vectors:       "published-doc: Wise's sandbox example (transferwise/digital-signatures-examples verify-webhook-signature); computed: python `cryptography` with a generated RSA key (testdata/vectors/generate_presets-d.py)",
			Note: "Only `X-Signature-SHA256` is checked. Wise's current docs name no other signature header; the SHA-1 `X-Signature` of older TransferWise integrations is not accepted. " +
				"The body has no signed event ID (`subscription_id`, `event_type`, `schema_version`, `sent_at` and `data`), so replay protection keys on the hash of the signed body: a retry that Wise re-sends with a new `sent_at` is a new delivery to the gate. " +
				"`X-Delivery-Id` and `X-Test-Notification` are unsigned. A configured `public_key` (PEM or base64 DER, RSA of at least 2048 bits) replaces the published key; set it when Wise rotates its key before hookgate is updated.",
		},
	},
	// ---- Keys fetched from the provider (issue #12) ----
	//
	{
		// Amazon SNS: SHA1/SHA256withRSA over "Key\nValue\n" of the signed body fields, certificate
		// fetched from SigningCertURL (sns.<region>.amazonaws.com); topic_arn required; subscriptions confirmed.
		Name: "aws_sns", SecretOptional: true, Options: []string{"topic_arn"}, RequiredOptions: []string{"topic_arn"},
		New: newAWSSNS, Signer: signAWSSNS,
		Sample: []byte(`{"event":"order.paid","order":{"id":"o_1001","total":"12.00"}}`),
		Doc: PresetDoc{
			Signature:     "body fields `Signature` (base64), `SignatureVersion` `1` or `2`, `SigningCertURL`",
			Algorithm:     "SHA1withRSA (version 1) or SHA256withRSA (version 2), key = the certificate at `SigningCertURL`, fetched only from `https://sns.<region>.amazonaws.com[.cn]/....pem`",
			Signed:        "`Key\\nValue\\n` for Message, MessageId, Subject (if present), Timestamp, TopicArn, Type (Notification); Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type (confirmations)",
			ToleranceNote: "SNS retries re-send the message as first signed, so `Timestamp` is only checked when `tolerance` is set",
			AllowListNote: "none set by hookgate: SNS delivers from AWS's shared address space; the signature and `topic_arn` are the check",
			Handshake:     "SubscriptionConfirmation of a listed topic: the gate GETs its SubscribeURL (an SNS host) and answers 200 (503 if SNS refused, so SNS resends); UnsubscribeConfirmation goes to the app",
			Identity:      "body `MessageId` (signed)",
			Vectors:       "sdk-test: aws/aws-php-sns-message-validator tests/FunctionalValidationsTest.php (4 real deliveries, versions 1 and 2, with AWS's certificate pinned); computed: python3 `cryptography` with a test key",
			Note: "`topic_arn` (required; several ARNs as one quoted value separated by spaces, `topic_arn \"arn:aws:sns:eu-west-1:123456789012:orders arn:aws:sns:eu-west-1:123456789012:refunds\"`): anyone can create an SNS topic and subscribe your URL, so a valid signature alone proves nothing; " +
				"a message whose TopicArn is not listed is refused whatever its type, before any certificate is fetched. " +
				"`SigningCertURL` must be an HTTPS URL whose host matches AWS's validators' pattern `^sns\\.[a-zA-Z0-9\\-]{3,}\\.amazonaws\\.com(\\.cn)?$` and whose path ends in `.pem`; " +
				"the certificate is fetched over HTTPS with normal certificate verification, no redirect off those hosts, cached per URL for the process (see docs/fetched-keys.md), and must be valid at the delivery. " +
				"A certificate that cannot be fetched gives 503 with Retry-After (`key_unavailable`): SNS retries. " +
				"The `x-amz-sns-message-type`, `-message-id` and `-topic-arn` headers, when sent, must repeat the signed fields. A Notification carrying `SubscribeURL` or `Token` is refused as ambiguous (AWS's validators disagree on whether they are signed). " +
				"For an offline site, pin the certificate (or its public key) with `public_key {file./etc/hookgate/sns.pem}`: it replaces fetching and trusts only that key. " +
				"`caddy webhook sign --provider aws_sns` takes the RSA private key (`caddy webhook keygen --algorithm rsa`) as the secret; pin the printed public key on the test route.",
		},
	},
	{
		// PayPal: SHA256withRSA over "transmission_id|transmission_time|webhook_id|crc32(body)", certificate
		// fetched from PAYPAL-CERT-URL on PayPal's API hosts; webhook_id required.
		Name: "paypal", SecretOptional: true, Tolerance: tolerance5m, Options: []string{"webhook_id"}, RequiredOptions: []string{"webhook_id"},
		New: newPayPal, Signer: signPayPal,
		Sample: []byte(`{"id":"WH-2WR32451HC0233532-67976317FL4543714","event_version":"1.0","create_time":"2024-01-01T00:00:00.000Z","resource_type":"capture","event_type":"PAYMENT.CAPTURE.COMPLETED","summary":"Payment completed for $ 12.0 USD","resource":{"id":"42311647XV020574X","status":"COMPLETED"}}`),
		Doc: PresetDoc{
			Signature:     "`PAYPAL-TRANSMISSION-SIG: <base64>`, `PAYPAL-AUTH-ALGO: SHA256withRSA`, `PAYPAL-CERT-URL`, `PAYPAL-TRANSMISSION-ID`, `PAYPAL-TRANSMISSION-TIME`",
			Algorithm:     "SHA256withRSA, key = the certificate at `PAYPAL-CERT-URL`, fetched only from `https://api[-m][.sandbox].paypal.com/v1/notifications/certs/...`",
			Signed:        "`transmission_id\\|transmission_time\\|webhook_id\\|crc32(body)` (CRC32 as unsigned decimal)",
			ToleranceNote: "hookgate's choice; PayPal publishes none",
			AllowListNote: "none set by hookgate; set `allow_ip` from PayPal's current list if you want one",
			Identity:      "`PAYPAL-TRANSMISSION-ID` (signed)",
			Vectors:       "computed: python3 `cryptography` with a test key and certificate (PayPal publishes no offline vector)",
			Note: "`webhook_id` (required) is the webhook's ID from PayPal's dashboard: it is part of the signed string. " +
				"The scheme is PayPal's offline verification as its Java SDK implements it (`Event.validateReceivedEvent`): the certificate must be one of PayPal's message verification certificates (subject CN `messageverificationcerts*.paypal.com`, the SDK's check) and valid at the transmission; " +
				"it is fetched over HTTPS with normal certificate verification from api.paypal.com, api.sandbox.paypal.com, api-m.paypal.com or api-m.sandbox.paypal.com only (PayPal's REST hosts; its SDKs publish no list), never through a redirect off them, and cached per URL (docs/fetched-keys.md). " +
				"A certificate that cannot be fetched gives 503 with Retry-After (`key_unavailable`); PayPal retries for 3 days. " +
				"The body is bound to the signature only through its CRC32, which is not a cryptographic hash: within the tolerance, a captured delivery's body could be swapped for another with the same CRC32. Turn on `replay` (keyed on the signed transmission ID) to stop that. " +
				"For an offline site, pin the certificate or its public key with `public_key {file./etc/hookgate/paypal.pem}`: it replaces fetching (the CN check then does not apply: you chose the key). " +
				"`caddy webhook sign --provider paypal` takes the RSA private key as the secret.",
		},
	},
	{
		// Google Cloud Pub/Sub push with authentication: Authorization: Bearer <RS256 OIDC token> for the
		// route's aud and service-account email, keys from Google's JWKS; the body is not signed.
		Name: "google_pubsub", SecretOptional: true, Options: []string{"aud", "email"}, RequiredOptions: []string{"aud", "email"},
		New: newGooglePubSub, Signer: signGooglePubSub,
		Sample: []byte(`{"message":{"data":"aGVsbG8=","messageId":"2070443601311540","publishTime":"2024-01-01T00:00:00Z","attributes":{}},"subscription":"projects/myproject/subscriptions/mysubscription"}`),
		Doc: PresetDoc{
			Signature:     "`Authorization: Bearer <JWT>`",
			Algorithm:     "RS256 (RSASSA-PKCS1-v1_5 SHA-256), key = Google's key named by the token's `kid`, from `https://www.googleapis.com/oauth2/v3/certs`",
			Signed:        "the JWT's header and claims only, not the body",
			ToleranceNote: "`iat`/`exp` with 5 minutes of clock skew, google-auth-library's; `tolerance` sets the skew",
			AllowListNote: "none set by hookgate: push requests come from Google's shared address space",
			Identity:      "hash of the body (the token does not cover it; `message.messageId` is not signed)",
			Vectors:       "computed: python3 `cryptography` with a test key, pinned as JWKS or PEM (Google's published example token is expired and its key is no longer served)",
			Note: "`aud` (required) is the audience set on the push subscription, `email` (required) its service account; `iss` must be `accounts.google.com` or `https://accounts.google.com`, `email_verified` true, and the token may live at most a day, as google-auth-library checks. " +
				"The token proves that Pub/Sub pushed the request for that service account; it does not cover the body, so the gate vouches for the sender, not the content, and the replay identity is the body's hash (the body's `message.messageId` is not signed). " +
				"Google's keys are fetched over HTTPS with normal certificate verification from www.googleapis.com only, cached for the response's max-age and refreshed before it ends (docs/fetched-keys.md); an unknown `kid` fetches the JWKS again at most once a minute. " +
				"A key that cannot be had gives 503 with Retry-After (`key_unavailable`): Pub/Sub retries. " +
				"For an offline site, pin keys with `public_key`: a JWKS document (`{file./etc/hookgate/google-certs.json}`, kids matched) or a PEM key or certificate (any kid); pinning replaces fetching. " +
				"`caddy webhook sign --provider google_pubsub` takes the RSA private key as the secret.",
		},
	},
	// (entries of the fetched-key batch go above this line)
}

// checkoutFormat is Checkout.com's signature header.
var checkoutFormat = signatureFormat{Header: "Cko-Signature", Encoding: encHex}

// gocardlessFormat is GoCardless's signature header.
var gocardlessFormat = signatureFormat{Header: "Webhook-Signature", Encoding: encHex}
