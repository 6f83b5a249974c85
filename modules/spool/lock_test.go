//go:build unix

package spool

import (
	"strings"
	"testing"
)

// TestSpoolDirLocked: a second embedded server on a directory another one
// holds (as a second Caddy process on the same data directory would start)
// is refused, naming the way to share a spool; once the first has shut
// down, the directory can be taken again.
func TestSpoolDirLocked(t *testing.T) {
	dir := t.TempDir()
	first, err := startEmbedded(dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := startEmbedded(dir)
	if err == nil {
		second.Destruct()
		first.Destruct()
		t.Fatal("a second server started on a directory in use")
	}
	if !strings.Contains(err.Error(), "in use by another process") || !strings.Contains(err.Error(), "store nats") {
		t.Errorf("error %q does not say the directory is in use", err)
	}
	if err := first.Destruct(); err != nil {
		t.Fatal(err)
	}
	again, err := startEmbedded(dir)
	if err != nil {
		t.Fatalf("after the first shut down: %v", err)
	}
	again.Destruct()
}
