package spool

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbeddedStoreShared: routes (and config reloads) using one directory
// share one embedded server, which stops with its last user; the server
// fsyncs every write and opens no listener.
func TestEmbeddedStoreShared(t *testing.T) {
	dir := t.TempDir()
	key := "file:" + dir
	a, err := openEmbeddedStore(key, dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := openEmbeddedStore(key, dir)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatal("two users of one directory got two servers")
	}
	opts := a.srv.JetStreamConfig()
	if opts == nil || !opts.SyncAlways || opts.StoreDir != filepath.Join(dir, "jetstream") {
		t.Errorf("JetStream config %+v: want SyncAlways and the store under %s", opts, dir)
	}
	if addr := a.srv.Addr(); addr != nil {
		t.Errorf("the embedded server listens on %v", addr)
	}
	if _, err := spoolStores.Delete(key); err != nil {
		t.Fatal(err)
	}
	if !a.srv.Running() {
		t.Fatal("the server stopped while a user remained")
	}
	if _, err := spoolStores.Delete(key); err != nil {
		t.Fatal(err)
	}
	if a.srv.Running() {
		t.Fatal("the server runs on after its last user")
	}
}

// TestEmbeddedStoreUnwritable: a directory that cannot be created is a
// provisioning error naming it.
func TestEmbeddedStoreUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	dir := filepath.Join(file, "spool")
	if _, err := openEmbeddedStore("file:"+dir, dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("error %v, want one naming %s", err, dir)
	}
}
