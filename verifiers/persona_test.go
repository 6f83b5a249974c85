package verifiers

import (
	"net/http"
	"strings"
	"testing"
)

func TestPersonaSignatures(t *testing.T) {
	a, b := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	for _, c := range []struct {
		value  string
		ts     string
		nsigs  int
		reason Reason
	}{
		{"t=1704067200,v1=" + a, "1704067200", 1, ""},
		{"t=1704067200,v1=" + a + " t=1704067200,v1=" + b, "1704067200", 2, ""},
		{"t=1704067200,v1=" + a + ",v1=" + b, "1704067200", 2, ""},
		{"t=1704067200,v1=" + a + ",v0=" + b + ",x=y", "1704067200", 1, ""},
		{"t=1704067200,v1=" + a + " t=1704067201,v1=" + b, "", 0, malformedSignature},
		{"t=1704067200,v1=" + a + " v1=" + b, "", 0, malformedSignature},
		{"t=1704067200,v1=" + a + " t=1704067200", "", 0, malformedSignature},
		{"t=1,t=2,v1=" + a, "", 0, malformedSignature},
		{"t=1704067200,v1=zz", "", 0, malformedSignature},
		{"v1=" + a, "", 0, malformedSignature},
		{"", "", 0, missingSignature},
	} {
		h := http.Header{}
		if c.value != "" {
			h.Set("Persona-Signature", c.value)
		}
		ts, sigs, err := readSignatures(personaSignatures{}, h, 32)
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

func TestPersonaWriteReads(t *testing.T) {
	h := http.Header{}
	personaSignatures{}.WriteSignature(h, "1704067200", make([]byte, 32))
	if got := h.Get("Persona-Signature"); got != "t=1704067200,v1="+strings.Repeat("0", 64) {
		t.Fatalf("wrote %q", got)
	}
	if ts, sigs, err := readSignatures(personaSignatures{}, h, 32); err != nil || ts != "1704067200" || len(sigs) != 1 {
		t.Fatalf("read back %q %d %v", ts, len(sigs), err)
	}
}
