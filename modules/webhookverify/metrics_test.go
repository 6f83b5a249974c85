package webhookverify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/hookgate/hookgate/verifiers"
)

// gathered returns the value of a counter series, or the sample count of a
// histogram series, in reg: -1 when the series is absent.
func gathered(t *testing.T, reg prometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatalf("gathering: %v", err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
	series:
		for _, m := range f.GetMetric() {
			got := map[string]string{}
			for _, l := range m.GetLabel() {
				got[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue series
				}
			}
			if h := m.GetHistogram(); h != nil {
				return float64(h.GetSampleCount())
			}
			return m.GetCounter().GetValue()
		}
	}
	return -1
}

// TestRegisterMetricsAgain: several routes of one config register into the
// same registry, and a reload registers into a fresh one; neither fails,
// and the fresh registry serves the counts from before the reload.
func TestRegisterMetricsAgain(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	defer cancel()
	for range 3 {
		if err := registerMetrics(ctx); err != nil {
			t.Fatalf("registering into the same registry again: %v", err)
		}
	}
	labels := map[string]string{"provider": "metrics-reload-test", "outcome": outcomeAccepted}
	webhookMetrics.deliveries.With(labels).Add(2)
	if got := gathered(t, ctx.GetMetricsRegistry(), "hookgate_deliveries_total", labels); got != 2 {
		t.Errorf("first registry: %v, want 2", got)
	}

	reloaded, cancel2 := caddy.NewContext(caddy.Context{Context: context.Background()})
	defer cancel2()
	if err := registerMetrics(reloaded); err != nil {
		t.Fatalf("registering after a reload: %v", err)
	}
	if got := gathered(t, reloaded.GetMetricsRegistry(), "hookgate_deliveries_total", labels); got != 2 {
		t.Errorf("registry after reload: %v, want 2 (counters survive reloads)", got)
	}
}

// TestRegisterMetricsConflict: a different collector under our name is an
// error, not a silent loss of metrics.
func TestRegisterMetricsConflict(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	defer cancel()
	impostor := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "hookgate_deliveries_total", Help: "x"}, []string{"provider", "outcome"})
	ctx.GetMetricsRegistry().MustRegister(impostor)
	if err := registerMetrics(ctx); err == nil {
		t.Fatal("registering next to a conflicting collector succeeded")
	}
}

// TestRecordOutcomes: every path through ServeHTTP counts exactly one
// outcome, with the provider label, and observes one duration.
func TestRecordOutcomes(t *testing.T) {
	h := &Handler{Provider: "kkiapay", Secrets: []string{"kk-secret"}, AllowIP: []string{"192.0.2.0/24"}, UserAgent: "KKiaPay", MaxBody: 64}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(webhookMetrics.deliveries, webhookMetrics.duration)

	tests := []struct {
		name, clientIP, ua, secret, body string
		want                             string
	}{
		{"genuine", "192.0.2.7", "KKiaPay", "kk-secret", "{}", outcomeAccepted},
		{"outside the allow-list", "198.51.100.1", "KKiaPay", "kk-secret", "{}", outcomeIPDenied},
		{"wrong User-Agent", "192.0.2.7", "Other", "kk-secret", "{}", outcomeUserAgentDenied},
		{"too large", "192.0.2.7", "KKiaPay", "kk-secret", strings.Repeat("x", 65), outcomeTooLarge},
		{"wrong secret", "192.0.2.7", "KKiaPay", "kk-guess", "{}", "bad_signature"},
		{"no secret", "192.0.2.7", "KKiaPay", "", "{}", "missing_signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, reg, h.Provider)
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			r.Header.Set("User-Agent", tt.ua)
			if tt.secret != "" {
				r.Header.Set("x-kkiapay-secret", tt.secret)
			}
			serve(t, h, tt.clientIP, r)
			after := snapshot(t, reg, h.Provider)
			for outcome, n := range after.counts {
				want := before.counts[outcome]
				if outcome == tt.want {
					want++
				}
				if n != want {
					t.Errorf("outcome %s: %v, want %v", outcome, n, want)
				}
			}
			if _, ok := after.counts[tt.want]; !ok {
				t.Errorf("outcome %s was not counted", tt.want)
			}
			if after.observed != before.observed+1 {
				t.Errorf("duration observations: %v, want %v", after.observed, before.observed+1)
			}
		})
	}
}

type metricsSnapshot struct {
	counts   map[string]float64 // by outcome
	observed float64
}

func snapshot(t *testing.T, reg prometheus.Gatherer, provider string) metricsSnapshot {
	t.Helper()
	s := metricsSnapshot{counts: map[string]float64{}}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["provider"] != provider {
				continue
			}
			switch f.GetName() {
			case "hookgate_deliveries_total":
				s.counts[labels["outcome"]] = m.GetCounter().GetValue()
			case "hookgate_verify_duration_seconds":
				s.observed = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return s
}

// TestRecordHandshake: a challenge the gate answers itself counts as
// "handshake", not "accepted", and never reaches the next handler.
func TestRecordHandshake(t *testing.T) {
	h := &Handler{Provider: "zoom", Secrets: []string{"zoom-secret-token"}}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(webhookMetrics.deliveries)
	labels := map[string]string{"provider": "zoom", "outcome": outcomeHandshake}
	before := gathered(t, reg, "hookgate_deliveries_total", labels)

	body := `{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1,"event":"endpoint.url_validation"}`
	m := &verifiers.Message{Body: []byte(body)}
	if err := h.preset.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("zoom-secret-token")}}, m); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header = m.Header
	nextRan, err := serve(t, h, "192.0.2.1", r)
	if err != nil || nextRan {
		t.Fatalf("handshake: err %v, next ran %v", err, nextRan)
	}
	if got := gathered(t, reg, "hookgate_deliveries_total", labels); got != max(before, 0)+1 {
		t.Errorf("handshake count %v, want %v", got, max(before, 0)+1)
	}
}
