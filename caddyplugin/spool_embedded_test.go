package caddyplugin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// spoolProcess is a Caddy child process whose directory and port outlive
// it, so it can be killed and started again on the same spool.
type spoolProcess struct {
	gate
	dir    string
	config string
	cmd    *exec.Cmd
	logs   *syncBuffer
	exited chan struct{}
}

// newSpoolProcess writes a Caddyfile for site (the body of
// http://127.0.0.1:PORT) in a directory of its own and starts Caddy on it.
func newSpoolProcess(t *testing.T, site string) *spoolProcess {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	global := strings.ReplaceAll(processGlobalOptions, "STORAGE", filepath.Join(dir, "data"))
	site = strings.ReplaceAll(site, "SPOOLDIR", filepath.Join(dir, "spool"))
	src := fmt.Sprintf("{\n%s\n\tservers {\n%s\n\t}\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", global, replayTrustedProxies, port, site)
	p := &spoolProcess{gate: gate{base: fmt.Sprintf("http://127.0.0.1:%d", port)}, dir: dir, config: filepath.Join(dir, "Caddyfile")}
	if err := os.WriteFile(p.config, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	p.start(t)
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("caddy %s output:\n%s", p.base, p.logs.String())
		}
	})
	return p
}

// start runs Caddy and waits until it listens.
func (p *spoolProcess) start(t *testing.T) {
	t.Helper()
	p.logs = new(syncBuffer)
	p.cmd = exec.Command(buildCaddy(t), "run", "--config", p.config, "--adapter", "caddyfile")
	p.cmd.Dir = p.dir
	p.cmd.Env = append(os.Environ(), "HOME="+p.dir, "XDG_DATA_HOME="+p.dir, "XDG_CONFIG_HOME="+p.dir)
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting caddy: %v", err)
	}
	p.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) { cmd.Wait(); close(exited) }(p.cmd, p.exited)
	deadline := time.Now().Add(20 * time.Second)
	for !dialable(p.base) {
		select {
		case <-p.exited:
			t.Fatalf("caddy exited at startup:\n%s", p.logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("caddy did not listen on %s:\n%s", p.base, p.logs.String())
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
		body := payoneDelivery(400 + i)
		bodies = append(bodies, body)
		if rep := p.post(t, "/payone", payoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
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

// TestEmbeddedStoreShared: routes (and config reloads) using one directory
// share one embedded server, which stops with its last user; the server
// fsyncs every write and opens no listener.
func TestEmbeddedStoreShared(t *testing.T) {
	dir := t.TempDir()
	key := "file:" + dir
	a, err := openEmbeddedStore(key, dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := openEmbeddedStore(key, dir)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatal("two users of one directory got two servers")
	}
	opts := a.srv.JetStreamConfig()
	if opts == nil || !opts.SyncAlways || opts.StoreDir != filepath.Join(dir, "jetstream") {
		t.Errorf("JetStream config %+v: want SyncAlways and the store under %s", opts, dir)
	}
	if addr := a.srv.Addr(); addr != nil {
		t.Errorf("the embedded server listens on %v", addr)
	}
	if _, err := spoolStores.Delete(key); err != nil {
		t.Fatal(err)
	}
	if !a.srv.Running() {
		t.Fatal("the server stopped while a user remained")
	}
	if _, err := spoolStores.Delete(key); err != nil {
		t.Fatal(err)
	}
	if a.srv.Running() {
		t.Fatal("the server runs on after its last user")
	}
}

// TestEmbeddedStoreUnwritable: a directory that cannot be created is a
// provisioning error naming it.
func TestEmbeddedStoreUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	dir := filepath.Join(file, "spool")
	if _, err := openEmbeddedStore("file:"+dir, dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("error %v, want one naming %s", err, dir)
	}
}
