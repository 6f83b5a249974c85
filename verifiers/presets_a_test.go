package verifiers

import (
	"bufio"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// vectorA is one line of testdata/vectors/presets_a.jsonl.
type vectorA struct {
	Provider      string            `json:"provider"`
	Secret        *string           `json:"secret"`
	PublicKeys    []string          `json:"public_keys"`
	Options       map[string]string `json:"options"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	URL           *string           `json:"url"`
	Method        string            `json:"method"`
	Now           *int64            `json:"now"`
	ExpectedValid bool              `json:"expected_valid"`
	Kind          string            `json:"kind"`
	Source        string            `json:"source"`
}

// vectorCountsA is how many vectors each part-A preset must run.
var vectorCountsA = map[string]int{
	"stripe": 6, "github": 6, "gitlab": 3, "gitea": 1, "bitbucket": 1, "shopify": 1,
	"woocommerce": 2, "slack": 2, "postmark": 2, "standard_webhooks": 8, "svix": 3,
	"clerk": 2, "resend": 2, "linear": 2, "typeform": 1, "intercom": 1, "hubspot": 5,
	"xero": 1, "zendesk": 2, "asana": 1, "sentry": 1, "pagerduty": 3, "calendly": 2,
	"vercel": 1, "paddle": 12, "razorpay": 1, "paystack": 1, "flutterwave": 2,
	"coinbase_commerce": 2, "lemonsqueezy": 1,
}

func (v vectorA) delivery() *Delivery {
	method := v.Method
	if method == "" {
		method = "POST"
	}
	r := httptest.NewRequest(method, "http://gate.test/hook", strings.NewReader(v.Body))
	for k, val := range v.Headers {
		r.Header.Set(k, val)
	}
	d := &Delivery{Request: r, Body: []byte(v.Body), Now: time.Now()}
	if v.Now != nil {
		d.Now = time.Unix(*v.Now, 0)
	}
	if v.URL != nil {
		d.PublicURL = *v.URL
	}
	return d
}

func TestPresetsAVectors(t *testing.T) {
	f, err := os.Open("../testdata/vectors/presets_a.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ran := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var v vectorA
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		p, ok := Lookup(v.Provider)
		if !ok {
			t.Fatalf("line %d: no preset %q", line, v.Provider)
		}
		s := Settings{PublicKeys: v.PublicKeys, Options: v.Options}
		if v.Secret != nil {
			s.Secrets = [][]byte{[]byte(*v.Secret)}
		}
		ver, err := p.Build(s)
		if err != nil {
			t.Fatalf("line %d (%s): build: %v", line, v.Provider, err)
		}
		_, err = ver.Verify(v.delivery())
		if (err == nil) != v.ExpectedValid {
			t.Errorf("line %d (%s, %s: %s): valid = %v (%v), want %v", line, v.Provider, v.Kind, v.Source, err == nil, err, v.ExpectedValid)
		}
		ran[v.Provider]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name, want := range vectorCountsA {
		if ran[name] != want {
			t.Errorf("%s: ran %d vectors, want %d", name, ran[name], want)
		}
	}
	for name := range ran {
		if _, ok := vectorCountsA[name]; !ok {
			t.Errorf("vectors for %s are not counted", name)
		}
	}
}
