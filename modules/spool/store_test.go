package spool

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/nats-io/nats.go"
	"go.uber.org/zap"
)

// testSpool is a spool on conn for store-level tests.
func testSpool(conn *spoolConn, stream string) *Spool {
	return &Spool{
		name: "test#" + stream, provider: "hmac", stream: stream, deadStream: stream + "_DEAD",
		subject: "hookgate.spool." + stream, deadSubject: "hookgate.spool." + stream + "_DEAD",
		retryFor: time.Hour, maxPending: 100, conn: conn, js: conn.js, pub: conn.pub, now: time.Now,
		logger: zap.NewNop(), shared: conn.srv == nil, // store nats
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
		if e.URI != fmt.Sprintf("/hook/%d", i) || e.State != StatePending || e.Body != nil || e.Size != len("body 0") {
			t.Errorf("entry %d: %+v", i, e)
		}
		if v := e.Header.Get("X-Kkiapay-Secret"); v != redactlog.Redacted {
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
	if _, err := s.Get(t.Context(), "p999", false); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of an unknown ID: %v", err)
	}
	if _, err := s.Get(t.Context(), "nonsense", false); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a malformed ID: %v", err)
	}
	if err := s.Drop(t.Context(), es[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Drop(t.Context(), es[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Drop: %v", err)
	}
	if err := s.Redrive(t.Context(), es[1].ID); err != nil {
		t.Fatal(err)
	}
	after, _ := s.List(t.Context(), StatePending, 10)
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
	s := &Spool{subject: "hookgate.spool.X", provider: "payone"}
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

// TestSpoolNATSDedupByReplayIdentity: with replay on, the message ID is the
// replay identity, so a copy stored by another gate within the dedup window
// is recognised by JetStream and stored once.
func TestSpoolNATSDedupByReplayIdentity(t *testing.T) {
	url := gatetest.NATS(t)
	stream := gatetest.UniqueStream(t, url)
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
	if got := CountEntries(t, s, StatePending); got != 2 {
		t.Fatalf("%d pending, want 2 (three copies with one ID, one without)", got)
	}
}
