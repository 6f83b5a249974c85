package verifiers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hookgate/hookgate/verifiers"
)

// mutation changes one thing about a delivery; ok is false when it does
// not apply.
type mutation struct {
	name  string
	apply func(s signed) (signed, bool)
	// body: the mutation changes the body's bytes.
	body bool
}

// unsignedMutations change what a scheme may leave unsigned. A verifier
// must refuse the result or accept it as the same delivery.
var unsignedMutations = []mutation{
	{name: "method PUT", apply: func(s signed) (signed, bool) { s.method = http.MethodPut; return s, true }},
	{name: "method PATCH", apply: func(s signed) (signed, bool) { s.method = http.MethodPatch; return s, true }},
	{name: "method DELETE", apply: func(s signed) (signed, bool) { s.method = http.MethodDelete; return s, true }},
	{name: "query added", apply: func(s signed) (signed, bool) { s.url += "&a=1"; return s, true }},
	{name: "query escape", apply: func(s signed) (signed, bool) {
		s.url = strings.Replace(s.url, "route=1", "route=%31", 1)
		return s, true
	}},
	{name: "URL escape in lower case", apply: func(s signed) (signed, bool) {
		s.url = strings.Replace(s.url, "%3A", "%3a", 1)
		return s, true
	}},
	{name: "URL escape decoded", apply: func(s signed) (signed, bool) {
		s.url = strings.Replace(s.url, "%3A", ":", 1)
		return s, true
	}},
	{name: "unsigned header added", apply: func(s signed) (signed, bool) { s.header.Set("X-Unsigned", "1"); return s, true }},
	{name: "delivery-ID headers forged", apply: func(s signed) (signed, bool) {
		for _, h := range []string{"X-GitHub-Delivery", "X-Gitea-Delivery", "X-Request-UUID", "X-Shopify-Webhook-Id", "Linear-Delivery",
			"X-Zendesk-Webhook-Invocation-Id", "X-Webhook-Id", "Idempotency-Key", "X-Delivery"} {
			s.header.Set(h, "forged-"+h)
		}
		return s, true
	}},
	{name: "svix-* as webhook-*", apply: renamePrefix("svix-", "webhook-")},
	{name: "webhook-* as svix-*", apply: renamePrefix("webhook-", "svix-")},
	{name: "every header sent twice", apply: func(s signed) (signed, bool) {
		for k, vs := range s.header {
			s.header[k] = append(vs, vs...)
		}
		return s, true
	}},
	{name: "content type dropped", apply: func(s signed) (signed, bool) { s.header.Del("Content-Type"); return s, true }},
	{name: "content type swapped", apply: func(s signed) (signed, bool) {
		if strings.Contains(s.header.Get("Content-Type"), "json") {
			s.header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			s.header.Set("Content-Type", "application/json")
		}
		return s, true
	}},
	{body: true, name: "trailing newline", apply: func(s signed) (signed, bool) { s.body = append(s.body, '\n'); return s, true }},
	{body: true, name: "JSON re-indented", apply: func(s signed) (signed, bool) {
		var b bytes.Buffer
		if json.Indent(&b, s.body, "", "  ") != nil {
			return s, false
		}
		s.body = b.Bytes()
		return s, true
	}},
	{body: true, name: "JSON field added to every object", apply: func(s signed) (signed, bool) {
		b, ok := addJSONField(s.body)
		s.body = b
		return s, ok
	}},
	{body: true, name: "JSON unsigned reason changed", apply: func(s signed) (signed, bool) {
		if !bytes.Contains(s.body, []byte(`"reason":"ok"`)) {
			return s, false
		}
		s.body = bytes.Replace(s.body, []byte(`"reason":"ok"`), []byte(`"reason":"forged"`), 1)
		return s, true
	}},
	{body: true, name: "form fields reversed", apply: formMutation(func(pairs []string) []string { slices.Reverse(pairs); return pairs })},
	{body: true, name: "form letter percent-encoded", apply: formMutation(func(pairs []string) []string {
		for i, p := range pairs {
			name, value, _ := strings.Cut(p, "=")
			if strings.Contains(value, "%") {
				continue // a letter of an escape is not a letter
			}
			for j := 0; j < len(value); j++ {
				if c := value[j]; 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' {
					pairs[i] = name + "=" + value[:j] + fmt.Sprintf("%%%02X", c) + value[j+1:]
					return pairs
				}
			}
		}
		return pairs
	})},
	{body: true, name: "form empty duplicate first", apply: formMutation(func(pairs []string) []string {
		name, _, _ := strings.Cut(pairs[0], "=")
		return append([]string{name + "="}, pairs...)
	})},
	{body: true, name: "form field case variant added", apply: formMutation(func(pairs []string) []string {
		name, value, _ := strings.Cut(pairs[0], "=")
		return append(pairs, strings.ToUpper(name)+"="+value)
	})},
	{body: true, name: "form unsigned field added", apply: formMutation(func(pairs []string) []string { return append(pairs, "zz_unsigned=1") })},
	{body: true, name: "form semicolon field", apply: formMutation(func(pairs []string) []string { pairs[len(pairs)-1] += ";txid=666"; return pairs })},
}

// renamePrefix renames every header starting with from.
func renamePrefix(from, to string) func(signed) (signed, bool) {
	return func(s signed) (signed, bool) {
		found := false
		for k, vs := range s.header {
			if rest, ok := strings.CutPrefix(strings.ToLower(k), from); ok {
				s.header.Del(k)
				s.header[http.CanonicalHeaderKey(to+rest)] = vs
				found = true
			}
		}
		return s, found
	}
}

// formMutation rewrites the pairs of a urlencoded body.
func formMutation(f func([]string) []string) func(signed) (signed, bool) {
	return func(s signed) (signed, bool) {
		if json.Valid(s.body) || !bytes.Contains(s.body, []byte("=")) {
			return s, false
		}
		s.body = []byte(strings.Join(f(strings.Split(string(s.body), "&")), "&"))
		return s, true
	}
}

// addJSONField re-encodes a JSON body with "zz_unsigned":1 added to every
// object, keeping members in order and numbers as written.
func addJSONField(body []byte) ([]byte, bool) {
	v, err := verifiers.ParseJSON(body)
	if err != nil || v.Kind != verifiers.JSONObject {
		return body, false
	}
	var b bytes.Buffer
	var write func(v *verifiers.JSONValue)
	write = func(v *verifiers.JSONValue) {
		switch v.Kind {
		case verifiers.JSONNull:
			b.WriteString("null")
		case verifiers.JSONString:
			q, _ := json.Marshal(v.Text)
			b.Write(q)
		case verifiers.JSONArray:
			b.WriteByte('[')
			for i, e := range v.Elems {
				if i > 0 {
					b.WriteByte(',')
				}
				write(e)
			}
			b.WriteByte(']')
		case verifiers.JSONObject:
			b.WriteByte('{')
			for _, m := range v.Members {
				q, _ := json.Marshal(m.Key)
				b.Write(q)
				b.WriteByte(':')
				write(m.Value)
				b.WriteByte(',')
			}
			b.WriteString(`"zz_unsigned":1}`)
		default:
			b.WriteString(v.Text)
		}
	}
	write(v)
	return b.Bytes(), true
}
