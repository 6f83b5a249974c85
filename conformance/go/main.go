// Command sdkverify is the conformance suite's bridge to the providers'
// own Go SDKs: the presets whose provider publishes its verifier in Go
// only, and the Go SDKs of providers also exercised through npm. It reads one delivery as JSON on stdin,
//
//	{"provider": "gitea", "secret": "...", "method": "POST",
//	 "url": "http://...", "headers": {"Name": ["value"]}, "body": "<base64>"}
//
// hands it to the provider's own code and prints {"ok": true} or
// {"ok": false, "error": "..."}. It lives in a module of its own
// (conformance/go/go.mod) so that the SDKs never enter hookgate's go.mod.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"code.gitea.io/sdk/gitea"
	paddle "github.com/PaddleHQ/paddle-go-sdk/v4"
	"github.com/PagerDuty/go-pagerduty/webhookv3"
	"github.com/buildkite/go-buildkite/v4"
	"github.com/line/line-bot-sdk-go/v8/linebot/webhook"
	"github.com/mailgun/mailgun-go/v4"
	razorpay "github.com/razorpay/razorpay-go/utils"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	stripewebhook "github.com/stripe/stripe-go/v82/webhook"
	svix "github.com/svix/svix-webhooks/go"
)

type delivery struct {
	Provider string              `json:"provider"`
	Secret   string              `json:"secret"`
	Method   string              `json:"method"`
	URL      string              `json:"url"`
	Headers  map[string][]string `json:"headers"`
	Body     []byte              `json:"body"`
}

// verifiers maps a provider to its SDK's check; nil error is accepted.
var verifiers = map[string]func(d delivery, r *http.Request) error{
	// mailgun-go: MailgunImpl.VerifyWebhookSignature over the body's
	// "signature" object (HMAC-SHA256 of timestamp + token).
	"mailgun": func(d delivery, _ *http.Request) error {
		var p mailgun.WebhookPayload
		if err := json.Unmarshal(d.Body, &p); err != nil {
			return err
		}
		mg := mailgun.NewMailgun("conformance.example.com", "conformance-api-key")
		mg.SetWebhookSigningKey(d.Secret)
		ok, err := mg.VerifyWebhookSignature(p.Signature)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("mailgun-go: signature does not match")
		}
		return nil
	},
	// code.gitea.io/sdk/gitea: VerifyWebhookSignature(secret,
	// X-Gitea-Signature, body).
	"gitea": func(d delivery, r *http.Request) error {
		ok, err := gitea.VerifyWebhookSignature(d.Secret, r.Header.Get("X-Gitea-Signature"), d.Body)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("gitea sdk: signature does not match")
		}
		return nil
	},
	// go-buildkite: ValidatePayload(request, token) (X-Buildkite-Signature
	// or X-Buildkite-Token).
	"buildkite": func(d delivery, r *http.Request) error {
		_, err := buildkite.ValidatePayload(r, []byte(d.Secret))
		return err
	},
	// go-pagerduty: webhookv3.VerifySignature(request, secret)
	// (X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>).
	"pagerduty": func(d delivery, r *http.Request) error {
		return webhookv3.VerifySignature(r, d.Secret)
	},
	// stripe-go: webhook.ValidatePayload(body, Stripe-Signature, secret)
	// (v1 HMAC-SHA256 of "t.body", 300 s tolerance).
	"stripe": func(d delivery, r *http.Request) error {
		return stripewebhook.ValidatePayload(d.Body, r.Header.Get("Stripe-Signature"), d.Secret)
	},
	// svix-webhooks/go: NewWebhook(secret).Verify(body, headers).
	"svix": func(d delivery, r *http.Request) error {
		wh, err := svix.NewWebhook(d.Secret)
		if err != nil {
			return err
		}
		return wh.Verify(d.Body, r.Header)
	},
	// standard-webhooks/libraries/go: NewWebhook(secret).Verify(body, headers).
	"standard_webhooks": func(d delivery, r *http.Request) error {
		wh, err := standardwebhooks.NewWebhook(d.Secret)
		if err != nil {
			return err
		}
		return wh.Verify(d.Body, r.Header)
	},
	// paddle-go-sdk: NewWebhookVerifier(secret).Verify(request)
	// (Paddle-Signature: ts=..;h1=<hex HMAC-SHA256 of "ts:body">).
	"paddle": func(d delivery, r *http.Request) error {
		ok, err := paddle.NewWebhookVerifier(d.Secret).Verify(r)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("paddle-go-sdk: signature does not match")
		}
		return nil
	},
	// line-bot-sdk-go: webhook.ValidateSignature(channel secret,
	// X-Line-Signature, body).
	"line": func(d delivery, r *http.Request) error {
		if !webhook.ValidateSignature(d.Secret, r.Header.Get("X-Line-Signature"), d.Body) {
			return fmt.Errorf("line-bot-sdk-go: signature does not match")
		}
		return nil
	},
	// razorpay-go: utils.VerifyWebhookSignature(body, X-Razorpay-Signature, secret).
	"razorpay": func(d delivery, r *http.Request) error {
		if !razorpay.VerifyWebhookSignature(string(d.Body), r.Header.Get("X-Razorpay-Signature"), d.Secret) {
			return fmt.Errorf("razorpay-go: signature does not match")
		}
		return nil
	},
}

func main() {
	var d delivery
	if err := json.NewDecoder(os.Stdin).Decode(&d); err != nil {
		fmt.Fprintln(os.Stderr, "sdkverify: reading the delivery:", err)
		os.Exit(2)
	}
	verify, ok := verifiers[d.Provider]
	if !ok {
		fmt.Fprintf(os.Stderr, "sdkverify: no SDK for provider %q\n", d.Provider)
		os.Exit(2)
	}
	if d.Method == "" {
		d.Method = http.MethodPost
	}
	r, err := http.NewRequest(d.Method, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdkverify:", err)
		os.Exit(2)
	}
	for name, values := range d.Headers {
		for _, v := range values {
			r.Header.Add(name, v)
		}
	}
	result := map[string]any{"ok": true}
	if err := verify(d, r); err != nil {
		result = map[string]any{"ok": false, "error": err.Error()}
	}
	json.NewEncoder(os.Stdout).Encode(result)
}
