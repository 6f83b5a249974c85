package verifiers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// vectorB is one line of testdata/vectors/presets_b.jsonl.
type vectorB struct {
	Provider      string            `json:"provider"`
	Secret        string            `json:"secret"`
	Secrets       []string          `json:"secrets"`
	PublicKey     string            `json:"public_key"`
	Headers       map[string]string `json:"headers"`
	Body          string            `json:"body"`
	URL           *string           `json:"url"`
	Method        string            `json:"method"`
	Now           *int64            `json:"now"`
	Options       map[string]string `json:"options"`
	ExpectedValid bool              `json:"expected_valid"`
	Kind          string            `json:"kind"`
	Source        string            `json:"source"`
	Answer        *struct {
		Status      int    `json:"status"`
		ContentType string `json:"content_type"`
		Body        string `json:"body"`
	} `json:"answer"`
}

func (v vectorB) settings() Settings {
	s := Settings{Options: v.Options}
	if v.Secret != "" {
		s.Secrets = append(s.Secrets, []byte(v.Secret))
	}
	for _, secret := range v.Secrets {
		s.Secrets = append(s.Secrets, []byte(secret))
	}
	if v.PublicKey != "" {
		s.PublicKeys = []string{v.PublicKey}
	}
	return s
}

func (v vectorB) delivery() *Delivery {
	method, target := v.Method, "https://example.com/hook"
	if method == "" {
		method = http.MethodPost
	}
	if v.URL != nil {
		target = *v.URL
	}
	r := httptest.NewRequest(method, target, strings.NewReader(v.Body))
	for name, value := range v.Headers {
		if strings.EqualFold(name, "Host") {
			r.Host = value
			continue
		}
		r.Header.Set(name, value)
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

func loadVectorsB(t *testing.T) []vectorB {
	t.Helper()
	f, err := os.Open("../testdata/vectors/presets_b.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []vectorB
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v vectorB
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %d: %v", len(out)+1, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPresetsBVectors runs every vector through Lookup(provider).Build(...).Verify
// and, where a handshake is expected, Handshake.
func TestPresetsBVectors(t *testing.T) {
	want := map[string]int{
		"twilio": 7, "square": 7, "adyen": 7, "vipps": 1, "trello": 1, "dropbox": 2, "box": 6,
		"docusign": 2, "gocardless": 3, "zoom": 2, "twitch": 2, "discord": 2, "sendgrid": 3,
		"mailgun": 2, "mercadopago": 2,
	}
	ran := map[string]int{}
	for i, v := range loadVectorsB(t) {
		t.Run(fmt.Sprintf("%d_%s", i+1, v.Provider), func(t *testing.T) {
			if v.Source == "" || v.Kind == "" {
				t.Error("vector names no source or kind")
			}
			p, ok := Lookup(v.Provider)
			if !ok {
				t.Fatalf("no preset %s", v.Provider)
			}
			verifier, err := p.Build(v.settings())
			if err != nil {
				t.Fatal(err)
			}
			d := v.delivery()
			_, err = verifier.Verify(d)
			if (err == nil) != v.ExpectedValid {
				t.Fatalf("Verify = %v, expected valid %v (%s)", err, v.ExpectedValid, v.Source)
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
		ran[v.Provider]++
	}
	for provider, n := range want {
		if ran[provider] != n {
			t.Errorf("%s: ran %d vectors, want %d", provider, ran[provider], n)
		}
	}
	if len(ran) != len(want) {
		t.Errorf("vectors for %d providers, want %d", len(ran), len(want))
	}
}
