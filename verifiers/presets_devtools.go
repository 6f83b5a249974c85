package verifiers

// Declaration-only presets: code hosting, CI/CD, deployment, monitoring and
// other developer platforms. Each entry is a declaration over the shared
// engine (withScheme, bodyScheme, header tokens) with no code of its own; a
// provider with code of its own is declared at the top of its file,
// <provider>.go. Sources for every entry are in docs/providers.md and in the
// source field of its vectors in testdata/vectors/*.jsonl.

func init() {
	for _, p := range devtoolsPresets {
		register(p)
	}
}

var devtoolsPresets = []Preset{
	withScheme(Preset{
		// GitHub: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>.
		Name: "github", LogIDHeader: "X-GitHub-Delivery",
		Doc: PresetDoc{
			Source:    "github/docs content/webhooks/using-webhooks/validating-webhook-deliveries.md; octokit/webhooks-methods.js",
			Signature: "`X-Hub-Signature-256: sha256=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "`X-GitHub-Delivery`",
			Vectors:   "published (docs) + sdk (octokit)",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature-256", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Gitea/Forgejo: X-Gitea-Signature: <hex HMAC-SHA256(JSON body)> (JSON content type only).
		Name: "gitea", LogIDHeader: "X-Gitea-Delivery",
		Doc: PresetDoc{
			Source:    "go-gitea/gitea services/webhook/deliver.go",
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
			Source:    "support.atlassian.com Bitbucket Cloud 'Enhanced webhook security'",
			Signature: "`X-Hub-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "`X-Request-UUID`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Linear: Linear-Signature: <hex HMAC-SHA256(body)>; body field webhookTimestamp (ms), required, within ±60 s
		// (@linear/sdk 98.0.0 LinearWebhookClient.verify: "Missing webhook timestamp").
		Name: "linear", Tolerance: tolerance60s, LogIDHeader: "Linear-Delivery",
		Doc: PresetDoc{
			Source:    "npm @linear/sdk 98.0.0 LinearWebhookClient.verify (linear/linear packages/sdk/src/webhooks/client.ts)",
			Signature: "`Linear-Signature: <hex>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body; its `webhookTimestamp` (ms) is checked and must be present, as @linear/sdk 98 requires",
			Identity:  "`Linear-Delivery`",
			Vectors:   "computed",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "Linear-Signature", Encoding: encHex},
		TimestampField: "webhookTimestamp", TimeFormat: unixMillis, Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Sentry integrations: Sentry-Hook-Signature: <hex HMAC-SHA256(body)> (its timestamp is not signed).
		Name: "sentry",
		Doc: PresetDoc{
			Source:        "getsentry/sentry SentryApp.build_signature",
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
			Source:        "PagerDuty/go-pagerduty webhookv3/webhookv3.go",
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
		// Vercel: x-vercel-signature: <hex HMAC-SHA1(body)>.
		Name: "vercel", BodyID: "id",
		Doc: PresetDoc{
			Source:    "vercel.com/docs/webhooks 'Securing webhooks'",
			Signature: "`x-vercel-signature: <hex>`",
			Algorithm: "HMAC-SHA1",
			Signed:    "body",
			Identity:  "body `id`",
			Vectors:   "computed",
		},
	}, bodyScheme(signatureFormat{Header: "x-vercel-signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Tailscale: Tailscale-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>.
		Name: "tailscale", Tolerance: tolerance5m,
		Sample: []byte(`[{"timestamp":"2024-01-01T00:00:00Z","version":1,"type":"test","tailnet":"example.com","message":"This is a test event","data":null}]`),
		Doc: PresetDoc{
			Source:        "tailscale docs/webhooks/example.go",
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
		// Heroku app webhooks: Heroku-Webhook-Hmac-SHA256 = base64 HMAC-SHA256(secret, body).
		Name: "heroku",
		Doc: PresetDoc{
			Source:    "devcenter.heroku.com/articles/app-webhooks",
			Signature: "`Heroku-Webhook-Hmac-SHA256: <base64>`",
			Algorithm: "HMAC-SHA256, key = the subscription's `secret`",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from devcenter.heroku.com app-webhooks and addon-webhooks",
			Note:      "Heroku: the Dev Center states the header is the HMAC-SHA256 of the body with the secret; the base64 encoding is from its code example as every implementation found reproduces it, not from the prose. The optional `authorization` header is not checked.",
		},
	}, bodyScheme(signatureFormat{Header: "Heroku-Webhook-Hmac-SHA256", Encoding: encBase64}, algSHA256)),
	withScheme(Preset{
		// HCP Terraform / Terraform Enterprise: X-TFE-Notification-Signature = hex HMAC-SHA512(token, body).
		Name: "terraform_cloud",
		Doc: PresetDoc{
			Source:    "developer.hashicorp.com/terraform/cloud-docs/api-docs/notification-configurations#notification-authenticity",
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
			Source:    "circleci.com/docs/webhooks",
			Signature: "`circleci-signature: v1=<hex>` (a comma-separated list of versioned signatures; only `v1` is read)",
			Algorithm: "HMAC-SHA256, key = the webhook's secret token",
			Signed:    "body",
			Identity:  "body `id` (CircleCI's event ID, the same on a redelivery)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "circleci-signature", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		Template: rawBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// LaunchDarkly: X-LD-Signature = hex HMAC-SHA256(webhook secret, body).
		Name: "launchdarkly", BodyID: "_id",
		Doc: PresetDoc{
			Source:    "launchdarkly.com/docs/home/infrastructure/webhooks#sign-a-webhook",
			Signature: "`X-LD-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "body `_id` (the audit-log entry's ID)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Only webhooks created with \"Sign this webhook\" carry X-LD-Signature; unsigned ones are refused.",
		},
	}, bodyScheme(signatureFormat{Header: "X-LD-Signature", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// Buildkite: X-Buildkite-Signature: timestamp=<unix>,signature=<hex HMAC-SHA256(token, "timestamp.body")>.
		Name: "buildkite", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "buildkite/docs pages/apis/webhooks/_webhook_signature.md",
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
		// dbt Cloud: Authorization: <hex HMAC-SHA256(webhook secret token, body)>.
		Name: "dbt_cloud", BodyID: "eventId",
		Doc: PresetDoc{
			Source:    "dbt-labs/docs.getdbt.com website/docs/docs/deploy/webhooks.md",
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
			Source:    "docs.sonarsource.com webhooks 'Securing your webhooks'",
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
			Source:    "docs.snyk.io webhooks 'Validation and versioning of payloads'",
			Signature: "`X-Hub-Signature: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook's secret",
			Signed:    "body",
			Identity:  "hash of the body; `X-Snyk-Transport-ID` for logs",
			Vectors:   "computed (docs.snyk.io, Snyk webhooks, \"Validation and versioning of payloads\")",
		},
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
	withScheme(Preset{
		// MongoDB Atlas alert webhooks: X-MMS-Signature = base64 HMAC-SHA1(Webhook Secret, body).
		Name: "mongodb_atlas",
		Doc: PresetDoc{
			Signature: "`X-MMS-Signature: <base64>` (+ unsigned `X-MMS-Event`)",
			Algorithm: "HMAC-SHA1, key = the integration's Webhook Secret",
			Signed:    "body",
			Identity:  "hash of the body (an alert's `id` repeats across its updates)",
			Vectors:   "computed (mongodb.com/docs/atlas/tutorial/webhook-integration)",
			Source:    "mongodb.com/docs/atlas/tutorial/webhook-integration",
		},
		Sample: []byte(`{"id":"5b4e6c2f7f8a3b0001a1b2c3","groupId":"5b4e6c2f7f8a3b0001a1b2c4","eventTypeName":"OUTSIDE_METRIC_THRESHOLD","status":"OPEN","created":"2026-01-01T00:00:00Z"}`),
	}, bodyScheme(signatureFormat{Header: "X-MMS-Signature", Encoding: encBase64}, algSHA1)),
	withScheme(Preset{
		// Sonatype Nexus Repository: X-Nexus-Webhook-Signature = hex HMAC-SHA1(secret key, body).
		Name: "sonatype", LogIDHeader: "X-Nexus-Webhook-Delivery",
		Doc: PresetDoc{
			Signature:     "`X-Nexus-Webhook-Signature: <hex>`",
			Algorithm:     "HMAC-SHA1, key = the capability's Secret Key",
			Signed:        "body",
			UserAgentNote: "`Nexus/<version> (…)`, varies by release: not checked",
			Identity:      "`X-Nexus-Webhook-Delivery`",
			Vectors:       "computed (help.sonatype.com enabling-a-repository-webhook-capability, example-headers-and-payloads)",
			Source:        "help.sonatype.com/en/enabling-a-repository-webhook-capability.html",
		},
		Sample: []byte(`{"timestamp":"2016-11-10T23:57:49.664+0000","nodeId":"52905B51-085CCABB-CEBBEAAD-16795588-FC927D93","initiator":"admin/127.0.0.1","repositoryName":"npm-proxy","action":"CREATED","asset":{"id":"31c950c8eeeab78336308177ae9c441c","format":"npm","name":"concrete"}}`),
	}, bodyScheme(signatureFormat{Header: "X-Nexus-Webhook-Signature", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// Autodesk Platform Services: x-adsk-signature: sha1hash=<hex HMAC-SHA1(secret token, body)>.
		Name: "autodesk",
		Doc: PresetDoc{
			Signature: "`x-adsk-signature: sha1hash=<hex>`",
			Algorithm: "HMAC-SHA1, key = the secret token set with `POST /webhooks/v1/tokens` (or on the hook)",
			Signed:    "body",
			Identity:  "hash of the body",
			Vectors:   "computed (aps.autodesk.com/en/docs/webhooks/v1/overview/basics; autodesk-platform-services/aps-webhooks-signature)",
			Source:    "aps.autodesk.com/en/docs/webhooks/v1/overview/basics; autodesk-platform-services/aps-webhooks-signature",
		},
		Sample: []byte(`{"version":"1.0","resourceUrn":"urn:adsk.wipprod:fs.file:vf.1","hook":{"hookId":"0f60f6a0-1f8d-11e9-8e2c-6b3d5b2e1d1a","event":"dm.version.added","system":"data"},"payload":{"name":"model.rvt"}}`),
	}, bodyScheme(signatureFormat{Header: "x-adsk-signature", Prefix: "sha1hash=", Encoding: encHex}, algSHA1)),
	withScheme(Preset{
		// HostedHooks: HostedHooks-Signature: t=<unix>,s=<hex HMAC-SHA256(endpoint secret, "t.body")>.
		Name: "hostedhooks", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Signature:     "`HostedHooks-Signature: t=..,s=<hex>` (Rack's `HTTP_HOSTEDHOOKS_SIGNATURE`)",
			Algorithm:     "HMAC-SHA256, key = the endpoint's signing secret",
			Signed:        "`t.body`",
			ToleranceNote: "hookgate's choice; HostedHooks leaves it to the receiver",
			Identity:      "hash of the signed content (retries are re-signed with a new timestamp)",
			Vectors:       "computed (docs.hostedhooks.com/security/security-features/webhook-signatures)",
			Source:        "docs.hostedhooks.com/security/security-features/webhook-signatures",
			Note: "HostedHooks names the header as Rack sees it (`HTTP_HOSTEDHOOKS_SIGNATURE`), which is the HTTP header " +
				"`HostedHooks-Signature` (any case).",
		},
	}, hmacScheme{Signature: structuredFormat{Header: "HostedHooks-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "s", Encoding: encHex},
		Template: timestampDotBody, Algorithm: algSHA256}),
	withScheme(Preset{
		// Jira Cloud admin webhooks registered with a secret: X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)> (WebSub).
		Name: "jira", LogIDHeader: "X-Atlassian-Webhook-Identifier",
		Doc: PresetDoc{
			Signature: "`X-Hub-Signature: sha256=<hex>` (WebSub `method=signature`)",
			Algorithm: "HMAC-SHA256, key = the admin webhook's secret",
			Signed:    "body",
			Identity:  "`X-Atlassian-Webhook-Identifier`",
			Vectors:   "computed (developer.atlassian.com/cloud/jira/platform/webhooks \"Secure admin webhooks\")",
			Source:    "developer.atlassian.com/cloud/jira/platform/webhooks (Secure admin webhooks)",
			Note: "Only admin webhooks registered with a secret are signed this way; webhooks registered by Connect or OAuth " +
				"apps (a JWT in `Authorization`) are not covered by this preset and are refused.",
		},
		Sample: []byte(`{"timestamp":1700000000000,"webhookEvent":"jira:issue_created","issue_event_type_name":"issue_created","issue":{"id":"10002","key":"TEST-1"}}`),
	}, bodyScheme(signatureFormat{Header: "X-Hub-Signature", Prefix: "sha256=", Encoding: encHex}, algSHA256)),
}
