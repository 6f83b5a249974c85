// Package spooltest stands in for spools in the tests of the spool's
// admin API and of the `caddy webhook spool` command: spools held in
// memory (FakeSpool), registered with the admin API for a test's
// duration, and a Caddy admin endpoint serving it.
package spooltest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/modules/spool"
)

// FakeSpool is a spool.Operator held in memory, for the admin API's tests:
// it keeps entries as given (including, on purpose, headers it should have
// redacted) and records what was redriven.
type FakeSpool struct {
	name     string
	mu       sync.Mutex
	entries  map[string]spool.Entry
	Redriven []string
	Fail     error // returned by every method when set
}

// NewFakeSpool is a spool named name holding entries.
func NewFakeSpool(name string, entries ...spool.Entry) *FakeSpool {
	s := &FakeSpool{name: name, entries: map[string]spool.Entry{}}
	for _, e := range entries {
		e.Spool = name
		e.Size = len(e.Body)
		s.entries[e.ID] = e
	}
	return s
}

func (s *FakeSpool) Name() string { return s.name }

func (s *FakeSpool) List(_ context.Context, state string, limit int) ([]spool.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return nil, s.Fail
	}
	var out []spool.Entry
	for _, e := range s.entries {
		if state == "" || e.State == state {
			out = append(out, e) // with the body: the admin API must drop it
		}
	}
	slices.SortFunc(out, func(a, b spool.Entry) int { return a.Received.Compare(b.Received) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (s *FakeSpool) Get(_ context.Context, id string, withBody bool) (spool.Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return spool.Entry{}, s.Fail
	}
	e, ok := s.entries[id]
	if !ok {
		return spool.Entry{}, spool.ErrNotFound
	}
	if !withBody {
		e.Body = nil
	}
	return e, nil
}

func (s *FakeSpool) Redrive(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return s.Fail
	}
	e, ok := s.entries[id]
	if !ok {
		return spool.ErrNotFound
	}
	e.State, e.NextAttempt = spool.StatePending, time.Now()
	s.entries[id] = e
	s.Redriven = append(s.Redriven, id)
	return nil
}

func (s *FakeSpool) Drop(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return s.Fail
	}
	if _, ok := s.entries[id]; !ok {
		return spool.ErrNotFound
	}
	delete(s.entries, id)
	return nil
}

func (s *FakeSpool) Has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.entries[id]
	return ok
}

// UseSpools makes ops the spools of the running configuration for the
// test's duration.
//
// It returns the function that removes them again before the test ends.
func UseSpools(t *testing.T, ops ...spool.Operator) (remove func()) {
	t.Helper()
	var unregister []func()
	for _, op := range ops {
		unregister = append(unregister, spool.Register(op))
	}
	var once sync.Once
	remove = func() {
		once.Do(func() {
			for _, u := range unregister {
				u()
			}
		})
	}
	t.Cleanup(remove)
	return remove
}

// UseSecret makes secret one the log encoder (and so the admin API) cuts
// out, as a provisioned route's secret is, for the test's duration.
func UseSecret(t *testing.T, secret string) {
	t.Helper()
	key := new(int)
	redactlog.Register(key, nil, []string{secret})
	t.Cleanup(func() { redactlog.Unregister(key) })
}

const Secret = "kkiapay-secret-9f2c41"

var T0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// Fixture are two spools: a file spool with a pending and a dead
// stripe delivery, and a nats spool with a dead kkiapay one whose
// x-kkiapay-secret header (the secret itself) was left unredacted, and an
// ID the file spool also has.
func Fixture() (*FakeSpool, *FakeSpool) {
	file := NewFakeSpool("file:/var/lib/caddy/spool",
		spool.Entry{ID: "f1", Provider: "stripe", State: spool.StatePending, Received: T0.Add(2 * time.Second), Attempts: 3,
			NextAttempt: T0.Add(time.Minute), LastError: "dial tcp 127.0.0.1:8080: connection refused",
			Method: "POST", URI: "/stripe", Host: "hooks.example.com",
			Header: http.Header{"Stripe-Signature": {"t=1,v1=abcdef"}, "Content-Type": {"application/json"}},
			Body:   []byte(`{"id":"evt_1"}`)},
		spool.Entry{ID: "f2", Provider: "stripe", State: spool.StateDead, Received: T0, Attempts: 40,
			LastError: "upstream answered 500", Method: "POST", URI: "/stripe", Host: "hooks.example.com",
			Body: []byte("\x00\xffbinary")},
		spool.Entry{ID: "both", Provider: "stripe", State: spool.StatePending, Received: T0.Add(5 * time.Second), Method: "POST", URI: "/stripe"},
	)
	nats := NewFakeSpool("nats:nats://127.0.0.1:4222/hookgate",
		spool.Entry{ID: "n1", Provider: "kkiapay", State: spool.StateDead, Received: T0.Add(time.Second), Attempts: 12,
			LastError: "upstream answered 401 to token " + Secret,
			Method:    "POST", URI: "/kkiapay?token=" + Secret, Host: "pay.example.com",
			Header: http.Header{"X-Kkiapay-Secret": {Secret}, "X-Note": {"copy of " + Secret}},
			Body:   []byte(`{"transactionId":"t1"}`)},
		spool.Entry{ID: "both", Provider: "kkiapay", State: spool.StatePending, Received: T0.Add(6 * time.Second), Method: "POST", URI: "/kkiapay"},
	)
	return file, nats
}

func IDs(entries []spool.Entry) string {
	var s []string
	for _, e := range entries {
		s = append(s, e.ID+"@"+strings.SplitN(e.Spool, ":", 2)[0])
	}
	return strings.Join(s, " ")
}

// StartAdmin runs Caddy in this process with only its admin endpoint, on a
// free port, and returns the address. Cleanup turns the endpoint off.
func StartAdmin(t *testing.T) string {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", gatetest.FreePort(t))
	cfg := fmt.Sprintf(`{"admin":{"listen":%q,"config":{"persist":false}},"logging":{"logs":{"default":{"writer":{"output":"discard"}}}}}`, addr)
	if err := caddy.Load([]byte(cfg), true); err != nil {
		t.Fatalf("starting caddy's admin endpoint: %v", err)
	}
	t.Cleanup(func() {
		if err := caddy.Load([]byte(`{"admin":{"disabled":true,"config":{"persist":false}},"logging":{"logs":{"default":{"writer":{"output":"discard"}}}}}`), true); err != nil {
			t.Errorf("turning the admin endpoint off: %v", err)
		}
		caddy.Stop()
	})
	(&gatetest.Gate{Base: "http://" + addr}).WaitReady(t)
	return addr
}

// Len is how many entries s holds.
func (s *FakeSpool) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}
