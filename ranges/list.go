package ranges

import (
	"context"
	"errors"
	"io/fs"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
)

// Schedule defaults.
const (
	// DefaultInterval is how often a list is fetched once it is good.
	DefaultInterval = 6 * time.Hour
	// DefaultRetry is the first wait after a failed fetch; it doubles with
	// each failure in a row, up to the interval.
	DefaultRetry = 5 * time.Minute
)

// Origin says where the list in use came from.
type Origin string

const (
	// FromSnapshot: the compiled-in snapshot (nothing fetched or saved).
	FromSnapshot Origin = "snapshot"
	// FromSaved: the copy saved by an earlier run.
	FromSaved Origin = "saved"
	// FromFetch: fetched by this process.
	FromFetch Origin = "fetched"
)

// List is one source's ranges in use. Its methods are safe for
// concurrent use; Contains never blocks on a fetch.
type List struct {
	src    *Source
	dir    string // where the last good copy is kept; "" keeps none
	now    func() time.Time
	logger *zap.Logger

	cur      atomic.Pointer[current]
	refresh  sync.Mutex // one fetch at a time
	failures int        // failed fetches in a row; under refresh
}

// current is an immutable view of the list in use.
type current struct {
	prefixes  []netip.Prefix
	origin    Origin
	fetchedAt time.Time // zero for the snapshot
}

// NewList starts s's list: the copy saved in dir when there is a valid
// one, else the compiled-in snapshot. dir "" keeps no copy. now nil means
// time.Now; logger nil means no logs.
func NewList(s *Source, dir string, logger *zap.Logger, now func() time.Time) *List {
	if now == nil {
		now = time.Now
	}
	if logger == nil {
		logger = zap.NewNop()
	}
	l := &List{src: s, dir: dir, now: now, logger: logger.With(zap.String("source", s.Name))}
	c := &current{prefixes: s.snapshot(), origin: FromSnapshot}
	if dir != "" {
		ps, at, err := load(dir, s)
		switch {
		case err == nil:
			c = &current{prefixes: ps, origin: FromSaved, fetchedAt: at}
		case !errors.Is(err, fs.ErrNotExist):
			l.logger.Warn("ignoring the saved copy of a provider's source ranges", zap.String("path", savedPath(dir, s)), zap.Error(err))
		}
	}
	l.cur.Store(c)
	l.export(c)
	return l
}

// Source is the list's source.
func (l *List) Source() *Source { return l.src }

// Prefixes returns the ranges in use (do not modify), where they came
// from and when they were fetched (zero for the snapshot). Empty when the
// source has no snapshot and nothing was fetched yet.
func (l *List) Prefixes() ([]netip.Prefix, Origin, time.Time) {
	c := l.cur.Load()
	return c.prefixes, c.origin, c.fetchedAt
}

// Known reports whether the list has any range: a source without a
// snapshot knows none until its first fetch, and the caller then applies
// its own default.
func (l *List) Known() bool { return len(l.cur.Load().prefixes) > 0 }

// Contains reports whether a is in one of the ranges in use.
func (l *List) Contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range l.cur.Load().prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Refresh fetches the list once. On success the fetched list replaces the
// one in use (a change is logged and counted) and is saved; on failure
// the list in use is kept as it is, and the error returned.
func (l *List) Refresh(ctx context.Context) error {
	l.refresh.Lock()
	defer l.refresh.Unlock()
	ps, err := Fetch(ctx, l.src)
	if err != nil {
		l.failures++
		metrics.failures.WithLabelValues(l.src.Name).Inc()
		prev := l.cur.Load()
		l.logger.Warn("could not refresh a provider's source ranges; keeping the list in use",
			zap.String("url", l.src.URL), zap.String("in_use", string(prev.origin)),
			zap.Int("failures_in_a_row", l.failures), zap.Error(err))
		return err
	}
	l.failures = 0
	now := l.now()
	prev := l.cur.Load()
	next := &current{prefixes: ps, origin: FromFetch, fetchedAt: now}
	l.cur.Store(next)
	metrics.refreshes.WithLabelValues(l.src.Name).Inc()
	l.export(next)
	if added, removed := diff(prev.prefixes, ps); len(added) > 0 || len(removed) > 0 {
		metrics.changes.WithLabelValues(l.src.Name).Inc()
		l.logger.Info("a provider's source ranges changed",
			zap.String("url", l.src.URL), zap.String("was", string(prev.origin)),
			zap.Stringers("added", added), zap.Stringers("removed", removed), zap.Int("ranges", len(ps)))
	}
	if l.dir != "" {
		if err := save(l.dir, l.src, ps, now); err != nil {
			l.logger.Error("could not save a provider's source ranges; a restart without network falls back to an older copy",
				zap.String("path", savedPath(l.dir, l.src)), zap.Error(err))
		}
	}
	return nil
}

// export sets the gauges for c.
func (l *List) export(c *current) {
	var at float64
	if !c.fetchedAt.IsZero() {
		at = float64(c.fetchedAt.Unix())
	}
	metrics.lastSuccess.WithLabelValues(l.src.Name).Set(at)
	metrics.size.WithLabelValues(l.src.Name).Set(float64(len(c.prefixes)))
}

// diff returns the ranges of next not in prev, and of prev not in next;
// both are sorted (Source.check).
func diff(prev, next []netip.Prefix) (added, removed []netip.Prefix) {
	for _, p := range next {
		if _, found := slices.BinarySearchFunc(prev, p, comparePrefix); !found {
			added = append(added, p)
		}
	}
	for _, p := range prev {
		if _, found := slices.BinarySearchFunc(next, p, comparePrefix); !found {
			removed = append(removed, p)
		}
	}
	return added, removed
}

// Schedule is when a list is fetched.
type Schedule struct {
	// Interval between fetches once the list is good; 0 means
	// DefaultInterval.
	Interval time.Duration
	// Retry is the first wait after a failure, doubled with each failure
	// in a row up to Interval; 0 means DefaultRetry.
	Retry time.Duration
}

func (s Schedule) interval() time.Duration {
	if s.Interval > 0 {
		return s.Interval
	}
	return DefaultInterval
}

// next is the wait before the next fetch, given when the list in use was
// fetched (zero: never) and the failures in a row since.
func (s Schedule) next(now, fetchedAt time.Time, failures int) time.Duration {
	iv := s.interval()
	if failures > 0 {
		retry := s.Retry
		if retry <= 0 {
			retry = DefaultRetry
		}
		for i := 1; i < failures && retry < iv; i++ {
			retry *= 2
		}
		return min(retry, iv)
	}
	if fetchedAt.IsZero() {
		return 0
	}
	age := now.Sub(fetchedAt)
	if age < 0 || age >= iv {
		return 0 // a clock that went back, or a copy due: fetch now
	}
	return iv - age
}

// Run fetches the list on sched until ctx ends: at once when the copy in
// use is the snapshot or older than the interval, else when it comes due.
func (l *List) Run(ctx context.Context, sched Schedule) {
	for {
		l.refresh.Lock()
		failures := l.failures
		l.refresh.Unlock()
		_, _, fetchedAt := l.Prefixes()
		wait := sched.next(l.now(), fetchedAt, failures)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		_ = l.Refresh(ctx) // logged and counted by Refresh
	}
}
