package verifiers

import (
	"strings"
	"testing"
)

// FuzzJSONField holds the hand-written scanner behind jsonField to the
// answers of encoding/json (jsonFieldDecoded): the same value, or a
// refusal with the same reason, for any body and path.
func FuzzJSONField(f *testing.F) {
	for _, c := range jsonFieldCases {
		f.Add([]byte(c.body), c.path)
	}
	f.Add([]byte(`{"a":{"b":[1,{"c":"d"}],"b":{"c":"\u00e9"}}}`), "a.b.c")
	f.Add([]byte("{\"a\":\"\xff\xfe\",\"\xffb\":1}"), "\uFFFDb")
	f.Add([]byte(`{"a":1e5,"b":-0.5E-3,"c":01}`), "a")
	f.Add([]byte(`{"a" : [ true , false , null ] , "x":"y"} trailing`), "x")
	f.Add([]byte(strings.Repeat("[", 10001)), "a")
	f.Add([]byte(`{"a":`+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+`,"b":2}`), "b")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		got, gotErr := jsonField(body, path)
		want, wantErr := jsonFieldDecoded(body, path)
		if got != want || (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Fatalf("jsonField(%q, %q) = %q, %v; encoding/json says %q, %v", body, path, got, gotErr, want, wantErr)
		}
	})
}
