package spool_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// spoolProcess is a Caddy child process whose directory and port outlive
// it, so it can be killed and started again on the same spool.
type spoolProcess struct {
	gatetest.Gate
	dir    string
	config string
	cmd    *exec.Cmd
	logs   *gatetest.SyncBuffer
	exited chan struct{}
}

// newSpoolProcess writes a Caddyfile for site (the body of
// http://127.0.0.1:PORT) in a directory of its own and starts Caddy on it.
func newSpoolProcess(t *testing.T, site string) *spoolProcess {
	t.Helper()
	return newSpoolProcessWithAdmin(t, site, "")
}

// newSpoolProcessWithAdmin is newSpoolProcess with Caddy's admin endpoint
// on admin (host:port); "" leaves it off.
func newSpoolProcessWithAdmin(t *testing.T, site, admin string) *spoolProcess {
	t.Helper()
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	global := strings.ReplaceAll(gatetest.ProcessGlobalOptions, "STORAGE", filepath.Join(dir, "data"))
	if admin != "" {
		global = strings.Replace(global, "admin off", "admin "+admin, 1)
	}
	site = strings.ReplaceAll(site, "SPOOLDIR", filepath.Join(dir, "spool"))
	src := fmt.Sprintf("{\n%s\n\tservers {\n%s\n\t}\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", global, gatetest.TrustedLoopback, port, site)
	p := &spoolProcess{Gate: gatetest.Gate{Base: fmt.Sprintf("http://127.0.0.1:%d", port)}, dir: dir, config: filepath.Join(dir, "Caddyfile")}
	if err := os.WriteFile(p.config, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	p.start(t)
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("caddy %s output:\n%s", p.Base, p.logs.String())
		}
	})
	return p
}

// start runs Caddy and waits until it listens.
func (p *spoolProcess) start(t *testing.T) {
	t.Helper()
	p.logs = new(gatetest.SyncBuffer)
	p.cmd = exec.Command(gatetest.BuildCaddy(t), "run", "--config", p.config, "--adapter", "caddyfile")
	p.cmd.Dir = p.dir
	p.cmd.Env = append(os.Environ(), "HOME="+p.dir, "XDG_DATA_HOME="+p.dir, "XDG_CONFIG_HOME="+p.dir)
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting caddy: %v", err)
	}
	p.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) { cmd.Wait(); close(exited) }(p.cmd, p.exited)
	deadline := time.Now().Add(20 * time.Second)
	for !gatetest.Dialable(p.Base) {
		select {
		case <-p.exited:
			t.Fatalf("caddy exited at startup:\n%s", p.logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("caddy did not listen on %s:\n%s", p.Base, p.logs.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// kill sends SIGKILL (kill -9) and waits for the process to be gone.
func (p *spoolProcess) kill() {
	if p.cmd != nil && p.cmd.Process != nil {
		p.cmd.Process.Kill()
		<-p.exited
	}
}

// TestSpoolSurvivesKill9: deliveries acknowledged while the app is down
// are all delivered after the gate is killed with SIGKILL and started
// again on the same spool directory.
func TestSpoolSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Caddy processes")
	}
	up := newSwitchableUpstream(t)
	site := spoolConfig("spool {\n\t\t\t\tstore file SPOOLDIR\n\t\t\t}")
	p := newSpoolProcess(t, strings.ReplaceAll(site, "UPSTREAM", up.addr))

	const n = 30
	var bodies [][]byte
	for i := range n {
		body := gatetest.PayoneDelivery(400 + i)
		bodies = append(bodies, body)
		if rep := p.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("delivery %d: %d %q, want 200 TSOK", i, rep.Status, rep.Body)
		}
	}
	time.Sleep(200 * time.Millisecond) // the dispatcher is retrying
	p.kill()
	up.up()
	start := time.Now()
	p.start(t)
	up.waitFor(t, n, 50*time.Second)
	t.Logf("all %d delivered %s after the restart", n, time.Since(start).Round(time.Millisecond))
	seen := map[string]int{}
	for _, r := range up.received() {
		seen[string(r.Body)]++
	}
	for i, b := range bodies {
		if seen[string(b)] == 0 {
			t.Errorf("delivery %d was lost", i)
		}
	}
}
