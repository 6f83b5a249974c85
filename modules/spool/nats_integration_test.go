package spool_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// testNATSKey is the spool key the tests' gates on one NATS share.
const testNATSKey = "test-spool-key-0123456789abcdef0123456789"

// TestSpoolTwoGatesShareNATS: two gate processes on one NATS JetStream
// stream share one spool: deliveries stored by either, while the app is
// down, are each delivered once, by one of them, once the app is up.
func TestSpoolTwoGatesShareNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Caddy processes")
	}
	url := gatetest.NATS(t)
	stream := gatetest.UniqueStream(t, url)
	up := newSwitchableUpstream(t)
	site := spoolConfig(fmt.Sprintf("spool {\n\t\t\t\tstore nats %s\n\t\t\t\tstream %s\n\t\t\t\tkey %s\n\t\t\t}", url, stream, testNATSKey))
	site = strings.ReplaceAll(site, "UPSTREAM", up.addr)
	a := newSpoolProcess(t, site)
	b := newSpoolProcess(t, site)

	const n = 40
	var bodies [][]byte
	for i := range n {
		g := a
		if i%2 == 1 {
			g = b
		}
		body := gatetest.PayoneDelivery(500 + i)
		bodies = append(bodies, body)
		if rep := g.Post(t, "/payone", gatetest.PayoneHeader(), body); rep.Status != 200 || rep.Body != "TSOK" {
			t.Fatalf("delivery %d: %d %q, want 200 TSOK", i, rep.Status, rep.Body)
		}
	}
	up.up()
	up.waitFor(t, n, 30*time.Second)
	time.Sleep(2 * time.Second) // anything more that would come
	seen := map[string]int{}
	for _, r := range up.received() {
		seen[string(r.Body)]++
	}
	for i, body := range bodies {
		if c := seen[string(body)]; c != 1 {
			t.Errorf("delivery %d arrived %d times, want once", i, c)
		}
	}
	if len(up.received()) != n {
		t.Errorf("the app got %d deliveries, want %d", len(up.received()), n)
	}
}
