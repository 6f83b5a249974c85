package replay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/verifiers"
)

// testGuard is a replay guard for provider on store s.
func testGuard(t *testing.T, provider string, s replayStore, wait time.Duration) *Guard {
	t.Helper()
	preset, ok := verifiers.Lookup(provider)
	if !ok {
		t.Fatalf("no preset %s", provider)
	}
	return &Guard{
		provider: provider, store: s, prefix: replayKeyPrefix + "unit:",
		keys:   [][]byte{[]byte("secret-a"), []byte("secret-b")},
		window: time.Hour, wait: wait, lease: time.Minute,
		ack: preset.Acknowledged, now: time.Now, logger: zap.NewNop(),
	}
}

// app is a next handler that counts calls and answers as told.
type app struct {
	calls   atomic.Int32
	status  int
	body    string
	err     error
	started chan struct{} // when set, each call sends on it first
	gate    chan struct{} // when set, each call then waits for it
}

func (a *app) next(w http.ResponseWriter) error {
	a.calls.Add(1)
	if a.started != nil {
		a.started <- struct{}{}
	}
	if a.gate != nil {
		<-a.gate
	}
	if a.err != nil {
		return a.err
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(a.status)
	_, err := w.Write([]byte(a.body))
	return err
}

// deliver runs one copy of the delivery stored under key through g.
func deliver(g *Guard, a *app, key string) (*httptest.ResponseRecorder, Outcome, error) {
	r := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader("body"))
	w := httptest.NewRecorder()
	outcome, err := g.Serve(w, r, g.prefix+key, a.next)
	return w, outcome, err
}

func statusOf(w *httptest.ResponseRecorder, err error) int {
	var he caddyhttp.HandlerError
	if errors.As(err, &he) {
		return he.StatusCode
	}
	if err != nil {
		return -1
	}
	return w.Code
}

func TestServeReplay(t *testing.T) {
	tests := []struct {
		name      string
		answers   []app // what the app does for each copy that reaches it
		copies    int
		wantCalls int32
		wantLast  int    // status of the last copy
		wantBody  string // body of the last copy
	}{
		{"acknowledged once, copies answered", []app{{status: 200, body: "TSOK"}}, 3, 1, 200, "TSOK"},
		{"5xx is forgotten", []app{{status: 500, body: "x"}, {status: 200, body: "TSOK"}}, 3, 2, 200, "TSOK"},
		{"payone without TSOK is forgotten", []app{{status: 200, body: "ERROR"}, {status: 200, body: "TSOK"}}, 3, 2, 200, "TSOK"},
		{"4xx is forgotten", []app{{status: 404, body: "no route"}, {status: 200, body: "TSOK"}}, 3, 2, 200, "TSOK"},
		{"proxy error is forgotten", []app{{err: caddyhttp.Error(502, errors.New("dial"))}, {status: 200, body: "TSOK"}}, 3, 2, 200, "TSOK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store, _ := newTestMemoryStore(0)
			g := testGuard(t, "payone", store, time.Second)
			var calls int32
			var w *httptest.ResponseRecorder
			var err error
			for range tt.copies {
				a := &tt.answers[min(int(calls), len(tt.answers)-1)]
				before := a.calls.Load()
				w, _, err = deliver(g, a, "k1")
				calls += a.calls.Load() - before
			}
			if calls != tt.wantCalls {
				t.Fatalf("the app was called %d times, want %d", calls, tt.wantCalls)
			}
			if got := statusOf(w, err); got != tt.wantLast || w.Body.String() != tt.wantBody {
				t.Fatalf("last copy: %d %q, want %d %q", got, w.Body.String(), tt.wantLast, tt.wantBody)
			}
			if ct := w.Header().Get("Content-Type"); ct != "text/plain" {
				t.Errorf("replayed Content-Type %q", ct)
			}
		})
	}
}

// TestServeReplayInFlight: copies that arrive while the first is with the
// app wait for its answer and get it; none reaches the app.
func TestServeReplayInFlight(t *testing.T) {
	store := &watchedStore{memoryStore: newMemoryStore(100), gets: make(chan struct{}, 100)}
	g := testGuard(t, "payone", store, 5*time.Second)
	a := &app{status: 200, body: "TSOK", started: make(chan struct{}, 1), gate: make(chan struct{})}
	results := make(chan string, 5)
	var wg sync.WaitGroup
	run := func() {
		defer wg.Done()
		w, outcome, err := deliver(g, a, "k1")
		results <- fmt.Sprintf("%s %d %s %v", outcome, w.Code, w.Body.String(), err)
	}
	wg.Add(1)
	go run()
	<-a.started // the first copy is with the app
	for range 4 {
		wg.Add(1)
		go run()
		<-store.gets // that copy is waiting for the first one's outcome
	}
	close(a.gate)
	wg.Wait()
	close(results)
	counts := map[string]int{}
	for r := range results {
		counts[r]++
	}
	want := map[string]int{"accepted 200 TSOK <nil>": 1, "replay 200 TSOK <nil>": 4}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("copies got %v, want %v", counts, want)
	}
	if n := a.calls.Load(); n != 1 {
		t.Fatalf("the app was called %d times, want 1", n)
	}
}

// TestServeReplayInFlightTimeout: a copy still waiting when the wait ends
// is told the delivery is in flight, and does not reach the app.
func TestServeReplayInFlightTimeout(t *testing.T) {
	store, _ := newTestMemoryStore(0)
	g := testGuard(t, "payone", store, 30*time.Millisecond)
	first := &app{status: 200, body: "TSOK", started: make(chan struct{}, 1), gate: make(chan struct{})}
	done := make(chan struct{})
	go func() { deliver(g, first, "k1"); close(done) }()
	<-first.started
	second := &app{status: 200, body: "TSOK"}
	w, outcome, err := deliver(g, second, "k1")
	close(first.gate)
	<-done
	if outcome != InFlight || err != nil || w.Body.Len() != 0 || second.calls.Load() != 0 {
		t.Fatalf("second copy: %s %v, %q, app calls %d", outcome, err, w.Body.String(), second.calls.Load())
	}
	if g.RetryAfter(outcome) != "1" {
		t.Errorf("Retry-After %q for a 30ms wait, want 1", g.RetryAfter(outcome))
	}
}

// TestServeReplayFirstFailsWhileOthersWait: when the copy in flight fails,
// a copy that was waiting for it goes through itself.
func TestServeReplayFirstFailsWhileOthersWait(t *testing.T) {
	store := &watchedStore{memoryStore: newMemoryStore(100), gets: make(chan struct{}, 100)}
	g := testGuard(t, "payone", store, 5*time.Second)
	first := &app{status: 503, body: "busy", started: make(chan struct{}, 1), gate: make(chan struct{})}
	done := make(chan int)
	go func() { w, _, _ := deliver(g, first, "k1"); done <- w.Code }()
	<-first.started
	second := &app{status: 200, body: "TSOK"}
	secondDone := make(chan *httptest.ResponseRecorder)
	go func() { w, _, _ := deliver(g, second, "k1"); secondDone <- w }()
	<-store.gets // the second copy is waiting: it found the claim and polls
	if second.calls.Load() != 0 {
		t.Fatal("the second copy reached the app while the first was in flight")
	}
	close(first.gate)
	if got := <-done; got != 503 {
		t.Fatalf("first copy: %d", got)
	}
	if w := <-secondDone; w.Code != 200 || w.Body.String() != "TSOK" || second.calls.Load() != 1 {
		t.Fatalf("second copy: %d %q, app calls %d; want it to reach the app", w.Code, w.Body.String(), second.calls.Load())
	}
}

// watchedStore is a memory store that tells when a copy polls it (Get),
// which only a waiting copy does.
type watchedStore struct {
	*memoryStore
	gets chan struct{}
}

func (s *watchedStore) Get(ctx context.Context, key string) (record, bool, error) {
	select {
	case s.gets <- struct{}{}:
	default:
	}
	return s.memoryStore.Get(ctx, key)
}

func TestServeReplayLargeAck(t *testing.T) {
	store, _ := newTestMemoryStore(0)
	g := testGuard(t, "checkout_com", store, time.Second)
	big := strings.Repeat("x", maxAckBody+1)
	a := &app{status: 200, body: big}
	if w, _, _ := deliver(g, a, "k1"); w.Body.String() != big {
		t.Fatal("the first copy did not get the app's whole answer")
	}
	w, _, err := deliver(g, a, "k1")
	if statusOf(w, err) != 200 || w.Body.Len() != 0 || a.calls.Load() != 1 {
		t.Fatalf("replay of a large answer: %d, %d bytes, app calls %d; want 200, no body, 1", w.Code, w.Body.Len(), a.calls.Load())
	}
}

// failingStore is a store that cannot be reached.
type failingStore struct{ memoryStore }

var errStoreDown = errors.New("dial tcp 127.0.0.1:6379: connection refused")

func (*failingStore) Claim(context.Context, string, record, time.Duration) (record, bool, error) {
	return record{}, false, errStoreDown
}

func TestServeReplayStoreDown(t *testing.T) {
	for _, forward := range []bool{false, true} {
		g := testGuard(t, "payone", &failingStore{}, time.Second)
		g.forward = forward
		a := &app{status: 200, body: "TSOK"}
		w, outcome, err := deliver(g, a, "1")
		if forward {
			if outcome != Passed || err != nil || w.Code != 200 || a.calls.Load() != 1 {
				t.Errorf("forward: %s %v %d, app calls %d; want the delivery passed on", outcome, err, w.Code, a.calls.Load())
			}
			continue
		}
		if outcome != StoreDown || g.RetryAfter(outcome) != "30" || a.calls.Load() != 0 || w.Body.Len() != 0 {
			t.Errorf("refuse: %s Retry-After=%q, app calls %d, wrote %q; want StoreDown, 30 and nothing passed on or written",
				outcome, g.RetryAfter(outcome), a.calls.Load(), w.Body.String())
		}
	}
}

// TestReplayStoreKey: the key depends on the identity and on the secret
// that verified the delivery, never on anything else; a delivery without
// an identity has no key.
func TestReplayStoreKey(t *testing.T) {
	g := testGuard(t, "hmac", nil, time.Second)
	key := func(v verifiers.Verified) string {
		k, err := g.StoreKey(v)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	a := key(verifiers.Verified{ID: "evt-X", Key: 0})
	if a != key(verifiers.Verified{ID: "evt-X", Key: 0}) {
		t.Error("the same delivery got two keys")
	}
	if a == key(verifiers.Verified{ID: "evt-X", Key: 1}) {
		t.Error("deliveries verified under different secrets share a key")
	}
	if a == key(verifiers.Verified{ID: "evt-Y", Key: 0}) {
		t.Error("different IDs share a key")
	}
	if strings.Contains(a, "evt-X") || strings.Contains(a, "secret-a") {
		t.Errorf("key %q shows the identity or the secret", a)
	}
	if _, err := g.StoreKey(verifiers.Verified{}); err == nil {
		t.Error("a delivery without an identity got a key")
	}
}

func TestAckRecorder(t *testing.T) {
	w := httptest.NewRecorder()
	rec := &ackRecorder{ResponseWriterWrapper: &caddyhttp.ResponseWriterWrapper{ResponseWriter: w}}
	rec.WriteHeader(http.StatusEarlyHints)
	rec.WriteHeader(http.StatusAccepted)
	rec.ReadFrom(strings.NewReader("via ReadFrom"))
	if rec.status != http.StatusAccepted || rec.body.String() != "via ReadFrom" || w.Body.String() != "via ReadFrom" {
		t.Fatalf("recorded %d %q, passed %q", rec.status, rec.body.String(), w.Body.String())
	}
}

func TestProvisionReplayErrors(t *testing.T) {
	tests := []struct {
		name string
		r    Config
		want string
	}{
		{"no window", Config{}, "positive window"},
		{"negative wait", Config{Window: caddy.Duration(time.Hour), Wait: -1}, "must not be negative"},
		{"unknown store", Config{Window: caddy.Duration(time.Hour), Store: "etcd"}, "memory or redis"},
		{"redis without url", Config{Window: caddy.Duration(time.Hour), Store: "redis"}, "needs a URL"},
		{"url with memory", Config{Window: caddy.Duration(time.Hour), RedisURL: "redis://x"}, "only used with store redis"},
		{"max_entries with redis", Config{Window: caddy.Duration(time.Hour), Store: "redis", RedisURL: "redis://x", MaxEntries: 5}, "only used with store memory"},
		{"bad on_store_error", Config{Window: caddy.Duration(time.Hour), OnStoreError: "drop"}, "refuse or forward"},
		{"bad url hides password", Config{Window: caddy.Duration(time.Hour), Store: "redis", RedisURL: "http://:pw@x"}, "redis URL is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			preset, _ := verifiers.Lookup("payone")
			g, err := tt.r.NewGuard(caddy.NewReplacer(), Route{Provider: "payone", Ack: preset.Acknowledged, DefaultScope: "payone:x"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), ":pw@") {
				t.Fatalf("error reveals the Redis password: %v", err)
			}
			if err := g.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestMemoryStoreSurvivesReload: a reload provisions the new handler before
// the old one is cleaned up; both use one memory store, so what the old
// config remembered is still remembered.
func TestMemoryStoreSurvivesReload(t *testing.T) {
	preset, _ := verifiers.Lookup("payone")
	mk := func() *Guard {
		c := &Config{Window: caddy.Duration(time.Hour)}
		g, err := c.NewGuard(caddy.NewReplacer(), Route{Provider: "payone", Ack: preset.Acknowledged, DefaultScope: "payone:x", Now: time.Now})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	old := mk()
	old.store.Settle(context.Background(), old.prefix+"k", record{Done: true, Status: 200}, time.Hour)
	fresh := mk()
	old.Close()
	defer fresh.Close()
	if _, ok, _ := fresh.store.Get(context.Background(), fresh.prefix+"k"); !ok {
		t.Fatal("the reloaded config forgot what the old one remembered")
	}
}

func TestUnmarshalReplay(t *testing.T) {
	src := `replay 48h {
			store redis {env.REDIS_URL}
			on_store_error forward
			wait 2s
			lease 1m
			scope main
		}`
	d := caddyfile.NewTestDispenser(src)
	d.Next()
	var c Config
	if err := c.UnmarshalCaddyfile(d); err != nil {
		t.Fatal(err)
	}
	want := Config{Window: caddy.Duration(48 * time.Hour), Store: "redis", RedisURL: "{env.REDIS_URL}", OnStoreError: "forward",
		Wait: caddy.Duration(2 * time.Second), Lease: caddy.Duration(time.Minute), Scope: "main"}
	if c != want {
		t.Fatalf("Config = %+v, want %+v", c, want)
	}
}
