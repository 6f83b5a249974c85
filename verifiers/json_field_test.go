package verifiers

import "testing"

var jsonFieldCases = []struct {
	body, path, want string
	reason           Reason
}{
	{`{"webhookTimestamp":1714557600000}`, "webhookTimestamp", "1714557600000", ""},
	{` {"a":{"b":"x"}}`, "a.b", "x", ""},
	{`{"a":1,"a":"last"}`, "a", "last", ""},
	{`{"a":{"b":1},"a":{"c":2}}`, "a.b", "", MissingSignature},
	{`{"a":"\u0041\n"}`, "a", "A\n", ""},
	{`{"\u0061":"escaped key"}`, "a", "escaped key", ""},
	{`{"a":-1.5e+3}`, "a", "-1.5e+3", ""},
	{`{"a":true}`, "a", "", MalformedSignature},
	{`{"a":null}`, "a", "", MalformedSignature},
	{`{"a":[1]}`, "a.0", "", MissingSignature},
	{`{"a":1}`, "b", "", MissingSignature},
	{`[{"a":1}]`, "a", "", MissingSignature},
	{`"a"`, "a", "", MissingSignature},
	{`{"a":1,}`, "a", "", MalformedSignature},
	{`{"a":01}`, "a", "", MalformedSignature},
	{`{"a":"\x"}`, "a", "", MalformedSignature},
	{`{"a":1} not json`, "a", "1", ""},
	{`{"a":1`, "a", "", MalformedSignature},
	{``, "a", "", MalformedSignature},
}

func TestJSONField(t *testing.T) {
	for _, c := range jsonFieldCases {
		got, err := jsonField([]byte(c.body), c.path)
		if got != c.want || (err == nil) != (c.reason == "") || err != nil && ReasonOf(err) != c.reason {
			t.Errorf("jsonField(%q, %q) = %q, %v; want %q, %q", c.body, c.path, got, err, c.want, c.reason)
		}
	}
}

// TestJSONFieldAllocs: finding a number field allocates only its string.
func TestJSONFieldAllocs(t *testing.T) {
	body := []byte(`{"action":"create","data":{"id":"x","list":[1,2,{"k":null}]},"webhookTimestamp":1714557600000}`)
	if n := testing.AllocsPerRun(100, func() { _, _ = jsonField(body, "webhookTimestamp") }); n > 1 {
		t.Errorf("jsonField allocates %v times", n)
	}
}
