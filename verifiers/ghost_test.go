package verifiers

import (
	"net/http"
	"strings"
	"testing"
)

func TestGhostWritesGhostsOrder(t *testing.T) {
	h := http.Header{}
	ghostFormat.WriteSignature(h, "1704067200000", make([]byte, 32))
	want := "sha256=" + strings.Repeat("0", 64) + ", t=1704067200000"
	if got := h.Get("X-Ghost-Signature"); got != want {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	ts, sigs, err := readSignatures(ghostFormat, h, 32)
	if err != nil || ts != "1704067200000" || len(sigs) != 1 {
		t.Fatalf("read back %q %d %v", ts, len(sigs), err)
	}
	for _, bad := range []string{"sha256=" + strings.Repeat("0", 64), "t=1704067200000", "t=1, t=2, sha256=" + strings.Repeat("0", 64)} {
		h.Set("X-Ghost-Signature", bad)
		if _, _, err := readSignatures(ghostFormat, h, 32); ReasonOf(err) != malformedSignature {
			t.Errorf("%q: %v, want malformed", bad, err)
		}
	}
}
