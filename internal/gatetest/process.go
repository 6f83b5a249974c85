package gatetest

import (
	"crypto/sha256"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The process harness runs Caddy (with hookgate) as separate processes, for
// tests that need more than one Caddy at once: Caddy's configuration is
// process-global, so two gates of a cluster cannot share this process.
// The binary is built once per test run, from cmd/caddy.

// binary is one program of the module, built once per test run. For one
// checkout it always goes to the same place in the temporary directory, so
// test runs replace it (go build moves the new binary into place, which a
// running copy survives) rather than leaving one behind each; two
// checkouts tested at once build their own.
type binary struct {
	pkg  string // as go build takes it, from the module root
	once sync.Once
	path string
	err  error
}

// build returns the binary's path, building it on first use.
func (b *binary) build(t *testing.T) string {
	t.Helper()
	b.once.Do(func() {
		root, err := moduleRoot()
		if err != nil {
			b.err = err
			return
		}
		sum := sha256.Sum256([]byte(root))
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("hookgate-test-caddy-%d-%x", os.Getuid(), sum[:6]))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, filepath.Base(b.pkg))
		cmd := exec.Command("go", "build", "-o", b.path, b.pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build %s: %v\n%s", b.pkg, err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

var caddyBinary = &binary{pkg: "./cmd/caddy"}

// BuildCaddy returns the path of a caddy binary with hookgate, built once
// per test run.
func BuildCaddy(t *testing.T) string { return caddyBinary.build(t) }

// GateProcess is a Caddy running as a child process.
type GateProcess struct {
	Gate
	Cmd  *exec.Cmd
	Logs *SyncBuffer

	exited chan struct{} // closed when the process has exited (RunConfig)
}

// SyncBuffer collects a process's output safely.
type SyncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// ProcessGlobalOptions are GlobalOptions for a child process: its logs go
// to stderr so a failing test can show them.
const ProcessGlobalOptions = `
	admin off
	persist_config off
	auto_https off
	grace_period 1s
	storage file_system STORAGE
`

// StartGateProcess runs `caddy run` with site as the body of
// http://127.0.0.1:PORT ("UPSTREAM" replaced by upstreamAddr) and
// serverOptions in the global `servers` block, as StartGate does in this
// process, and stops it at the end of the test. env is added to the
// process's environment.
func StartGateProcess(t *testing.T, upstreamAddr, serverOptions, site string, env ...string) *GateProcess {
	t.Helper()
	bin := BuildCaddy(t)
	dir := t.TempDir()
	port := FreePort(t)
	site = strings.ReplaceAll(site, "UPSTREAM", upstreamAddr)
	global := strings.ReplaceAll(ProcessGlobalOptions, "STORAGE", filepath.Join(dir, "data"))
	src := fmt.Sprintf("{\n%s\n\tservers {\n%s\n\t}\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", global, serverOptions, port, site)
	config := filepath.Join(dir, "Caddyfile")
	if err := os.WriteFile(config, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	p := &GateProcess{Gate: Gate{Base: fmt.Sprintf("http://127.0.0.1:%d", port)}, Logs: new(SyncBuffer)}
	p.Cmd = exec.Command(bin, "run", "--config", config, "--adapter", "caddyfile")
	p.Cmd.Dir = dir
	p.Cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	p.Cmd.Env = append(p.Cmd.Env, env...)
	p.Cmd.Stdout, p.Cmd.Stderr = p.Logs, p.Logs
	if err := p.Cmd.Start(); err != nil {
		t.Fatalf("starting caddy: %v", err)
	}
	exited := make(chan struct{})
	go func() { p.Cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		p.Cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("caddy %s output:\n%s", p.Base, p.Logs.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("caddy exited at startup:\n%s\nCaddyfile:\n%s", p.Logs.String(), src)
		default:
		}
		if Dialable(p.Base) {
			return p
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("caddy did not listen on %s:\n%s", p.Base, p.Logs.String())
	return nil
}

// Dialable reports whether something listens at base (http://host:port).
func Dialable(base string) bool {
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// moduleRoot is the directory of hookgate's go.mod, wherever the test runs.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside hookgate's module")
	}
	return filepath.Dir(gomod), nil
}
