package verifiers_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"testing"

	"github.com/hookgate/hookgate/verifiers"
)

// The differential tests compare how the gate's strict readers and the
// readers apps use (Python, Node, PHP through testdata/differential, and
// Go's encoding/json and net/url) read one body, in one canonical form:
//
//   - an object is {"obj": [[key, value], ...]}, pairs sorted by key after
//     the parser's own handling of duplicates;
//   - an array is [...]; a number is {"f64": hex of its float64 bits} or
//     {"f64": "inf"}; a string that is not UTF-8 is {"bytes": hex};
//   - a form is [[name, value], ...] in the order the parser reports.

// diffReq is one body to read.
type diffReq struct {
	Kind string `json:"kind"` // "json" or "form"
	Data []byte `json:"data"`
}

// diffReading is one parser's reading: a canonical value, or the name of
// the error the parser refused the body with.
type diffReading struct {
	OK    any
	Error string
}

func (r diffReading) String() string {
	if r.Error != "" {
		return "error " + r.Error
	}
	return canonText(r.OK)
}

// diffRuntimes are the scripting runtimes and their reader scripts.
var diffRuntimes = []struct{ name, cmd, script string }{
	{"python", "python3", "read.py"},
	{"node", "node", "read.js"},
	{"php", "php", "read.php"},
}

// requireRuntimes skips the test when a runtime is missing, except on CI
// (CI set), where .ci/run installs them and a missing one fails.
func requireRuntimes(t *testing.T) {
	t.Helper()
	for _, rt := range diffRuntimes {
		if _, err := exec.LookPath(rt.cmd); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (CI must run the differential readers): %v", rt.cmd, err)
			}
			t.Skipf("%s is not installed: %v", rt.cmd, err)
		}
	}
}

// runDiffReaders reads every request with every runtime, each started
// once with all requests batched; readings are indexed like reqs.
func runDiffReaders(t *testing.T, reqs []diffReq) map[string][]diffReading {
	t.Helper()
	requireRuntimes(t)
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, r := range reqs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string][]diffReading{}
	for _, rt := range diffRuntimes {
		cmd := exec.Command(rt.cmd, filepath.Join("..", "testdata", "differential", rt.script))
		cmd.Stdin = bytes.NewReader(in.Bytes())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", rt.name, err, stderr.Bytes())
		}
		sc := bufio.NewScanner(bytes.NewReader(stdout))
		sc.Buffer(nil, 16<<20)
		var readings []diffReading
		for sc.Scan() {
			var line map[string]json.RawMessage
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Fatalf("%s: output line %d %q: %v", rt.name, len(readings)+1, sc.Bytes(), err)
			}
			var r diffReading
			if e, ok := line["error"]; ok {
				if err := json.Unmarshal(e, &r.Error); err != nil || r.Error == "" {
					t.Fatalf("%s: bad error %s", rt.name, e)
				}
			} else if ok, has := line["ok"]; has {
				var v any
				if err := json.Unmarshal(ok, &v); err != nil {
					t.Fatalf("%s: %v", rt.name, err)
				}
				r.OK = normCanon(v)
			} else {
				t.Fatalf("%s: line %q has neither ok nor error", rt.name, sc.Bytes())
			}
			readings = append(readings, r)
		}
		if len(readings) != len(reqs) {
			t.Fatalf("%s read %d bodies of %d\n%s", rt.name, len(readings), len(reqs), stderr.Bytes())
		}
		out[rt.name] = readings
	}
	return out
}

// normCanon sorts the pairs of every object in v (a canonical value).
func normCanon(v any) any {
	switch x := v.(type) {
	case []any:
		for i := range x {
			x[i] = normCanon(x[i])
		}
	case map[string]any:
		if pairs, ok := x["obj"].([]any); ok {
			for _, p := range pairs {
				kv := p.([]any)
				kv[1] = normCanon(kv[1])
			}
			slices.SortStableFunc(pairs, func(a, b any) int {
				return strings.Compare(canonText(a.([]any)[0]), canonText(b.([]any)[0]))
			})
		}
	}
	return v
}

// canonText renders a canonical value for comparison and messages.
func canonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}

// canonStr is a string's canonical form.
func canonStr(s string) any {
	if utf8.ValidString(s) {
		return s
	}
	return map[string]any{"bytes": fmt.Sprintf("%x", s)}
}

// canonF64 is a float64's canonical form.
func canonF64(f float64) any {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return map[string]any{"f64": "inf"}
	}
	return map[string]any{"f64": fmt.Sprintf("%016x", math.Float64bits(f))}
}

// canonStrict is the strict reader's tree in canonical form: numbers read
// as float64 from their literal, as the other parsers read them.
func canonStrict(v *verifiers.JSONValue) any {
	switch v.Kind {
	case verifiers.JSONNull:
		return nil
	case verifiers.JSONBool:
		return v.Text == "true"
	case verifiers.JSONNumber:
		f, _ := strconv.ParseFloat(v.Text, 64) // a range error still returns ±Inf
		return canonF64(f)
	case verifiers.JSONString:
		return canonStr(v.Text)
	case verifiers.JSONArray:
		out := []any{}
		for _, e := range v.Elems {
			out = append(out, canonStrict(e))
		}
		return out
	}
	pairs := []any{}
	for _, m := range v.Members {
		pairs = append(pairs, []any{canonStr(m.Key), canonStrict(m.Value)})
	}
	return normCanon(map[string]any{"obj": pairs})
}

// canonGo is encoding/json's reading (into any, numbers as float64).
func canonGo(v any) any {
	switch x := v.(type) {
	case float64:
		return canonF64(x)
	case string:
		return canonStr(x)
	case []any:
		out := []any{}
		for _, e := range x {
			out = append(out, canonGo(e))
		}
		return out
	case map[string]any:
		pairs := []any{}
		for k, e := range x {
			pairs = append(pairs, []any{canonStr(k), canonGo(e)})
		}
		return normCanon(map[string]any{"obj": pairs})
	}
	return v
}

// goReading is how Go reads a body: encoding/json.Unmarshal into any, or
// url.ParseQuery as r.FormValue uses it (its error ignored, as
// r.FormValue does).
func goReading(kind string, data []byte) diffReading {
	if kind == "json" {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return diffReading{Error: fmt.Sprintf("%T", err)}
		}
		return diffReading{OK: canonGo(v)}
	}
	q, _ := url.ParseQuery(string(data))
	names := make([]string, 0, len(q))
	for n := range q {
		names = append(names, n)
	}
	slices.Sort(names)
	pairs := []any{}
	for _, n := range names {
		for _, v := range q[n] {
			pairs = append(pairs, []any{canonStr(n), canonStr(v)})
		}
	}
	return diffReading{OK: pairs}
}

// canonPath follows path (object keys, array indexes) in a canonical value.
func canonPath(v any, path []string) (any, bool) {
	for _, step := range path {
		switch x := v.(type) {
		case map[string]any:
			pairs, ok := x["obj"].([]any)
			if !ok {
				return nil, false
			}
			found := false
			for _, p := range pairs {
				if kv := p.([]any); kv[0] == step {
					v, found = kv[1], true
					break
				}
			}
			if !found {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// base64Of is for messages: bodies may hold any byte.
func base64Of(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
