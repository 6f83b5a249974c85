package spool

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// TestSpoolGauges: pending count, oldest pending age and dead letters are
// read from the store.
func TestSpoolGauges(t *testing.T) {
	dir := t.TempDir()
	conn, err := openEmbeddedStore("file:"+dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { spoolStores.Delete("file:" + dir) })
	s := testSpool(conn, "HGTEST_GAUGES")
	s.provider = "gauge-test"
	if err := s.setUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.refreshGauges(t.Context()); err != nil {
		t.Fatal(err)
	}
	if p, o := metricValue(t, spoolMetrics.pending.WithLabelValues("gauge-test")), metricValue(t, spoolMetrics.oldest.WithLabelValues("gauge-test")); p != 0 || o != 0 {
		t.Errorf("empty spool: pending %v, oldest %v", p, o)
	}
	now := time.Now()
	for _, age := range []time.Duration{90 * time.Second, 30 * time.Second} {
		d := &spooledRequest{Method: "POST", URI: "/", Header: http.Header{}, Received: now.Add(-age)}
		if err := s.store(t.Context(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.refreshGauges(t.Context()); err != nil {
		t.Fatal(err)
	}
	if p := metricValue(t, spoolMetrics.pending.WithLabelValues("gauge-test")); p != 2 {
		t.Errorf("pending %v, want 2", p)
	}
	if o := metricValue(t, spoolMetrics.oldest.WithLabelValues("gauge-test")); o < 90 || o > 120 {
		t.Errorf("oldest pending age %vs, want about 90s", o)
	}
	if d := metricValue(t, spoolMetrics.deadNow.WithLabelValues("gauge-test")); d != 0 {
		t.Errorf("dead letters %v, want 0", d)
	}
}

// TestRegisterSpoolMetricsAgain: several routes and reloads register the
// same collectors without error.
func TestRegisterSpoolMetricsAgain(t *testing.T) {
	for range 2 {
		ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
		for range 2 {
			if err := registerSpoolMetrics(ctx); err != nil {
				t.Fatal(err)
			}
		}
		cancel()
	}
}

// metricValue is a gauge's or counter's current value.
func metricValue(t *testing.T, m prometheus.Metric) float64 {
	t.Helper()
	var out dto.Metric
	if err := m.Write(&out); err != nil {
		t.Fatal(err)
	}
	if out.Gauge != nil {
		return out.Gauge.GetValue()
	}
	return out.Counter.GetValue()
}
