package replay

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// The Redis tests run against a real redis-server that each test starts on
// a free port, in a temporary directory, with persistence off, and stops at
// its end. Where redis-server is not installed they are skipped, except in
// CI (CI=true), where a missing redis-server fails them: CI installs it
// (.ci/run), and a skipped cluster test proves nothing.

func newTestRedisStore(t *testing.T, url string) *redisStore {
	t.Helper()
	s, err := newRedisStore(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestRedisStoreContract(t *testing.T) {
	srv := gatetest.StartRedis(t)
	s := newTestRedisStore(t, srv.URL())
	testStoreContract(t, s, func(k string) string { return replayKeyPrefix + "test:" + k }, time.Sleep)
}

// TestRedisStoreSharedByTwoClients: two gates are two clients of one Redis;
// a claim by one is seen by the other, and of many concurrent claims spread
// over both exactly one wins.
func TestRedisStoreSharedByTwoClients(t *testing.T) {
	srv := gatetest.StartRedis(t)
	a, b := newTestRedisStore(t, srv.URL()), newTestRedisStore(t, srv.URL())
	ctx := context.Background()
	for round := range 20 {
		key := fmt.Sprintf("%sshared:%d", replayKeyPrefix, round)
		wins := make(chan bool, 8)
		for i := range 8 {
			s := a
			if i%2 == 1 {
				s = b
			}
			go func() {
				_, ok, err := s.Claim(ctx, key, record{Token: fmt.Sprint(i)}, time.Minute)
				if err != nil {
					t.Error(err)
				}
				wins <- ok
			}()
		}
		n := 0
		for range 8 {
			if <-wins {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("round %d: %d of 8 concurrent claims won, want 1", round, n)
		}
	}
}

// TestRedisStoreAuthAndErrors: a password in the URL is used, and never
// appears in an error; an unreachable server is an error, not a hang.
func TestRedisStoreAuthAndErrors(t *testing.T) {
	const password = "s3cret-redis-pw"
	srv := gatetest.StartRedis(t, "--requirepass", password)
	ctx := context.Background()

	good := newTestRedisStore(t, "redis://:"+password+"@"+srv.Addr+"/0")
	if _, ok, err := good.Claim(ctx, replayKeyPrefix+"auth", record{Token: "a"}, time.Minute); !ok || err != nil {
		t.Fatalf("claim with the right password: %v, %v", ok, err)
	}
	wrong := newTestRedisStore(t, "redis://:wrong-"+password+"@"+srv.Addr+"/0")
	_, _, err := wrong.Claim(ctx, replayKeyPrefix+"auth2", record{Token: "a"}, time.Minute)
	if err == nil {
		t.Fatal("claim with a wrong password succeeded")
	}
	if strings.Contains(err.Error(), password) {
		t.Fatalf("error reveals the password: %v", err)
	}

	down := newTestRedisStore(t, fmt.Sprintf("redis://:%s@127.0.0.1:%d/0", password, gatetest.FreePort(t)))
	start := time.Now()
	if _, _, err := down.Claim(ctx, "k", record{Token: "a"}, time.Minute); err == nil {
		t.Fatal("claim against a closed port succeeded")
	} else if strings.Contains(err.Error(), password) {
		t.Fatalf("error reveals the password: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("an unreachable Redis held the claim for %v", time.Since(start))
	}
}

func TestNewRedisStoreBadURL(t *testing.T) {
	for _, u := range []string{"http://:pw-in-url@host:6379", "redis://:pw-in-url@host:notaport", "::"} {
		_, err := newRedisStore(u)
		if err == nil {
			t.Errorf("%q accepted", u)
			continue
		}
		if strings.Contains(err.Error(), "pw-in-url") {
			t.Errorf("error for %q reveals the password: %v", u, err)
		}
	}
	var s *redisStore
	if err := s.Close(); err != nil {
		t.Errorf("Close on nil: %v", err)
	}
}
