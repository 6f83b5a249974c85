package webhookverify

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestSpooledDeliveryVerifiedHeader: a delivery the spool stored before
// the route set a verified header reaches the app, once the route sets
// one, with the gate's value: the spool's stored headers are not taken
// on trust (spool.go, serveSpooled).
func TestSpooledDeliveryVerifiedHeader(t *testing.T) {
	up := gatetest.StartUpstream(t)
	up.SetStatus(http.StatusServiceUnavailable) // the app is down: the delivery stays in the spool
	dir := t.TempDir()
	port := gatetest.FreePort(t)
	site := func(extra string) string {
		return `
	handle /kkiapay {
		webhook_verify kkiapay {
			secret kk-secret-0123
			allow_ip 127.0.0.1/32
			` + extra + `
			spool {
				store file ` + dir + `
			}
		}
		reverse_proxy UPSTREAM
	}`
	}
	g := gatetest.StartGateOnPort(t, up, "", site(""), port)
	header := http.Header{"X-Kkiapay-Secret": {"kk-secret-0123"}, "Content-Type": {"application/json"}}
	if r := g.Post(t, "/kkiapay", header, []byte(`{"transactionId":"t1"}`)); r.Status != http.StatusOK {
		t.Fatalf("storing: %d %s", r.Status, r.Body)
	}
	waitSpooled(t, "a first attempt", func() bool { return len(up.Got()) > 0 })

	// The route now sets the verified header, and the app is back.
	gatetest.StartGateOnPort(t, up, "", site("verified_header X-Webhook-Verified"), port)
	up.SetStatus(http.StatusOK)
	var last gatetest.Received
	waitSpooled(t, "a delivery with the verified header", func() bool {
		got := up.Got()
		last = got[len(got)-1]
		return len(got) > 1 && last.Header.Get("X-Webhook-Verified") != ""
	})
	if vs := last.Header.Values("X-Webhook-Verified"); len(vs) != 1 || vs[0] != "kkiapay" {
		t.Errorf("the app got X-Webhook-Verified %q, want [kkiapay]", vs)
	}
	if !strings.Contains(string(last.Body), "t1") {
		t.Errorf("the app got %q, not the stored delivery", last.Body)
	}
}

// waitSpooled polls cond for up to 30 s (the spool retries after a backoff).
func waitSpooled(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
