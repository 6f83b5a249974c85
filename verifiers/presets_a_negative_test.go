package verifiers

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// caseA is how to drive one part-A preset through its signer.
type caseA struct {
	name        string
	options     map[string]string
	header      string // the header carrying the signature (or token)
	tokenOnly   bool   // a shared token: the body is not covered
	timestamped bool
}

var casesA = []caseA{
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

// secretsA are a right and a wrong secret in the preset's own form.
func secretsA(c caseA) (good, bad []byte) {
	switch {
	case c.name == "postmark" && c.options == nil:
		return []byte("hooks:s3cret"), []byte("hooks:other")
	case strings.Contains(c.header, "webhook-signature") || strings.HasPrefix(c.header, "svix"):
		return []byte("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), []byte("whsec_c2VjcmV0LXR3by1zZWNyZXQtdHdvLXNlY3JldA==")
	}
	return []byte("right-secret-" + c.name), []byte("wrong-secret-" + c.name)
}

const urlA = "https://hooks.example.com/in?x=1"

// signedA signs a JSON event with the preset's signer at now.
func signedA(t *testing.T, c caseA, now time.Time) (Preset, *Message) {
	t.Helper()
	p, ok := Lookup(c.name)
	if !ok {
		t.Fatalf("no preset %s", c.name)
	}
	good, _ := secretsA(c)
	m := &Message{Body: []byte(`{"id":"evt_1","event":"test","data":{"id":"42"}}`), URL: urlA, Now: now}
	if err := p.Sign(Settings{Secrets: [][]byte{good}, Options: c.options}, m); err != nil {
		t.Fatalf("%s: sign: %v", c.name, err)
	}
	return p, m
}

func deliverA(m *Message, body []byte, now time.Time) *Delivery {
	r := httptest.NewRequest("POST", "http://gate.test/in?x=1", strings.NewReader(string(body)))
	r.Header = m.Header.Clone()
	return &Delivery{Request: r, Body: body, Now: now, PublicURL: m.URL}
}

func TestPresetsASignerRoundTripAndNegatives(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, c := range casesA {
		t.Run(c.name+"/"+c.header, func(t *testing.T) {
			p, m := signedA(t, c, now)
			good, bad := secretsA(c)
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
			expect("round trip", deliverA(m, m.Body, now), "", v)
			// Rotation: the signing secret is accepted in second place.
			rot, err := p.Build(Settings{Secrets: [][]byte{bad, good}, Options: c.options})
			if err != nil {
				t.Fatal(err)
			}
			expect("rotation", deliverA(m, m.Body, now), "", rot)
			expect("wrong secret", deliverA(m, m.Body, now), BadSignature, build(bad))
			if !c.tokenOnly {
				tampered := append(append([]byte(nil), m.Body...), ' ')
				expect("tampered body", deliverA(m, tampered, now), BadSignature, v)
			}
			missing := deliverA(m, m.Body, now)
			missing.Request.Header.Del(c.header)
			expect("missing header", missing, MissingSignature, v)
			malformed := deliverA(m, m.Body, now)
			malformed.Request.Header.Set(c.header, "!!not a signature!!")
			want := MalformedSignature
			if c.tokenOnly && c.header != "Authorization" {
				want = BadSignature // an opaque token cannot be malformed
			}
			expect("malformed header", malformed, want, v)
			twice := deliverA(m, m.Body, now)
			twice.Request.Header.Add(c.header, m.Header.Get(c.header))
			expect("header sent twice", twice, MalformedSignature, v)
			if c.timestamped {
				tol := p.Tolerance
				expect("at the tolerance", deliverA(m, m.Body, now.Add(tol)), "", v)
				expect("stale", deliverA(m, m.Body, now.Add(tol+time.Second)), Stale, v)
				expect("future", deliverA(m, m.Body, now.Add(-tol-time.Second)), Stale, v)
				tight, err := p.Build(Settings{Secrets: [][]byte{good}, Options: c.options, Tolerance: time.Second})
				if err != nil {
					t.Fatal(err)
				}
				expect("configured tolerance overrides", deliverA(m, m.Body, now.Add(2*time.Second)), Stale, tight)
			}
		})
	}
}

// TestPresetsAEntries checks every part-A preset is registered with a signer.
func TestPresetsAEntries(t *testing.T) {
	for name := range vectorCountsA {
		p, ok := Lookup(name)
		if !ok || p.New == nil || p.Signer == nil {
			t.Errorf("%s: missing, or without New/Signer", name)
		}
	}
	if p, _ := Lookup("paystack"); len(p.AllowIP) != 3 {
		t.Errorf("paystack allow-list = %v", p.AllowIP)
	}
}

func TestPresetsAHandshakes(t *testing.T) {
	now := time.Unix(1700000000, 0)
	// WooCommerce: the unsigned ping is answered 200 by the gate.
	p, _ := Lookup("woocommerce")
	v, _ := p.Build(Settings{Secrets: [][]byte{[]byte("s")}})
	ping := deliverA(&Message{Header: map[string][]string{}}, []byte("webhook_id=12"), now)
	if _, err := v.Verify(ping); err != nil {
		t.Fatalf("woocommerce ping refused: %v", err)
	}
	if a := v.(Handshaker).Handshake(ping); a == nil || a.Status != 200 {
		t.Fatalf("woocommerce ping answer = %+v", a)
	}
	other := deliverA(&Message{Header: map[string][]string{}}, []byte("webhook_id=12&x=1"), now)
	if _, err := v.Verify(other); ReasonOf(err) != MissingSignature {
		t.Fatalf("unsigned non-ping: %v", err)
	}
	// Xero: a signed delivery with no events is answered 200, empty body.
	xp, _ := Lookup("xero")
	xv, _ := xp.Build(Settings{Secrets: [][]byte{[]byte("k")}})
	m := &Message{Body: []byte(`{"events":[],"firstEventSequence":0}`), Now: now}
	if err := xp.Sign(Settings{Secrets: [][]byte{[]byte("k")}}, m); err != nil {
		t.Fatal(err)
	}
	d := deliverA(m, m.Body, now)
	if _, err := xv.Verify(d); err != nil {
		t.Fatal(err)
	}
	if a := xv.(Handshaker).Handshake(d); a == nil || a.Status != 200 || len(a.Body) != 0 {
		t.Fatalf("xero ITR answer = %+v", a)
	}
	m2 := &Message{Body: []byte(`{"events":[{"eventType":"CREATE"}]}`), Now: now}
	_ = xp.Sign(Settings{Secrets: [][]byte{[]byte("k")}}, m2)
	if a := xv.(Handshaker).Handshake(deliverA(m2, m2.Body, now)); a != nil {
		t.Fatalf("xero event answered by the gate: %+v", a)
	}
}

func TestStandardWebhooksEd25519SignerRoundTrip(t *testing.T) {
	// RFC 8032 TEST 1 seed and public key.
	seed := "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="
	pub := "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
	p, _ := Lookup("standard_webhooks")
	now := time.Unix(1700000000, 0)
	m := &Message{Body: []byte(`{"a":1}`), Now: now}
	if err := p.Sign(Settings{Secrets: [][]byte{[]byte("whsk_" + seed)}}, m); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Header.Get("webhook-signature"), "v1a,") {
		t.Fatalf("signature = %q", m.Header.Get("webhook-signature"))
	}
	v, err := p.Build(Settings{PublicKeys: []string{pub}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(deliverA(m, m.Body, now)); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(deliverA(m, append(m.Body, ' '), now)); ReasonOf(err) != BadSignature {
		t.Fatalf("tampered: %v", err)
	}
	if _, err := p.Build(Settings{PublicKeys: []string{"whpk_short"}}); err == nil {
		t.Fatal("bad public key accepted")
	}
	if _, err := p.Build(Settings{}); err == nil {
		t.Fatal("no key at all accepted")
	}
}
