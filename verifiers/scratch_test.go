package verifiers

import (
	"bytes"
	"strings"
	"testing"
)

// TestScratchParts: text parts are copies, earlier parts survive the text
// storage growing, and a released scratch comes back empty.
func TestScratchParts(t *testing.T) {
	sc := getScratch()
	body := []byte("body")
	long := strings.Repeat("u", 1000)
	sc.addString("v0:")
	sc.add(body)
	sc.addString(long) // grows the text storage past the first part's
	sc.addString(":")
	want := [][]byte{[]byte("v0:"), body, []byte(long), []byte(":")}
	if len(sc.parts) != len(want) {
		t.Fatalf("%d parts, want %d", len(sc.parts), len(want))
	}
	for i := range want {
		if !bytes.Equal(sc.parts[i], want[i]) {
			t.Errorf("part %d = %q, want %q", i, sc.parts[i], want[i])
		}
	}
	if !sc.sigs.Add(Hex, "00ff", 2) {
		t.Fatal("Add refused a signature")
	}
	sc.release()
	sc = getScratch()
	defer sc.release()
	if len(sc.parts) != 0 || len(sc.text) != 0 || sc.sigs.Len() != 0 || sc.asym.Len() != 0 {
		t.Fatalf("a released scratch came back with %d parts, %d text bytes, %d+%d signatures",
			len(sc.parts), len(sc.text), sc.sigs.Len(), sc.asym.Len())
	}
}
