package verifiers

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestAppendJSString checks the escapes against what JavaScript's
// JSON.stringify writes (ECMA-262 QuoteJSONString): quotes, backslashes
// and control characters only; U+2028, U+2029, DEL and HTML characters as
// they are.
func TestAppendJSString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":1}`, `"{\"a\":1}"`},
		{"a\\b", `"a\\b"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f", `"\u0000\u0001\u001f"`},
		{"\x7f<>&", "\"\x7f<>&\""},
		{"\u2028\u2029é", "\"\u2028\u2029é\""},
	} {
		if got := string(appendJSString(nil, []byte(c.in))); got != c.want {
			t.Errorf("%q: got %s, want %s", c.in, got, c.want)
		}
	}
}

// TestHygraphRefusals checks what the header and body must be.
func TestHygraphRefusals(t *testing.T) {
	now := time.UnixMilli(1631270481036)
	v, err := newHygraph(Settings{Secrets: [][]byte{[]byte("s")}, Tolerance: tolerance5m})
	if err != nil {
		t.Fatal(err)
	}
	signed := func(body string) *Delivery {
		m := &Message{Body: []byte(body), Now: now}
		m.Header = httptest.NewRequest("POST", "/", nil).Header
		if err := signHygraph(Settings{Secrets: [][]byte{[]byte("s")}}, m); err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header = m.Header
		return &Delivery{Request: r, Body: []byte(body), Now: now}
	}
	if _, err := v.Verify(signed(`{"ok":1}`)); err != nil {
		t.Fatalf("signed delivery refused: %v", err)
	}
	for _, c := range []struct {
		name   string
		mutate func(d *Delivery)
		want   Reason
	}{
		{"body not UTF-8", func(d *Delivery) { d.Body = []byte("\xff") }, ambiguousBody},
		{"items out of order", func(d *Delivery) {
			h := d.Request.Header.Get("gcms-signature")
			parts := strings.Split(h, ", ")
			d.Request.Header.Set("gcms-signature", parts[1]+", "+parts[0]+", "+parts[2])
		}, malformedSignature},
		{"leading zero in t", func(d *Delivery) {
			h := d.Request.Header.Get("gcms-signature")
			d.Request.Header.Set("gcms-signature", strings.Replace(h, "t=", "t=0", 1))
		}, malformedSignature},
		{"another environment", func(d *Delivery) {
			h := d.Request.Header.Get("gcms-signature")
			d.Request.Header.Set("gcms-signature", strings.Replace(h, "env=master", "env=staging", 1))
		}, badSignature},
	} {
		d := signed(`{"ok":1}`)
		c.mutate(d)
		if _, err := v.Verify(d); ReasonOf(err) != c.want {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
	}
}
