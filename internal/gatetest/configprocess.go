package gatetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// RunConfig runs `caddy run` (testcaddy: cmd/caddy with the test module
// hookgate_test_panic) on a whole configuration written to name in
// dir (a Caddyfile, or JSON when name ends in .json), with stdout and
// stderr captured, and waits until base (http://host:port) listens. When
// Caddy exits first, it returns nil and what Caddy wrote: a configuration
// Caddy refused. The process is stopped at the end of the test.
func RunConfig(t *testing.T, dir, name, config, base string) (*GateProcess, string) {
	t.Helper()
	bin := buildTestCaddy(t)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--config", path}
	if !strings.HasSuffix(name, ".json") {
		args = append(args, "--adapter", "caddyfile")
	}
	p := &GateProcess{Gate: Gate{Base: base}, Logs: new(SyncBuffer)}
	p.Cmd = exec.Command(bin, args...)
	p.Cmd.Dir = dir
	p.Cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	p.Cmd.Stdout, p.Cmd.Stderr = p.Logs, p.Logs
	if err := p.Cmd.Start(); err != nil {
		t.Fatalf("starting caddy: %v", err)
	}
	exited := make(chan struct{})
	p.exited = exited
	go func() { p.Cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		p.Cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return nil, p.Logs.String()
		default:
		}
		if Dialable(base) {
			return p, ""
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("caddy did not listen on %s:\n%s", base, p.Logs.String())
	return nil, ""
}

// Stop ends the process gracefully (SIGINT: Caddy finishes the requests
// and closes its logs) and waits for it.
func (p *GateProcess) Stop(t *testing.T) {
	t.Helper()
	if err := p.Cmd.Process.Signal(os.Interrupt); err != nil {
		t.Logf("interrupting caddy: %v", err)
	}
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		t.Errorf("caddy did not stop:\n%s", p.Logs.String())
	}
}

var testCaddyBinary = &binary{pkg: "./internal/gatetest/testcaddy"}

// buildTestCaddy builds ./internal/gatetest/testcaddy once per test run,
// beside BuildCaddy's binary.
func buildTestCaddy(t *testing.T) string { return testCaddyBinary.build(t) }

// AdaptProcess adapts a Caddyfile to JSON with testcaddy, which knows the
// test module hookgate_test_panic.
func AdaptProcess(t *testing.T, dir, src string) []byte {
	t.Helper()
	path := filepath.Join(dir, "Caddyfile.adapt")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(buildTestCaddy(t), "adapt", "--config", path, "--adapter", "caddyfile")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("caddy adapt: %v", err)
	}
	return out
}
