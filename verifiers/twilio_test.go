package verifiers

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTwilioPortForms(t *testing.T) {
	for in, want := range map[string][2]string{
		"https://a.com/p?x=1":      {"https://a.com:443/p?x=1", "https://a.com/p?x=1"},
		"http://a.com:1234/p":      {"http://a.com:1234/p", "http://a.com/p"},
		"http://a.com":             {"http://a.com:80", "http://a.com"},
		"https://[::1]:8443/p":     {"https://[::1]:8443/p", "https://[::1]/p"},
		"https://u:p@a.com/p":      {"https://u:p@a.com:443/p", "https://u:p@a.com/p"},
		"https://[2001:db8::1]/p?": {"https://[2001:db8::1]:443/p?", "https://[2001:db8::1]/p?"},
	} {
		with, without := twilioPortForms(in)
		if with != want[0] || without != want[1] {
			t.Errorf("%s: %s, %s; want %v", in, with, without, want)
		}
	}
}

func TestTwilioParams(t *testing.T) {
	fields, _ := parseForm([]byte("b=2&a=1&b=1&b=2&a%20b=x"))
	if got := string(twilioParamString(fields)); got != "a1a bxb1b2" {
		t.Fatalf("params %q", got)
	}
	// A JSON body without bodySHA256 would be unauthenticated.
	if _, err := twilioParams("https://a.com/p", "application/json", []byte("{}")); ReasonOf(err) != malformedSignature {
		t.Fatalf("JSON without bodySHA256: %v", err)
	}
	// bodySHA256 must match the body, and appear once.
	if _, err := twilioParams("https://a.com/p?bodySHA256=00", "application/json", []byte("{}")); ReasonOf(err) != badSignature {
		t.Fatalf("wrong bodySHA256: %v", err)
	}
	if _, err := twilioParams("", "", nil); ReasonOf(err) != malformedSignature {
		t.Fatalf("no public URL: %v", err)
	}
}

func TestTwilioURLMustMatch(t *testing.T) {
	p, _ := Lookup("twilio")
	s := Settings{Secrets: [][]byte{[]byte("12345")}}
	m := &Message{URL: "https://mycompany.com/myapp.php?foo=1", Body: []byte("Digits=1")}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	v, _ := p.Build(s)
	for url, ok := range map[string]bool{
		"https://mycompany.com/myapp.php?foo=1":     true,
		"https://mycompany.com:443/myapp.php?foo=1": true,
		"https://mycompany.com/myapp.php?foo=2":     false,
		"http://mycompany.com/myapp.php?foo=1":      false,
		"https://evil.com/myapp.php?foo=1":          false,
	} {
		r := httptest.NewRequest("POST", "https://x/", strings.NewReader(string(m.Body)))
		r.Header = m.Header
		_, err := v.Verify(&Delivery{Request: r, Body: m.Body, PublicURL: url})
		if (err == nil) != ok {
			t.Errorf("%s: %v", url, err)
		}
	}
}
