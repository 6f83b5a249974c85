package spool_test

import (
	"bytes"
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

// Deliveries stored together (group commit, store file): tests through a
// real Caddy with a real embedded store. The deliveries are PAYONE
// notifications without a txid: no ordering key, so they may be grouped.

// untied is a signed PAYONE notification without a txid, told apart by seq.
func untied(seq int) []byte {
	return bytes.Replace(gatetest.PayoneDelivery(seq), []byte("txid=1000&"), nil, 1)
}

// choosyApp is an app that records every request, answers TSOK after
// delay, and 500 to the bodies refuse picks.
type choosyApp struct {
	srv    *httptest.Server
	delay  time.Duration
	refuse atomic.Pointer[func(body []byte) bool]
	mu     sync.Mutex
	got    [][]byte // bodies, as they arrived
	taken  map[string]int
}

func newChoosyApp(t *testing.T, delay time.Duration) *choosyApp {
	a := &choosyApp{delay: delay, taken: map[string]int{}}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		time.Sleep(a.delay)
		a.mu.Lock()
		defer a.mu.Unlock()
		a.got = append(a.got, body)
		if f := a.refuse.Load(); f != nil && (*f)(body) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		a.taken[string(body)]++
		io.WriteString(w, "TSOK")
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *choosyApp) addr() string { return strings.TrimPrefix(a.srv.URL, "http://") }

// takenCount is how many times the app took body (answered TSOK), and
// how many requests it had in all.
func (a *choosyApp) counts(body []byte) (taken, all int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, b := range a.got {
		if bytes.Equal(b, body) {
			all++
		}
	}
	return a.taken[string(body)], all
}

// waitTaken waits until every body was taken, or fails after timeout.
func (a *choosyApp) waitTaken(t *testing.T, bodies [][]byte, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for _, b := range bodies {
		for {
			if n, _ := a.counts(b); n > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after %s the app has not taken %q", timeout, b[len(b)-40:])
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// postTogether sends the bodies at once and returns the statuses, in order.
func postTogether(t *testing.T, g *gatetest.Gate, bodies [][]byte) []int {
	t.Helper()
	codes := make([]int, len(bodies))
	var wg sync.WaitGroup
	for i, b := range bodies {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, g.Base+"/payone", bytes.NewReader(b))
			req.Header = gatetest.PayoneHeader()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Errorf("delivery %d: %v", i, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			codes[i] = resp.StatusCode
		})
	}
	wg.Wait()
	return codes
}

func untiedBodies(from, n int) [][]byte {
	var out [][]byte
	for i := range n {
		out = append(out, untied(from+i))
	}
	return out
}

// groupGate starts a gate whose payone route spools to a fresh store file
// with extra spool lines, in front of app.
func groupGate(t *testing.T, app string, extra string) *gatetest.Gate {
	t.Helper()
	site := spoolConfig("spool {\n\t\t\t\tstore file " + t.TempDir() + "\n" + extra + "\t\t\t}")
	return gatetest.StartGate(t, nil, gatetest.TrustedLoopback, strings.ReplaceAll(site, "UPSTREAM", app))
}

// pendingIDs are the IDs of the pending entries of the only spool.
func pendingIDs(t *testing.T) map[string][]byte {
	t.Helper()
	op := spool.OnlySpool(t)
	es, err := op.List(context.Background(), spool.StatePending, 1000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range es {
		full, err := op.Get(context.Background(), e.ID, true)
		if err != nil {
			t.Fatalf("get %s: %v", e.ID, err)
		}
		out[e.ID] = full.Body
	}
	return out
}

// TestSpoolGroupsDeliveriesArrivingTogether: deliveries arriving together
// are stored as one group, each acknowledged; the operator sees each as
// its own entry (p<seq>.<i>), the pending gauge counts deliveries, and
// once the app is up each arrives exactly once, byte for byte.
func TestSpoolGroupsDeliveriesArrivingTogether(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t) // down
	g := groupGate(t, up.addr, "")
	bodies := untiedBodies(100, 8)
	spool.GroupNext(t, len(bodies))
	for i, c := range postTogether(t, g, bodies) {
		if c != 200 {
			t.Fatalf("delivery %d: %d, want 200", i, c)
		}
	}
	ids := pendingIDs(t)
	if len(ids) != len(bodies) {
		t.Fatalf("%d pending entries (%v), want %d", len(ids), slices.Collect(maps.Keys(ids)), len(bodies))
	}
	seqs := map[string]bool{}
	for id, body := range ids {
		seq, item, grouped := strings.Cut(id, ".")
		if !grouped || item == "" {
			t.Errorf("entry %s is not a delivery of a group", id)
		}
		seqs[seq] = true
		if !bytes.Contains(bytes.Join(bodies, nil), body) {
			t.Errorf("entry %s holds a body that was not sent", id)
		}
	}
	if len(seqs) != 1 {
		t.Errorf("the deliveries went to %d messages, want 1 group: %v", len(seqs), seqs)
	}
	waitMetric(t, "pending", "payone", float64(len(bodies)))
	up.up()
	up.waitFor(t, len(bodies), 20*time.Second)
	time.Sleep(500 * time.Millisecond) // anything more that would come
	seen := map[string]int{}
	for _, r := range up.received() {
		seen[string(r.Body)]++
		if r.Header.Get("X-Webhook-Verified") != "payone" || r.ContentLength != int64(len(r.Body)) {
			t.Errorf("a delivery arrived with length %d, headers %v", r.ContentLength, r.Header)
		}
	}
	for i, b := range bodies {
		if seen[string(b)] != 1 {
			t.Errorf("delivery %d arrived %d times, want 1", i, seen[string(b)])
		}
	}
	if n := len(pendingIDs(t)); n != 0 {
		t.Errorf("%d entries still pending", n)
	}
}

// waitMetric waits (5 s) for the spool gauge or counter name of provider
// to read want.
func waitMetric(t *testing.T, name, provider string, want float64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for spool.Metric(t, name, provider) != want {
		if time.Now().After(deadline) {
			t.Fatalf("%s is %v, want %v", name, spool.Metric(t, name, provider), want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSpoolGroupPartlyDelivered: when the app takes some of a group and
// refuses one, what it took is never sent again: the rest is stored again
// alone, retried with backoff, and delivered once the app takes it.
func TestSpoolGroupPartlyDelivered(t *testing.T) {
	spool.FastRetries(t)
	app := newChoosyApp(t, 0)
	bodies := untiedBodies(200, 4)
	refused := bodies[2]
	refuse := func(b []byte) bool { return bytes.Equal(b, refused) }
	app.refuse.Store(&refuse)
	g := groupGate(t, app.addr(), "")
	spool.GroupNext(t, len(bodies))
	for i, c := range postTogether(t, g, bodies) {
		if c != 200 {
			t.Fatalf("delivery %d: %d, want 200", i, c)
		}
	}
	app.waitTaken(t, [][]byte{bodies[0], bodies[1], bodies[3]}, 10*time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for { // refused at least twice: in the group, then alone
		if _, all := app.counts(refused); all >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the refused delivery was not tried again")
		}
		time.Sleep(20 * time.Millisecond)
	}
	ids := pendingIDs(t)
	if len(ids) != 1 {
		t.Fatalf("%d pending (%v), want the refused delivery alone", len(ids), slices.Collect(maps.Keys(ids)))
	}
	for id, body := range ids {
		if strings.Contains(id, ".") || !bytes.Equal(body, refused) {
			t.Errorf("pending entry %s holds %q, want the refused delivery stored alone", id, body)
		}
	}
	app.refuse.Store(nil)
	app.waitTaken(t, [][]byte{refused}, 10*time.Second)
	time.Sleep(500 * time.Millisecond)
	for i, b := range bodies {
		if n, _ := app.counts(b); n != 1 {
			t.Errorf("delivery %d taken %d times, want 1", i, n)
		}
	}
}

// TestSpoolGroupReloadMidway: a reload while a group is being delivered
// lets the attempt in flight finish, stores what is left again, and the
// new configuration delivers it: each delivery reaches the app once.
func TestSpoolGroupReloadMidway(t *testing.T) {
	spool.FastRetries(t)
	app := newChoosyApp(t, 300*time.Millisecond)
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	site := func(header string) string {
		s := spoolConfig("spool {\n\t\t\t\tstore file " + dir + "\n\t\t\t}")
		s = strings.Replace(s, "X-Webhook-Verified", header, 1)
		return strings.ReplaceAll(s, "UPSTREAM", app.addr())
	}
	g := gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, site("X-Webhook-Verified"), port)
	bodies := untiedBodies(300, 4)
	spool.GroupNext(t, len(bodies))
	for i, c := range postTogether(t, g, bodies) {
		if c != 200 {
			t.Fatalf("delivery %d: %d, want 200", i, c)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for { // the group is being delivered
		app.mu.Lock()
		n := len(app.got)
		app.mu.Unlock()
		if n >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the group was not delivered")
		}
		time.Sleep(10 * time.Millisecond)
	}
	gatetest.Reload(t, gatetest.TrustedLoopback, site("X-Verified-By"), port)
	app.waitTaken(t, bodies, 20*time.Second)
	time.Sleep(time.Second)
	for i, b := range bodies {
		if n, all := app.counts(b); n != 1 || all != 1 {
			t.Errorf("delivery %d taken %d times in %d requests, want once", i, n, all)
		}
	}
}

// TestSpoolMaxPendingCountsDeliveries: max_pending bounds deliveries, not
// messages: of eight arriving together at a spool with room for five,
// five are stored and acknowledged, three get 503.
func TestSpoolMaxPendingCountsDeliveries(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t) // down
	g := groupGate(t, up.addr, "\t\t\t\tmax_pending 5\n")
	bodies := untiedBodies(400, 8)
	spool.GroupNext(t, len(bodies))
	count := map[int]int{}
	for _, c := range postTogether(t, g, bodies) {
		count[c]++
	}
	if count[200] != 5 || count[503] != 3 {
		t.Errorf("answers %v, want 5 x 200 and 3 x 503", count)
	}
	if n := len(pendingIDs(t)); n != 5 {
		t.Errorf("%d pending, want 5", n)
	}
}

// TestSpoolGroupEntries: an operator drops one delivery of a group and
// redrives another; the rest of the group stays pending, and only what
// was not dropped reaches the app.
func TestSpoolGroupEntries(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t) // down
	g := groupGate(t, up.addr, "")
	bodies := untiedBodies(500, 3)
	spool.GroupNext(t, len(bodies))
	postTogether(t, g, bodies)
	ids := pendingIDs(t)
	idOf := map[string]string{}
	for id, b := range ids {
		idOf[string(b)] = id
	}
	op := spool.OnlySpool(t)
	if err := op.Drop(context.Background(), idOf[string(bodies[0])]); err != nil {
		t.Fatalf("drop: %v", err)
	}
	if _, err := op.Get(context.Background(), idOf[string(bodies[0])], false); err == nil {
		t.Error("the dropped entry is still there")
	}
	after := pendingIDs(t)
	if len(after) != 2 {
		t.Fatalf("after the drop: %v, want the other two", slices.Collect(maps.Keys(after)))
	}
	for id, b := range after {
		if bytes.Equal(b, bodies[0]) {
			t.Errorf("the dropped delivery is still pending as %s", id)
		}
		if bytes.Equal(b, bodies[1]) {
			if err := op.Redrive(context.Background(), id); err != nil {
				t.Fatalf("redrive %s: %v", id, err)
			}
		}
	}
	if n := len(pendingIDs(t)); n != 2 {
		t.Errorf("after the redrive %d pending, want 2", n)
	}
	up.up()
	up.waitFor(t, 2, 20*time.Second)
	time.Sleep(500 * time.Millisecond)
	seen := map[string]int{}
	for _, r := range up.received() {
		seen[string(r.Body)]++
	}
	if seen[string(bodies[0])] != 0 || seen[string(bodies[1])] != 1 || seen[string(bodies[2])] != 1 {
		t.Errorf("the app got dropped %d, redriven %d, other %d times; want 0, 1, 1",
			seen[string(bodies[0])], seen[string(bodies[1])], seen[string(bodies[2])])
	}
}
