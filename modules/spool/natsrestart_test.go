package spool_test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// natsProcess is a nats-server with JetStream run by the test as a child
// process, on a port and store directory of its own that outlive it, so
// it can be killed and started again as the same server.
type natsProcess struct {
	bin, dir   string
	port       int
	user, pass string
	cmd        *exec.Cmd
	logs       *gatetest.SyncBuffer
	exited     chan struct{}
}

// startNATSProcess starts nats-server (Debian's package; CI installs it):
// the test skips without it, and fails without it in CI.
func startNATSProcess(t *testing.T) *natsProcess {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		bin = "/usr/sbin/nats-server"
	}
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("nats-server is not installed: %v", err)
		}
		t.Skipf("nats-server is not installed (%v); CI installs it", err)
	}
	pw := make([]byte, 12)
	rand.Read(pw)
	n := &natsProcess{bin: bin, dir: t.TempDir(), port: gatetest.FreePort(t), user: "hookgate", pass: "natspw-" + hex.EncodeToString(pw)}
	n.start(t)
	t.Cleanup(func() {
		n.kill()
		if t.Failed() {
			t.Logf("nats-server output:\n%s", n.logs.String())
		}
	})
	return n
}

// url is the server's URL with the user and password in it.
func (n *natsProcess) url() string {
	return fmt.Sprintf("nats://%s:%s@127.0.0.1:%d", n.user, n.pass, n.port)
}

// start runs the server and waits until JetStream answers.
func (n *natsProcess) start(t *testing.T) {
	t.Helper()
	n.logs = new(gatetest.SyncBuffer)
	n.cmd = exec.Command(n.bin, "-a", "127.0.0.1", "-p", fmt.Sprint(n.port), "-js", "-sd", n.dir, "--user", n.user, "--pass", n.pass)
	n.cmd.Stdout, n.cmd.Stderr = n.logs, n.logs
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("starting nats-server: %v", err)
	}
	n.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) { cmd.Wait(); close(exited) }(n.cmd, n.exited)
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case <-n.exited:
			t.Fatalf("nats-server exited at startup:\n%s", n.logs.String())
		default:
		}
		if nc, err := nats.Connect(n.url(), nats.Timeout(time.Second)); err == nil {
			js, _ := jetstream.New(nc)
			_, err = js.AccountInfo(t.Context())
			nc.Close()
			if err == nil {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nats-server did not answer within 20 s:\n%s", n.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill sends SIGKILL and waits for the server to be gone.
func (n *natsProcess) kill() {
	if n.cmd != nil && n.cmd.Process != nil {
		n.cmd.Process.Kill()
		<-n.exited
	}
}

// TestSpoolNATSOutageHeals: with `store nats`, while the NATS server is
// down every delivery is refused with 503 and Retry-After at once (fail
// closed: nothing refused is stored, then or later); once the server is
// back on the same store, the same gate accepts again by itself, with no
// reload or restart, and every delivery it acknowledged, before the
// outage (held by its dispatcher, the app down) and after it, reaches the
// app exactly once. The NATS password never appears in Caddy's log.
func TestSpoolNATSOutageHeals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Caddy and nats-server processes")
	}
	ns := startNATSProcess(t)
	app := newSwitchableUpstream(t) // down until the end
	site := spoolConfig(fmt.Sprintf("spool {\n\t\t\t\tstore nats %s\n\t\t\t\tkey %s\n\t\t\t}", ns.url(), testNATSKey))
	g := newSpoolProcess(t, strings.ReplaceAll(site, "UPSTREAM", app.addr))

	client := &http.Client{Timeout: 60 * time.Second}
	var acked, refused [][]byte
	txid := 9000
	// send posts a new delivery and sorts it by the answer.
	send := func() (int, time.Duration) {
		t.Helper()
		txid++
		body := payoneTx(txid, 1)
		req, _ := http.NewRequest(http.MethodPost, g.Base+"/payone", bytes.NewReader(body))
		req.Header = gatetest.PayoneHeader()
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("delivery %d: %v", txid, err)
		}
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		switch {
		case resp.StatusCode == 200 && b.String() == "TSOK":
			acked = append(acked, body)
		case resp.StatusCode == 503:
			refused = append(refused, body)
			if ra := resp.Header.Get("Retry-After"); ra != "30" {
				t.Errorf("delivery %d: 503 with Retry-After %q, want 30", txid, ra)
			}
		default:
			t.Fatalf("delivery %d: %d %q, want 200 TSOK or 503", txid, resp.StatusCode, b.String())
		}
		return resp.StatusCode, took
	}

	for i := range 4 {
		if status, _ := send(); status != 200 {
			t.Fatalf("delivery %d before the outage: %d, want 200", i, status)
		}
	}
	// The dispatcher takes them and finds the app down: it holds them for
	// their retries when NATS goes.
	if !waitUntil(10*time.Second, func() bool { return strings.Count(g.logs.String(), "delivery failed; retrying") >= 4 }) {
		t.Fatal("the dispatcher did not attempt the deliveries stored before the outage")
	}

	// Down for a few seconds: the dispatcher's retries come due meanwhile.
	ns.kill()
	var slowest time.Duration
	down := 0
	for start := time.Now(); time.Since(start) < 3*time.Second; down++ {
		status, took := send()
		if status != 503 {
			t.Fatalf("delivery %d with NATS down: %d, want 503", down, status)
		}
		slowest = max(slowest, took)
		time.Sleep(300 * time.Millisecond)
	}
	t.Logf("with NATS down: %d of %d refused with 503, the slowest answer in %s", down, down, slowest.Round(time.Millisecond))
	if slowest > 10*time.Second {
		t.Errorf("a refusal with NATS down took %s: the provider waits that long", slowest)
	}

	back := time.Now()
	ns.start(t)
	t.Logf("NATS answered again %s after it was started", time.Since(back).Round(time.Millisecond))
	healed := false
	var healedAt time.Duration // when the first request answered TSOK was sent
	for time.Since(back) < 20*time.Second {
		sent := time.Since(back)
		if status, _ := send(); status == 200 {
			healed, healedAt = true, sent
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !healed {
		t.Fatal("the gate still refuses deliveries 20 s after NATS was started again")
	}
	t.Logf("accepting again %s after NATS was started again", healedAt.Round(time.Millisecond))
	for i := range 4 {
		if status, _ := send(); status != 200 {
			t.Errorf("delivery %d after NATS came back: %d, want 200", i, status)
		}
	}

	app.up()
	up := time.Now()
	seen := map[string]int{}
	arrived := func() bool {
		clear(seen)
		for _, r := range app.received() {
			seen[string(r.Body)]++
		}
		for _, b := range acked {
			if seen[string(b)] == 0 {
				return false
			}
		}
		return true
	}
	// Within the ack wait (30 s) of NATS coming back: a delivery the
	// dispatcher held when NATS went is handed out again by then (a
	// nats-server killed with SIGKILL may have lost that it had scheduled
	// its retry).
	if !waitUntil(90*time.Second, arrived) {
		missing := 0
		for _, b := range acked {
			if seen[string(b)] == 0 {
				missing++
			}
		}
		t.Errorf("90 s after the app came up, %d of the %d acknowledged deliveries have not reached it", missing, len(acked))
	} else {
		t.Logf("all %d acknowledged deliveries reached the app %s after it came up", len(acked), time.Since(up).Round(time.Millisecond))
		time.Sleep(2 * time.Second) // anything more that would come
		arrived()
	}
	for i, b := range acked {
		if c := seen[string(b)]; c != 1 {
			t.Errorf("acknowledged delivery %d reached the app %d times, want once", i, c)
		}
	}
	for i, b := range refused {
		if c := seen[string(b)]; c != 0 {
			t.Errorf("delivery %d, refused with 503, reached the app %d times: it was stored after all", i, c)
		}
	}
	if logs := g.logs.String(); strings.Contains(logs, ns.pass) {
		t.Error("Caddy's log carries the NATS password")
	}
}

// TestSpoolNATSBlipKeepsTheAcknowledgement: a delivery the app takes
// while the NATS server is down is acknowledged to NATS once it is back,
// and not delivered again: the dispatcher's connection keeps what it
// sends while it reconnects (only the one that stores keeps nothing).
func TestSpoolNATSBlipKeepsTheAcknowledgement(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Caddy and nats-server processes")
	}
	ns := startNATSProcess(t)
	release := make(chan struct{})
	app := startScriptedApp(t, func(w http.ResponseWriter, r *http.Request, body []byte) {
		<-release
		io.WriteString(w, "TSOK")
	})
	site := spoolConfig(fmt.Sprintf("spool {\n\t\t\t\tstore nats %s\n\t\t\t\tkey %s\n\t\t\t}", ns.url(), testNATSKey))
	g := newSpoolProcess(t, strings.ReplaceAll(site, "UPSTREAM", app.addr))
	body := payoneTx(9500, 1)
	post(t, &g.Gate, body)
	if !waitUntil(10*time.Second, func() bool { return app.count(body) == 1 }) {
		t.Fatal("the delivery did not reach the app")
	}
	ns.kill()
	time.Sleep(300 * time.Millisecond) // the gate's connections find NATS gone
	close(release)                     // the app takes it: the gate acknowledges it to a NATS that is down
	ns.start(t)

	nc, err := nats.Connect(ns.url())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	stored := func() uint64 {
		st, err := js.Stream(t.Context(), "HOOKGATE_PAYONE")
		if err != nil {
			t.Fatalf("the stream: %v", err)
		}
		return st.CachedInfo().State.Msgs
	}
	if !waitUntil(45*time.Second, func() bool { return stored() == 0 }) {
		t.Fatalf("45 s after NATS came back the stream still holds %d deliveries", stored())
	}
	time.Sleep(2 * time.Second) // anything more that would come
	if n := app.count(body); n != 1 {
		t.Errorf("the app got the delivery %d times, want once: the acknowledgement sent while NATS was down was lost", n)
	}
}
