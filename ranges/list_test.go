package ranges

import (
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// switchable serves whatever its current answer is.
type switchable struct {
	mu     sync.Mutex
	status int
	body   string
}

func (s *switchable) set(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body = status, body
}

func (s *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	status, body := s.status, s.body
	s.mu.Unlock()
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// counter reads one of the package's metrics for src.
func counter(name string, src *Source) float64 {
	var m prometheus.Metric
	switch name {
	case "failures":
		m = metrics.failures.WithLabelValues(src.Name)
	case "changes":
		m = metrics.changes.WithLabelValues(src.Name)
	case "refreshes":
		m = metrics.refreshes.WithLabelValues(src.Name)
	case "last_success":
		m = metrics.lastSuccess.WithLabelValues(src.Name)
	case "size":
		m = metrics.size.WithLabelValues(src.Name)
	default:
		panic(name)
	}
	var d dto.Metric
	if err := m.Write(&d); err != nil {
		panic(err)
	}
	if d.Counter != nil {
		return d.Counter.GetValue()
	}
	return d.Gauge.GetValue()
}

// TestListLifecycle walks one list through what happens to it in
// production, step by step: the snapshot at first start, a fetch that
// changes it, failures of every kind that keep it, a narrowing the source
// says, and a restart without network that finds the saved copy.
func TestListLifecycle(t *testing.T) {
	src := Stripe
	dir := t.TempDir()
	answer := &switchable{}
	newProvider(t, answer, src.Hosts...)
	clk := &clock{t: time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)}
	core, logs := observer.New(zapcore.InfoLevel)

	l := NewList(src, dir, zap.New(core), clk.now)
	snapshotAddr := netip.MustParseAddr("54.187.216.72") // in the snapshot
	newAddr := netip.MustParseAddr("3.18.12.64")         // in no list until the provider adds it
	outsider := netip.MustParseAddr("8.8.8.8")

	type want struct {
		origin   Origin
		contains []netip.Addr
		excludes []netip.Addr
		size     int
	}
	check := func(step string, w want) {
		t.Helper()
		ps, origin, _ := l.Prefixes()
		if origin != w.origin || len(ps) != w.size {
			t.Fatalf("%s: origin %s with %d ranges, want %s with %d", step, origin, len(ps), w.origin, w.size)
		}
		for _, a := range w.contains {
			if !l.Contains(a) {
				t.Errorf("%s: %s not allowed", step, a)
			}
		}
		for _, a := range w.excludes {
			if l.Contains(a) {
				t.Errorf("%s: %s allowed", step, a)
			}
		}
		if got := counter("size", src); got != float64(w.size) {
			t.Errorf("%s: prefixes gauge %v, want %d", step, got, w.size)
		}
	}
	check("start, nothing saved", want{FromSnapshot, []netip.Addr{snapshotAddr}, []netip.Addr{newAddr, outsider}, len(src.Snapshot)})
	if counter("last_success", src) != 0 {
		t.Error("last_success set while only the snapshot is known")
	}

	// the provider adds an address
	changes0, failures0 := counter("changes", src), counter("failures", src)
	answer.set(http.StatusOK, `{"WEBHOOKS":["54.187.216.72","3.18.12.64"]}`)
	if err := l.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	check("after a fetch", want{FromFetch, []netip.Addr{snapshotAddr, newAddr}, []netip.Addr{outsider}, 2})
	if counter("changes", src) != changes0+1 {
		t.Error("the change was not counted")
	}
	if got := counter("last_success", src); got != float64(clk.t.Unix()) {
		t.Errorf("last_success %v, want %d", got, clk.t.Unix())
	}
	changed := logs.FilterMessage("a provider's source ranges changed").All()
	if len(changed) != 1 || !strings.Contains(logString(changed[0], "added"), "3.18.12.64/32") || !strings.Contains(logString(changed[0], "removed"), "54.187.205.235/32") {
		t.Fatalf("change log: %+v", changed)
	}

	// the same list again: no change counted or logged
	clk.t = clk.t.Add(time.Hour)
	if err := l.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	if counter("changes", src) != changes0+1 || logs.FilterMessage("a provider's source ranges changed").Len() != 1 {
		t.Error("an unchanged list counted or logged as a change")
	}

	// every kind of failure keeps the list, never widens it
	for _, bad := range []struct {
		status int
		body   string
	}{
		{http.StatusServiceUnavailable, ""},
		{http.StatusOK, `{"WEBHOOKS":[]}`},
		{http.StatusOK, `{"WEBHOOKS":["3.18.12.64","0.0.0.0/0"]}`},
		{http.StatusOK, `{"WEBHOOKS":["3.18.12.64","8.8.8.0/24","10.0.0.0/8"]}`},
		{http.StatusOK, `<html>maintenance</html>`},
	} {
		answer.set(bad.status, bad.body)
		if err := l.Refresh(t.Context()); err == nil {
			t.Fatalf("%d %q: refresh succeeded", bad.status, bad.body)
		}
		check("after a failure", want{FromFetch, []netip.Addr{snapshotAddr, newAddr}, []netip.Addr{outsider}, 2})
	}
	if got := counter("failures", src) - failures0; got != 5 {
		t.Errorf("%v failures counted, want 5", got)
	}
	if n := logs.FilterMessage("could not refresh a provider's source ranges; keeping the list in use").Len(); n != 5 {
		t.Errorf("%d failure logs, want 5", n)
	}

	// the provider removes an address: the list narrows, as the source says
	clk.t = clk.t.Add(time.Hour)
	answer.set(http.StatusOK, `{"WEBHOOKS":["3.18.12.64"]}`)
	if err := l.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	check("after a narrowing", want{FromFetch, []netip.Addr{newAddr}, []netip.Addr{snapshotAddr, outsider}, 1})
	fetchedAt := clk.t

	// a restart with the provider unreachable: the saved copy, not the snapshot
	answer.set(http.StatusBadGateway, "")
	l = NewList(src, dir, zap.New(core), clk.now)
	check("restart, saved copy", want{FromSaved, []netip.Addr{newAddr}, []netip.Addr{snapshotAddr, outsider}, 1})
	if _, _, at := l.Prefixes(); !at.Equal(fetchedAt) {
		t.Errorf("saved copy fetched at %v, want %v", at, fetchedAt)
	}
	if l.Refresh(t.Context()) == nil {
		t.Fatal("refresh against a 502 succeeded")
	}
	check("restart, failed refresh", want{FromSaved, []netip.Addr{newAddr}, []netip.Addr{snapshotAddr, outsider}, 1})
}

func logString(e observer.LoggedEntry, key string) string {
	for _, f := range e.Context {
		if f.Key == key {
			var b strings.Builder
			enc := zapcore.NewMapObjectEncoder()
			f.AddTo(enc)
			for _, v := range enc.Fields {
				if arr, ok := v.([]any); ok {
					for _, x := range arr {
						b.WriteString(x.(string) + " ")
					}
				}
			}
			return b.String()
		}
	}
	return ""
}

// TestSavedCopyIgnored: a saved copy that is not a good copy of this
// source is ignored (logged), and the snapshot is used.
func TestSavedCopyIgnored(t *testing.T) {
	good := `{"source":"stripe","url":"https://stripe.com/files/ips/ips_webhooks.json","fetched_at":"2026-12-01T00:00:00Z","prefixes":["3.18.12.64/32"]}`
	tests := []struct {
		name, content string
		wantOrigin    Origin
	}{
		{"good", good, FromSaved},
		{"truncated", good[:40], FromSnapshot},
		{"another source", strings.Replace(good, `"source":"stripe"`, `"source":"github"`, 1), FromSnapshot},
		{"another URL", strings.Replace(good, "ips_webhooks.json", "ips_api.json", 1), FromSnapshot},
		{"a widened copy", strings.Replace(good, `"3.18.12.64/32"`, `"0.0.0.0/0"`, 1), FromSnapshot},
		{"empty list", strings.Replace(good, `"3.18.12.64/32"`, ``, 1), FromSnapshot},
		{"no fetch time", strings.Replace(good, `"fetched_at":"2026-12-01T00:00:00Z",`, ``, 1), FromSnapshot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "stripe.json"), []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			core, logs := observer.New(zapcore.WarnLevel)
			l := NewList(Stripe, dir, zap.New(core), nil)
			if _, origin, _ := l.Prefixes(); origin != tt.wantOrigin {
				t.Fatalf("origin %s, want %s", origin, tt.wantOrigin)
			}
			if warned := logs.FilterMessage("ignoring the saved copy of a provider's source ranges").Len() == 1; warned != (tt.wantOrigin == FromSnapshot) {
				t.Errorf("warned = %v", warned)
			}
		})
	}
}

// TestNoSnapshotNoList: a source without a snapshot knows nothing until
// its first fetch (the caller applies its own default), then the fetch.
func TestNoSnapshotNoList(t *testing.T) {
	answer := &switchable{status: http.StatusInternalServerError}
	newProvider(t, answer, CheckoutCom.Hosts...)
	l := NewList(CheckoutCom, "", nil, nil)
	if l.Known() || l.Contains(netip.MustParseAddr("4.159.40.225")) {
		t.Fatal("a list without snapshot knows ranges")
	}
	if l.Refresh(t.Context()) == nil || l.Known() {
		t.Fatal("a failed fetch gave ranges")
	}
	answer.set(http.StatusOK, "4.159.40.224/28\n")
	if err := l.Refresh(t.Context()); err != nil || !l.Contains(netip.MustParseAddr("4.159.40.225")) {
		t.Fatalf("after a fetch: %v", err)
	}
}

// TestScheduleNext: when the next fetch is due.
func TestScheduleNext(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	s := Schedule{Interval: 6 * time.Hour, Retry: 5 * time.Minute}
	tests := []struct {
		name      string
		sched     Schedule
		fetchedAt time.Time
		failures  int
		want      time.Duration
	}{
		{"never fetched: now", s, time.Time{}, 0, 0},
		{"fetched an hour ago", s, now.Add(-time.Hour), 0, 5 * time.Hour},
		{"saved copy past the interval", s, now.Add(-7 * time.Hour), 0, 0},
		{"fetched in the future (clock went back)", s, now.Add(time.Hour), 0, 0},
		{"one failure", s, now.Add(-time.Hour), 1, 5 * time.Minute},
		{"three failures: doubled twice", s, now.Add(-time.Hour), 3, 20 * time.Minute},
		{"many failures: capped at the interval", s, time.Time{}, 30, 6 * time.Hour},
		{"defaults", Schedule{}, now.Add(-time.Hour), 0, DefaultInterval - time.Hour},
		{"default retry", Schedule{}, time.Time{}, 1, DefaultRetry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.sched.next(now, tt.fetchedAt, tt.failures); got != tt.want {
				t.Errorf("next = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAcquireRefreshes: the shared list fetches at once (snapshot only),
// again on its interval, is shared by every user, and stops with the last
// release.
func TestAcquireRefreshes(t *testing.T) {
	answer := &switchable{status: http.StatusOK, body: `["52.89.71.166"]`}
	p := newProvider(t, answer, PagerDutyUS.Hosts...)
	dir := t.TempDir()
	sched := Schedule{Interval: 50 * time.Millisecond, Retry: 10 * time.Millisecond}
	a, releaseA := Acquire(PagerDutyUS, dir, sched, nil)
	b, releaseB := Acquire(PagerDutyUS, dir, sched, nil)
	if a != b {
		t.Fatal("two users of one source got two lists")
	}
	deadline := time.Now().Add(5 * time.Second)
	for p.hits.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p.hits.Load() < 3 {
		t.Fatalf("%d fetches in 5s at a 50ms interval", p.hits.Load())
	}
	if ps, origin, _ := a.Prefixes(); origin != FromFetch || !slices.Equal(ps, mustPrefixes(t, "52.89.71.166")) {
		t.Fatalf("list %v from %s", ps, origin)
	}
	releaseA()
	releaseA() // a second call is harmless
	n := p.hits.Load()
	time.Sleep(120 * time.Millisecond)
	if p.hits.Load() == n {
		t.Fatal("the refresher stopped while a user remained")
	}
	releaseB()
	n = p.hits.Load()
	time.Sleep(120 * time.Millisecond)
	if got := p.hits.Load(); got != n {
		t.Fatalf("%d fetches after the last release", got-n)
	}
	if _, err := os.Stat(filepath.Join(dir, "pagerduty_us.json")); err != nil {
		t.Errorf("no saved copy: %v", err)
	}
}

// TestAcquirePreset: a preset's set holds every one of its sources'
// lists (PagerDuty: both regions); a preset without a list has no set.
func TestAcquirePreset(t *testing.T) {
	newProvider(t, serve(http.StatusServiceUnavailable, ""), "developer.pagerduty.com")
	if s := AcquirePreset("payone", t.TempDir(), Schedule{}, nil); s != nil {
		t.Fatal("payone got a set")
	}
	var nilSet *Set
	nilSet.Release() // harmless
	s := AcquirePreset("pagerduty", t.TempDir(), Schedule{Interval: time.Hour, Retry: time.Hour}, nil)
	defer s.Release()
	if len(s.Lists()) != 2 || !s.Known() {
		t.Fatalf("%d lists, known %v", len(s.Lists()), s.Known())
	}
	for addr, want := range map[string]bool{
		"44.242.69.192": true,  // US snapshot
		"18.192.91.93":  true,  // EU snapshot
		"8.8.8.8":       false, // neither
	} {
		if got := s.Contains(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Contains(%s) = %v", addr, got)
		}
	}
}
