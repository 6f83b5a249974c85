package verifiers

// Declaration-only presets: payment providers, PSPs and finance platforms.
// Each entry is a declaration over the shared engine (withScheme,
// bodyScheme, header tokens) with no code of its own; a provider with code
// of its own is declared at the top of its file, <provider>.go. Sources for
// every entry are in docs/providers.md and in the source field of its
// vectors in testdata/vectors/*.jsonl.

func init() {
	for _, p := range paymentsPresets {
		register(p)
	}
}

var paymentsPresets = []Preset{
	{
		// KKiaPay: the dashboard's hash secret, sent verbatim in x-kkiapay-secret.
		Name: "kkiapay",
		Doc: PresetDoc{
			Source:    "docs.kkiapay.me/v1/en-1.0.0/tableau-de-bord/webhook",
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
			Source:    "checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver",
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
	withScheme(Preset{
		// Stripe: Stripe-Signature t=..,v1=.. (several v1), hex HMAC-SHA256 of `t.body`, key = whsec_... string.
		Name: "stripe", Tolerance: tolerance5m, BodyID: "id",
		Doc: PresetDoc{
			Source:    "stripe/stripe-go webhook/client.go",
			Signature: "`Stripe-Signature: t=..,v1=..` (several v1 accepted)",
			Algorithm: "HMAC-SHA256 hex, key = `whsec_…` string as is",
			Signed:    "`t.body`",
			Identity:  "body `id`",
			Vectors:   "computed (stripe-go algorithm/cases)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "Stripe-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Paddle Billing: Paddle-Signature: ts=..;h1=<hex>[;h1=..] HMAC-SHA256("ts:body"), 5 s tolerance.
		Name: "paddle", Tolerance: tolerance5s, BodyID: "event_id",
		Doc: PresetDoc{
			Source:    "PaddleHQ/paddle-node-sdk src/notifications; PaddleHQ/paddle-python-sdk tests/Unit/Notification/test_Verifier.py",
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
			Source:    "razorpay/razorpay-python tests/test_client_utility.py",
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
			Source:    "paystack.com/docs/payments/webhooks",
			Signature: "`x-paystack-signature: <hex>`",
			Algorithm: "HMAC-SHA512, key = secret API key",
			Signed:    "body",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "x-paystack-signature", Encoding: encHex}, algSHA512)),
	withScheme(Preset{
		// Coinbase Commerce: X-CC-Webhook-Signature: <hex HMAC-SHA256(body)>.
		Name: "coinbase_commerce", BodyID: "event.id",
		Doc: PresetDoc{
			Source:    "coinbase/coinbase-commerce-node test/testWebhook.spec.js",
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
			Source:    "docs.lemonsqueezy.com/help/webhooks/signing-requests",
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "none",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// GoCardless: Webhook-Signature = hex HMAC-SHA256(endpoint secret, body).
		Name: "gocardless",
		Doc: PresetDoc{
			Source:        "gocardless/gocardless-pro-python tests/webhooks_test.py",
			Signature:     "`Webhook-Signature: <hex>`",
			Algorithm:     "HMAC-SHA256, key = endpoint secret",
			Signed:        "body",
			UserAgentNote: "`gocardless-webhook-service/1.1` carries a version, so not pinned",
			Identity:      "hash of the signed content",
			Vectors:       "sdk-test (gocardless-pro-python) ×3",
		},
	}, bodyScheme(gocardlessFormat, algSHA256)),
	withScheme(Preset{
		// BTCPay Server: BTCPay-Sig: sha256=<hex HMAC-SHA256(webhook secret, body)>.
		Name: "btcpay",
		Doc: PresetDoc{
			Source:    "btcpayserver/btcpayserver BTCPayServer/wwwroot/swagger/v1/swagger.template.webhooks.json",
			Signature: "`BTCPay-Sig: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret (UTF-8)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from btcpayserver/btcpayserver BTCPayServer/wwwroot/swagger/v1/swagger.template.webhooks.json (`x-webhooks`: `BTCPay-Sig: sha256=HMAC256(UTF8(webhook's secret), body)`)",
			Note:      "BTCPay Server: a redelivery gets a new `deliveryId` in the body, so it is a new delivery for replay protection; `originalDeliveryId` names the first.",
		},
	}, bodyScheme(signatureFormat{Header: "BTCPay-Sig", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Cashfree Payments: x-webhook-signature = base64 HMAC-SHA256(client secret, timestamp + body), x-webhook-timestamp (ms).
		Name: "cashfree", Tolerance: tolerance1h,
		Doc: PresetDoc{
			Source:        "cashfree.com/docs/payments/online/webhooks/signature-verification",
			Signature:     "`x-webhook-signature: <base64>`, `x-webhook-timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the PG client secret key",
			Signed:        "`<timestamp><body>` (no separator)",
			ToleranceNote: "covers Cashfree's default retry policy, 3 retries at 2, 10 and 30 min (cashfree.com/docs/api-reference/webhooks/reliability-and-operations); `x-webhook-timestamp` is when the webhook was generated; a custom policy (up to 10 retries) needs `tolerance` set to its span; its SDK checks no age",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from cashfree.com signature-verification and cashfree/cashfree-pg-sdk-nodejs `PGVerifyWebhookSignature`",
			Note:          "Cashfree: the docs' pseudo-code writes `$timestamp.$payload` (PHP concatenation); the SDK signs the timestamp and body with nothing between them, as hookgate does. Cashfree publishes source IPs per product; they are not shipped.",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "x-webhook-signature", Encoding: encBase64},
		TimestampHeader: "x-webhook-timestamp", TimeFormat: unixMillis, Template: template{timestampPart, bodyPart}, Algorithm: algSHA256}),
	withScheme(Preset{
		// Revolut: Revolut-Signature: v1=<hex>[,v1=<hex>] HMAC-SHA256("v1.<ms>.body"), Revolut-Request-Timestamp, 5 minutes.
		Name: "revolut", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "developer.revolut.com/docs/guides/manage-accounts/webhooks/verify-the-payload-signature",
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
		// QuickBooks Online: intuit-signature = base64 HMAC-SHA256(verifier token, body).
		Name: "quickbooks",
		Doc: PresetDoc{
			Source:    "intuit/QuickBooks-V3-Java-SDK WebhooksServiceTest.java",
			Signature: "`intuit-signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = the app's webhook verifier token",
			Signed:    "body",
			Identity:  "hash of the body (a notification may batch several entities)",
			Vectors:   "sdk-test (intuit/QuickBooks-V3-Java-SDK WebhooksServiceTest.testVerifyPayload) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "intuit-signature", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// Modern Treasury: X-Signature: <hex HMAC-SHA256(webhook key, body)>.
		Name: "modern_treasury",
		Doc: PresetDoc{
			Source:    "Modern-Treasury/modern-treasury-python tests/api_resources/test_webhooks.py",
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook key",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "sdk-test (Modern-Treasury/modern-treasury-python `tests/api_resources/test_webhooks.py`) and computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Signature", Encoding: encHex}, algSHA256)),
}

// checkoutFormat is Checkout.com's signature header.
var checkoutFormat = signatureFormat{Header: "Cko-Signature", Encoding: encHex}

// gocardlessFormat is GoCardless's signature header.
var gocardlessFormat = signatureFormat{Header: "Webhook-Signature", Encoding: encHex}
