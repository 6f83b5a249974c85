package verifiers

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"testing"
)

func TestMandrill(t *testing.T) {
	const key, url = "mandrill-webhook-key", "https://hooks.example.com/mandrill?source=mc"
	sign := func(signed string) string {
		mac := hmac.New(sha1.New, []byte(key))
		mac.Write([]byte(signed))
		return base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	form := "mandrill_events=%5B%5D&b=2&a=1+x"
	good := sign(url + "a1 x" + "b2" + "mandrill_events[]")
	p, _ := Lookup("mandrill")
	v, err := p.Build(Settings{Secrets: [][]byte{[]byte(key)}})
	if err != nil {
		t.Fatal(err)
	}
	formCT := "application/x-www-form-urlencoded"
	for _, tt := range []struct {
		name, method, body, ct, sig, publicURL string
		want                                   Reason // "" = accepted
	}{
		{"sorted fields", "POST", form, formCT, good, url, ""},
		{"fields in sent order", "POST", form, formCT, sign(url + "mandrill_events[]" + "b2" + "a1 x"), url, badSignature},
		{"another URL", "POST", form, formCT, good, "https://hooks.example.com/mandrill", badSignature},
		{"trailing slash", "POST", form, formCT, good, "https://hooks.example.com/mandrill/?source=mc", badSignature},
		{"field repeated", "POST", form + "&a=1+x", formCT, good, url, ambiguousBody},
		{"PHP reads a.b as a_b", "POST", "a.b=1&a_b=2", formCT, sign(url + "a.b1a_b2"), url, ambiguousBody},
		{"JSON body", "POST", `{"a":"1"}`, "application/json", sign(url + `{"a":"1"}`), url, malformedSignature},
		{"public URL unknown", "POST", form, formCT, good, "", malformedSignature},
		{"generic test key", "POST", "mandrill_events=%5B%5D", formCT, func() string {
			mac := hmac.New(sha1.New, []byte("test-webhook"))
			mac.Write([]byte(url + "mandrill_events[]"))
			return base64.StdEncoding.EncodeToString(mac.Sum(nil))
		}(), url, badSignature},
		{"no signature", "POST", form, formCT, "", url, missingSignature},
	} {
		d := request(tt.method, url, tt.body)
		d.Request.Header = http.Header{"Content-Type": {tt.ct}}
		if tt.sig != "" {
			d.Request.Header.Set("X-Mandrill-Signature", tt.sig)
		}
		d.PublicURL = tt.publicURL
		_, err := v.Verify(d)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.want != "" && ReasonOf(err) != tt.want:
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		}
	}
	// The URL check is answered 200, empty; an unsigned GET or POST is refused.
	head := request("HEAD", url, "")
	head.PublicURL = url
	if err, a := verifyAndAnswer(t, "mandrill", Settings{Secrets: [][]byte{[]byte(key)}}, head); err != nil || a == nil || a.Status != 200 || len(a.Body) != 0 {
		t.Errorf("HEAD check: %v %+v", err, a)
	}
	for _, method := range []string{"GET", "POST"} {
		d := request(method, url, "")
		d.PublicURL = url
		if err, a := verifyAndAnswer(t, "mandrill", Settings{Secrets: [][]byte{[]byte(key)}}, d); err == nil || a != nil {
			t.Errorf("unsigned %s accepted (%+v)", method, a)
		}
	}
}

func TestMandrillSignerWrapsEvents(t *testing.T) {
	const url = "https://hooks.example.com/mandrill"
	s := Settings{Secrets: [][]byte{[]byte("k")}}
	p, _ := Lookup("mandrill")
	m := &Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`[{"event":"send"}]`), URL: url}
	if err := p.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	if ct := m.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" || string(m.Body) != "mandrill_events=%5B%7B%22event%22%3A%22send%22%7D%5D" {
		t.Fatalf("signed %q as %q", m.Body, ct)
	}
	d := request("POST", url, string(m.Body))
	d.Request.Header = m.Header
	d.PublicURL = url
	v, _ := p.Build(s)
	if _, err := v.Verify(d); err != nil {
		t.Errorf("signed events refused: %v", err)
	}
}
