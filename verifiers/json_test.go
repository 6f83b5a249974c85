package verifiers

import (
	"bytes"
	"errors"
	"testing"
)

func TestCompactJSON(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		want   string
		reason Reason
	}{
		{"already compact", `{"a":1}`, `{"a":1}`, ""},
		{"pretty", "{\n  \"a\": 1,\n\t\"b\": [ 1, 2 ]\r\n}\n", `{"a":1,"b":[1,2]}`, ""},
		{"spaces inside strings stay", `{ "note" : "two  words\tx" }`, `{"note":"two  words\tx"}`, ""},
		{"escapes kept verbatim", `{"a": "\u0020\n\"x\" \u00e9"}`, `{"a":"\u0020\n\"x\" \u00e9"}`, ""},
		{"no html escaping", `{"h": "<b>&</b>"}`, `{"h":"<b>&</b>"}`, ""},
		{"non-ascii kept", "{\"c\": \"Caf\u00e9 \u2122\"}", "{\"c\":\"Caf\u00e9 \u2122\"}", ""},
		{"numbers kept as written", `[1.0, 1e2, -0]`, `[1.0,1e2,-0]`, ""},
		{"scalar", `  "s"  `, `"s"`, ""},
		{"empty", ``, ``, malformedSignature},
		{"whitespace only", " \n ", ``, malformedSignature},
		{"truncated", `{"a":`, ``, malformedSignature},
		{"two values", `{} {}`, ``, ambiguousBody},
		{"duplicate key", `{"a":1,"a":1}`, ``, ambiguousBody},
		{"case-variant key", `{"a":1,"A":1}`, ``, ambiguousBody},
		{"byte order mark", "\xef\xbb\xbf{}", ``, ambiguousBody},
		{"trailing comma", `[1,]`, ``, malformedSignature},
		{"single quotes", `{'a':1}`, ``, malformedSignature},
		{"form body", `a=1&b=2`, ``, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			buf.WriteString("pre")
			err := compactJSON(&buf, []byte(tt.body))
			checkRejection(t, err, tt.reason)
			want := "pre" + tt.want
			if got := buf.String(); got != want {
				t.Fatalf("buffer = %q, want %q", got, want)
			}
		})
	}
}

func TestWithCompactJSON(t *testing.T) {
	t.Run("buffers are not shared between calls", func(t *testing.T) {
		for _, body := range []string{"{ \"long\": \"" + string(bytes.Repeat([]byte("x"), 500)) + "\" }", `[ 1 ]`, `{ "a" : "b" }`} {
			var want bytes.Buffer
			if err := compactJSON(&want, []byte(body)); err != nil {
				t.Fatal(err)
			}
			err := withCompactJSON([]byte(body), func(compact []byte) error {
				if !bytes.Equal(compact, want.Bytes()) {
					t.Fatalf("compact = %q, want %q", compact, want.Bytes())
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("fn's error is returned", func(t *testing.T) {
		sentinel := errors.New("sentinel")
		if err := withCompactJSON([]byte(`{}`), func([]byte) error { return sentinel }); err != sentinel {
			t.Fatalf("err = %v, want sentinel", err)
		}
	})
	t.Run("invalid JSON does not call fn", func(t *testing.T) {
		called := false
		err := withCompactJSON([]byte(`{`), func([]byte) error { called = true; return nil })
		checkRejection(t, err, malformedSignature)
		if called {
			t.Fatal("fn called for invalid JSON")
		}
	})
}
