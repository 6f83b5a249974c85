package ranges

import (
	"context"
	"sync"

	"go.uber.org/zap"
)

// Lists are shared: every route of every loaded config that uses a source
// with the same directory uses one List and one refresher. A config
// reload acquires the new config's lists before the old config releases
// its own, so a list (and its schedule) lives on across reloads and stops
// when no config uses it.
var pool = struct {
	mu sync.Mutex
	m  map[poolKey]*pooled
}{m: map[poolKey]*pooled{}}

type poolKey struct{ source, dir string }

type pooled struct {
	list   *List
	refs   int
	cancel context.CancelFunc
	done   chan struct{}
}

// Acquire returns the shared list of s kept in dir, starting it (and its
// refresher, on sched) for the first user. Call release once when done;
// the last release stops the refresher and waits for it.
func Acquire(s *Source, dir string, sched Schedule, logger *zap.Logger) (l *List, release func()) {
	pool.mu.Lock()
	defer pool.mu.Unlock()
	k := poolKey{s.Name, dir}
	p := pool.m[k]
	if p == nil {
		ctx, cancel := context.WithCancel(context.Background())
		p = &pooled{list: NewList(s, dir, logger, nil), cancel: cancel, done: make(chan struct{})}
		pool.m[k] = p
		go func() {
			defer close(p.done)
			p.list.Run(ctx, sched)
		}()
	}
	p.refs++
	var once sync.Once
	return p.list, func() {
		once.Do(func() {
			pool.mu.Lock()
			p.refs--
			last := p.refs == 0
			if last {
				delete(pool.m, k)
			}
			pool.mu.Unlock()
			if last {
				p.cancel()
				<-p.done
			}
		})
	}
}
