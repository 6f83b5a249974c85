package verifiers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vector is one line of testdata/vectors/*.jsonl (see its README.md).
type vector struct {
	Provider      string            `json:"provider"`
	Kind          string            `json:"kind"`
	Source        string            `json:"source"`
	Notes         string            `json:"notes"`
	Secret        *string           `json:"secret"`
	Secrets       []string          `json:"secrets"`
	PublicKey     string            `json:"public_key"`
	PublicKeys    []string          `json:"public_keys"`
	Options       map[string]string `json:"options"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	BodyEncoding  string            `json:"body_encoding"`
	URL           *string           `json:"url"`
	Method        string            `json:"method"`
	Now           *int64            `json:"now"`
	ExpectedValid bool              `json:"expected_valid"`
	// Answer is the handshake answer the gate gives, for handshakes.
	Answer *struct {
		Status      int    `json:"status"`
		ContentType string `json:"content_type"`
		Body        string `json:"body"`
	} `json:"answer"`

	file string // the file and line, for messages
}

// vectorRoute runs a provider's vectors through a preset with options (the
// generic `hmac` preset configured as a user would for GitHub, say).
type vectorRoute struct {
	preset  string
	options map[string]string
}

// publishedRoutes are how the providers of published.jsonl (a verbatim
// copy, named as PROVIDERS.md names them) run. Published providers not
// listed here are run from sdk.jsonl, where generate.py copied their lines
// under the preset's name; a published provider that is neither fails the
// test.
var publishedRoutes = map[string][]vectorRoute{
	"payone":   {{preset: "payone"}},
	"github":   {{preset: "hmac", options: map[string]string{"header": "X-Hub-Signature-256", "prefix": "sha256=", "algorithm": "sha256", "encoding": "hex"}}},
	"razorpay": {{preset: "hmac", options: map[string]string{"header": "X-Razorpay-Signature", "algorithm": "sha256", "encoding": "hex"}}},
}

// wantVectors is how many vectors run per preset over all files: a line
// skipped by mistake (a typo, a parse change) fails the test.
var wantVectors = map[string]int{
	"24sevenpay": 6, "adyen": 7, "asana": 1, "bitbucket": 1, "box": 6, "calendly": 2, "cardknox": 6,
	"checkout_com": 5, "clerk": 2, "coinbase_commerce": 2, "discord": 2, "docusign": 2, "dropbox": 2,
	"flutterwave": 2, "gitea": 1, "github": 6, "gitlab": 3, "gocardless": 3, "hmac": 7, "hubspot": 5,
	"intercom": 1, "kkiapay": 3, "lemonsqueezy": 1, "linear": 2, "mailgun": 2, "mercadopago": 2,
	"pagerduty": 3, "paddle": 12, "payone": 5, "paystack": 1, "postmark": 2, "razorpay": 1,
	"resend": 2, "sendgrid": 3, "sentry": 1, "shopify": 1, "slack": 2, "square": 7,
	"standard_webhooks": 8, "stripe": 6, "svix": 3, "trello": 1, "twilio": 7, "twitch": 2,
	"typeform": 1, "vercel": 1, "vipps": 1, "woocommerce": 2, "xero": 1, "zendesk": 2, "zoom": 2,
	// catalogue batch A (issue #12): testdata/vectors/presets-a.jsonl
	"btcpay": 2, "calcom": 2, "cashfree": 3, "clickup": 2, "customerio": 3, "ghost": 3, "heroku": 2, "line": 3,
	"meta": 6, "mux": 3, "onfido": 2, "patreon": 2, "persona": 4, "recurly": 5, "revolut": 4, "sanity": 6,
	"tailscale": 3, "telegram": 3, "webflow": 3, "workos": 3,
	// batch C (issue #12): testdata/vectors/presets-c.jsonl
	"aftership": 2, "appwrite": 3, "attio": 2, "azure_devops": 3, "buildkite": 3, "dbt_cloud": 2, "discourse": 3,
	"easypost": 4, "helpscout": 2, "mandrill": 5, "microsoft_graph": 7, "modern_treasury": 4, "okta": 5,
	"paymongo": 5, "shopware": 2, "snyk": 2, "sonarqube": 2, "viber": 3, "webex": 2,
	"apple_app_store": 28, "wise": 9, // presets-d
	// fetched keys (fetched-keys.jsonl)
	"aws_sns": 13, "paypal": 6, "google_pubsub": 8,
	// catalogue batch B (presets-b.jsonl)
	"airtable": 3, "braintree": 8, "circleci": 4, "contentful": 5, "frameio": 3, "launchdarkly": 3, "midtrans": 4, "mollie": 4, "monday": 5,
	"netlify": 5, "notion": 4, "payfast": 5, "quickbooks": 3, "segment": 3, "telnyx": 4, "terraform_cloud": 3, "vonage": 7,
	"plivo": 6, "x": 5, "youtube": 4,
	// authorize_net.jsonl: the real delivery of Authorize.Net forum thread 88640
	"authorize_net": 5,
	// issue 24 (presets-e.jsonl)
	"airwallex": 3, "brex": 3, "commercelayer": 2, "elevenlabs": 4, "fastspring": 3, "firecrawl": 2, "incident_io": 2,
	"lithic": 4, "mailchimp": 2, "microsoft_teams": 2, "mongodb_atlas": 2, "nylas": 4, "openai": 6, "orb": 6, "polar": 3,
	"pusher": 3, "replicate": 3, "sonatype": 2, "stytch": 2, "tally": 2, "tiktok": 3,
	"alchemy": 2, "autodesk": 2, "bolt": 2, "linkedin": 5, "tebex": 3,
	"courier": 3, "pipedrive": 2, "rutter": 2, "sardine": 2, "worldline": 3,
	"frontapp": 2, "gitee": 4, "nango": 2, "vapi": 3, "hostedhooks": 2, "checkbook": 3, "hygraph": 4, "smartcar": 4, "castle": 2, "jira": 2, "veriff": 2, "bigcommerce": 2, "fusionauth": 4, "flexport": 3,
}

// loadVectors reads every testdata/vectors/*.jsonl.
func loadVectors(t *testing.T) []vector {
	t.Helper()
	paths, err := filepath.Glob("../testdata/vectors/*.jsonl")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no vector files: %v", err)
	}
	var out []vector
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
		for n := 1; sc.Scan(); n++ {
			var v vector
			dec := json.NewDecoder(strings.NewReader(sc.Text()))
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%s:%d: %v", path, n, err)
			}
			v.file = fmt.Sprintf("%s:%d", filepath.Base(path), n)
			if v.Provider == "" || v.Kind == "" || v.Source == "" && v.Notes == "" {
				t.Fatalf("%s: a vector needs a provider, a kind and a source or notes", v.file)
			}
			out = append(out, v)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// routes is how v runs: published.jsonl's lines by publishedRoutes, every
// other line through the preset it names.
func (v vector) routes(t *testing.T) []vectorRoute {
	if strings.HasPrefix(v.file, "published.jsonl") {
		if r, ok := publishedRoutes[v.Provider]; ok {
			return r
		}
		if !publishedCopied[v.Provider] {
			t.Fatalf("%s: published provider %q is neither routed nor copied", v.file, v.Provider)
		}
		return nil
	}
	return []vectorRoute{{preset: v.Provider}}
}

// publishedCopied are the published providers that generate.py copies into
// sdk.jsonl under the preset's name.
var publishedCopied = map[string]bool{
	"slack": true, "standard-webhooks": true, "paddle-billing": true, "twilio": true, "square": true,
	"adyen": true, "adyen-payload-hmac": true, "vipps-mobilepay-webhooks": true,
}

func (v vector) settings(r vectorRoute) Settings {
	s := Settings{Options: map[string]string{}, PublicKeys: v.PublicKeys}
	if v.Secret != nil && *v.Secret != "" {
		s.Secrets = append(s.Secrets, []byte(*v.Secret))
	}
	for _, secret := range v.Secrets {
		s.Secrets = append(s.Secrets, []byte(secret))
	}
	if v.PublicKey != "" {
		s.PublicKeys = append(s.PublicKeys, v.PublicKey)
	}
	for k, val := range r.options {
		s.Options[k] = val
	}
	for k, val := range v.Options {
		s.Options[k] = val
	}
	return s
}

// bodyBytes returns the body as sent: UTF-8, or for body_encoding
// iso-8859-1 one byte per character.
func (v vector) bodyBytes() ([]byte, error) {
	switch v.BodyEncoding {
	case "", "utf-8":
		return []byte(v.Body), nil
	case "iso-8859-1":
		b := make([]byte, 0, len(v.Body))
		for _, r := range v.Body {
			if r > 0xff {
				return nil, fmt.Errorf("character %U is not ISO-8859-1", r)
			}
			b = append(b, byte(r))
		}
		return b, nil
	}
	return nil, fmt.Errorf("unknown body_encoding %q", v.BodyEncoding)
}

func (v vector) delivery(t *testing.T) *Delivery {
	t.Helper()
	body, err := v.bodyBytes()
	if err != nil {
		t.Fatal(err)
	}
	method, target := v.Method, "https://example.com/hook"
	if method == "" {
		method = http.MethodPost
	}
	if v.URL != nil && *v.URL != "" {
		target = *v.URL
	}
	r := httptest.NewRequest(method, target, strings.NewReader(string(body)))
	for name, value := range v.Headers {
		if strings.EqualFold(name, "Host") {
			r.Host = value
			continue
		}
		r.Header.Set(name, value)
	}
	d := &Delivery{Request: r, Body: body, Now: time.Now()}
	if v.Now != nil {
		d.Now = time.Unix(*v.Now, 0)
	}
	if v.URL != nil {
		d.PublicURL = *v.URL
	}
	return d
}

// TestVectors runs every vector through Lookup(preset).Build(...).Verify
// and, where the verifier answers handshakes, Handshake.
func TestVectors(t *testing.T) {
	ran := map[string]int{}
	for _, v := range loadVectors(t) {
		for _, r := range v.routes(t) {
			ran[r.preset]++
			t.Run(v.file+"/"+r.preset, func(t *testing.T) {
				p, ok := Lookup(r.preset)
				if !ok {
					t.Fatalf("no preset %q", r.preset)
				}
				verifier, err := p.Build(v.settings(r))
				if err != nil {
					t.Fatalf("Build: %v", err)
				}
				d := v.delivery(t)
				_, err = verifier.Verify(d)
				if (err == nil) != v.ExpectedValid {
					t.Fatalf("Verify = %v, expected_valid %v (%s: %s; %s)", err, v.ExpectedValid, v.Kind, v.Source, v.Notes)
				}
				if err != nil {
					var leaks []string
					if v.Secret != nil {
						leaks = append(leaks, *v.Secret)
					}
					for _, hv := range v.Headers {
						if len(hv) >= 16 {
							leaks = append(leaks, hv)
						}
					}
					assertNoLeak(t, err.Error(), leaks...)
				}
				hs, isHS := verifier.(Handshaker)
				var answer *Answer
				if err == nil && isHS {
					answer = hs.Handshake(d)
				}
				switch {
				case v.Answer == nil && answer != nil && v.Method == "":
					t.Errorf("unexpected answer %+v", answer)
				case v.Answer != nil && answer == nil:
					t.Errorf("no answer, want %+v", v.Answer)
				case v.Answer != nil:
					if answer.Status != v.Answer.Status || answer.ContentType != v.Answer.ContentType || string(answer.Body) != v.Answer.Body {
						t.Errorf("answer = %d %q %q, want %+v", answer.Status, answer.ContentType, answer.Body, *v.Answer)
					}
				}
			})
		}
	}
	for name, want := range wantVectors {
		if ran[name] != want {
			t.Errorf("%s: ran %d vectors, want %d", name, ran[name], want)
		}
	}
	for name := range ran {
		if _, ok := wantVectors[name]; !ok {
			t.Errorf("vectors for %s are not counted", name)
		}
	}
}
