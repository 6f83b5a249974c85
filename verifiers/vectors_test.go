package verifiers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// vector is one line of testdata/vectors/*.jsonl.
type vector struct {
	Provider      string            `json:"provider"`
	Kind          string            `json:"kind"`
	Secret        string            `json:"secret"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	BodyEncoding  string            `json:"body_encoding"`
	URL           *string           `json:"url"`
	Now           *int64            `json:"now"`
	Options       map[string]string `json:"options"`
	ExpectedValid bool              `json:"expected_valid"`
	Source        string            `json:"source"`
	Notes         string            `json:"notes"`
}

// vectorPreset says how a provider's vectors run: through the named preset,
// with options.
type vectorPreset struct {
	preset  string
	options map[string]string
}

// vectorPresets are the providers whose vectors this file runs. Vectors of
// other providers belong to the tests of their presets.
var vectorPresets = map[string]vectorPreset{
	"payone":       {preset: "payone"},
	"cardknox":     {preset: "cardknox"},
	"kkiapay":      {preset: "kkiapay"},
	"checkout_com": {preset: "checkout_com"},
	"24sevenpay":   {preset: "24sevenpay"},
	// GitHub and Razorpay through the generic scheme, as a user would
	// configure it for them.
	"github":   {preset: "hmac", options: map[string]string{"header": "X-Hub-Signature-256", "prefix": "sha256=", "algorithm": "sha256", "encoding": "hex"}},
	"razorpay": {preset: "hmac", options: map[string]string{"header": "X-Razorpay-Signature", "algorithm": "sha256", "encoding": "hex"}},
}

// minVectors is how many vectors each provider must run, counted over both
// files: a line skipped by mistake (a typo, a parse change) fails the test.
var minVectors = map[string]int{
	"payone":       5, // 2 published + 3 computed
	"github":       6, // published
	"razorpay":     1, // published
	"cardknox":     6, // computed
	"checkout_com": 5, // computed
	"kkiapay":      3, // computed
	"24sevenpay":   6, // computed
}

func loadVectors(t *testing.T, path string) []vector {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v vector
		dec := json.NewDecoder(strings.NewReader(line))
		if err := dec.Decode(&v); err != nil {
			// Other providers' lines may carry fields of other shapes
			// (headers as a string, say); only ours must parse.
			var probe struct {
				Provider string `json:"provider"`
			}
			if json.Unmarshal([]byte(line), &probe) == nil {
				if _, ours := vectorPresets[probe.Provider]; !ours {
					continue
				}
			}
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if v.Provider == "" || v.Source == "" && v.Kind != "computed" || v.Kind == "computed" && v.Notes == "" {
			t.Fatalf("%s:%d: a vector needs a provider and a source (or, if computed, a note)", path, n)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no vectors", path)
	}
	return out
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

func TestVectors(t *testing.T) {
	files := []struct{ path, wantKind string }{
		{"../testdata/vectors/published.jsonl", ""},
		{"../testdata/vectors/computed.jsonl", "computed"},
	}
	ran := map[string]int{}
	for _, file := range files {
		for i, vec := range loadVectors(t, file.path) {
			mapping, ok := vectorPresets[vec.Provider]
			if !ok {
				continue
			}
			name := fmt.Sprintf("%s/%s#%d", strings.TrimSuffix(file.path[strings.LastIndex(file.path, "/")+1:], ".jsonl"), vec.Provider, i+1)
			t.Run(name, func(t *testing.T) {
				if file.wantKind != "" && vec.Kind != file.wantKind {
					t.Fatalf("kind = %q, want %q", vec.Kind, file.wantKind)
				}
				p, ok := Lookup(mapping.preset)
				if !ok {
					t.Fatalf("preset %s is not registered", mapping.preset)
				}
				opts := map[string]string{}
				for k, val := range mapping.options {
					opts[k] = val
				}
				for k, val := range vec.Options {
					opts[k] = val
				}
				verifier, err := p.Build(Settings{Secrets: [][]byte{[]byte(vec.Secret)}, Options: opts})
				if err != nil {
					t.Fatalf("Build: %v", err)
				}
				body, err := vec.bodyBytes()
				if err != nil {
					t.Fatal(err)
				}
				target := "https://hooks.example.com/webhook"
				if vec.URL != nil && *vec.URL != "" {
					target = *vec.URL
				}
				r := httptest.NewRequest("POST", target, strings.NewReader(string(body)))
				for k, val := range vec.Headers {
					r.Header.Set(k, val)
				}
				d := &Delivery{Request: r, Body: body, Now: time.Now(), PublicURL: target}
				if vec.Now != nil {
					d.Now = time.Unix(*vec.Now, 0)
				}
				_, err = verifier.Verify(d)
				if got := err == nil; got != vec.ExpectedValid {
					t.Fatalf("Verify = %v, expected_valid %v (source: %s; notes: %s)", err, vec.ExpectedValid, vec.Source, vec.Notes)
				}
				if err != nil {
					leaks := []string{vec.Secret}
					for _, hv := range vec.Headers {
						if len(hv) >= 16 {
							leaks = append(leaks, hv)
						}
					}
					assertNoLeak(t, err.Error(), leaks...)
				}
			})
			ran[vec.Provider]++
		}
	}
	for provider, min := range minVectors {
		if ran[provider] < min {
			t.Errorf("%s: %d vectors executed, want at least %d", provider, ran[provider], min)
		}
	}
	for provider := range vectorPresets {
		if _, ok := minVectors[provider]; !ok {
			t.Errorf("%s is mapped but has no minimum", provider)
		}
	}
	t.Logf("vectors executed per provider: %v", ran)
}
