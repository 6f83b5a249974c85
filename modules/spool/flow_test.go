package spool_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

// scriptedApp is an app whose answer to each delivery a test decides:
// answer runs for every request that arrives (after it is recorded) and
// writes the reply; nil answers TSOK at once.
type scriptedApp struct {
	addr   string
	mu     sync.Mutex
	got    []gatetest.Received
	at     []time.Time
	answer func(w http.ResponseWriter, r *http.Request, body []byte)
}

func startScriptedApp(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, body []byte)) *scriptedApp {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := &scriptedApp{addr: l.Addr().String(), answer: answer}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		a.got = append(a.got, gatetest.Received{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
		a.at = append(a.at, time.Now())
		a.mu.Unlock()
		if a.answer != nil {
			a.answer(w, r, body)
			return
		}
		io.WriteString(w, "TSOK")
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return a
}

func (a *scriptedApp) received() []gatetest.Received {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]gatetest.Received(nil), a.got...)
}

// count is how many requests with body b reached the app.
func (a *scriptedApp) count(b []byte) int {
	n := 0
	for _, r := range a.received() {
		if bytes.Equal(r.Body, b) {
			n++
		}
	}
	return n
}

// waitUntil polls cond every 20 ms for up to timeout.
func waitUntil(timeout time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(timeout); !cond(); {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

// spoolGate starts a gate with a payone route whose spool has the lines
// opts, in front of app.
func spoolGate(t *testing.T, app *scriptedApp, replay bool, opts ...string) *gatetest.Gate {
	t.Helper()
	block := "spool {\n\t\t\t\tstore file " + t.TempDir() + "\n\t\t\t\t" + strings.Join(opts, "\n\t\t\t\t") + "\n\t\t\t}"
	if replay {
		block = "replay 1h\n\t\t\t" + block
	}
	return gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(spoolConfig(block), "UPSTREAM", app.addr))
}

// post sends a signed delivery and wants it acknowledged.
func post(t *testing.T, g *gatetest.Gate, body []byte) {
	t.Helper()
	if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
		t.Fatalf("delivery answered %d %q, want 200 TSOK", rep.Status, rep.Body)
	}
}

// TestSpoolHungAppDoesNotHoldOthers: one app request that never answers
// takes one slot, and only until retry_for is over: the other deliveries
// flow meanwhile, and the hung one is dead-lettered after retry_for, its
// attempt cut off. (Before: every other delivery waited forever.)
func TestSpoolHungAppDoesNotHoldOthers(t *testing.T) {
	spool.FastRetries(t)
	hung := payoneTx(7000, 1)
	release := make(chan struct{})
	defer close(release)
	app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		if bytes.Equal(body, hung) {
			select { // never answers while the test runs
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		io.WriteString(w, "TSOK")
	})
	g := spoolGate(t, app, false, "retry_for 2s")
	start := time.Now()
	post(t, g, hung)
	var others [][]byte
	for i := range 10 {
		b := payoneTx(7001+i, 1)
		others = append(others, b)
		post(t, g, b)
	}
	if !waitUntil(1500*time.Millisecond, func() bool {
		for _, b := range others {
			if app.count(b) == 0 {
				return false
			}
		}
		return true
	}) {
		t.Fatalf("with one app request hung, %d of 10 other deliveries arrived within 1.5 s", len(app.received())-1)
	}
	op := spool.OnlySpool(t)
	if !waitUntil(8*time.Second, func() bool { return spool.CountEntries(t, op, spool.StateDead) == 1 }) {
		t.Fatalf("the hung delivery is not dead-lettered 8 s after retry_for 2s: %d pending", spool.CountEntries(t, op, spool.StatePending))
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Errorf("dead-lettered after %s, before retry_for", took)
	}
	es, _ := op.List(t.Context(), spool.StateDead, 10)
	if len(es) != 1 || !strings.Contains(es[0].LastError, "retry_for") || es[0].Attempts < 1 {
		t.Errorf("dead letter: %+v; want the hung one, cut off by retry_for", es)
	}
	if full, err := op.Get(t.Context(), es[0].ID, true); err != nil || !bytes.Equal(full.Body, hung) {
		t.Errorf("the dead letter is not the hung delivery: %v", err)
	}
	if p := spool.CountEntries(t, op, spool.StatePending); p != 0 {
		t.Errorf("%d still pending", p)
	}
}

// TestSpoolAttemptTimeoutRetries: an attempt the app does not answer
// within attempt_timeout fails and is retried; the retry that gets an
// answer completes the delivery.
func TestSpoolAttemptTimeoutRetries(t *testing.T) {
	spool.FastRetries(t)
	var mu sync.Mutex
	calls := 0
	app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			<-r.Context().Done() // the gate gives up on it
			return
		}
		io.WriteString(w, "TSOK")
	})
	g := spoolGate(t, app, false, "attempt_timeout 300ms")
	body := payoneTx(7100, 1)
	post(t, g, body)
	if !waitUntil(5*time.Second, func() bool { return app.count(body) == 2 }) {
		t.Fatalf("the app got %d attempts, want the timed-out one and its retry", app.count(body))
	}
	op := spool.OnlySpool(t)
	if !waitUntil(2*time.Second, func() bool { return spool.CountEntries(t, op, "") == 0 }) {
		t.Errorf("still spooled after the retry was answered")
	}
	app.mu.Lock()
	gap := app.at[1].Sub(app.at[0])
	app.mu.Unlock()
	if gap < 300*time.Millisecond {
		t.Errorf("retried %s after the first attempt began, before attempt_timeout", gap)
	}
}

// TestSpoolRedriveDuringAttempt: redriving a delivery while it is being
// delivered is refused (409 from the admin API), so with replay on the app
// gets it once. (Before: the redrive stored a copy, delivered again.)
func TestSpoolRedriveDuringAttempt(t *testing.T) {
	spool.FastRetries(t)
	release := make(chan struct{})
	arrived := make(chan struct{}, 10)
	app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		arrived <- struct{}{}
		<-release
		io.WriteString(w, "TSOK")
	})
	g := spoolGate(t, app, true)
	body := payoneTx(7200, 1)
	post(t, g, body)
	select {
	case <-arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("the delivery did not reach the app")
	}
	op := spool.OnlySpool(t)
	es, err := op.List(t.Context(), spool.StatePending, 10)
	if err != nil || len(es) != 1 {
		t.Fatalf("pending: %v %v", es, err)
	}
	if err := op.Redrive(t.Context(), es[0].ID); !errors.Is(err, spool.ErrInFlight) {
		t.Errorf("redrive during the attempt: %v, want ErrInFlight", err)
	}
	ans := callSpoolAdmin(t, http.MethodPost, spool.AdminPath+"/"+url.PathEscape(es[0].ID)+"/redrive")
	if ans.status != http.StatusConflict || !strings.Contains(string(ans.body), "being delivered") {
		t.Errorf("admin redrive during the attempt: %d %s, want 409 saying it is being delivered", ans.status, ans.body)
	}
	close(release)
	if !waitUntil(5*time.Second, func() bool { return spool.CountEntries(t, op, "") == 0 }) {
		t.Fatal("still spooled after the app answered")
	}
	time.Sleep(time.Second) // a copy would come now
	if n := app.count(body); n != 1 {
		t.Errorf("the app got the delivery %d times, want once", n)
	}
}

// TestSpoolReloadDuringAttempt: a reload while an attempt is in flight
// waits for it, and records its outcome before the old configuration lets
// go: the app gets the delivery once, and the new configuration goes on
// delivering. (Before: the attempt was cancelled and sent again.)
func TestSpoolReloadDuringAttempt(t *testing.T) {
	spool.FastRetries(t)
	slow := payoneTx(7300, 1)
	arrived := make(chan struct{}, 10)
	app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		if bytes.Equal(body, slow) {
			arrived <- struct{}{}
			time.Sleep(1500 * time.Millisecond)
		}
		io.WriteString(w, "TSOK")
	})
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	site := func(header string) string {
		s := spoolConfig("replay 1h\n\t\t\tspool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
		return strings.ReplaceAll(strings.Replace(s, "X-Webhook-Verified", header, 1), "UPSTREAM", app.addr)
	}
	g := gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, site("X-Webhook-Verified"), port)
	post(t, g, slow)
	select {
	case <-arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("the delivery did not reach the app")
	}
	gatetest.Reload(t, gatetest.TrustedLoopback, site("X-Verified-By"), port)
	after := payoneTx(7301, 1)
	post(t, g, after)
	op := spool.OnlySpool(t)
	if !waitUntil(5*time.Second, func() bool { return app.count(after) == 1 && spool.CountEntries(t, op, "") == 0 }) {
		t.Fatalf("after the reload: the new delivery arrived %d times, %d still spooled", app.count(after), spool.CountEntries(t, op, ""))
	}
	time.Sleep(time.Second) // a copy would come now
	if n := app.count(slow); n != 1 {
		t.Errorf("the delivery in flight at the reload reached the app %d times, want once", n)
	}
}

// TestSpoolConcurrencyDrains: with an app that takes 100 ms, the default
// concurrency drains 20 deliveries of different transactions in a
// fraction of the time concurrency 1 takes, which keeps their order.
// (Before: one at a time, 2 s.)
func TestSpoolConcurrencyDrains(t *testing.T) {
	spool.FastRetries(t)
	const n, delay = 20, 100 * time.Millisecond
	for _, tt := range []struct {
		name     string
		opts     []string
		min, max time.Duration
		ordered  bool
	}{
		{"default", nil, 0, n * delay / 3, false},
		{"concurrency 1", []string{"concurrency 1"}, n * delay, time.Hour, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
				time.Sleep(delay)
				io.WriteString(w, "TSOK")
			})
			app.mu.Lock() // held: the backlog builds up first
			g := spoolGate(t, app, false, tt.opts...)
			var bodies [][]byte
			for i := range n {
				b := payoneTx(7400+i, 1)
				bodies = append(bodies, b)
				post(t, g, b)
			}
			start := time.Now()
			app.mu.Unlock()
			op := spool.OnlySpool(t)
			if !waitUntil(10*time.Second, func() bool { return spool.CountEntries(t, op, "") == 0 }) {
				t.Fatalf("not drained after 10 s")
			}
			took := time.Since(start)
			if took < tt.min || took > tt.max {
				t.Errorf("drained %d deliveries of a %s app in %s, want between %s and %s", n, delay, took, tt.min, tt.max)
			}
			got := app.received()
			if len(got) != n {
				t.Fatalf("the app got %d deliveries, want %d", len(got), n)
			}
			if tt.ordered {
				for i, r := range got {
					if !bytes.Equal(r.Body, bodies[i]) {
						t.Fatalf("with concurrency 1, delivery %d arrived out of order", i)
					}
				}
			}
		})
	}
}

// TestSpoolOrderWithinTransaction: PAYONE's notifications of one txid
// reach the app in the order they were stored, also when the first one
// fails and is retried, while other transactions go on meanwhile.
// (Before: the retried one was overtaken by the later ones.)
func TestSpoolOrderWithinTransaction(t *testing.T) {
	spool.FastRetries(t)
	var mu sync.Mutex
	failed := 0
	first := payoneTx(7500, 1)
	app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		fail := bytes.Equal(body, first) && failed < 3
		if fail {
			failed++
		}
		mu.Unlock()
		if fail {
			http.Error(w, "not yet", http.StatusInternalServerError)
			return
		}
		time.Sleep(10 * time.Millisecond)
		io.WriteString(w, "TSOK")
	})
	g := spoolGate(t, app, false, "concurrency 8")
	var tx, other [][]byte
	for seq := 1; seq <= 6; seq++ {
		tx = append(tx, payoneTx(7500, seq))
		post(t, g, tx[seq-1])
		o := payoneTx(7600+seq, 1)
		other = append(other, o)
		post(t, g, o)
	}
	op := spool.OnlySpool(t)
	if !waitUntil(15*time.Second, func() bool { return spool.CountEntries(t, op, "") == 0 }) {
		t.Fatalf("not drained after 15 s: %d pending", spool.CountEntries(t, op, ""))
	}
	var order [][]byte
	firstOK := -1
	for i, r := range app.received() {
		for _, b := range tx {
			if bytes.Equal(r.Body, b) {
				order = append(order, r.Body)
			}
		}
		for _, b := range other {
			if bytes.Equal(r.Body, b) && firstOK < 0 {
				firstOK = i
			}
		}
	}
	// The transaction's deliveries as the app got them: three refusals of
	// the first, then all six in sequence order.
	want := append([][]byte{first, first, first}, tx...)
	if len(order) != len(want) {
		t.Fatalf("the app got %d requests of txid 7500, want %d", len(order), len(want))
	}
	for i := range want {
		if !bytes.Equal(order[i], want[i]) {
			t.Fatalf("txid 7500 request %d is out of sequence:\n got %q\nwant %q", i, order[i], want[i])
		}
	}
	if firstOK < 0 {
		t.Fatal("the other transactions never arrived")
	}
}
