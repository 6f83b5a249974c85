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
	// (entries of the fetched-key batch go above this line)
}

// checkoutFormat is Checkout.com's signature header.
var checkoutFormat = signatureFormat{Header: "Cko-Signature", Encoding: encHex}

// gocardlessFormat is GoCardless's signature header.
var gocardlessFormat = signatureFormat{Header: "Webhook-Signature", Encoding: encHex}
