package spool_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/spool"
)

// A stored delivery goes back to the route that verified it, as it
// arrived, and nowhere else (docs/spool.md, "Which route delivers").

// payoneGate is the inside of a webhook_verify payone block with a spool
// in dir, under portal key.
func payoneGate(key, dir string) string {
	return fmt.Sprintf(`webhook_verify payone {
			secret %s
			verified_header X-Webhook-Verified
			spool {
				store file %s
			}
		}`, key, dir)
}

// payoneDeliveryFor is a genuine delivery under portal key.
func payoneDeliveryFor(key string, seq int) []byte {
	return bytes.Replace(gatetest.PayoneBody(gatetest.MD5Hex(key)), []byte("sequencenumber=1"), fmt.Appendf(nil, "sequencenumber=%d", seq), 1)
}

// waitSpool waits until the spool holds pending and dead entries, or
// fails after timeout.
func waitSpool(t *testing.T, op spool.Operator, pending, dead int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		p, d := spool.CountEntries(t, op, spool.StatePending), spool.CountEntries(t, op, spool.StateDead)
		if p == pending && d == dead {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s the spool holds %d pending, %d dead; want %d, %d", timeout, p, d, pending, dead)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSpoolRewritesInFront: handle_path, uri strip_prefix, rewrite and a
// method rewrite in front of the gate apply to a stored delivery as they
// did to the live request: it reaches the app once, at the rewritten URI
// with the rewritten method, and nothing is left pending or dead. (The
// stored request used to be the rewritten one, which on delivery matched
// another route, or none.)
func TestSpoolRewritesInFront(t *testing.T) {
	spool.FastRetries(t)
	for _, tt := range []struct {
		name, site, post, wantPath, wantMethod string
	}{
		{"handle_path", `
	handle_path /hooks/* {
		GATE
		reverse_proxy UPSTREAM
	}`, "/hooks/payone", "/payone", http.MethodPost},
		{"handle_path beside a catch-all", `
	handle_path /hooks/* {
		GATE
		reverse_proxy UPSTREAM
	}
	handle {
		reverse_proxy UPSTREAM
	}`, "/hooks/payone", "/payone", http.MethodPost},
		{"uri strip_prefix", `
	handle /in/* {
		uri strip_prefix /in
		GATE
		reverse_proxy UPSTREAM
	}`, "/in/payone", "/payone", http.MethodPost},
		{"rewrite and method", `
	handle /notify {
		rewrite * /app/payone?via=gate
		method PUT
		GATE
		reverse_proxy UPSTREAM
	}`, "/notify", "/app/payone", http.MethodPut},
	} {
		t.Run(tt.name, func(t *testing.T) {
			up := newSwitchableUpstream(t)
			up.up()
			dir := t.TempDir()
			site := strings.ReplaceAll(tt.site, "GATE", payoneGate(gatetest.PayonePortalKey, dir))
			g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, gatetest.ErrorsSite+strings.ReplaceAll(site, "UPSTREAM", up.addr))
			body := gatetest.PayoneDelivery(1100)
			if rep := g.Post(t, tt.post, gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
				t.Fatalf("POST %s: %d %q, want 200 TSOK", tt.post, rep.Status, rep.Body)
			}
			up.waitFor(t, 1, 10*time.Second)
			time.Sleep(700 * time.Millisecond) // any copy that would follow
			got := up.received()
			if len(got) != 1 {
				t.Fatalf("the app got %d deliveries, want 1: %+v", len(got), got)
			}
			r := got[0]
			if r.Path != tt.wantPath || r.Method != tt.wantMethod || !bytes.Equal(r.Body, body) || r.Header.Get("X-Webhook-Verified") != "payone" {
				t.Errorf("delivered %s %s verified=%q body %q; want %s %s, payone, the body sent", r.Method, r.Path, r.Header.Get("X-Webhook-Verified"), r.Body, tt.wantMethod, tt.wantPath)
			}
			waitSpool(t, spool.OnlySpool(t), 0, 0, 5*time.Second)
		})
	}
}

// TestSpoolTwoTenants: two payone routes with different portal keys share
// the default spool; tenant A's route strips a prefix. A's deliveries
// reach A's app only, B's reach B's app only, and A's signature sent to
// B's path is refused at the gate.
func TestSpoolTwoTenants(t *testing.T) {
	spool.FastRetries(t)
	const keyA, keyB = "tenant-a-portal-key-1", "tenant-b-portal-key-2"
	upA, upB := newSwitchableUpstream(t), newSwitchableUpstream(t)
	upA.up()
	upB.up()
	dir := t.TempDir()
	site := gatetest.ErrorsSite + fmt.Sprintf(`
	handle_path /a/* {
		%s
		reverse_proxy %s
	}
	handle /payone {
		%s
		reverse_proxy %s
	}`, payoneGate(keyA, dir), upA.addr, payoneGate(keyB, dir), upB.addr)
	g := gatetest.StartGate(t, nil, gatetest.TrustedLoopback, site)

	if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), payoneDeliveryFor(keyA, 1)); rep.Status != http.StatusUnauthorized {
		t.Fatalf("A's delivery at B's path: %d %q, want 401", rep.Status, rep.Body)
	}
	const n = 5
	for i := range n {
		if rep := g.Post(t, "/a/payone", gatetest.PayoneHeader(), payoneDeliveryFor(keyA, 10+i)); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("A's delivery %d: %d %q, want 200 TSOK", i, rep.Status, rep.Body)
		}
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), payoneDeliveryFor(keyB, 10+i)); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("B's delivery %d: %d %q, want 200 TSOK", i, rep.Status, rep.Body)
		}
	}
	upA.waitFor(t, n, 10*time.Second)
	upB.waitFor(t, n, 10*time.Second)
	time.Sleep(700 * time.Millisecond) // any copy that would follow
	for _, tenant := range []struct {
		name, key string
		up        *switchableUpstream
	}{{"A", keyA, upA}, {"B", keyB, upB}} {
		got := tenant.up.received()
		if len(got) != n {
			t.Errorf("%s's app got %d deliveries, want %d", tenant.name, len(got), n)
		}
		for _, r := range got {
			if !bytes.Contains(r.Body, []byte("key="+gatetest.MD5Hex(tenant.key))) || r.Path != "/payone" {
				t.Errorf("%s's app got a delivery at %s not signed with its key: %q", tenant.name, r.Path, r.Body)
			}
		}
	}
	waitSpool(t, spool.OnlySpool(t), 0, 0, 5*time.Second)
}

// TestSpoolRouteRemovedByReload: deliveries stored by a route that a
// reload removes are dead-lettered at once, saying why, and never reach
// the app, even though another route now takes their path and another
// route still delivers the spool.
func TestSpoolRouteRemovedByReload(t *testing.T) {
	spool.FastRetries(t)
	up := newSwitchableUpstream(t)
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	before := gatetest.ErrorsSite + fmt.Sprintf(`
	handle /payone {
		%s
		reverse_proxy %s
	}`, payoneGate(gatetest.PayonePortalKey, dir), up.addr)
	g := gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, before, port)
	for i := range 2 {
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), gatetest.PayoneDelivery(1200+i)); rep.Body != "TSOK" {
			t.Fatalf("delivery %d: %d %q", i, rep.Status, rep.Body)
		}
	}
	// The route is gone; another tenant's route shares the spool, and
	// what came to /payone now goes to the app unverified.
	after := gatetest.ErrorsSite + fmt.Sprintf(`
	handle /other {
		%s
		reverse_proxy %s
	}
	handle {
		reverse_proxy %s
	}`, payoneGate("another-tenant-portal-key", dir), up.addr, up.addr)
	gatetest.Reload(t, gatetest.TrustedLoopback, after, port)
	up.up()
	op := spool.OnlySpool(t)
	waitSpool(t, op, 0, 2, 5*time.Second) // retry_for is 72h: only "at once" is in time
	es, err := op.List(t.Context(), spool.StateDead, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if !strings.Contains(e.LastError, "route that verified it") {
			t.Errorf("dead letter %s: reason %q, want the route named as the reason", e.ID, e.LastError)
		}
	}
	time.Sleep(300 * time.Millisecond)
	if got := up.received(); len(got) != 0 {
		t.Errorf("%d deliveries of the removed route reached the app", len(got))
	}
}

// TestSpoolForgedMessage: a message published straight onto the spool's
// subject, by anyone who may publish there but has not the spool's key,
// is dead-lettered as unauthenticated and never delivered, without a
// MAC or with a wrong one, and cannot be redriven.
func TestSpoolForgedMessage(t *testing.T) {
	spool.FastRetries(t)
	t.Run("store file", func(t *testing.T) {
		dir := t.TempDir()
		forgeMessages(t, payoneGate(gatetest.PayonePortalKey, dir), "file:"+dir, "hookgate.spool.HOOKGATE_PAYONE")
	})
	t.Run("store nats", func(t *testing.T) {
		url := gatetest.NATS(t)
		stream := gatetest.UniqueStream(t, url)
		gate := fmt.Sprintf(`webhook_verify payone {
			secret %s
			verified_header X-Webhook-Verified
			spool {
				store nats %s
				stream %s
				key %s
			}
		}`, gatetest.PayonePortalKey, url, stream, testNATSKey)
		forgeMessages(t, gate, "nats:"+url, "hookgate.spool."+stream)
	})
}

// forgeMessages runs a gate (gate is its webhook_verify block) whose
// store is storeKey, publishes forged messages on subject, and checks
// they are dead-lettered, never delivered nor redriven.
func forgeMessages(t *testing.T, gate, storeKey, subject string) {
	up := newSwitchableUpstream(t)
	up.up()
	port := gatetest.FreePort(t)
	site := gatetest.ErrorsSite + fmt.Sprintf(`
	handle /payone {
		%s
		reverse_proxy %s
	}`, gate, up.addr)
	gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, site, port)
	op := spool.OnlySpool(t)

	forged := map[string]string{
		"Hookgate-Method":   "POST",
		"Hookgate-Uri":      "/payone",
		"Hookgate-Host":     fmt.Sprintf("127.0.0.1:%d", port),
		"Hookgate-Remote":   "185.60.20.10:1234",
		"Hookgate-Server":   "srv0",
		"Hookgate-Listen":   fmt.Sprintf(":%d", port),
		"Hookgate-Proto":    "HTTP/1.1",
		"Hookgate-Provider": "payone",
		"Hookgate-Received": time.Now().UTC().Format(time.RFC3339Nano),
		// {"Content-Type": ["application/x-www-form-urlencoded"], "X-Webhook-Verified": ["payone"]}, values base64
		"Hookgate-Header": `{"Content-Type":["YXBwbGljYXRpb24veC13d3ctZm9ybS11cmxlbmNvZGVk"],"X-Webhook-Verified":["cGF5b25l"]}`,
	}
	withMAC := func(mac string) map[string]string {
		h := map[string]string{"Hookgate-Mac": mac}
		for k, v := range forged {
			h[k] = v
		}
		return h
	}
	for i, h := range []map[string]string{
		forged,
		withMAC("v1 " + strings.Repeat("00", 32)),
		withMAC("garbage"),
	} {
		spool.PublishRaw(t, storeKey, subject, h, []byte(fmt.Sprintf("forged=%d&txaction=paid", i)))
	}
	waitSpool(t, op, 0, 3, 5*time.Second)
	es, _ := op.List(t.Context(), spool.StateDead, 10)
	for _, e := range es {
		if !strings.Contains(e.LastError, "message authentication failed") {
			t.Errorf("dead letter %s: reason %q, want message authentication failed", e.ID, e.LastError)
		}
		if err := op.Redrive(t.Context(), e.ID); err == nil {
			t.Errorf("a forged dead letter %s was redriven", e.ID)
		}
	}

	time.Sleep(500 * time.Millisecond)
	if got := up.received(); len(got) != 0 {
		t.Errorf("%d forged messages reached the app: %+v", len(got), got)
	}
}

// TestSpoolRefusedByAnotherRoute: after a reload gives tenant A's path to
// tenant B's route (A's route lives on elsewhere), A's stored delivery
// reaches B's webhook_verify, which refuses it: it is dead-lettered at
// once, and neither app gets it.
func TestSpoolRefusedByAnotherRoute(t *testing.T) {
	spool.FastRetries(t)
	const keyA, keyB = "tenant-a-portal-key-1", "tenant-b-portal-key-2"
	upA, upB := newSwitchableUpstream(t), newSwitchableUpstream(t)
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	site := func(pathA, pathB string) string {
		return gatetest.ErrorsSite + fmt.Sprintf(`
	handle_path %s {
		%s
		reverse_proxy %s
	}
	handle_path %s {
		%s
		reverse_proxy %s
	}`, pathA, payoneGate(keyA, dir), upA.addr, pathB, payoneGate(keyB, dir), upB.addr)
	}
	g := gatetest.StartGateOnPort(t, nil, gatetest.TrustedLoopback, site("/a/*", "/b/*"), port)
	if rep := g.Post(t, "/a/payone", gatetest.PayoneHeader(), payoneDeliveryFor(keyA, 7)); rep.Body != "TSOK" {
		t.Fatalf("A's delivery: %d %q", rep.Status, rep.Body)
	}
	gatetest.Reload(t, gatetest.TrustedLoopback, site("/x/*", "/a/*"), port)
	upA.up()
	upB.up()
	op := spool.OnlySpool(t)
	waitSpool(t, op, 0, 1, 5*time.Second)
	es, _ := op.List(t.Context(), spool.StateDead, 10)
	if len(es) != 1 || !strings.Contains(es[0].LastError, "no longer reaches the route that verified it") {
		t.Errorf("dead letters %+v: want A's delivery, refused by B's route", es)
	}
	time.Sleep(300 * time.Millisecond)
	if a, b := len(upA.received()), len(upB.received()); a != 0 || b != 0 {
		t.Errorf("A's app got %d, B's app %d; want neither", a, b)
	}
}
