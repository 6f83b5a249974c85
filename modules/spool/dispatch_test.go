package spool_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/hookgate/hookgate" // the modules, for the gates these tests run

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

// switchableUpstream is an app on a fixed address that can be down (its
// port closed) or up, and records every delivery that reaches it.
type switchableUpstream struct {
	t    *testing.T
	addr string
	mu   sync.Mutex
	srv  *http.Server
	got  []gatetest.Received
}

func newSwitchableUpstream(t *testing.T) *switchableUpstream {
	u := &switchableUpstream{t: t, addr: fmt.Sprintf("127.0.0.1:%d", gatetest.FreePort(t))}
	t.Cleanup(u.down)
	return u
}

// up starts answering TSOK.
func (u *switchableUpstream) up() {
	u.t.Helper()
	var l net.Listener
	var err error
	for range 50 { // the port may linger a moment after down
		if l, err = net.Listen("tcp", u.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		u.t.Fatalf("upstream: %v", err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		u.mu.Lock()
		u.got = append(u.got, gatetest.Received{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body, ContentLength: r.ContentLength})
		u.mu.Unlock()
		io.WriteString(w, "TSOK")
	})}
	go srv.Serve(l)
	u.mu.Lock()
	u.srv = srv
	u.mu.Unlock()
}

// down closes the port.
func (u *switchableUpstream) down() {
	u.mu.Lock()
	srv := u.srv
	u.srv = nil
	u.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// received returns what reached the app so far.
func (u *switchableUpstream) received() []gatetest.Received {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]gatetest.Received(nil), u.got...)
}

// waitFor waits until n deliveries reached the app, or fails after timeout.
func (u *switchableUpstream) waitFor(t *testing.T, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for len(u.received()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("after %s the app has %d deliveries, want %d", timeout, len(u.received()), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// spoolSite is a Payone route with a spool; BLOCK is replaced by the
// lines inside webhook_verify (spool and replay).
const spoolSite = gatetest.ErrorsSite + `
	handle /payone {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			verified_header X-Webhook-Verified
			BLOCK
		}
		reverse_proxy UPSTREAM
	}
`

func spoolConfig(block string) string { return strings.Replace(spoolSite, "BLOCK", block, 1) }

// payoneTx is a signed PAYONE notification of transaction txid with
// sequence number seq.
func payoneTx(txid, seq int) []byte {
	return bytes.Replace(gatetest.PayoneDelivery(seq), []byte("txid=1000&"), fmt.Appendf(nil, "txid=%d&", txid), 1)
}

// TestSpoolUpstreamDownThenUp: while the app is down every verified
// delivery is acknowledged with TSOK; once it is up each arrives, byte for
// byte with its headers and the verified header, exactly once with replay
// on (copies sent while it was spooled included), at least once without.
func TestSpoolUpstreamDownThenUp(t *testing.T) {
	spool.FastRetries(t)
	for _, tt := range []struct {
		name   string
		replay string
		copies int
	}{
		{"replay on", "replay 1h", 3},
		{"replay off", "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			up := newSwitchableUpstream(t)
			dir := t.TempDir()
			site := spoolConfig(tt.replay + "\n\t\t\tspool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
			g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", up.addr))

			delivered0 := spool.Metric(t, "delivered", "payone")
			retries0 := spool.Metric(t, "retries", "payone")
			const n = 20
			var bodies [][]byte
			for i := range n {
				body := payoneTx(5000+i, 1) // twenty transactions: no order between them
				bodies = append(bodies, body)
				for c := range tt.copies {
					h := gatetest.PayoneHeader()
					h.Set("X-Trace", fmt.Sprint(i))
					if rep := g.Post(t, "/payone", h, body); rep.Status != 200 || rep.Body != "TSOK" {
						t.Fatalf("delivery %d copy %d with the app down: %d %q, want 200 TSOK", i, c, rep.Status, rep.Body)
					}
				}
			}
			time.Sleep(300 * time.Millisecond) // a few failed attempts
			if got := len(up.received()); got != 0 {
				t.Fatalf("%d deliveries reached an app that was down", got)
			}
			up.up()
			up.waitFor(t, n, 20*time.Second)
			time.Sleep(time.Second) // anything more that would come
			got := up.received()
			seen := map[string]int{}
			for _, r := range got {
				seen[string(r.Body)]++
				if r.Header.Get("X-Webhook-Verified") != "payone" || r.Header.Get("User-Agent") != "PAYONE FinanceGate" ||
					r.Header.Get("X-Trace") == "" || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" ||
					r.ContentLength != int64(len(r.Body)) || r.Path != "/payone" || r.Method != http.MethodPost {
					t.Errorf("delivery arrived as %s %s, length %d, headers %v", r.Method, r.Path, r.ContentLength, r.Header)
				}
			}
			for i, b := range bodies {
				switch c := seen[string(b)]; {
				case c == 0:
					t.Errorf("delivery %d never arrived (bytes compared)", i)
				case c > 1 && tt.replay != "":
					t.Errorf("delivery %d arrived %d times with replay on", i, c)
				}
			}
			if len(seen) != n {
				t.Errorf("the app got %d different bodies, want %d", len(seen), n)
			}
			if d := spool.Metric(t, "delivered", "payone") - delivered0; d < n {
				t.Errorf("deliveries counted %v, want at least %d", d, n)
			}
			if r := spool.Metric(t, "retries", "payone") - retries0; r < n {
				t.Errorf("retries counted %v, want at least %d (each failed once while the app was down)", r, n)
			}
			op := spool.OnlySpool(t)
			if p, d := spool.CountEntries(t, op, spool.StatePending), spool.CountEntries(t, op, spool.StateDead); p != 0 || d != 0 {
				t.Errorf("after delivery the spool holds %d pending, %d dead", p, d)
			}
		})
	}
}

// TestSpoolRetryForDeadLetters: a delivery the app never takes is retried
// for retry_for, then dead-lettered, never deleted: the operator view has
// it, with its attempts and last error, and secret-bearing headers
// redacted.
func TestSpoolRetryForDeadLetters(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t) // never up
	dir := t.TempDir()
	site := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t\tretry_for 1s\n\t\t\t}")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", up.addr))
	dead0 := spool.Metric(t, "dead", "payone")
	bodies := [][]byte{gatetest.PayoneDelivery(201), gatetest.PayoneDelivery(202)}
	for _, b := range bodies {
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), b); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("answer %d %q, want 200 TSOK", rep.Status, rep.Body)
		}
	}
	op := spool.OnlySpool(t)
	deadline := time.Now().Add(10 * time.Second)
	for spool.CountEntries(t, op, spool.StateDead) < len(bodies) {
		if time.Now().After(deadline) {
			t.Fatalf("not dead-lettered after 10s: %d pending, %d dead", spool.CountEntries(t, op, spool.StatePending), spool.CountEntries(t, op, spool.StateDead))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if p := spool.CountEntries(t, op, spool.StatePending); p != 0 {
		t.Errorf("%d still pending after dead-lettering", p)
	}
	if d := spool.Metric(t, "dead", "payone") - dead0; d != 2 {
		t.Errorf("dead letters counted %v, want 2", d)
	}
	time.Sleep(300 * time.Millisecond) // the gauges refresh
	if g := spool.Metric(t, "deadNow", "payone"); g != 2 {
		t.Errorf("dead-letter gauge %v, want 2", g)
	}
	es, _ := op.List(t.Context(), spool.StateDead, 10)
	for i, e := range es {
		full, err := op.Get(t.Context(), e.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if e.State != spool.StateDead || e.Attempts < 1 || !strings.Contains(e.LastError, "502") || e.Body != nil ||
			e.Provider != "payone" || e.URI != "/payone" || !bytes.Equal(full.Body, bodies[i]) {
			t.Errorf("dead letter %d: %+v", i, e)
		}
	}
}

// TestSpoolFullAnswers503: past max_pending the gate answers 503 with
// Retry-After and stores nothing; the deliveries it acknowledged are
// delivered once the app is up, the others never.
func TestSpoolFullAnswers503(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t)
	dir := t.TempDir()
	site := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t\tmax_pending 3\n\t\t\t}")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", up.addr))
	acked := map[string]bool{}
	for i := range 6 {
		body := gatetest.PayoneDelivery(300 + i)
		req, _ := http.NewRequest(http.MethodPost, g.Base+"/payone", bytes.NewReader(body))
		req.Header = gatetest.PayoneHeader()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case i < 3 && (resp.StatusCode != 200 || string(b) != "TSOK"):
			t.Fatalf("delivery %d (room left): %d %q, want 200 TSOK", i, resp.StatusCode, b)
		case i >= 3 && (resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || strings.Contains(string(b), "TSOK")):
			t.Fatalf("delivery %d (spool full): %d %q Retry-After %q, want 503 with Retry-After", i, resp.StatusCode, b, resp.Header.Get("Retry-After"))
		}
		acked[string(body)] = resp.StatusCode == 200
	}
	if p := spool.CountEntries(t, spool.OnlySpool(t), spool.StatePending); p != 3 {
		t.Fatalf("%d pending, want 3", p)
	}
	up.up()
	up.waitFor(t, 3, 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	got := up.received()
	if len(got) != 3 {
		t.Fatalf("the app got %d deliveries, want the 3 acknowledged", len(got))
	}
	for _, r := range got {
		if !acked[string(r.Body)] {
			t.Errorf("a delivery answered 503 reached the app: %q", r.Body)
		}
	}
}

// TestSpoolStoresOnlyVerified: a delivery refused by a check is answered
// as without the spool and never stored; headers naming the spool's
// internals do nothing (the replay marker is a context value).
func TestSpoolStoresOnlyVerified(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t)
	dir := t.TempDir()
	site := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", up.addr))
	forged := gatetest.PayoneBody("0123456789abcdef0123456789abcdef") // wrong key
	h := gatetest.PayoneHeader()
	h.Set("Hookgate-Server", "srv0")
	h.Set("Hookgate-Method", "POST")
	if rep := g.Post(t, "/payone", h, forged); rep.Status != http.StatusUnauthorized {
		t.Fatalf("forged delivery: %d %q, want 401", rep.Status, rep.Body)
	}
	wrongIP := gatetest.PayoneHeader()
	wrongIP.Set("X-Forwarded-For", "203.0.113.9")
	if rep := g.Post(t, "/payone", wrongIP, gatetest.PayoneDelivery(600)); rep.Status != http.StatusForbidden {
		t.Fatalf("delivery from outside PAYONE's range: %d, want 403", rep.Status)
	}
	if n := spool.CountEntries(t, spool.OnlySpool(t), ""); n != 0 {
		t.Fatalf("%d refused deliveries were stored", n)
	}
	up.up()
	time.Sleep(300 * time.Millisecond)
	if n := len(up.received()); n != 0 {
		t.Fatalf("%d refused deliveries reached the app", n)
	}
}

// TestSpoolSurvivesReload: a config reload keeps the embedded server (one
// per directory, shared through the UsagePool) and the deliveries pending
// in it, which the new configuration delivers.
func TestSpoolSurvivesReload(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t)
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	site := func(header string) string {
		s := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
		s = strings.Replace(s, "X-Webhook-Verified", header, 1)
		return strings.ReplaceAll(s, "UPSTREAM", up.addr)
	}
	g := gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, site("X-Webhook-Verified"), port)
	for i := range 5 {
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), gatetest.PayoneDelivery(700+i)); rep.Body != "TSOK" {
			t.Fatalf("delivery %d: %d %q", i, rep.Status, rep.Body)
		}
	}
	v, ok := spool.StoreReferences("file:" + dir)
	if !ok || v != 1 {
		t.Fatalf("store references before the reload: %d %v", v, ok)
	}
	before := spool.SharedStore("file:" + dir)

	gatetest.Reload(t, gatetest.TrustedLoopback, site("X-Verified-By"), port)
	after := spool.SharedStore("file:" + dir)
	if before != after {
		t.Error("the reload started a second embedded server")
	}
	up.up()
	up.waitFor(t, 5, 20*time.Second)
	for _, r := range up.received() {
		if r.Header.Get("X-Webhook-Verified") != "payone" {
			t.Errorf("a delivery lost the verified header it was stored with: %v", r.Header)
		}
	}
}

// TestSpoolHandOver: a delivery taken by a gate that then dies (it never
// acknowledges) is handed to another gate after the ack wait and
// delivered.
func TestSpoolHandOver(t *testing.T) {
	spool.FastRetries(t)
	spool.SetAckWait(t, time.Second)
	up := newSwitchableUpstream(t)
	up.up()
	dir := t.TempDir()
	port := gatetest.FreePort(t)

	// The gate that dies: it stores a delivery and takes it for delivery.
	body := gatetest.PayoneDelivery(800)
	header := gatetest.PayoneHeader()
	header.Set("Content-Type", "application/x-www-form-urlencoded")
	header.Set("X-Webhook-Verified", "payone")
	spool.TakeAndAbandon(t, dir, port, body, header)
	taken := time.Now()

	// The other gate, on the same store.
	site := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
	gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", up.addr), port)
	spool.ReleaseStore("file:" + dir) // the dying gate's reference
	up.waitFor(t, 1, 10*time.Second)
	if since := time.Since(taken); since < spool.AckWait() {
		t.Errorf("delivered %s after another gate took it, before the ack wait of %s", since, spool.AckWait())
	}
	if got := up.received(); !bytes.Equal(got[0].Body, body) {
		t.Errorf("delivered %q, want %q", got[0].Body, body)
	}
}

// TestSpoolDeliversInOrder: with the app up, deliveries reach it in the
// order they arrived, and the provider's answer does not wait for the app.
func TestSpoolDeliversInOrder(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t)
	up.up()
	dir := t.TempDir()
	site := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", up.addr))
	const n = 30
	for i := range n {
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), gatetest.PayoneDelivery(900+i)); rep.Body != "TSOK" {
			t.Fatalf("delivery %d: %d %q", i, rep.Status, rep.Body)
		}
	}
	up.waitFor(t, n, 10*time.Second)
	for i, r := range up.received() {
		if !bytes.Equal(r.Body, gatetest.PayoneDelivery(900+i)) {
			t.Fatalf("delivery %d arrived out of order", i)
		}
	}
}
