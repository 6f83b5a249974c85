package verifiers

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestContentfulPath(t *testing.T) {
	for in, want := range map[string]string{
		"/hook":                 "/hook",
		"/hook?a=1&b=2":         "/hook?a%253D1%2526b%253D2",
		"/a b":                  "/a%20b",
		"/x%20y":                "/x%2520y",
		"/hook?q=a?b":           "/hook?q%253Da",
		"/h(o)ok!*~'?x=(y)!*~'": "/h(o)ok!*~'?x%253D(y)!*~'",
	} {
		if got := contentfulPath(in); got != want {
			t.Errorf("contentfulPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContentful(t *testing.T) {
	secret := strings.Repeat("s", 64)
	s := Settings{Secrets: [][]byte{[]byte(secret)}, Tolerance: 30 * time.Second}
	now := time.Unix(1_700_000_000, 0)
	p, _ := Lookup("contentful")
	sign := func() *Message {
		m := &Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"sys":{"id":"e1"}}`), URL: "https://x.example/hook?a=1", Now: now}
		if err := p.Sign(s, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	v, err := p.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func(m *Message, d *Delivery)
		ok     bool
	}{
		{"signed", func(*Message, *Delivery) {}, true},
		{"unsigned header added", func(_ *Message, d *Delivery) { d.Request.Header.Set("X-Other", "1") }, true},
		{"listed header missing", func(_ *Message, d *Delivery) { d.Request.Header.Del("X-Contentful-Topic") }, false},
		{"list names an absent header", func(_ *Message, d *Delivery) {
			d.Request.Header.Set(contentfulSignedHeaders, d.Request.Header.Get(contentfulSignedHeaders)+",x-absent")
		}, false},
		{"signed header twice", func(_ *Message, d *Delivery) { d.Request.Header.Add("X-Contentful-Topic", "x") }, false},
		{"other query", func(_ *Message, d *Delivery) { d.PublicURL = "https://x.example/hook?a=2" }, false},
		{"other method", func(_ *Message, d *Delivery) { d.Request.Method = http.MethodPut }, false},
		{"31 s later", func(_ *Message, d *Delivery) { d.Now = now.Add(31 * time.Second) }, false},
		{"timestamp with a leading zero", func(_ *Message, d *Delivery) {
			d.Request.Header.Set(contentfulTimestamp, "0"+d.Request.Header.Get(contentfulTimestamp))
		}, false},
	} {
		m := sign()
		d := request("POST", m.URL, string(m.Body))
		d.Request.Header, d.PublicURL, d.Now = m.Header.Clone(), m.URL, now
		tc.change(m, d)
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if _, err := p.Build(Settings{Secrets: [][]byte{[]byte("short")}}); err == nil {
		t.Error("built with a secret that is not 64 characters")
	}
}
