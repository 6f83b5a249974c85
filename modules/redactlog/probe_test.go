package redactlog

import (
	"bytes"
	"maps"
	"net/http"
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
			got := SecretHeaderNames(p, verifiers.Settings{Options: tt.options})
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
			got := SecretHeaderNames(f.Preset, f.Verify)
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
