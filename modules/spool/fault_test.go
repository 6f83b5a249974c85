package spool_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

// smallDisk mounts a tmpfs of size on a fresh directory for the test;
// it skips when it cannot (not root; in CI, which runs as root, a failed
// mount fails the test).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root (CI runs as root)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mount -t tmpfs: %v: %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a file in dir until the disk is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	name := filepath.Join(dir, "filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			break
		}
	}
	// What is left of the last page or so.
	for {
		if _, err := f.Write(chunk[:512]); err != nil {
			break
		}
	}
	return name
}

// padded is a PAYONE notification with an extra field of n bytes, so that
// storing it needs new pages on the disk.
func padded(txid, n int) []byte {
	return append(payoneTx(txid, 1), "&pad="+strings.Repeat("x", n)...)
}

// TestSpoolFullDiskHeals: while the spool's disk is full deliveries are
// refused with 503 (never acknowledged); once space is freed the spool
// accepts again within seconds, without a restart or reload, and every
// delivery it acknowledged, before or after, reaches the app. (Before:
// after the disk was full once, every delivery got 503 after a 5 s publish
// timeout until a restart.)
func TestSpoolFullDiskHeals(t *testing.T) {
	spool.FastRetries(t)
	disk := smallDisk(t, "8m")
	app := startScriptedApp(t, nil)
	site := spoolConfig("replay 1h\n\t\t\tspool {\n\t\t\t\tstore file " + filepath.Join(disk, "spool") + "\n\t\t\t}")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", app.addr))

	var acked [][]byte
	send := func(body []byte) int {
		t.Helper()
		rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body)
		if rep.Status == 200 && rep.Body == "TSOK" {
			acked = append(acked, body)
		} else if rep.Status != 503 {
			t.Fatalf("answer %d %q, want TSOK or 503", rep.Status, rep.Body)
		}
		return rep.Status
	}
	for i := range 3 {
		if send(padded(8000+i, 8<<10)) != 200 {
			t.Fatalf("delivery %d refused before the disk was full", i)
		}
	}
	filler := fill(t, disk)
	refused := 0
	full := time.Now()
	for i := range 10 {
		if send(padded(8100+i, 16<<10)) == 503 {
			refused++
		}
	}
	if refused == 0 {
		t.Fatal("no delivery was refused with the disk full")
	}
	fullFor := time.Since(full)
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	freed := time.Now()
	healed := false
	var healedAt time.Duration // when the first request answered TSOK was sent
	for i := 0; time.Since(freed) < 15*time.Second; i++ {
		sent := time.Since(freed)
		if send(padded(8200+i, 8<<10)) == 200 {
			healed, healedAt = true, sent
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !healed {
		t.Fatal("the spool still refuses deliveries 15 s after the disk was freed")
	}
	t.Logf("accepting again %s after the disk was freed (%d of 10 refused while full, in %s)", healedAt.Round(time.Millisecond), refused, fullFor.Round(time.Millisecond))
	if healedAt > 3*time.Second {
		t.Errorf("accepting again only %s after the disk was freed", healedAt)
	}
	for i := range 5 {
		if send(padded(8300+i, 8<<10)) != 200 {
			t.Errorf("delivery %d after healing refused", i)
		}
	}
	if !waitUntil(15*time.Second, func() bool {
		for _, b := range acked {
			if app.count(b) == 0 {
				return false
			}
		}
		return true
	}) {
		missing := 0
		for _, b := range acked {
			if app.count(b) == 0 {
				missing++
			}
		}
		t.Fatalf("%d of %d acknowledged deliveries never reached the app", missing, len(acked))
	}
	time.Sleep(500 * time.Millisecond)
	for i, b := range acked {
		if n := app.count(b); n != 1 {
			t.Errorf("acknowledged delivery %d reached the app %d times", i, n)
		}
	}
}
