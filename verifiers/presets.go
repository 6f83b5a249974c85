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
