package verifiers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The differential tests hold the strict readers against the parsers apps
// use: whatever ParseJSON or LookupForm accepts, Python, Node and PHP read
// the same values. The parsers run as scripts in testdata/differential;
// a missing interpreter skips its part, unless HOOKGATE_REQUIRE_PARSERS is
// set (CI sets it after installing python3, nodejs and php-cli).

// interpreter is one external parser.
type interpreter struct{ name, bin, ext string }

var interpreters = []interpreter{{"python", "python3", "py"}, {"node", "node", "js"}, {"php", "php", "php"}}

// runParser feeds input (JSON) to testdata/differential/read_<kind>.<ext>
// and decodes its JSON output into out. ok is false when the interpreter
// is missing (and not required).
func runParser(t *testing.T, in interpreter, kind string, input, out any) bool {
	t.Helper()
	bin, err := exec.LookPath(in.bin)
	if err != nil {
		if os.Getenv("HOOKGATE_REQUIRE_PARSERS") != "" {
			t.Fatalf("%s is required: %v", in.bin, err)
		}
		t.Logf("%s not installed: its differential check is skipped", in.bin)
		return false
	}
	data, _ := json.Marshal(input)
	cmd := exec.Command(bin, filepath.Join("testdata", "differential", "read_"+kind+"."+in.ext))
	cmd.Stdin = bytes.NewReader(data)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", in.name, err, stderr.String())
	}
	if err := json.Unmarshal(stdout, out); err != nil {
		t.Fatalf("%s output: %v\n%s", in.name, err, stdout)
	}
	return true
}

// jsonVariants are adversarial variants of the bodies the gate reads.
func jsonVariants() []string {
	bases := []string{
		`{"id":"evt_1","type":"payment","data":{"id":"d1","amount":100,"note":"a b"},"items":[{"k":"v","n":-5}]}`,
		`{"live":"false","notificationItems":[{"NotificationRequestItem":{"pspReference":"psp","amount":{"value":1130,"currency":"EUR"},"success":"true","additionalData":{"hmacSignature":"x"}}}]}`,
		`{"signature":{"timestamp":"1","token":"t","signature":"s"},"event-data":{"event":"delivered"}}`,
	}
	var out []string
	for _, b := range bases {
		out = append(out, b, "\xef\xbb\xbf"+b, b+" {}", b+"\n", b+`"x"`, "[\n"+b+"\n]")
		// Duplicate, case-variant and escaped keys at every level: insert
		// after each '{' a member that shadows the first key of that object.
		for i := 0; i < len(b); i++ {
			if b[i] != '{' {
				continue
			}
			key, _, ok := strings.Cut(b[i+2:], `"`)
			if !ok {
				continue
			}
			esc := fmt.Sprintf(`\u%04x`, key[0]) + key[1:]
			for _, member := range []string{
				`"` + key + `":"forged",`, `"` + strings.ToUpper(key) + `":"forged",`,
				`"` + esc + `":"forged",`, `"` + strings.ToUpper(key[:1]) + key[1:] + `":"forged",`,
				`"zz_` + key + `":"extra",`, `"` + esc + `x":1,`,
			} {
				out = append(out, b[:i+1]+member+b[i+1:])
			}
		}
		for _, r := range [][2]string{
			{`100`, `1e2`}, {`100`, `100.0`}, {`100`, `-0`}, {`100`, `1E400`}, {`100`, `9007199254740993`},
			{`1130`, `1.13e3`}, {`-5`, `-0`}, {`"a b"`, `"a\ud800b"`}, {`"a b"`, `"a\udc00"`}, {`"a b"`, `"\ud83d\ude00"`},
			{`"a b"`, "\"a\xffb\""}, {`"a b"`, `"a\u0000b"`}, {`"t"`, `"\u0074"`}, {`"true"`, `true`},
		} {
			if strings.Contains(b, r[0]) {
				out = append(out, strings.Replace(b, r[0], r[1], 1))
			}
		}
	}
	out = append(out, strings.Repeat("[", 70)+strings.Repeat("]", 70), "{\"k\":1,\"\u212a\":2}", `{"":1,"a":{"":2}}`)
	return out
}

// flatJSON is a reading of a JSON body: its strings and integers by path.
type flatJSON map[string]string

// flatten reads v as the scripts do: strings, and integers every parser
// reads alike (Scalar); other numbers are left out.
func flatten(v *JSONValue, path []string, out flatJSON) {
	switch v.Kind {
	case JSONObject:
		for _, m := range v.Members {
			flatten(m.Value, append(slices.Clone(path), "k:"+m.Key), out)
		}
	case JSONArray:
		for i, e := range v.Elems {
			flatten(e, append(slices.Clone(path), "i:"+itoa(i)), out)
		}
	case JSONString:
		out["s"+strings.Join(path, "\x1f")] = v.Text
	case JSONNumber:
		if s, err := v.Scalar(); err == nil {
			out["i"+strings.Join(path, "\x1f")] = s
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestJSONDifferential: every variant ParseJSON accepts is accepted by
// Python, Node and PHP, which read exactly its strings and its integers.
func TestJSONDifferential(t *testing.T) {
	variants := jsonVariants()
	encoded := make([]string, len(variants))
	for i, v := range variants {
		encoded[i] = base64.StdEncoding.EncodeToString([]byte(v))
	}
	accepted := 0
	for _, in := range interpreters {
		var raw []json.RawMessage
		if !runParser(t, in, "json", encoded, &raw) {
			continue
		}
		readings := make([]flatJSON, len(raw))
		for i, r := range raw {
			if string(r) == "null" {
				continue
			}
			var triples [][3]json.RawMessage
			if err := json.Unmarshal(r, &triples); err != nil {
				t.Fatalf("%s: %v", in.name, err)
			}
			readings[i] = flatJSON{}
			for _, tr := range triples {
				var path []string
				var kind, value string
				_ = json.Unmarshal(tr[0], &path)
				_ = json.Unmarshal(tr[1], &kind)
				_ = json.Unmarshal(tr[2], &value)
				readings[i][kind+strings.Join(path, "\x1f")] = value
			}
		}
		accepted = 0
		for i, body := range variants {
			doc, err := ParseJSON([]byte(body))
			if err != nil {
				continue
			}
			accepted++
			if readings[i] == nil {
				t.Errorf("%s refuses %q, which the gate accepts", in.name, body)
				continue
			}
			ours, theirs := flatJSON{}, readings[i]
			flatten(doc, nil, ours)
			for k, v := range ours {
				if theirs[k] != v {
					t.Errorf("%s reads %q at %q in %q; the gate reads %q", in.name, theirs[k], k, body, v)
				}
			}
			for k, v := range theirs {
				if _, ok := ours[k]; !ok && k[0] == 's' {
					t.Errorf("%s reads a string %q at %q in %q that the gate does not see", in.name, v, k, body)
				}
			}
		}
	}
	if accepted == 0 || accepted == len(variants) {
		t.Fatalf("gate accepted %d of %d variants: the variants test nothing", accepted, len(variants))
	}
}

// formVariants are adversarial variants of urlencoded bodies.
var formVariants = []string{
	"txid=1&sequencenumber=0&txaction=paid&key=k",
	"txid=1&txid=2&txaction=paid",
	"txid=&txid=2",
	"TXID=9&txid=1",
	"txid=1;txid=2&txaction=paid",
	"txid=1&txaction=paid;x=1",
	"tx.id=9&txid=1",
	"txid[]=9&txid=1",
	"txid[a]=9",
	"+txid=9",
	"txid=%31&txaction=%70aid",
	"txid=1%2&txaction=paid",
	"txid=a+b&txaction=a%20b",
	"txid=%FF",
	"key=k&&&txid=1",
	"txid",
	"txid=1=2",
	"%74xid=1",
	"data.id=5&data_id=6",
}

// TestFormDifferential: whenever LookupForm accepts a wanted field, Python's
// parse_qsl, Node's URLSearchParams and PHP's parse_str read that field
// once, with the same value; when it finds none, they find none.
func TestFormDifferential(t *testing.T) {
	wanted := []string{"txid", "sequencenumber", "txaction", "key", "data_id"}
	for _, in := range interpreters {
		var pairs [][][2]string
		var maps []map[string]any
		var ok bool
		if in.name == "php" {
			ok = runParser(t, in, "form", formVariants, &maps)
		} else {
			ok = runParser(t, in, "form", formVariants, &pairs)
		}
		if !ok {
			continue
		}
		for i, body := range formVariants {
			fields, err := ParseForm([]byte(body))
			if err != nil {
				continue
			}
			values, present, err := LookupForm(fields, ExactNames, wanted...)
			if err != nil {
				continue
			}
			for j, name := range wanted {
				var got []string
				if in.name == "php" {
					if v, ok := maps[i][name]; ok {
						s, isString := v.(string)
						if !isString {
							t.Errorf("php reads %s in %q as %v; the gate reads %q", name, body, v, values[j])
							continue
						}
						got = []string{s}
					}
				} else {
					for _, p := range pairs[i] {
						if p[0] == name {
							got = append(got, p[1])
						}
					}
				}
				want := []string{}
				if present[j] {
					want = []string{values[j]}
				}
				if len(got) != len(want) || len(got) == 1 && got[0] != want[0] {
					t.Errorf("%s reads %s in %q as %q; the gate reads %q", in.name, name, body, got, want)
				}
			}
		}
	}
}
