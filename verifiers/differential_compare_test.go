package verifiers_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/verifiers"
)

// diffCompare returns every way the parsers read c differently from the gate.
func diffCompare(c diffCase, readings map[string]diffReading) []string {
	names := slices.Sorted(maps.Keys(readings))
	var msgs []string
	if c.target.kind == "json" {
		doc, err := verifiers.ParseJSON(c.data)
		if err != nil {
			return nil // not JSON to the gate: it read no field (the signature covers the raw body)
		}
		gate := canonStrict(doc)
		for _, p := range names {
			if r := readings[p]; r.Error != "" {
				msgs = append(msgs, fmt.Sprintf("%s refuses the body (%s) that the gate accepted and read", p, r.Error))
			}
		}
		for _, path := range c.target.paths {
			want, wantOK := canonPath(gate, path)
			for _, p := range names {
				r := readings[p]
				if r.Error != "" {
					continue
				}
				got, gotOK := canonPath(r.OK, path)
				if gotOK != wantOK || canonText(got) != canonText(want) {
					msgs = append(msgs, fmt.Sprintf("%s reads %s = %s (present %v); the gate reads %s (present %v)",
						p, strings.Join(path, "."), canonText(got), gotOK, canonText(want), wantOK))
				}
			}
		}
		return msgs
	}
	fields, err := verifiers.ParseForm(c.data)
	if err != nil {
		return []string{fmt.Sprintf("the gate accepted a form its reader refuses: %v", err)}
	}
	// want: for each field name the gate read, the values a parser must report.
	type field struct {
		name   string
		values []string
		subset bool // Twilio: any non-empty subset of values
	}
	var want []field
	switch c.target.rule {
	case namedFields:
		values, present, err := verifiers.DiffFormLookup(fields, c.target.folded, c.target.names...)
		if err != nil {
			return []string{fmt.Sprintf("the gate accepted a form its strict lookup refuses: %v", err)}
		}
		for i, n := range c.target.names {
			f := field{name: n}
			if present[i] {
				f.values = []string{values[i]}
			}
			want = append(want, f)
		}
	case allFolded:
		for _, fl := range fields {
			want = append(want, field{name: fl.Name, values: []string{fl.Value}})
		}
	case twilioFields:
		byName := map[string][]string{}
		for _, fl := range fields {
			byName[fl.Name] = append(byName[fl.Name], fl.Value)
		}
		for _, n := range slices.Sorted(maps.Keys(byName)) {
			want = append(want, field{name: n, values: byName[n], subset: true})
		}
	}
	// signedAs: the values signed under each name, and (phpKey) under
	// each name PHP files the field as.
	signedAs := map[string][]string{}
	for _, f := range want {
		for _, v := range f.values {
			v := canonText(canonStr(v))
			signedAs[f.name] = append(signedAs[f.name], v)
			if n, arr := phpName(f.name); !arr {
				signedAs[phpKey(n)] = append(signedAs[phpKey(n)], v)
			}
		}
	}
	for _, p := range names {
		r := readings[p]
		if r.Error != "" {
			msgs = append(msgs, fmt.Sprintf("%s refuses the form (%s)", p, r.Error))
			continue
		}
		pairs, _ := r.OK.([]any)
		for _, f := range want {
			got, skip := parserValues(pairs, f.name, c.target.folded, p == "php")
			if skip {
				continue // PHP makes it an array: no string to compare
			}
			var wantC []string
			for _, v := range f.values {
				wantC = append(wantC, canonText(canonStr(v)))
			}
			ok := slices.Equal(got, wantC)
			if f.subset {
				if p == "php" { // any value signed under a name PHP files alike
					pn, _ := phpName(f.name)
					wantC = signedAs[phpKey(pn)]
				}
				ok = len(got) > 0
				for _, g := range got {
					ok = ok && slices.Contains(wantC, g)
				}
			}
			if !ok {
				msgs = append(msgs, fmt.Sprintf("%s reads field %q as %v; the gate reads %v", p, f.name, got, wantC))
			}
		}
		if c.target.rule == twilioFields { // every value a parser reads was signed under that name
			for _, pr := range pairs {
				kv := pr.([]any)
				n, _ := kv[0].(string)
				if strings.Contains(n, "[") {
					continue
				}
				signed := signedAs[n]
				if p == "php" {
					signed = signedAs[phpKey(n)]
				}
				if v := canonText(kv[1]); !slices.Contains(signed, v) {
					msgs = append(msgs, fmt.Sprintf("%s reads field %q = %s, which was not signed under that name", p, n, v))
				}
			}
		}
	}
	return msgs
}

// parserValues are the values a parser's form reading holds for name, as
// an app asking for name finds them: PHP files a name as phpName does,
// FoldedNames readers match names case-insensitively. skip is set when
// PHP reads the field as an array.
func parserValues(pairs []any, name string, folded, php bool) (out []string, skip bool) {
	if php {
		if name, skip = phpName(name); skip {
			return nil, true
		}
	}
	for _, pr := range pairs {
		kv := pr.([]any)
		n, ok := kv[0].(string)
		if ok && (n == name || folded && strings.EqualFold(n, name)) {
			out = append(out, canonText(kv[1]))
		}
	}
	return out, false
}

// phpName is the name PHP's parse_str (php_register_variable_ex) files a
// field under: leading spaces dropped, the name cut at a NUL byte, ' ' and
// '.' made '_' up to the first '['; a '[' with a ']' after it makes an
// array (array is set), one without becomes '_' and the rest is kept.
func phpName(n string) (name string, array bool) {
	n = strings.TrimLeft(n, " ")
	if i := strings.IndexByte(n, 0); i >= 0 {
		n = n[:i]
	}
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		switch c := n[i]; c {
		case ' ', '.':
			b.WriteByte('_')
		case '[':
			if strings.IndexByte(n[i:], ']') > 0 {
				return b.String(), true
			}
			return b.String() + "_" + n[i+1:], false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), false
}

// phpKey keys signedAs by a PHP name, apart from the names themselves.
func phpKey(n string) string { return "php\x00" + n }

// TestDifferentialJSONDocuments: every document ParseJSON accepts (seeds
// like FuzzParseJSON's, and the edge cases of jsonVariants) is read as
// the same whole tree by Python, Node, PHP and Go, and every document one
// of them refuses, ParseJSON refuses too (what ParseJSON refuses is not
// compared: the gate refuses it, or finds no field in it). The one difference allowed is
// the integer literal -0, which Python and PHP read as the integer 0 and
// Go and Node as the float -0: the trees are compared with -0 as 0, and
// (JSONValue).Scalar refuses -0 wherever the gate reads a field.
func TestDifferentialJSONDocuments(t *testing.T) {
	docs := []string{
		`{"a":1}`, `{"a":1,"A":2}`, `{"\u0061":1,"a":2}`, `[1,2.5e3,-0,true,null,"x"]`, "\xef\xbb\xbf{}",
		`{"a":"\ud800"}`, `{"a":"\ud83d\ude00"}`, `{} {}`, "{\"k\":1,\"\u212a\":2}", `"\u00e9"`,
		`{"n":12345678901234567890}`, `{"n":1e400}`, `{"n":-1e400}`, `{"n":1e-400}`, `{"n":0.1}`, `{"n":-0.0}`,
		`{"\u0000":1}`, `{"a\u0000":1}`, `{"":1}`, `{"__proto__":{"x":1}}`, `{"1":1,"a":2,"0":3}`,
		"{\"a\":\"\xff\"}", `{"a":NaN}`, `{"a":'x'}`, `[1,]`, `{"a":1,}`, " {}\n", "{}\x00", `{"a":"\/\b\f\n\r\t"}`,
		strings.Repeat("[", 64) + strings.Repeat("]", 64), strings.Repeat("[", 65) + strings.Repeat("]", 65),
	}
	reqs := make([]diffReq, len(docs))
	for i, d := range docs {
		reqs[i] = diffReq{Kind: "json", Data: []byte(d)}
	}
	readings := runDiffReaders(t, reqs)
	for i, d := range docs {
		all := map[string]diffReading{"go": goReading("json", []byte(d))}
		for name, rs := range readings {
			all[name] = rs[i]
		}
		doc, err := verifiers.ParseJSON([]byte(d))
		if err != nil {
			continue // refused: what others read does not reach a decision
		}
		for _, p := range slices.Sorted(maps.Keys(all)) {
			switch r := all[p]; {
			case r.Error != "":
				t.Errorf("%q: %s refuses it (%s); ParseJSON accepts it", d, p, r.Error)
			case negZero(canonText(r.OK)) != negZero(canonText(canonStrict(doc))):
				t.Errorf("%q: %s reads %s; ParseJSON reads %s", d, p, canonText(r.OK), canonText(canonStrict(doc)))
			}
		}
	}
}

// negZero reads the float -0 as 0 in a canonical text.
func negZero(s string) string {
	return strings.ReplaceAll(s, `{"f64":"8000000000000000"}`, `{"f64":"0000000000000000"}`)
}
