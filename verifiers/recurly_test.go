package verifiers

import (
	"net/http"
	"strings"
	"testing"
)

func TestRecurlySignatures(t *testing.T) {
	a, b := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	for _, c := range []struct {
		value  string
		ts     string
		nsigs  int
		reason Reason
	}{
		{"1663103920000," + a, "1663103920000", 1, ""},
		{"1663103920000," + a + "," + b, "1663103920000", 2, ""},
		{" 1663103920000 , " + a + " ", "1663103920000", 1, ""},
		{"1663103920000,zz," + b, "1663103920000", 1, ""},
		{"1663103920000," + a[:62], "", 0, malformedSignature},
		{"1663103920000", "", 0, malformedSignature},
		{"1663103920000" + a, "", 0, malformedSignature},
		{"," + a, "", 0, malformedSignature},
		{"", "", 0, missingSignature},
	} {
		h := http.Header{}
		if c.value != "" {
			h.Set("Recurly-Signature", c.value)
		}
		ts, sigs, err := readSignatures(recurlySignatures{}, h, 32)
		if c.reason != "" {
			if err == nil || ReasonOf(err) != c.reason {
				t.Errorf("%q: err %v, want %s", c.value, err, c.reason)
			}
			continue
		}
		if err != nil || ts != c.ts || len(sigs) != c.nsigs {
			t.Errorf("%q: ts %q, %d sigs, %v", c.value, ts, len(sigs), err)
		}
	}
}

func TestRecurlyWriteReads(t *testing.T) {
	h := http.Header{}
	recurlySignatures{}.WriteSignature(h, "1700000000000", make([]byte, 32))
	if got := h.Get("recurly-signature"); got != "1700000000000,"+strings.Repeat("0", 64) {
		t.Fatalf("wrote %q", got)
	}
	if ts, sigs, err := readSignatures(recurlySignatures{}, h, 32); err != nil || ts != "1700000000000" || len(sigs) != 1 {
		t.Fatalf("read back %q %d %v", ts, len(sigs), err)
	}
}
