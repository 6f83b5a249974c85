package spool

import (
	"fmt"
	"os"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// The store "file" is a NATS JetStream server embedded in Caddy, so that
// the spool has one code path whether it is on this machine or shared by
// a cluster (docs/spool.md says why). The server:
//   - opens no network listener (DontListen); the spool talks to it over
//     an in-process connection;
//   - keeps its files in the spool's directory, under jetstream/;
//   - fsyncs every write before it acknowledges it (SyncAlways, the
//     option `sync_interval: always` of a nats-server config), so a
//     publish acknowledgement means the delivery is on disk;
//   - is shared by every route of every config using the same directory
//     (spoolStores, a caddy.UsagePool), so a config reload neither restarts
//     it nor has two servers fight over the directory.

// MaxMessageBody is the largest body the embedded store holds: 64 MiB,
// webhook_verify's ceiling on max_body (its MaxMaxBody, which a test there
// holds to this).
const MaxMessageBody = 64 << 20

// embeddedMaxPayload is the largest message the embedded server takes:
// MaxMessageBody and room for the headers.
const embeddedMaxPayload = MaxMessageBody + 1<<20

// embeddedStartTimeout bounds the embedded server's start, recovery of
// its streams from disk included.
const embeddedStartTimeout = 30 * time.Second

// spoolStores are the open stores, by "file:<dir>" or "nats:<url>".
var spoolStores = caddy.NewUsagePool()

// spoolConn is an open store: a connection, its JetStream context and, for
// store "file", the embedded server.
type spoolConn struct {
	nc   *nats.Conn
	js   jetstream.JetStream
	srv  *server.Server // nil for store "nats"
	lock *os.File       // the directory's lock, for store "file" (spool_lock.go)
}

// Destruct closes the connection and shuts the embedded server down; the
// UsagePool calls it when the last route using the store is cleaned up.
func (c *spoolConn) Destruct() error {
	if c.nc != nil {
		c.nc.Drain()
		c.nc.Close()
	}
	if c.srv != nil {
		c.srv.Shutdown()
		c.srv.WaitForShutdown()
	}
	if c.lock != nil {
		c.lock.Close() // releases the lock
	}
	return nil
}

// openEmbeddedStore returns the embedded store of dir, starting its server
// if this process has none for dir yet.
func openEmbeddedStore(key, dir string) (*spoolConn, error) {
	v, _, err := spoolStores.LoadOrNew(key, func() (caddy.Destructor, error) {
		return startEmbedded(dir)
	})
	if err != nil {
		return nil, err
	}
	return v.(*spoolConn), nil
}

// startEmbedded starts a JetStream server with file storage in dir.
func startEmbedded(dir string) (*spoolConn, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store file: creating %s: %v", dir, err)
	}
	lock, err := lockSpoolDir(dir)
	if err != nil {
		return nil, err
	}
	started := false
	defer func() {
		if !started && lock != nil {
			lock.Close()
		}
	}()
	opts := &server.Options{
		ServerName:         "hookgate-spool",
		DontListen:         true,
		JetStream:          true,
		StoreDir:           dir,
		SyncAlways:         true,
		MaxPayload:         int32(embeddedMaxPayload),
		MaxPending:         2 * embeddedMaxPayload,
		NoSigs:             true,
		NoLog:              true,
		JetStreamMaxMemory: 64 << 20, // the spool keeps nothing in memory streams
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("store file %s: %v", dir, err)
	}
	srv.Start()
	if !srv.ReadyForConnections(embeddedStartTimeout) {
		srv.Shutdown()
		return nil, fmt.Errorf("store file %s: the embedded JetStream server did not start within %s (is the directory writable, and not used by another process?)", dir, embeddedStartTimeout)
	}
	if !srv.JetStreamEnabled() {
		srv.Shutdown()
		return nil, fmt.Errorf("store file %s: JetStream could not be enabled in the embedded server (is the directory writable?)", dir)
	}
	nc, err := nats.Connect("", nats.InProcessServer(srv), nats.Name("hookgate-spool"), nats.MaxReconnects(-1))
	if err != nil {
		srv.Shutdown()
		return nil, fmt.Errorf("store file %s: connecting to the embedded server: %v", dir, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		srv.Shutdown()
		return nil, fmt.Errorf("store file %s: %v", dir, err)
	}
	started = true
	return &spoolConn{nc: nc, js: js, srv: srv, lock: lock}, nil
}

// Interface guard
var _ caddy.Destructor = (*spoolConn)(nil)
