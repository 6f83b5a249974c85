package caddyplugin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// natsForTest is the URL of a NATS JetStream server: the machine's at
// 127.0.0.1:4222 when it runs one, else one started in this process
// listening on a free port (so a fresh machine needs nothing installed).
func natsForTest(t *testing.T) string {
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
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: freePort(t), JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
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

// uniqueStream is a stream name no other test run uses; its streams are
// deleted at the end of the test.
func uniqueStream(t *testing.T, url string) string {
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

// TestSpoolTwoGatesShareNATS: two gate processes on one NATS JetStream
// stream share one spool: deliveries stored by either, while the app is
// down, are each delivered once, by one of them, once the app is up.
func TestSpoolTwoGatesShareNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Caddy processes")
	}
	url := natsForTest(t)
	stream := uniqueStream(t, url)
	up := newSwitchableUpstream(t)
	site := spoolConfig(fmt.Sprintf("spool {\n\t\t\t\tstore nats %s\n\t\t\t\tstream %s\n\t\t\t}", url, stream))
	site = strings.ReplaceAll(site, "UPSTREAM", up.addr)
	a := newSpoolProcess(t, site)
	b := newSpoolProcess(t, site)

	const n = 40
	var bodies [][]byte
	for i := range n {
		g := a
		if i%2 == 1 {
			g = b
		}
		body := payoneDelivery(500 + i)
		bodies = append(bodies, body)
		if rep := g.post(t, "/payone", payoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("delivery %d: %d %q, want 200 TSOK", i, rep.Status, rep.Body)
		}
	}
	up.up()
	up.waitFor(t, n, 30*time.Second)
	time.Sleep(2 * time.Second) // anything more that would come
	seen := map[string]int{}
	for _, r := range up.received() {
		seen[string(r.Body)]++
	}
	for i, body := range bodies {
		if c := seen[string(body)]; c != 1 {
			t.Errorf("delivery %d arrived %d times, want once", i, c)
		}
	}
	if len(up.received()) != n {
		t.Errorf("the app got %d deliveries, want %d", len(up.received()), n)
	}
}

// TestSpoolNATSDedupByReplayIdentity: with replay on, the message ID is the
// replay identity, so a copy stored by another gate within the dedup window
// is recognised by JetStream and stored once.
func TestSpoolNATSDedupByReplayIdentity(t *testing.T) {
	url := natsForTest(t)
	stream := uniqueStream(t, url)
	conn, err := openNATSStore("nats:"+url+"#"+stream, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { spoolStores.Delete("nats:" + url + "#" + stream) })
	s := testSpool(conn, stream)
	if err := s.setUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	d := &spooledRequest{Method: "POST", URI: "/hook?x=1", Host: "h", Header: http.Header{"A": {"1"}}, Body: []byte("body"), Received: time.Now(), MsgID: "hookgate:replay:x:abc"}
	for range 3 {
		if err := s.store(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
	d2 := *d
	d2.MsgID = ""
	if err := s.store(t.Context(), &d2); err != nil {
		t.Fatal(err)
	}
	if got := countEntries(t, s, spoolStatePending); got != 2 {
		t.Fatalf("%d pending, want 2 (three copies with one ID, one without)", got)
	}
}

// testSpool is a spool on conn for store-level tests.
func testSpool(conn *spoolConn, stream string) *spool {
	return &spool{
		name: "test#" + stream, provider: "hmac", stream: stream, deadStream: stream + "_DEAD",
		subject: "hookgate.spool." + stream, deadSubject: "hookgate.spool." + stream + "_DEAD",
		retryFor: time.Hour, maxPending: 100, conn: conn, js: conn.js, now: time.Now,
		logger: zap.NewNop(),
	}
}

// TestSpoolOperator: list, show (headers redacted, body on request),
// redrive and drop on a real embedded store.
func TestSpoolOperator(t *testing.T) {
	dir := t.TempDir()
	conn, err := openEmbeddedStore("file:"+dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { spoolStores.Delete("file:" + dir) })
	s := testSpool(conn, "HGTEST_OPS")
	if err := s.setUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	base := time.Now().Add(-time.Minute)
	for i := range 3 {
		s.now = func() time.Time { return base.Add(time.Duration(i) * time.Second) }
		d := &spooledRequest{Method: "POST", URI: fmt.Sprintf("/hook/%d", i), Host: "hooks.example",
			Header:   http.Header{"X-Kkiapay-Secret": {"kkiapay-secret-value"}, "X-Trace": {fmt.Sprint(i)}},
			Body:     []byte(fmt.Sprintf("body %d", i)),
			Received: s.now()}
		if err := s.store(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
	s.now = time.Now
	es, err := s.List(t.Context(), "", 10)
	if err != nil || len(es) != 3 {
		t.Fatalf("List: %d entries, %v", len(es), err)
	}
	for i, e := range es {
		if e.URI != fmt.Sprintf("/hook/%d", i) || e.State != spoolStatePending || e.Body != nil || e.Size != len("body 0") {
			t.Errorf("entry %d: %+v", i, e)
		}
		if v := e.Header.Get("X-Kkiapay-Secret"); v != Redacted {
			t.Errorf("entry %d shows the secret header as %q", i, v)
		}
		if e.Header.Get("X-Trace") != fmt.Sprint(i) {
			t.Errorf("entry %d: headers %v", i, e.Header)
		}
	}
	if es, _ := s.List(t.Context(), "", 2); len(es) != 2 {
		t.Errorf("limit 2 listed %d", len(es))
	}
	full, err := s.Get(t.Context(), es[1].ID, true)
	if err != nil || string(full.Body) != "body 1" {
		t.Fatalf("Get with body: %q, %v", full.Body, err)
	}
	if _, err := s.Get(t.Context(), "p999", false); !errors.Is(err, errSpoolEntryNotFound) {
		t.Errorf("Get of an unknown ID: %v", err)
	}
	if _, err := s.Get(t.Context(), "nonsense", false); !errors.Is(err, errSpoolEntryNotFound) {
		t.Errorf("Get of a malformed ID: %v", err)
	}
	if err := s.Drop(t.Context(), es[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Drop(t.Context(), es[0].ID); !errors.Is(err, errSpoolEntryNotFound) {
		t.Errorf("second Drop: %v", err)
	}
	if err := s.Redrive(t.Context(), es[1].ID); err != nil {
		t.Fatal(err)
	}
	after, _ := s.List(t.Context(), spoolStatePending, 10)
	if len(after) != 2 || after[1].URI != "/hook/1" || time.Since(after[1].Received) > 5*time.Second {
		t.Fatalf("after drop and redrive: %+v", after)
	}
	if _, err := s.List(t.Context(), "bogus", 10); err == nil {
		t.Error("List of an unknown state did not fail")
	}
}

// BenchmarkSpoolStore: storing one 1 KiB delivery in the embedded store,
// fsynced, as the gate does before acknowledging it.
func BenchmarkSpoolStore(b *testing.B) {
	dir := b.TempDir()
	conn, err := openEmbeddedStore("file:"+dir, dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { spoolStores.Delete("file:" + dir) })
	s := testSpool(conn, "HGBENCH")
	s.maxPending = 10_000_000
	if err := s.setUp(b.Context()); err != nil {
		b.Fatal(err)
	}
	d := &spooledRequest{Method: "POST", URI: "/hook", Host: "h", Header: http.Header{"Content-Type": {"application/json"}}, Body: make([]byte, 1024), Received: time.Now()}
	for b.Loop() {
		if err := s.store(b.Context(), d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpooledMessageRoundTrip: what is stored comes back byte for byte:
// the body, header values that are not UTF-8, repeated headers, the
// request line, the receipt time.
func TestSpooledMessageRoundTrip(t *testing.T) {
	s := &spool{subject: "hookgate.spool.X", provider: "payone"}
	d := &spooledRequest{
		Method: "POST", URI: "/hook/a%20b?x=1&y=%E4", Host: "hooks.example:8443", Remote: "203.0.113.9:5123",
		Server: "srv0", Listen: ":8443,:443", Proto: "HTTP/2.0", TLS: true,
		Header:   http.Header{"X-Name": {"M\xfcller"}, "X-Twice": {"a", "b"}, "Content-Type": {"application/x-www-form-urlencoded"}},
		Body:     []byte("key=1&lastname=M\xfcller\x00\xff"),
		Received: time.Date(2026, 12, 1, 10, 0, 0, 123456789, time.UTC),
		MsgID:    "hookgate:replay:payone:abc",
	}
	m, err := s.message(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseSpooled(m.Header, m.Data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, d)
	}
	if _, err := parseSpooled(nats.Header{}, nil); err == nil {
		t.Error("a message without the spool's headers was read as a delivery")
	}
}
