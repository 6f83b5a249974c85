package console_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/hookgate/hookgate" // every module, for the gate this test runs
	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

var updateScreenshot = flag.Bool("update", false, "write the console's screenshot to docs/console.png")

// lateApp is an app on a fixed address that is down until started.
type lateApp struct {
	addr string
	mu   sync.Mutex
	got  [][]byte
}

// start brings the app up.
func (a *lateApp) start(t *testing.T) {
	t.Helper()
	l, err := net.Listen("tcp", a.addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		a.got = append(a.got, b)
		a.mu.Unlock()
		io.WriteString(w, "TSOK")
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
}

// received is what reached the app.
func (a *lateApp) received() [][]byte {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([][]byte(nil), a.got...)
}

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestConsoleInBrowser: a real Chromium loads the console mounted on a
// real Caddy; it shows the route's refusal and the spool's dead letter
// (and no secret); a click on redrive delivers the dead letter to the
// app, byte for byte.
func TestConsoleInBrowser(t *testing.T) {
	b := startBrowser(t)
	app := &lateApp{addr: fmt.Sprintf("127.0.0.1:%d", gatetest.FreePort(t))}
	dir := t.TempDir()
	site := gatetest.ErrorsSite + `
	handle /console* {
		webhook_console
	}
	handle /payone {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			spool {
				store file ` + dir + `
				retry_for 1s
			}
		}
		reverse_proxy ` + app.addr + `
	}
`
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, site)
	body := gatetest.PayoneDelivery(4711)
	if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
		t.Fatalf("genuine delivery: %d %q", rep.Status, rep.Body)
	}
	forged := bytes.Replace(body, []byte(gatetest.MD5Hex(gatetest.PayonePortalKey)), []byte(strings.Repeat("0", 32)), 1)
	if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), forged); rep.Status != 401 {
		t.Fatalf("forged delivery: %d %q", rep.Status, rep.Body)
	}
	waitFor(t, "the delivery to be dead-lettered (the app is down)", 30*time.Second, func() bool {
		for _, op := range spool.Operators() {
			if es, err := op.List(context.Background(), spool.StateDead, 10); err == nil && len(es) == 1 {
				return true
			}
		}
		return false
	})

	b.open(g.Base + "/console/")
	page := b.source()
	for _, want := range []string{"hookgate console", "payone", "bad_signature", "185.60.20.10", "spooled: 1", `class="dead"`, "redrive"} {
		if !strings.Contains(page, want) {
			t.Errorf("the console does not show %q:\n%s", want, page)
		}
	}
	for _, secret := range []string{gatetest.PayonePortalKey, gatetest.MD5Hex(gatetest.PayonePortalKey), "txid=1000"} {
		if strings.Contains(page, secret) {
			t.Errorf("the console shows %q (a secret, a signature or a body)", secret)
		}
	}
	if *updateScreenshot {
		if err := os.WriteFile("../../docs/console.png", b.screenshot(), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	app.start(t)
	b.click(`button[data-action="redrive"]`)
	waitFor(t, "the redriven delivery to reach the app", 30*time.Second, func() bool { return len(app.received()) == 1 })
	if got := app.received()[0]; !bytes.Equal(got, body) {
		t.Errorf("the app got %q, want %q byte for byte", got, body)
	}
	if page := b.source(); !strings.Contains(page, "redriven") {
		t.Errorf("after the click the console does not say the delivery was redriven:\n%s", page)
	}
}
