package spool

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"
)

// FastRetries shortens the spool's backoff for the test.
func FastRetries(t *testing.T) {
	t.Helper()
	saved, savedEvery := spoolBackoff, spoolGaugeEvery
	spoolBackoff.base, spoolBackoff.max = 50*time.Millisecond, 400*time.Millisecond
	spoolGaugeEvery = 100 * time.Millisecond
	t.Cleanup(func() { spoolBackoff, spoolGaugeEvery = saved, savedEvery })
}

// OperatorsNow are the registered spools.
func OperatorsNow() []Operator {
	spoolOperators.Lock()
	defer spoolOperators.Unlock()
	var out []Operator
	for _, op := range spoolOperators.byName {
		out = append(out, op)
	}
	return out
}

// OnlySpool is the one registered spool.
func OnlySpool(t *testing.T) Operator {
	t.Helper()
	ops := OperatorsNow()
	if len(ops) != 1 {
		t.Fatalf("%d spools registered, want 1", len(ops))
	}
	return ops[0]
}

// CountEntries counts a spool's entries in state.
func CountEntries(t *testing.T, op Operator, state string) int {
	t.Helper()
	es, err := op.List(context.Background(), state, 1000000)
	if err != nil {
		t.Fatalf("listing %s entries: %v", state, err)
	}
	return len(es)
}

// Metric is the value for provider of one of the spool's metrics, by its
// field name in spoolMetrics (delivered, retries, dead, deadNow, ...).
func Metric(t *testing.T, name, provider string) float64 {
	t.Helper()
	var m prometheus.Metric
	switch name {
	case "pending":
		m = spoolMetrics.pending.WithLabelValues(provider)
	case "oldest":
		m = spoolMetrics.oldest.WithLabelValues(provider)
	case "deadNow":
		m = spoolMetrics.deadNow.WithLabelValues(provider)
	case "stored":
		m = spoolMetrics.stored.WithLabelValues(provider)
	case "refused":
		m = spoolMetrics.refused.WithLabelValues(provider)
	case "delivered":
		m = spoolMetrics.delivered.WithLabelValues(provider)
	case "retries":
		m = spoolMetrics.retries.WithLabelValues(provider)
	case "dead":
		m = spoolMetrics.dead.WithLabelValues(provider)
	default:
		t.Fatalf("no spool metric %q", name)
	}
	return metricValue(t, m)
}

// SetAckWait sets, for the test, how long a taken delivery waits for its
// gate's acknowledgement before another gate may take it.
func SetAckWait(t *testing.T, d time.Duration) {
	saved := spoolAckWait
	spoolAckWait = d
	t.Cleanup(func() { spoolAckWait = saved })
}

// AckWait is the current ack wait.
func AckWait() time.Duration { return spoolAckWait }

// StoreReferences is how many routes hold the store of key ("file:<dir>").
func StoreReferences(key string) (int, bool) { return spoolStores.References(key) }

// SharedStore is the open store of key, without keeping a reference.
func SharedStore(key string) any {
	v, _, _ := spoolStores.LoadOrNew(key, nil)
	spoolStores.Delete(key)
	return v
}

// ReleaseStore drops one reference to the store of key.
func ReleaseStore(key string) { spoolStores.Delete(key) }

// TakeAndAbandon is a gate that dies: on the file store in dir it stores
// a payone delivery of body and header as received on port, takes it for
// delivery and never acknowledges it. The store keeps the reference the
// dying gate held until the test releases it (ReleaseStore).
func TakeAndAbandon(t *testing.T, dir string, port int, body []byte, header http.Header) {
	t.Helper()
	conn, err := openEmbeddedStore("file:"+dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	dying := testSpool(conn, "HOOKGATE_PAYONE")
	dying.provider = "payone"
	key, err := loadKey(&Config{}, nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	dying.key = key
	dying.routes = key.routeIdentities("payone", nil, [][]byte{[]byte(gatetest.PayonePortalKey)})
	if err := dying.setUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	d := &spooledRequest{Method: "POST", URI: "/payone", Host: fmt.Sprintf("127.0.0.1:%d", port), Remote: "127.0.0.1:40000",
		Server: "srv0", Listen: fmt.Sprintf(":%d", port), Header: header, Body: body, Received: time.Now(),
		Route: dying.routes[0], VerifiedHeader: "X-Webhook-Verified"}
	if err := dying.store(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	cons, err := dying.js.Consumer(t.Context(), dying.stream, spoolConsumer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cons.Next(); err != nil {
		t.Fatal(err)
	}
}

// ServeAdmin runs the admin API's router on one request.
func ServeAdmin(w http.ResponseWriter, r *http.Request) error { return adminSpool{}.serveHTTP(w, r) }

// MaxIDLen is the longest delivery ID the admin API takes.
const MaxIDLen = maxSpoolIDLen

// PublishRaw publishes a message of header and body on subject of the
// open store of key ("file:<dir>"), as anyone allowed to publish there
// could.
func PublishRaw(t *testing.T, key, subject string, header map[string]string, body []byte) {
	t.Helper()
	v, _, _ := spoolStores.LoadOrNew(key, nil)
	defer spoolStores.Delete(key)
	conn, ok := v.(*spoolConn)
	if !ok {
		t.Fatalf("no open store %s", key)
	}
	m := nats.NewMsg(subject)
	m.Data = body
	for k, v := range header {
		m.Header[k] = []string{v}
	}
	if _, err := conn.js.PublishMsg(t.Context(), m); err != nil {
		t.Fatalf("publishing: %v", err)
	}
}

// GroupNext makes the spool's next write wait until n deliveries are
// there to be stored together (up to 10 s), as deliveries arriving while
// the store writes would.
func GroupNext(t *testing.T, n int) {
	t.Helper()
	var once sync.Once
	hook := func(waiting func() int) {
		once.Do(func() {
			deadline := time.Now().Add(10 * time.Second)
			for waiting() < n-1 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	beforeGroup.Store(&hook)
	t.Cleanup(func() { beforeGroup.Store(nil) })
}
