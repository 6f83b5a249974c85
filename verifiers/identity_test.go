package verifiers_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// identityCase is one route configuration and signed payload the
// mutations run against.
type identityCase struct {
	name        string
	preset      verifiers.Preset
	sign        verifiers.Settings
	verify      verifiers.Settings
	body        []byte
	contentType string
	// urlUnsigned: the preset fills PublicURL but this configuration does
	// not sign it (HubSpot v1).
	urlUnsigned bool
}

const identityURL = "https://hooks.example.com/webhook?route=1&t=a%3Ab"

// identityCases are every registered preset through its fixture, and the
// variants of presets whose options change what is signed.
func identityCases(t *testing.T, now time.Time) []identityCase {
	t.Helper()
	var cases []identityCase
	fixtures := map[string]*verifierstest.Fixture{}
	for _, name := range verifiers.Names() {
		f, err := verifierstest.For(name, identityURL, now)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fixtures[name] = f
		cases = append(cases, identityCase{name: name, preset: f.Preset, sign: f.Sign, verify: f.Verify, body: f.Body, contentType: f.ContentType})
	}
	variant := func(preset, label string, opts map[string]string, body, ct string) identityCase {
		f := fixtures[preset]
		sign, verify := f.Sign, f.Verify
		sign.Options, verify.Options = opts, opts
		c := identityCase{name: preset + "/" + label, preset: f.Preset, sign: sign, verify: verify, body: f.Body, contentType: f.ContentType}
		if body != "" {
			c.body, c.contentType = []byte(body), ct
		}
		return c
	}
	adyenItems := `{"live":"false","notificationItems":[{"NotificationRequestItem":{"pspReference":"7914073381342284","merchantAccountCode":"Shop","merchantReference":"two-1","amount":{"value":1130,"currency":"EUR"},"eventCode":"AUTHORISATION","success":"true","reason":"ok","additionalData":{}}},{"NotificationRequestItem":{"pspReference":"8814073381342285","merchantAccountCode":"Shop","merchantReference":"r2","amount":{"value":5,"currency":"EUR"},"eventCode":"CAPTURE","success":true,"additionalData":{}}}]}`
	form := "timestamp=1&token=x&signature=y&event=delivered&note=two+words"
	cases = append(cases,
		variant("adyen", "notification items", map[string]string{"variant": "notification"}, adyenItems, "application/json"),
		variant("mailgun", "form", nil, form, "application/x-www-form-urlencoded"),
		variant("twilio", "json bodySHA256", nil, `{"note":"two words"}`, "application/json"),
		variant("twilio", "form", nil, "To=%2B15550001&Body=two+words&From=%2B15550002&MediaUrl=a&MediaUrl=b", "application/x-www-form-urlencoded"),
		withSecret(variant("gitlab", "signing", map[string]string{"mode": "signing"}, "", ""), "whsec_"+base64.StdEncoding.EncodeToString([]byte("fixture-signing-key-0123456789ab"))),
		variant("payone", "form", nil, "txid=1&sequencenumber=0&txaction=paid&amount=10.00&name=two+words", "application/x-www-form-urlencoded"),
		variant("cardknox", "form", nil, "xRefNum=1&xAmount=10.00&xName=two+words", "application/x-www-form-urlencoded"),
		variant("flutterwave", "v4", map[string]string{"mode": "v4"}, "", ""),
		variant("flutterwave", "auto", map[string]string{"mode": "auto"}, "", ""),
		variant("checkout_com", "authorization", map[string]string{"authorization": "sk_auth_fixture"}, "", ""),
		variant("hubspot", "v2", map[string]string{"version": "v2"}, "", ""),
		variant("postmark", "header", map[string]string{"header": "X-Postmark-Token"}, "", ""),
		variant("hmac", "id_field", map[string]string{"header": "X-Signature", verifiers.OptionIDField: "data.id"}, "", ""),
	)
	v1 := variant("hubspot", "v1", map[string]string{"version": "v1"}, "", "")
	v1.urlUnsigned = true
	cases = append(cases, v1)
	return cases
}

// withSecret sets both secrets of c to secret.
func withSecret(c identityCase, secret string) identityCase {
	c.sign.Secrets = [][]byte{[]byte(secret)}
	c.verify.Secrets = c.sign.Secrets
	return c
}

// bodyUncovered are the configurations whose signature does not cover the
// body's content; every other one must refuse a changed body.
var bodyUncovered = map[string]string{
	"kkiapay":         "token only",
	"cardknox":        "the fixture's JSON body is one form field name; Cardknox signs values, not names",
	"gitlab":          "token mode: token only",
	"flutterwave":     "v3 mode: token only",
	"postmark":        "Basic credentials only",
	"postmark/header": "token only",
	"payone":          "key field only",
	"payone/form":     "key field only",
	"mailgun":         "signs timestamp and token",
	"mailgun/form":    "signs timestamp and token",
	"mercadopago":     "signs data.id, x-request-id and ts",
	"google_pubsub":   "the bearer JWT covers its claims, not the body",
	"midtrans":        "signs order_id, status_code and gross_amount",
	"monday":          "the JWT covers the URL (aud) and its times, not the body",
}

// declaredHeaders are headers a signer sets that the scheme does not sign
// and the verifier does not need: changing them must not change the
// identity, but need not be refused.
var declaredHeaders = map[string]string{
	"X-Authorization-Digest":       "docusign: names the algorithm, informational",
	"User-Agent":                   "payone and others: checked by the handler, not the signature",
	"Twitch-Eventsub-Message-Type": "twitch: selects the handshake only; the body is signed",
	"X-Hubspot-Signature-Version":  "hubspot v1/v2: optional; when present it must match the configured version",
	"Paypal-Cert-Url":              "paypal: names the certificate to fetch; a route that pins public_key (as the fixture does) does not read it",
}

// signed is one delivery as the handler would build it: a request, the
// body, and the public URL for presets that sign it.
type signed struct {
	method string
	url    string
	header http.Header
	body   []byte
}

func (s signed) clone() signed {
	s.header = s.header.Clone()
	s.body = bytes.Clone(s.body)
	return s
}

func (s signed) delivery(p verifiers.Preset, now time.Time) *verifiers.Delivery {
	r := httptest.NewRequest(s.method, s.url, bytes.NewReader(s.body))
	r.Header = s.header.Clone()
	d := &verifiers.Delivery{Request: r, Body: bytes.Clone(s.body), Now: now}
	if p.SignsURL {
		d.PublicURL = s.url
	}
	return d
}

// TestIdentityCoversOnlySignedContent: for every preset (and the options
// that change what it signs), whatever the signature does not cover must
// not change the replay identity: each unsigned mutation is refused or
// accepted with the original's Identity(). Each covered part changed
// (the body's content, every header the signer set, the URL where signed)
// is refused.
func TestIdentityCoversOnlySignedContent(t *testing.T) {
	now := time.Now()
	for _, c := range identityCases(t, now) {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.preset.Build(c.verify)
			if err != nil {
				t.Fatal(err)
			}
			m := &verifiers.Message{Body: bytes.Clone(c.body), URL: identityURL, Now: now, Header: http.Header{"Content-Type": {c.contentType}}}
			if err := c.preset.Sign(c.sign, m); err != nil {
				t.Fatal(err)
			}
			base := signed{method: http.MethodPost, url: m.URL, header: m.Header.Clone(), body: m.Body}
			got, err := v.Verify(base.delivery(c.preset, now))
			if err != nil {
				t.Fatalf("signed delivery refused: %v", err)
			}
			want, err := got.Identity()
			if err != nil {
				t.Fatalf("Identity: %v", err)
			}
			again, _ := v.Verify(base.delivery(c.preset, now))
			if id, _ := again.Identity(); id != want {
				t.Fatalf("identity not stable: %q then %q", want, id)
			}
			tampered := base.clone()
			tampered.body = verifierstest.Tamper(base.body)
			bodyCovered := !bytes.Equal(tampered.body, base.body)
			if got, err := v.Verify(tampered.delivery(c.preset, now)); err == nil {
				bodyCovered = false
				t.Logf("body content not covered (identity %s)", idOf(got))
			}
			// A token-only scheme covers no content: its identity is the
			// raw body, and any body the token holder sends is new.
			sum := sha256.Sum256(base.body)
			tokenOnly := !bodyCovered && want == "sha256:"+hex.EncodeToString(sum[:])
			for _, mu := range unsignedMutations {
				s, ok := mu.apply(base.clone())
				if !ok || mu.body && tokenOnly {
					continue
				}
				got, err := v.Verify(s.delivery(c.preset, now))
				if err != nil {
					continue // refused: fine
				}
				if id, err := got.Identity(); err != nil || id != want {
					t.Errorf("%s: accepted with identity %q (%v), want %q", mu.name, id, err, want)
				}
			}
			if why, listed := bodyUncovered[c.name]; bodyCovered == listed {
				t.Errorf("body covered: %v; want %v (%s)", bodyCovered, !listed, why)
			}
			if f, err := verifierstest.For(c.preset.Name, identityURL, now); err == nil && c.name == c.preset.Name && f.BodySigned != bodyCovered {
				t.Errorf("fixture says BodySigned=%v, tampering says %v", f.BodySigned, bodyCovered)
			}
			for name := range base.header {
				if strings.EqualFold(name, "Content-Type") || declaredHeaders[name] != "" {
					continue
				}
				for _, change := range []struct {
					what string
					set  func(h http.Header)
				}{
					{"changed", func(h http.Header) { h.Set(name, h.Get(name)+"0") }},
					{"removed", func(h http.Header) { h.Del(name) }},
				} {
					s := base.clone()
					change.set(s.header)
					if got, err := v.Verify(s.delivery(c.preset, now)); err == nil {
						t.Errorf("signed header %s %s: accepted (identity %s)", name, change.what, idOf(got))
					}
				}
			}
			if c.preset.SignsURL && !c.urlUnsigned {
				s := base.clone()
				s.url = strings.Replace(s.url, "/webhook", "/webhooK", 1)
				if got, err := v.Verify(s.delivery(c.preset, now)); err == nil {
					t.Errorf("signed URL changed: accepted (identity %s)", idOf(got))
				}
			}
		})
	}
}

func TestDeclaredHeadersDoNotChangeIdentity(t *testing.T) {
	now := time.Now()
	for _, c := range identityCases(t, now) {
		v, err := c.preset.Build(c.verify)
		if err != nil {
			t.Fatal(err)
		}
		m := &verifiers.Message{Body: bytes.Clone(c.body), URL: identityURL, Now: now, Header: http.Header{"Content-Type": {c.contentType}}}
		if err := c.preset.Sign(c.sign, m); err != nil {
			t.Fatal(err)
		}
		base := signed{method: http.MethodPost, url: m.URL, header: m.Header.Clone(), body: m.Body}
		got, err := v.Verify(base.delivery(c.preset, now))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for name := range declaredHeaders {
			if base.header.Get(name) == "" {
				continue
			}
			s := base.clone()
			s.header.Set(name, "changed")
			if other, err := v.Verify(s.delivery(c.preset, now)); err == nil && idOf(other) != idOf(got) {
				t.Errorf("%s: declared header %s changed the identity", c.name, name)
			}
		}
	}
}

func idOf(v verifiers.Verified) string {
	id, err := v.Identity()
	if err != nil {
		return err.Error()
	}
	return id
}

// TestVerifiedKey: with two keys configured, a delivery signed by the
// second reports Key 1, for every preset (replay answers are scoped by it).
func TestVerifiedKey(t *testing.T) {
	now := time.Now()
	for _, name := range verifiers.Names() {
		t.Run(name, func(t *testing.T) {
			f, err := verifierstest.For(name, identityURL, now)
			if err != nil {
				t.Fatal(err)
			}
			vs := f.Verify
			if len(vs.PublicKeys) == 0 && len(vs.Secrets) == 0 {
				t.Skip("no key is configured: the signing key travels with the delivery (apple_app_store's x5c chain)")
			}
			if len(vs.PublicKeys) > 0 {
				vs.PublicKeys = append(slices.Clone(f.WrongSign.PublicKeys), vs.PublicKeys...)
			} else {
				vs.Secrets = [][]byte{f.WrongSign.Secrets[0], vs.Secrets[0]}
			}
			v, err := f.Preset.Build(vs)
			if err != nil {
				t.Fatal(err)
			}
			m, err := f.Message(identityURL, now)
			if err != nil {
				t.Fatal(err)
			}
			s := signed{method: http.MethodPost, url: m.URL, header: m.Header, body: m.Body}
			got, err := v.Verify(s.delivery(f.Preset, now))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if got.Key != 1 {
				t.Fatalf("Key = %d, want 1 (the second key signed)", got.Key)
			}
		})
	}
}
