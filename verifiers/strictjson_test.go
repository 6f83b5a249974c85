package verifiers

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestParseJSON(t *testing.T) {
	deep := strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth)
	tooDeep := strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1)
	tests := []struct {
		name   string
		body   string
		reason Reason
	}{
		{"object", `{"a":1,"b":[true,null,"x"],"c":{"d":-1.5e3}}`, ""},
		{"scalar with whitespace", " \"s\"\n", ""},
		{"max depth", deep, ""},
		{"paired surrogates", `{"e":"\ud83d\ude00"}`, ""},
		{"escaped backslash before u", `{"e":"\\ud800"}`, ""},
		{"empty key once", `{"":1}`, ""},
		{"keys differing beyond case", `{"a":1,"b":1,"ab":1}`, ""},
		{"same key in sibling objects", `[{"a":1},{"a":2}]`, ""},
		{"duplicate key", `{"a":1,"a":1}`, ambiguousBody},
		{"case-variant key", `{"notificationItems":[],"NotificationItems":[]}`, ambiguousBody},
		{"escaped duplicate key", `{"success":"true","\u0073uccess":"false"}`, ambiguousBody},
		{"escaped case variant", `{"success":"true","\u0053UCCESS":"false"}`, ambiguousBody},
		{"unicode simple fold (Kelvin sign)", "{\"k\":1,\"\u212a\":2}", ambiguousBody},
		{"unicode simple fold (long s)", "{\"s\":1,\"\u017f\":2}", ambiguousBody},
		{"nested duplicate", `{"a":{"b":[{"c":1,"C":2}]}}`, ambiguousBody},
		{"invalid UTF-8 in string", "{\"a\":\"\xff\"}", ambiguousBody},
		{"invalid UTF-8 in key", "{\"\xc3\":1}", ambiguousBody},
		{"lone high surrogate", `{"a":"\ud800"}`, ambiguousBody},
		{"lone low surrogate", `{"a":"\udc00x"}`, ambiguousBody},
		{"high surrogate then non-surrogate", `{"a":"\ud800\u0041"}`, ambiguousBody},
		{"lone surrogate in key", `{"\ud800":1}`, ambiguousBody},
		{"byte order mark", "\xef\xbb\xbf{}", ambiguousBody},
		{"trailing value", `{} {}`, ambiguousBody},
		{"trailing garbage", `{}x`, ambiguousBody},
		{"too deep", tooDeep, ambiguousBody},
		{"empty", ``, malformedSignature},
		{"truncated", `{"a":`, malformedSignature},
		{"trailing comma", `[1,]`, malformedSignature},
		{"single quotes", `{'a':1}`, malformedSignature},
		{"NaN", `[NaN]`, malformedSignature},
		{"leading zero", `[01]`, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := parseJSON([]byte(tt.body))
			checkRejection(t, err, tt.reason)
			if err == nil && v == nil {
				t.Fatal("nil tree")
			}
		})
	}
}

func TestJSONValueAccess(t *testing.T) {
	v, err := parseJSON([]byte(`{"id":"evt","n":12,"data":{"id":"d1","x":null},"arr":[1],"Other":"o","e":"\u00e9"}`))
	if err != nil {
		t.Fatal(err)
	}
	if v.Path("data.id").Text != "d1" || v.Get("id").Text != "evt" || v.Get("e").Text != "é" {
		t.Fatal("paths do not resolve")
	}
	if v.Get("other") != nil || v.Get("ID") != nil {
		t.Fatal("keys matched inexactly")
	}
	if v.Path("data.id.x") != nil || v.Path("arr.0") != nil || v.Path("missing.x") != nil {
		t.Fatal("a path through a non-object resolved")
	}
	if len(v.Members) != 6 || v.Members[5].Key != "e" {
		t.Fatal("members lost their order")
	}
}

func TestScalar(t *testing.T) {
	tests := []struct {
		body   string
		want   string
		reason Reason
	}{
		{`"s"`, "s", ""},
		{`0`, "0", ""},
		{`-12`, "-12", ""},
		{`9007199254740991`, "9007199254740991", ""},
		{`9007199254740992`, "", ambiguousBody},
		{`-0`, "", ambiguousBody},
		{`1e2`, "", ambiguousBody},
		{`100.0`, "", ambiguousBody},
		{`1E0`, "", ambiguousBody},
		{`true`, "", malformedSignature},
		{`null`, "", malformedSignature},
		{`{}`, "", malformedSignature},
	}
	for _, tt := range tests {
		v, err := parseJSON([]byte(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.Scalar()
		if tt.reason == "" && (err != nil || got != tt.want) || tt.reason != "" && ReasonOf(err) != tt.reason {
			t.Errorf("Scalar(%s) = %q, %v; want %q, %q", tt.body, got, err, tt.want, tt.reason)
		}
	}
	var missing *jsonValue
	if _, err := missing.Scalar(); ReasonOf(err) != missingSignature {
		t.Errorf("nil Scalar = %v", err)
	}
}

func TestFoldKey(t *testing.T) {
	pairs := [][2]string{{"a", "A"}, {"k", "\u212a"}, {"ss", "SS"}, {"σ", "Σ"}, {"ς", "Σ"}}
	for _, p := range pairs {
		if (foldKey(p[0]) == foldKey(p[1])) != strings.EqualFold(p[0], p[1]) {
			t.Errorf("foldKey(%q) vs foldKey(%q) disagrees with EqualFold", p[0], p[1])
		}
	}
}

// FuzzParseJSON: whatever parseJSON accepts, encoding/json accepts too and
// reads as the same tree (exact keys, string texts, numbers as written);
// two keys it accepts in one object never EqualFold.
func FuzzParseJSON(f *testing.F) {
	for _, seed := range []string{
		`{"a":1}`, `{"a":1,"A":2}`, `{"\u0061":1,"a":2}`, `[1,2.5e3,-0,true,null,"x"]`, "\xef\xbb\xbf{}",
		`{"a":"\ud800"}`, `{"a":"\ud83d\ude00"}`, `{} {}`, `{"notificationItems":[{"NotificationRequestItem":{"success":"true"}}]}`,
		"{\"k\":1,\"\u212a\":2}", `"\u00e9"`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := parseJSON(body)
		if err != nil {
			if _, ok := err.(*Rejection); !ok {
				t.Fatalf("error %T is not a *Rejection", err)
			}
			return
		}
		if !json.Valid(body) {
			t.Fatalf("ParseJSON accepted what encoding/json refuses: %q", body)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var ref any
		if err := dec.Decode(&ref); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		sameTree(t, v, ref)
	})
}

// sameTree fails unless v and ref (decoded by encoding/json with
// UseNumber) are the same value.
func sameTree(t *testing.T, v *jsonValue, ref any) {
	t.Helper()
	switch r := ref.(type) {
	case nil:
		if v.Kind != jsonNull {
			t.Fatalf("kind %d, want null", v.Kind)
		}
	case bool:
		if v.Kind != jsonBool || v.Text != map[bool]string{true: "true", false: "false"}[r] {
			t.Fatalf("%q, want %v", v.Text, r)
		}
	case json.Number:
		if v.Kind != jsonNumber || v.Text != r.String() {
			t.Fatalf("number %q, want %q", v.Text, r)
		}
	case string:
		if v.Kind != jsonString || v.Text != r {
			t.Fatalf("string %q, want %q", v.Text, r)
		}
	case []any:
		if v.Kind != jsonArray || len(v.Elems) != len(r) {
			t.Fatalf("array of %d, want %d", len(v.Elems), len(r))
		}
		for i := range r {
			sameTree(t, v.Elems[i], r[i])
		}
	case map[string]any:
		if v.Kind != jsonObject || len(v.Members) != len(r) {
			t.Fatalf("object of %d members, want %d", len(v.Members), len(r))
		}
		for i, m := range v.Members {
			e, ok := r[m.Key]
			if !ok {
				t.Fatalf("key %q not in encoding/json's reading", m.Key)
			}
			for _, n := range v.Members[:i] {
				if strings.EqualFold(n.Key, m.Key) {
					t.Fatalf("keys %q and %q both accepted", n.Key, m.Key)
				}
			}
			sameTree(t, m.Value, e)
		}
	default:
		t.Fatalf("unexpected %T", ref)
	}
}
