package verifiers

// Generated negatives: every preset's signer makes a delivery its verifier
// accepts, and the same delivery tampered, signed with the wrong key,
// unsigned, garbled, sent twice, stale or from the future is refused with
// the right reason. headerCases drive presets whose signature is one header;
// schemeCases presets whose signed content or signature lives elsewhere
// (URL, body, key pairs).

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// headerCase is how to drive one preset through its signer.
type headerCase struct {
	name        string
	options     map[string]string
	header      string // the header carrying the signature (or token)
	tokenOnly   bool   // a shared token: the body is not covered
	timestamped bool
}

var headerCases = []headerCase{
	{name: "stripe", header: "Stripe-Signature", timestamped: true},
	{name: "github", header: "X-Hub-Signature-256"},
	{name: "gitlab", header: "X-Gitlab-Token", tokenOnly: true},
	{name: "gitlab", options: map[string]string{"mode": "signing"}, header: "webhook-signature", timestamped: true},
	{name: "gitea", header: "X-Gitea-Signature"},
	{name: "bitbucket", header: "X-Hub-Signature"},
	{name: "shopify", header: "X-Shopify-Hmac-SHA256"},
	{name: "woocommerce", header: "X-WC-Webhook-Signature"},
	{name: "slack", header: "X-Slack-Signature", timestamped: true},
	{name: "postmark", header: "Authorization", tokenOnly: true},
	{name: "postmark", options: map[string]string{"header": "X-Hook-Token"}, header: "X-Hook-Token", tokenOnly: true},
	{name: "standard_webhooks", header: "webhook-signature", timestamped: true},
	{name: "svix", header: "svix-signature", timestamped: true},
	{name: "clerk", header: "svix-signature", timestamped: true},
	{name: "resend", header: "svix-signature", timestamped: true},
	{name: "linear", header: "Linear-Signature", timestamped: true},
	{name: "typeform", header: "Typeform-Signature"},
	{name: "intercom", header: "X-Hub-Signature"},
	{name: "hubspot", header: "X-HubSpot-Signature-v3", timestamped: true},
	{name: "hubspot", options: map[string]string{"version": "v1"}, header: "X-HubSpot-Signature"},
	{name: "hubspot", options: map[string]string{"version": "v2"}, header: "X-HubSpot-Signature"},
	{name: "xero", header: "x-xero-signature"},
	{name: "zendesk", header: "X-Zendesk-Webhook-Signature", timestamped: true},
	{name: "asana", header: "X-Hook-Signature"},
	{name: "sentry", header: "Sentry-Hook-Signature"},
	{name: "pagerduty", header: "X-PagerDuty-Signature"},
	{name: "calendly", header: "Calendly-Webhook-Signature", timestamped: true},
	{name: "vercel", header: "x-vercel-signature"},
	{name: "paddle", header: "Paddle-Signature", timestamped: true},
	{name: "razorpay", header: "X-Razorpay-Signature"},
	{name: "paystack", header: "x-paystack-signature"},
	{name: "flutterwave", header: "verif-hash", tokenOnly: true},
	{name: "flutterwave", options: map[string]string{"mode": "v4"}, header: "flutterwave-signature"},
	{name: "flutterwave", options: map[string]string{"mode": "auto"}, header: "flutterwave-signature"},
	{name: "coinbase_commerce", header: "X-CC-Webhook-Signature"},
	{name: "lemonsqueezy", header: "X-Signature"},
}

// headerCaseSecrets are a right and a wrong secret in the preset's own form.
func headerCaseSecrets(c headerCase) (good, bad []byte) {
	switch {
	case c.name == "postmark" && c.options == nil:
		return []byte("hooks:s3cret"), []byte("hooks:other")
	case strings.Contains(c.header, "webhook-signature") || strings.HasPrefix(c.header, "svix"):
		return []byte("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), []byte("whsec_c2VjcmV0LXR3by1zZWNyZXQtdHdvLXNlY3JldA==")
	}
	return []byte("right-secret-" + c.name), []byte("wrong-secret-" + c.name)
}

const negativeURL = "https://hooks.example.com/in?x=1"

// signHeaderCase signs a JSON event with the preset's signer at now.
func signHeaderCase(t *testing.T, c headerCase, now time.Time) (Preset, *Message) {
	t.Helper()
	p, ok := Lookup(c.name)
	if !ok {
		t.Fatalf("no preset %s", c.name)
	}
	good, _ := headerCaseSecrets(c)
	m := &Message{Body: []byte(`{"id":"evt_1","event":"test","data":{"id":"42"}}`), URL: negativeURL, Now: now}
	if err := p.Sign(Settings{Secrets: [][]byte{good}, Options: c.options}, m); err != nil {
		t.Fatalf("%s: sign: %v", c.name, err)
	}
	return p, m
}

func deliverMessage(m *Message, body []byte, now time.Time) *Delivery {
	r := httptest.NewRequest("POST", "http://gate.test/in?x=1", strings.NewReader(string(body)))
	r.Header = m.Header.Clone()
	return &Delivery{Request: r, Body: body, Now: now, PublicURL: m.URL}
}

func TestHeaderSchemeNegatives(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, c := range headerCases {
		t.Run(c.name+"/"+c.header, func(t *testing.T) {
			p, m := signHeaderCase(t, c, now)
			good, bad := headerCaseSecrets(c)
			build := func(secret []byte) Verifier {
				v, err := p.Build(Settings{Secrets: [][]byte{secret}, Options: c.options})
				if err != nil {
					t.Fatalf("build: %v", err)
				}
				return v
			}
			v := build(good)
			expect := func(what string, d *Delivery, want Reason, ver Verifier) {
				t.Helper()
				_, err := ver.Verify(d)
				switch {
				case want == "" && err != nil:
					t.Errorf("%s: refused: %v", what, err)
				case want != "" && err == nil:
					t.Errorf("%s: accepted", what)
				case want != "" && ReasonOf(err) != want:
					t.Errorf("%s: reason %s (%v), want %s", what, ReasonOf(err), err, want)
				}
			}
			expect("round trip", deliverMessage(m, m.Body, now), "", v)
			// Rotation: the signing secret is accepted in second place.
			rot, err := p.Build(Settings{Secrets: [][]byte{bad, good}, Options: c.options})
			if err != nil {
				t.Fatal(err)
			}
			expect("rotation", deliverMessage(m, m.Body, now), "", rot)
			expect("wrong secret", deliverMessage(m, m.Body, now), badSignature, build(bad))
			if !c.tokenOnly {
				tampered := append(append([]byte(nil), m.Body...), ' ')
				expect("tampered body", deliverMessage(m, tampered, now), badSignature, v)
			}
			missing := deliverMessage(m, m.Body, now)
			missing.Request.Header.Del(c.header)
			expect("missing header", missing, missingSignature, v)
			malformed := deliverMessage(m, m.Body, now)
			malformed.Request.Header.Set(c.header, "!!not a signature!!")
			want := malformedSignature
			if c.tokenOnly && c.header != "Authorization" {
				want = badSignature // an opaque token cannot be malformed
			}
			expect("malformed header", malformed, want, v)
			twice := deliverMessage(m, m.Body, now)
			twice.Request.Header.Add(c.header, m.Header.Get(c.header))
			expect("header sent twice", twice, malformedSignature, v)
			if c.timestamped {
				tol := p.Tolerance
				expect("at the tolerance", deliverMessage(m, m.Body, now.Add(tol)), "", v)
				expect("stale", deliverMessage(m, m.Body, now.Add(tol+time.Second)), stale, v)
				expect("future", deliverMessage(m, m.Body, now.Add(-tol-time.Second)), stale, v)
				tight, err := p.Build(Settings{Secrets: [][]byte{good}, Options: c.options, Tolerance: time.Second})
				if err != nil {
					t.Fatal(err)
				}
				expect("configured tolerance overrides", deliverMessage(m, m.Body, now.Add(2*time.Second)), stale, tight)
			}
		})
	}
}

// TestPresetsAEntries checks every preset is registered with a signer.
// keyPair returns a private key (as a signer's secret) and its public key
// (as public_key) for alg, in the forms the providers use.
func keyPair(t *testing.T, alg signatureAlgorithm, seed byte) (priv, pub string) {
	t.Helper()
	switch alg {
	case sigEd25519:
		k := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, 32))
		return hex.EncodeToString(k.Seed()), hex.EncodeToString(k.Public().(ed25519.PublicKey))
	case sigECDSAP256:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		p8, _ := x509.MarshalPKCS8PrivateKey(k)
		spki, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		return base64.StdEncoding.EncodeToString(p8), base64.StdEncoding.EncodeToString(spki)
	}
	t.Fatalf("no key pair for %s", alg)
	return "", ""
}

// schemeCase drives one preset through its signer and its verifier.
type schemeCase struct {
	preset  string
	secret  string // or a private key for asymmetric presets
	public  string
	options map[string]string
	body    string
	url     string
	ctype   string
	headers []string // signature headers: removed for "missing", garbled for "malformed"
	// tamper changes a signed part of the message.
	tamper func(m *Message)
	// missing / malformed override the header-based defaults (signatures in the body).
	missing, malformed func(m *Message)
	timestamped        bool
}

func (c schemeCase) settings(secret string) Settings {
	s := Settings{Options: c.options}
	if secret != "" {
		s.Secrets = [][]byte{[]byte(secret)}
	}
	if c.public != "" {
		s.PublicKeys = []string{c.public}
	}
	return s
}

func (c schemeCase) sign(t *testing.T, secret string, now time.Time) *Message {
	t.Helper()
	p, _ := Lookup(c.preset)
	m := &Message{Header: http.Header{}, Body: []byte(c.body), URL: c.url, Now: now}
	if c.ctype != "" {
		m.Header.Set("Content-Type", c.ctype)
	}
	if err := p.Sign(c.settings(secret), m); err != nil {
		t.Fatalf("sign: %v", err)
	}
	return m
}

func (c schemeCase) verify(t *testing.T, m *Message, now time.Time) error {
	t.Helper()
	p, _ := Lookup(c.preset)
	v, err := p.Build(c.settings(c.secret))
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	target := m.URL
	if target == "" {
		target = "https://example.com/hook"
	}
	r := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(m.Body))
	r.Header = m.Header.Clone()
	d := &Delivery{Request: r, Body: m.Body, Now: now}
	if p.SignsURL {
		d.PublicURL = m.URL
	}
	_, err = v.Verify(d)
	return err
}

func schemeCases(t *testing.T) []schemeCase {
	edPriv, edPub := keyPair(t, sigEd25519, 7)
	ecPriv, ecPub := keyPair(t, sigECDSAP256, 0)
	form := "application/x-www-form-urlencoded"
	return []schemeCase{
		{preset: "twilio", secret: "twilio-token", body: "CallSid=CA1&Digits=1", ctype: form, url: "https://example.com/voice?x=1", headers: []string{"X-Twilio-Signature"}},
		{preset: "twilio", secret: "twilio-token", body: `{"a":1}`, ctype: "application/json", url: "https://example.com/json", headers: []string{"X-Twilio-Signature"}},
		{preset: "square", secret: "sq-key", body: `{"event_id":"e1"}`, url: "https://example.com/square", headers: []string{"x-square-hmacsha256-signature"},
			tamper: func(m *Message) { m.URL += "x" }},
		{preset: "trello", secret: "trello-secret", body: `{"action":{"id":"a1"}}`, url: "https://example.com/trello", headers: []string{"X-Trello-Webhook"}},
		{preset: "adyen", secret: "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056",
			body:   `{"live":"false","notificationItems":[{"NotificationRequestItem":{"pspReference":"1","merchantAccountCode":"M","merchantReference":"r","amount":{"value":100,"currency":"EUR"},"eventCode":"AUTHORISATION","success":"true"}},{"NotificationRequestItem":{"pspReference":"2","amount":{"value":5,"currency":"EUR"},"eventCode":"REFUND","success":"false"}}]}`,
			tamper: func(m *Message) { m.Body = bytes.Replace(m.Body, []byte(`"value":5`), []byte(`"value":6`), 1) },
			missing: func(m *Message) {
				m.Body = []byte(`{"notificationItems":[{"NotificationRequestItem":{"pspReference":"1"}}]}`)
			},
			malformed: func(m *Message) {
				m.Body = bytes.Replace(m.Body, []byte(`"hmacSignature":"`), []byte(`"hmacSignature":"!`), 1)
			}},
		{preset: "adyen", secret: "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056", options: map[string]string{"variant": "header"},
			body: `{"type":"merchant.created"}`, headers: []string{"HmacSignature"}},
		{preset: "vipps", secret: "vipps-secret", body: `{"x":1}`, url: "https://hooks.example.com/vipps?a=b", headers: []string{"Authorization"}, timestamped: true,
			tamper: func(m *Message) { m.URL = strings.Replace(m.URL, "a=b", "a=c", 1) }},
		{preset: "discord", secret: edPriv, public: edPub, body: `{"type":2,"id":"1"}`, headers: []string{"X-Signature-Ed25519"}, timestamped: true},
		{preset: "sendgrid", secret: ecPriv, public: ecPub, body: `[{"event":"open"}]`, headers: []string{"X-Twilio-Email-Event-Webhook-Signature"}},
		{preset: "mailgun", secret: "mg-key", body: `{"event-data":{"id":"e"}}`, timestamped: true,
			tamper:  func(m *Message) { m.Body = bytes.Replace(m.Body, []byte(`"token":"`), []byte(`"token":"x`), 1) },
			missing: func(m *Message) { m.Body = []byte(`{"event-data":{}}`) },
			malformed: func(m *Message) {
				m.Body = bytes.Replace(m.Body, []byte(`"signature":"`), []byte(`"signature":"zz`), 1)
			}},
		{preset: "mailgun", secret: "mg-key", body: "recipient=a%40b.c", ctype: form, timestamped: true,
			missing: func(m *Message) { m.Body = []byte("recipient=a") }},
		{preset: "mercadopago", secret: "mp-secret", body: `{}`, url: "https://example.com/mp?data.id=123&type=payment", headers: []string{"x-signature"},
			tamper: func(m *Message) { m.URL = strings.Replace(m.URL, "123", "124", 1) }},
		{preset: "dropbox", secret: "dbx-secret", body: `{"list_folder":{}}`, headers: []string{"X-Dropbox-Signature"}},
		{preset: "box", secret: "box-primary", body: `{"id":"1"}`, headers: []string{"BOX-SIGNATURE-PRIMARY"}, timestamped: true},
		{preset: "docusign", secret: "ds-key", body: `{"event":"envelope-sent"}`, headers: []string{"X-DocuSign-Signature-1"}},
		{preset: "gocardless", secret: "gc-secret", body: `{"events":[]}`, headers: []string{"Webhook-Signature"}},
		{preset: "zoom", secret: "zoom-secret", body: `{"event":"meeting.started"}`, headers: []string{"x-zm-signature"}, timestamped: true},
		{preset: "twitch", secret: "twitch-secret-1", body: `{"subscription":{}}`, headers: []string{"Twitch-Eventsub-Message-Signature"}, timestamped: true,
			tamper: func(m *Message) { m.Header.Set("Twitch-Eventsub-Message-Id", "other") }},
	}
}

func wantReason(t *testing.T, err error, want Reason) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted, want %s", want)
	}
	if got := ReasonOf(err); got != want {
		t.Fatalf("reason %s (%v), want %s", got, err, want)
	}
}

// TestSchemeNegatives: every preset's signer makes
// deliveries its verifier accepts, and tampered, wrongly keyed, unsigned,
// garbled, stale and future deliveries are refused.
func TestSchemeNegatives(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	for _, c := range schemeCases(t) {
		t.Run(c.preset, func(t *testing.T) {
			p, _ := Lookup(c.preset)
			if err := c.verify(t, c.sign(t, c.secret, now), now); err != nil {
				t.Fatalf("round trip refused: %v", err)
			}
			t.Run("tampered", func(t *testing.T) {
				m := c.sign(t, c.secret, now)
				if c.tamper != nil {
					c.tamper(m)
				} else {
					m.Body = append(m.Body, ' ')
				}
				wantReason(t, c.verify(t, m, now), badSignature)
			})
			t.Run("wrong key", func(t *testing.T) {
				other := "another-secret-value"
				switch {
				case c.public != "" && strings.HasPrefix(c.preset, "discord"):
					other, _ = keyPair(t, sigEd25519, 9)
				case c.public != "":
					other, _ = keyPair(t, sigECDSAP256, 0)
				case c.preset == "adyen":
					other = strings.Repeat("AB", 32)
				}
				wantReason(t, c.verify(t, c.sign(t, other, now), now), badSignature)
			})
			t.Run("missing", func(t *testing.T) {
				m := c.sign(t, c.secret, now)
				if c.missing != nil {
					c.missing(m)
				}
				for _, h := range c.headers {
					m.Header.Del(h)
				}
				wantReason(t, c.verify(t, m, now), missingSignature)
			})
			t.Run("malformed", func(t *testing.T) {
				m := c.sign(t, c.secret, now)
				if c.malformed != nil {
					c.malformed(m)
				} else if len(c.headers) > 0 {
					m.Header.Set(c.headers[0], "not a signature!")
				} else {
					t.Skip("no malformed form")
				}
				wantReason(t, c.verify(t, m, now), malformedSignature)
			})
			if !c.timestamped {
				return
			}
			tol := p.Tolerance
			t.Run("stale", func(t *testing.T) {
				wantReason(t, c.verify(t, c.sign(t, c.secret, now.Add(-tol-time.Minute)), now), stale)
			})
			t.Run("future", func(t *testing.T) {
				wantReason(t, c.verify(t, c.sign(t, c.secret, now.Add(tol+time.Minute)), now), stale)
			})
			t.Run("within tolerance", func(t *testing.T) {
				if err := c.verify(t, c.sign(t, c.secret, now.Add(-tol+time.Second)), now); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

// TestAsymmetricPresetsNeedPublicKey: a preset that verifies with a
// public key refuses to build without one, and says which option is missing.
func TestAsymmetricPresetsNeedPublicKey(t *testing.T) {
	for _, name := range []string{"discord", "sendgrid"} {
		p, _ := Lookup(name)
		_, err := p.Build(Settings{})
		if err == nil || !strings.Contains(err.Error(), "public_key") {
			t.Errorf("%s without public_key: %v, want an error naming public_key", name, err)
		}
	}
}

// TestRefusalsKeepSecrets: no refusal names a secret or expected MAC.
func TestRefusalsKeepSecrets(t *testing.T) {
	now := time.Unix(1_750_000_000, 0)
	for _, c := range schemeCases(t) {
		if c.preset == "adyen" || c.public != "" {
			continue
		}
		m := c.sign(t, "another-secret-value", now)
		err := c.verify(t, m, now)
		good := c.sign(t, c.secret, now)
		for _, h := range c.headers {
			if v := good.Header.Get(h); err != nil && v != "" && strings.Contains(err.Error(), v) {
				t.Errorf("%s: error shows the expected signature", c.preset)
			}
		}
		if err != nil && strings.Contains(err.Error(), c.secret) {
			t.Errorf("%s: error shows the secret", c.preset)
		}
		var rej *Rejection
		if !errors.As(err, &rej) {
			t.Errorf("%s: %v is not a *Rejection", c.preset, err)
		}
	}
}
