package caddyplugin

import (
	"bytes"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

func TestSecretHeaderNames(t *testing.T) {
	tests := []struct {
		preset  string
		options map[string]string
		want    []string
	}{
		{"kkiapay", nil, []string{"X-Kkiapay-Secret"}},
		{"gitlab", nil, []string{"X-Gitlab-Token"}},
		{"gitlab", map[string]string{"mode": "signing"}, []string{"Webhook-Signature"}},
		{"flutterwave", nil, []string{"Verif-Hash"}},
		{"checkout_com", nil, []string{"Cko-Signature"}},
		{"checkout_com", map[string]string{"authorization": "sk_cko_static_key_123"}, []string{"Authorization", "Cko-Signature"}},
		{"hmac", map[string]string{"header": "X-Custom-Sig"}, []string{"X-Custom-Sig"}},
		{"github", nil, []string{"X-Hub-Signature-256"}},
		{"stripe", nil, []string{"Stripe-Signature"}},
		{"svix", nil, []string{"Svix-Signature"}}, // not Svix-Id nor Svix-Timestamp
		{"discord", nil, []string{"X-Signature-Ed25519"}},
		{"sendgrid", nil, []string{"X-Twilio-Email-Event-Webhook-Signature"}},
		{"vipps", nil, []string{"Authorization"}},
		{"payone", nil, nil},  // signed in the body
		{"mailgun", nil, nil}, // signed in the body
	}
	for _, tt := range tests {
		t.Run(tt.preset+strings.Join(slices.Sorted(maps.Keys(tt.options)), "+"), func(t *testing.T) {
			p, ok := verifiers.Lookup(tt.preset)
			if !ok {
				t.Fatalf("no preset %s", tt.preset)
			}
			got := secretHeaderNames(p, verifiers.Settings{Options: tt.options})
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSecretHeaderNamesEveryPreset holds the probe against the fixtures'
// own keys: every header a preset's signer sets that changes with the key
// is named, and none that stays the same (IDs, timestamps) is.
func TestSecretHeaderNamesEveryPreset(t *testing.T) {
	now := time.Now()
	for _, name := range verifiers.Names() {
		t.Run(name, func(t *testing.T) {
			f, err := verifierstest.For(name, "https://hooks.example.com/"+name, now)
			if err != nil {
				t.Fatal(err)
			}
			var bodies [][]byte
			sign := func(s verifiers.Settings) http.Header {
				m := &verifiers.Message{Body: f.Body, URL: "https://hooks.example.com/" + name, Now: now, ID: "evt_1",
					Header: http.Header{"Content-Type": {f.ContentType}}}
				if err := f.Preset.Sign(s, m); err != nil {
					t.Fatal(err)
				}
				bodies = append(bodies, m.Body)
				return m.Header
			}
			right, wrong := sign(f.Sign), sign(f.WrongSign)
			signsInBody := !bytes.Equal(bodies[0], bodies[1]) // apple_app_store's signedPayload
			got := secretHeaderNames(f.Preset, f.Verify)
			for h, vs := range right {
				changes := !slices.Equal(vs, wrong[h])
				if named := slices.Contains(got, h); named != changes {
					t.Errorf("header %s: named %v, but its value changes with the key: %v", h, named, changes)
				}
			}
			// payone, payfast and aws_sns carry their signature inside the body.
			if len(got) == 0 && f.BodySigned && name != "payone" && name != "payfast" && name != "aws_sns" && !signsInBody {
				t.Errorf("no secret-bearing header found for a preset that signs the body in a header")
			}
		})
	}
}

func TestRedactSecretHeaders(t *testing.T) {
	h := &Handler{secretHeaders: []string{"X-Kkiapay-Secret", "Stripe-Signature"}}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("X-Kkiapay-Secret", "the-secret")
	r.Header.Add("X-Kkiapay-Secret", "a-second-copy")
	r.Header.Set("X-Request-Id", "keep-me")
	h.redactSecretHeaders(r)
	if got := r.Header["X-Kkiapay-Secret"]; !slices.Equal(got, []string{Redacted}) {
		t.Errorf("X-Kkiapay-Secret = %q, want [%s]", got, Redacted)
	}
	if _, ok := r.Header["Stripe-Signature"]; ok {
		t.Errorf("a header the request did not carry was added")
	}
	if got := r.Header.Get("X-Request-Id"); got != "keep-me" {
		t.Errorf("another header changed: %q", got)
	}
}

func TestRegisterRedaction(t *testing.T) {
	p, _ := verifiers.Lookup("hmac")
	h := &Handler{Provider: "hmac", preset: p}
	h.registerRedaction(verifiers.Settings{
		Secrets: [][]byte{[]byte("route-secret-0123"), []byte("short")},
		Options: map[string]string{"header": "X-Route-Only-Sig"},
	})
	r := currentRedaction()
	if !r.header("x-route-only-sig") || !r.header("X-Hub-Signature-256") || !r.header("authorization") {
		t.Errorf("route header, preset header or Authorization not redacted")
	}
	if r.header("X-Github-Event") || r.header("Content-Type") {
		t.Errorf("an ordinary header is redacted")
	}
	if got := r.scrub("uri=/hook?token=route-secret-0123&x=short"); got != "uri=/hook?token=REDACTED&x=short" {
		t.Errorf("scrub = %q (secrets under %d bytes are left alone)", got, minScrubbedSecret)
	}

	h.unregisterRedaction()
	r = currentRedaction()
	if r.header("X-Route-Only-Sig") || r.scrub("route-secret-0123") != "route-secret-0123" {
		t.Errorf("the route's names and secrets outlive its Cleanup")
	}
	if !r.header("X-Hub-Signature-256") {
		t.Errorf("the presets' names went with the route")
	}
}
