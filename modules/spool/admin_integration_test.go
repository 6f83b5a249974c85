package spool_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/modules/spool"
	"github.com/hookgate/hookgate/verifiers"
)

// startSpoolAdminGate runs Caddy in this process with its admin endpoint on
// and a stripe route spooling to a file store in dir, in front of up. It
// returns the gate and the admin address.
func startSpoolAdminGate(t *testing.T, up *gatetest.Upstream, dir, spoolOptions string) (*gatetest.Gate, string) {
	t.Helper()
	admin := fmt.Sprintf("127.0.0.1:%d", gatetest.FreePort(t))
	port := gatetest.FreePort(t)
	src := fmt.Sprintf(`{
	admin %s
	persist_config off
	auto_https off
	grace_period 1s
	log {
		output discard
	}
}
http://127.0.0.1:%d {
	handle /stripe {
		webhook_verify stripe {
			secret whsec_spool_admin_test
			# sent from loopback, in no published list
			source_ranges off
			spool {
				store file %s
				%s
			}
		}
		reverse_proxy %s
	}
}
`, admin, port, dir, spoolOptions, up.HostPort())
	cfg, err := gatetest.Adapt(t, src)
	if err != nil {
		t.Fatalf("adapting Caddyfile: %v\n%s", err, src)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading config: %v", err)
	}
	t.Cleanup(func() {
		caddy.Load([]byte(`{"admin":{"disabled":true,"config":{"persist":false}},"logging":{"logs":{"default":{"writer":{"output":"discard"}}}}}`), true)
		caddy.Stop()
	})
	g := &gatetest.Gate{Base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	g.WaitReady(t)
	(&gatetest.Gate{Base: "http://" + admin}).WaitReady(t)
	return g, admin
}

// signedStripe is a delivery signed as Stripe would sign it.
func signedStripe(t *testing.T, body string) (http.Header, []byte) {
	t.Helper()
	p, _ := verifiers.Lookup("stripe")
	m := &verifiers.Message{Header: http.Header{}, Body: []byte(body)}
	if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("whsec_spool_admin_test")}}, m); err != nil {
		t.Fatal(err)
	}
	m.Header.Set("Content-Type", "application/json")
	return m.Header, m.Body
}

// adminCall sends one request to the admin endpoint and decodes a JSON
// answer into v (when not nil).
func adminCall(t *testing.T, admin, method, path string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(method, "http://"+admin+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if v != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

// waitList polls the admin API until the listing in state has n entries.
func waitList(t *testing.T, admin, state string, n int) []spool.Entry {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var list []spool.Entry
		adminCall(t, admin, http.MethodGet, "/webhook/spool?state="+state, &list)
		if len(list) == n {
			return list
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d %s entries after 15s, want %d: %+v", len(list), state, n, list)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSpoolAdminRealSpool: through a real gate's admin API, a delivery the
// app kept refusing is listed as a dead letter with its signature
// redacted, shown with its body on request, and redriven: it then reaches
// the app byte for byte with its original headers. A pending delivery
// dropped through the API never reaches the app.
func TestSpoolAdminRealSpool(t *testing.T) {
	spool.FastRetries(t)
	up := gatetest.StartUpstream(t)
	up.SetStatus(http.StatusInternalServerError)
	g, admin := startSpoolAdminGate(t, up, t.TempDir(), "retry_for 1s")

	header, body := signedStripe(t, `{"id":"evt_redrive","type":"invoice.paid"}`)
	if rep := g.Post(t, "/stripe", header, body); rep.Status != http.StatusOK {
		t.Fatalf("gate answered %d %q, want the acknowledgement", rep.Status, rep.Body)
	}
	dead := waitList(t, admin, spool.StateDead, 1)[0]
	refused := len(up.Got())
	if refused == 0 {
		t.Fatal("the app never saw the delivery before it was dead-lettered")
	}
	if dead.Provider != "stripe" || dead.URI != "/stripe" || dead.Size != len(body) || dead.Attempts < 1 || dead.Body != nil ||
		!strings.Contains(dead.LastError, "500") {
		t.Errorf("dead letter: %+v", dead)
	}
	if got := dead.Header.Get("Stripe-Signature"); got != redactlog.Redacted {
		t.Errorf("Stripe-Signature listed as %q, want %s", got, redactlog.Redacted)
	}

	var shown spool.Entry
	if s := adminCall(t, admin, http.MethodGet, "/webhook/spool/"+dead.ID+"?body=1", &shown); s != http.StatusOK || !bytes.Equal(shown.Body, body) {
		t.Fatalf("show with body: %d, body %q", s, shown.Body)
	}
	if shown.Header.Get("Stripe-Signature") != redactlog.Redacted {
		t.Errorf("shown with the signature: %v", shown.Header)
	}

	// The app is fixed; redrive.
	up.SetStatus(http.StatusOK)
	if s := adminCall(t, admin, http.MethodPost, "/webhook/spool/"+dead.ID+"/redrive", nil); s != http.StatusAccepted {
		t.Fatalf("redrive: %d", s)
	}
	deadline := time.Now().Add(15 * time.Second)
	for len(up.Got()) == refused {
		if time.Now().After(deadline) {
			t.Fatal("the redriven delivery did not reach the app within 15s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitList(t, admin, "", 0)
	got := up.Got()
	last := got[len(got)-1]
	if len(got) != refused+1 || !bytes.Equal(last.Body, body) || last.Header.Get("Stripe-Signature") != header.Get("Stripe-Signature") {
		t.Errorf("after the redrive the app got %d more, body %q, signature %q", len(got)-refused, last.Body, last.Header.Get("Stripe-Signature"))
	}
	if adminCall(t, admin, http.MethodGet, "/webhook/spool/"+dead.ID, nil) != http.StatusNotFound {
		t.Error("the redriven dead letter is still there")
	}

	// A pending delivery dropped through the API is never delivered.
	up.SetStatus(http.StatusServiceUnavailable)
	header, body = signedStripe(t, `{"id":"evt_drop","type":"invoice.paid"}`)
	if rep := g.Post(t, "/stripe", header, body); rep.Status != http.StatusOK {
		t.Fatalf("gate answered %d %q", rep.Status, rep.Body)
	}
	pending := waitList(t, admin, spool.StatePending, 1)[0]
	if s := adminCall(t, admin, http.MethodDelete, "/webhook/spool/"+pending.ID, nil); s != http.StatusOK {
		t.Fatalf("drop: %d", s)
	}
	time.Sleep(200 * time.Millisecond) // an attempt under way when it was dropped ends
	before := len(up.Got())
	up.SetStatus(http.StatusOK)
	time.Sleep(1500 * time.Millisecond) // several retry periods
	waitList(t, admin, "", 0)
	for _, r := range up.Got()[before:] {
		if bytes.Equal(r.Body, body) && r.Header.Get("Stripe-Signature") != "" {
			t.Fatal("a dropped delivery reached the app")
		}
	}
	if adminCall(t, admin, http.MethodPost, "/webhook/spool/"+pending.ID+"/redrive", nil) != http.StatusNotFound {
		t.Error("a dropped delivery can still be redriven")
	}

	// The dashboard's spool panels query metrics this run made: every
	// hookgate_spool_* name they use is served (but the store failures,
	// which need a store that fails).
	resp, err := http.Get("http://" + admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	served, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	dash, err := os.ReadFile("../../examples/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`hookgate_spool_[a-z_]+`).FindAllString(string(dash), -1)
	if len(names) == 0 {
		t.Fatal("the dashboard queries no spool metric")
	}
	for _, name := range names {
		if name != "hookgate_spool_store_failures_total" && !regexp.MustCompile(`(?m)^`+name+`\{`).Match(served) {
			t.Errorf("the dashboard queries %s, which the gate does not serve", name)
		}
	}
}
