package replay

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// DefaultMaxEntries is the memory store's bound on remembered deliveries
// when max_entries is not set.
const DefaultMaxEntries = 100_000

// memoryMaxBytes bounds the memory store's acknowledgements in total: with
// bodies of up to maxAckBody each, max_entries alone would not bound memory.
const memoryMaxBytes = 64 << 20

// memoryStore is a replayStore in this process's memory: bounded, with
// expiry. When full it drops expired entries first, then the oldest.
type memoryStore struct {
	mu         sync.Mutex
	entries    map[string]*list.Element // of *memoryEntry
	order      *list.List               // oldest write first
	bytes      int
	maxEntries int
	maxBytes   int
	now        func() time.Time
}

type memoryEntry struct {
	key     string
	rec     record
	expires time.Time
}

func newMemoryStore(maxEntries int) *memoryStore {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	return &memoryStore{
		entries:    make(map[string]*list.Element),
		order:      list.New(),
		maxEntries: maxEntries,
		maxBytes:   memoryMaxBytes,
		now:        time.Now,
	}
}

// lookup returns the live entry under key, dropping it if it expired.
// The caller holds mu.
func (s *memoryStore) lookup(key string) (*memoryEntry, bool) {
	el, ok := s.entries[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*memoryEntry)
	if !s.now().Before(e.expires) {
		s.remove(el)
		return nil, false
	}
	return e, true
}

func (s *memoryStore) remove(el *list.Element) {
	e := s.order.Remove(el).(*memoryEntry)
	delete(s.entries, e.key)
	s.bytes -= e.rec.size() + len(e.key)
}

// put stores rec under key as the newest entry, making room first.
// The caller holds mu.
func (s *memoryStore) put(key string, rec record, ttl time.Duration) {
	if el, ok := s.entries[key]; ok {
		s.remove(el)
	}
	need := rec.size() + len(key)
	now := s.now()
	// Expired entries go first, from the oldest end; then the oldest live ones.
	for el := s.order.Front(); el != nil && (len(s.entries) >= s.maxEntries || s.bytes+need > s.maxBytes); {
		next := el.Next()
		if !now.Before(el.Value.(*memoryEntry).expires) {
			s.remove(el)
		}
		el = next
	}
	for s.order.Len() > 0 && (len(s.entries) >= s.maxEntries || s.bytes+need > s.maxBytes) {
		s.remove(s.order.Front())
	}
	s.entries[key] = s.order.PushBack(&memoryEntry{key: key, rec: rec, expires: now.Add(ttl)})
	s.bytes += need
}

// Claim records rec under key unless a live record is there.
func (s *memoryStore) Claim(_ context.Context, key string, rec record, ttl time.Duration) (record, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.lookup(key); ok {
		return e.rec, false, nil
	}
	s.put(key, rec, ttl)
	return rec, true, nil
}

// Get returns the live record under key.
func (s *memoryStore) Get(_ context.Context, key string) (record, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.lookup(key); ok {
		return e.rec, true, nil
	}
	return record{}, false, nil
}

// Settle replaces the record under key.
func (s *memoryStore) Settle(_ context.Context, key string, rec record, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.put(key, rec, ttl)
	return nil
}

// Release deletes the claim under key if it is still token's.
func (s *memoryStore) Release(_ context.Context, key, token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.lookup(key); ok && !e.rec.Done && e.rec.Token == token {
		s.remove(s.entries[key])
	}
	return nil
}

// Len is the number of entries held, expired ones included until dropped.
func (s *memoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Close does nothing: the memory is the garbage collector's.
func (s *memoryStore) Close() error { return nil }

// Destruct lets a memoryStore live in a caddy.UsagePool, so that a config
// reload keeps what the running config remembered.
func (s *memoryStore) Destruct() error { return nil }

// Interface guard
var _ replayStore = (*memoryStore)(nil)
