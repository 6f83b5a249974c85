package replay

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable now func.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestMemoryStore(max int) (*memoryStore, *fakeClock) {
	clock := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := newMemoryStore(max)
	s.now = clock.now
	return s, clock
}

// testStoreContract runs the replayStore contract against a store; wait
// moves its time forward by d (a fake clock, or a real sleep for Redis).
func testStoreContract(t *testing.T, s replayStore, key func(string) string, wait func(time.Duration)) {
	ctx := context.Background()
	ack := record{Done: true, Status: 200, ContentType: "text/plain", Body: []byte("TSOK")}

	t.Run("claim once", func(t *testing.T) {
		k := key("claim")
		if _, ok, err := s.Claim(ctx, k, record{Token: "a"}, time.Minute); !ok || err != nil {
			t.Fatalf("first claim: %v, %v", ok, err)
		}
		cur, ok, err := s.Claim(ctx, k, record{Token: "b"}, time.Minute)
		if ok || err != nil || cur.Token != "a" || cur.Done {
			t.Fatalf("second claim = %+v, %v, %v; want the first's in-flight claim", cur, ok, err)
		}
	})
	t.Run("settle then get", func(t *testing.T) {
		k := key("settle")
		s.Claim(ctx, k, record{Token: "a"}, time.Minute)
		if err := s.Settle(ctx, k, ack, time.Minute); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.Get(ctx, k)
		if !ok || err != nil || !got.Done || got.Status != 200 || string(got.Body) != "TSOK" || got.ContentType != "text/plain" {
			t.Fatalf("Get = %+v, %v, %v", got, ok, err)
		}
		// A settled record is not released by the claim's token.
		s.Release(ctx, k, "a")
		if _, ok, _ := s.Get(ctx, k); !ok {
			t.Fatal("release removed an acknowledgement")
		}
	})
	t.Run("release only own claim", func(t *testing.T) {
		k := key("release")
		s.Claim(ctx, k, record{Token: "a"}, time.Minute)
		s.Release(ctx, k, "other")
		if _, ok, _ := s.Get(ctx, k); !ok {
			t.Fatal("release with another token removed the claim")
		}
		if err := s.Release(ctx, k, "a"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.Get(ctx, k); ok {
			t.Fatal("claim still there after its release")
		}
		if _, ok, _ := s.Claim(ctx, k, record{Token: "c"}, time.Minute); !ok {
			t.Fatal("released key cannot be claimed again")
		}
	})
	t.Run("expiry", func(t *testing.T) {
		k := key("expiry")
		s.Claim(ctx, k, record{Token: "a"}, time.Minute)
		s.Settle(ctx, k, ack, 300*time.Millisecond)
		if _, ok, _ := s.Get(ctx, k); !ok {
			t.Fatal("gone before the window ended")
		}
		wait(400 * time.Millisecond)
		if _, ok, _ := s.Get(ctx, k); ok {
			t.Fatal("still there after the window")
		}
		if _, ok, _ := s.Claim(ctx, k, record{Token: "b"}, time.Minute); !ok {
			t.Fatal("expired key cannot be claimed")
		}
	})
	t.Run("concurrent claims: one winner", func(t *testing.T) {
		k := key("race")
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, ok, err := s.Claim(ctx, k, record{Token: fmt.Sprint(i)}, time.Minute)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d of 16 concurrent claims won, want 1", wins)
		}
	})
}

func TestMemoryStoreContract(t *testing.T) {
	s, clock := newTestMemoryStore(0)
	testStoreContract(t, s, func(k string) string { return "t:" + k }, clock.advance)
}

func TestMemoryStoreBounded(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		setup     func(s *memoryStore, clock *fakeClock)
		wantGone  []string
		wantThere []string
	}{
		{
			name: "oldest live entry evicted when full",
			setup: func(s *memoryStore, clock *fakeClock) {
				for _, k := range []string{"a", "b", "c", "d"} {
					s.Claim(ctx, k, record{Token: k}, time.Hour)
				}
			},
			wantGone:  []string{"a"},
			wantThere: []string{"b", "c", "d"},
		},
		{
			name: "expired entries go before live ones",
			setup: func(s *memoryStore, clock *fakeClock) {
				s.Claim(ctx, "a", record{Token: "a"}, time.Hour)
				s.Claim(ctx, "b", record{Token: "b"}, time.Second)
				s.Claim(ctx, "c", record{Token: "c"}, time.Hour)
				clock.advance(2 * time.Second)
				s.Claim(ctx, "d", record{Token: "d"}, time.Hour)
			},
			wantGone:  []string{"b"},
			wantThere: []string{"a", "c", "d"},
		},
		{
			name: "settling refreshes an entry's age",
			setup: func(s *memoryStore, clock *fakeClock) {
				s.Claim(ctx, "a", record{Token: "a"}, time.Hour)
				s.Claim(ctx, "b", record{Token: "b"}, time.Hour)
				s.Claim(ctx, "c", record{Token: "c"}, time.Hour)
				s.Settle(ctx, "a", record{Done: true, Status: 200}, time.Hour)
				s.Claim(ctx, "d", record{Token: "d"}, time.Hour)
			},
			wantGone:  []string{"b"},
			wantThere: []string{"a", "c", "d"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := newTestMemoryStore(3)
			tt.setup(s, clock)
			if s.Len() > 3 {
				t.Fatalf("%d entries, bound is 3", s.Len())
			}
			for _, k := range tt.wantGone {
				if _, ok, _ := s.Get(ctx, k); ok {
					t.Errorf("%s still there", k)
				}
			}
			for _, k := range tt.wantThere {
				if _, ok, _ := s.Get(ctx, k); !ok {
					t.Errorf("%s evicted", k)
				}
			}
		})
	}
}

func TestMemoryStoreByteBound(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestMemoryStore(1000)
	s.maxBytes = 10 * (maxAckBody + 200)
	body := make([]byte, maxAckBody)
	for i := range 50 {
		s.Settle(ctx, fmt.Sprint(i), record{Done: true, Status: 200, Body: body}, time.Hour)
	}
	if s.bytes > s.maxBytes || s.Len() > 10 {
		t.Fatalf("%d bytes in %d entries, bound %d bytes", s.bytes, s.Len(), s.maxBytes)
	}
	if _, ok, _ := s.Get(ctx, "49"); !ok {
		t.Fatal("newest entry evicted")
	}
}
