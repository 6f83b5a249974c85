package gatetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NATS is the URL of a NATS JetStream server: the machine's at
// 127.0.0.1:4222 when it runs one, else one started in this process
// listening on a free port (so a fresh machine needs nothing installed).
func NATS(t *testing.T) string {
	t.Helper()
	const machine = "nats://127.0.0.1:4222"
	// HOOKGATE_TEST_OWN_NATS=1 tries the fresh-machine path on a machine
	// that has a server.
	if nc, err := nats.Connect(machine, nats.Timeout(time.Second)); err == nil && os.Getenv("HOOKGATE_TEST_OWN_NATS") == "" {
		js, _ := jetstream.New(nc)
		_, err := js.AccountInfo(t.Context())
		nc.Close()
		if err == nil {
			return machine
		}
	}
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: FreePort(t), JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(srv.Shutdown)
	if !srv.ReadyForConnections(10 * time.Second) {
		t.Fatal("test NATS server did not start")
	}
	return srv.ClientURL()
}

// UniqueStream is a stream name no other test run uses; its streams are
// deleted at the end of the test.
func UniqueStream(t *testing.T, url string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "HGTEST_" + strings.ToUpper(hex.EncodeToString(b))
	t.Cleanup(func() {
		nc, err := nats.Connect(url)
		if err != nil {
			t.Errorf("cleaning up streams: %v", err)
			return
		}
		defer nc.Close()
		js, _ := jetstream.New(nc)
		for _, s := range []string{name, name + "_DEAD"} {
			if err := js.DeleteStream(context.Background(), s); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
				t.Errorf("deleting stream %s: %v", s, err)
			}
		}
	})
	return name
}
