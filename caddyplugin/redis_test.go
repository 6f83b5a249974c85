package caddyplugin

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The Redis tests run against a real redis-server that each test starts on
// a free port, in a temporary directory, with persistence off, and stops at
// its end. Where redis-server is not installed they are skipped, except in
// CI (CI=true), where a missing redis-server fails them: CI installs it
// (.ci/run), and a skipped cluster test proves nothing.

// redisServer is a running redis-server.
type redisServer struct {
	addr string // 127.0.0.1:port
}

// url is the server's redis:// URL.
func (r *redisServer) url() string { return "redis://" + r.addr + "/0" }

// startRedis starts a redis-server for the test, or skips (fails in CI).
func startRedis(t *testing.T, args ...string) *redisServer {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("redis-server is not installed; CI must install it (apt-get install redis-server) so the Redis tests run")
		}
		t.Skip("redis-server is not installed: skipping the Redis tests (CI runs them)")
	}
	port := freePort(t)
	dir := t.TempDir()
	all := append([]string{
		"--port", fmt.Sprint(port), "--bind", "127.0.0.1",
		"--dir", dir, "--save", "", "--appendonly", "no",
		"--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
	}, args...)
	cmd := exec.Command(bin, all...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting redis-server: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	r := &redisServer{addr: fmt.Sprintf("127.0.0.1:%d", port)}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			t.Fatalf("redis-server exited: %s", out.String())
		default:
		}
		if c, err := net.Dial("tcp", r.addr); err == nil {
			c.Close()
			return r
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("redis-server did not listen on %s: %s", r.addr, out.String())
	return nil
}

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
	srv := startRedis(t)
	s := newTestRedisStore(t, srv.url())
	testStoreContract(t, s, func(k string) string { return replayKeyPrefix + "test:" + k }, time.Sleep)
}

// TestRedisStoreSharedByTwoClients: two gates are two clients of one Redis;
// a claim by one is seen by the other, and of many concurrent claims spread
// over both exactly one wins.
func TestRedisStoreSharedByTwoClients(t *testing.T) {
	srv := startRedis(t)
	a, b := newTestRedisStore(t, srv.url()), newTestRedisStore(t, srv.url())
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
	srv := startRedis(t, "--requirepass", password)
	ctx := context.Background()

	good := newTestRedisStore(t, "redis://:"+password+"@"+srv.addr+"/0")
	if _, ok, err := good.Claim(ctx, replayKeyPrefix+"auth", record{Token: "a"}, time.Minute); !ok || err != nil {
		t.Fatalf("claim with the right password: %v, %v", ok, err)
	}
	wrong := newTestRedisStore(t, "redis://:wrong-"+password+"@"+srv.addr+"/0")
	_, _, err := wrong.Claim(ctx, replayKeyPrefix+"auth2", record{Token: "a"}, time.Minute)
	if err == nil {
		t.Fatal("claim with a wrong password succeeded")
	}
	if strings.Contains(err.Error(), password) {
		t.Fatalf("error reveals the password: %v", err)
	}

	down := newTestRedisStore(t, fmt.Sprintf("redis://:%s@127.0.0.1:%d/0", password, freePort(t)))
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
