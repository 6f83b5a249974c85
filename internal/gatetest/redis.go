package gatetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The Redis tests run against a real redis-server, started here on a free
// port; CI installs it (.ci/run), and a skipped cluster test proves nothing.

// Redis is a running redis-server.
type Redis struct {
	Addr string // 127.0.0.1:port
}

// URL is the server's redis:// URL.
func (r *Redis) URL() string { return "redis://" + r.Addr + "/0" }

// StartRedis starts a redis-server for the test, or skips (fails in CI).
func StartRedis(t *testing.T, args ...string) *Redis {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("redis-server is not installed; CI must install it (apt-get install redis-server) so the Redis tests run")
		}
		t.Skip("redis-server is not installed: skipping the Redis tests (CI runs them)")
	}
	port := FreePort(t)
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
	r := &Redis{Addr: fmt.Sprintf("127.0.0.1:%d", port)}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			t.Fatalf("redis-server exited: %s", out.String())
		default:
		}
		if c, err := net.Dial("tcp", r.Addr); err == nil {
			c.Close()
			return r
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("redis-server did not listen on %s: %s", r.Addr, out.String())
	return nil
}
