package spool

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
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
//     it nor has two servers fight over the directory;
//   - heals: a JetStream server that fails to write (a full disk) turns
//     JetStream off for good, and every publish would then wait for its
//     timeout and fail until a restart. The store watches for that and
//     turns JetStream on again in the same server, as its start did, every
//     embeddedHealEvery while it is off: the streams and the consumer are
//     recovered from the directory (what was acknowledged was fsynced
//     there), and the spool accepts again as soon as the disk has room.

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

// embeddedHealEvery is how often a store whose JetStream was turned off
// (a write failed: the disk was full) tries to turn it on again.
var embeddedHealEvery = 500 * time.Millisecond

// spoolStores are the open stores, by "file:<dir>" or "nats:<url>".
var spoolStores = caddy.NewUsagePool()

// spoolConn is an open store: a connection, its JetStream context, what
// stores (for store "nats" on a connection of its own) and, for store
// "file", the embedded server.
type spoolConn struct {
	nc    *nats.Conn
	js    jetstream.JetStream
	pubNC *nats.Conn          // store "nats": the connection that stores, keeping nothing while down (openNATSStore)
	pub   jetstream.JetStream // what stores: js for store "file"
	srv   *server.Server      // nil for store "nats"
	lock  *os.File            // the directory's lock, for store "file" (spool_lock.go)

	stopHeal chan struct{} // store "file": ends heal
	healed   chan struct{} // closed when heal has ended
	broken   atomic.Bool   // store "file": a write failed and the disk has no room yet
}

// Destruct closes the connection and shuts the embedded server down; the
// UsagePool calls it when the last route using the store is cleaned up.
func (c *spoolConn) Destruct() error {
	if c.stopHeal != nil {
		close(c.stopHeal)
		<-c.healed
	}
	for _, nc := range []*nats.Conn{c.nc, c.pubNC} {
		if nc != nil {
			nc.Drain()
			nc.Close()
		}
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
	c := &spoolConn{nc: nc, srv: srv, lock: lock, stopHeal: make(chan struct{}), healed: make(chan struct{})}
	c.js = guardedJS{JetStream: js, c: c}
	c.pub = c.js
	go c.heal(opts)
	return c, nil
}

// heal turns JetStream on again, as the server's start did with opts,
// whenever a write error turned it off, until Destruct. A stream whose
// write failed (the disk was full) refuses every write from then on,
// each after the publish timeout: heal turns JetStream off then, and on
// again once the disk has room, which reopens the streams from their
// files.
func (c *spoolConn) heal(opts *server.Options) {
	defer close(c.healed)
	t := time.NewTicker(embeddedHealEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stopHeal:
			return
		case <-t.C:
		}
		if c.srv.JetStreamEnabled() {
			h := c.srv.Healthz(&server.HealthzOptions{})
			if h == nil || h.Status == "ok" || !strings.Contains(h.Error, "write error") {
				continue
			}
			// Until there is room, a delivery gets its 503 at once, not
			// after the publish timeout (guardedJS). JetStream stays on
			// meanwhile: stopping it now would fail to write what it keeps
			// in memory (the deliveries acknowledged by the app).
			c.broken.Store(true)
			if !roomIn(opts.StoreDir) {
				continue
			}
			c.srv.ShutdownJetStream()
		}
		// Off, and done shutting down (its config is gone only then).
		if c.srv.JetStreamEnabled() || c.srv.JetStreamConfig() != nil || !roomIn(opts.StoreDir) {
			continue
		}
		err := c.srv.EnableJetStream(&server.JetStreamConfig{
			StoreDir: opts.StoreDir, SyncInterval: opts.SyncInterval, SyncAlways: opts.SyncAlways,
			Strict: !opts.NoJetStreamStrict, MaxMemory: opts.JetStreamMaxMemory, MaxStore: opts.JetStreamMaxStore,
			CompressOK: true,
		})
		if err != nil && c.srv.JetStreamEnabled() {
			c.srv.ShutdownJetStream() // half on: off again, and tried again
			continue
		}
		c.broken.Store(err != nil)
	}
}

// errStoreWriteFailed is what a publish gets while the embedded store
// cannot write.
var errStoreWriteFailed = errors.New("the embedded store could not write (is the disk full?); it accepts again once the disk has room")

// guardedJS is the embedded store's JetStream context: a publish fails at
// once while the store cannot write.
type guardedJS struct {
	jetstream.JetStream
	c *spoolConn
}

func (g guardedJS) PublishMsg(ctx context.Context, m *nats.Msg, opts ...jetstream.PublishOpt) (*jetstream.PubAck, error) {
	if g.c.broken.Load() {
		return nil, errStoreWriteFailed
	}
	return g.JetStream.PublishMsg(ctx, m, opts...)
}

// embeddedProbeSize is how much room roomIn wants.
const embeddedProbeSize = 256 << 10

// roomIn reports whether dir takes a write again: a probe file of
// embeddedProbeSize, fsynced, then removed.
func roomIn(dir string) bool {
	f, err := os.CreateTemp(dir, ".hookgate-space-probe-*")
	if err != nil {
		return false
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, embeddedProbeSize))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err == nil
}

// Interface guard
var _ caddy.Destructor = (*spoolConn)(nil)
