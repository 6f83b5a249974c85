package webhookverify

import (
	"errors"
	"net/http"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/recent"
	"github.com/prometheus/client_golang/prometheus"
)

// webhookMetrics are hookgate's collectors. They are created once per
// process and registered into the registry of every config that uses
// webhook_verify, so counters keep counting across config reloads (as
// Caddy's own reverse_proxy metrics do) and every route of a config shares
// the same series.
var webhookMetrics = struct {
	deliveries *prometheus.CounterVec
	duration   *prometheus.HistogramVec
}{
	deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate",
		Name:      "deliveries_total",
		Help:      "Webhook deliveries seen by webhook_verify, by provider and outcome (accepted or the check that refused it).",
	}, []string{"provider", "outcome"}),
	duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "hookgate",
		Name:      "verify_duration_seconds",
		Help:      "Time webhook_verify adds to a delivery: from receiving the request to passing it on or refusing it, body read included.",
		// From 50µs (a token compare) to 1s (a slow sender's body).
		Buckets: []float64{.00005, .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
	}, []string{"provider"}),
}

// registerMetrics adds hookgate's collectors to the registry Caddy serves
// (the admin endpoint's /metrics and the `metrics` handler). Each config
// load has a registry of its own, and several routes of one config
// register into the same one: an AlreadyRegisteredError for our own
// collector is therefore expected and ignored.
func registerMetrics(ctx caddy.Context) error {
	registry := ctx.GetMetricsRegistry()
	if registry == nil {
		return nil // a bare context (unit tests): nowhere to register
	}
	for _, c := range []prometheus.Collector{webhookMetrics.deliveries, webhookMetrics.duration} {
		if err := registry.Register(c); err != nil {
			var already prometheus.AlreadyRegisteredError
			if errors.As(err, &already) && already.ExistingCollector == c {
				continue
			}
			return err
		}
	}
	return nil
}

// begin marks the start of a delivery: it removes any forged copy of the
// verified header, then starts the delivery's state (the placeholders and
// the start time). It runs first in ServeHTTP, before any check.
func (h *Handler) begin(r *http.Request) {
	h.stripVerifiedHeader(r)
	newState(r, h.Provider)
}

// record counts a delivery's outcome, observes the time the handler spent
// on it and sets the outcome placeholder. Every path through ServeHTTP
// records exactly one outcome: refuse calls it, and so do the accepted and
// handshake paths. Replay protection calls it with outcomeReplay.
func (h *Handler) record(r *http.Request, outcome string) {
	webhookMetrics.deliveries.WithLabelValues(h.Provider, outcome).Inc()
	recent.Count(h.routeName(), h.Provider, outcome, time.Now())
	h.annotateSpan(r, outcome)
	if s := stateOf(r); s != nil {
		webhookMetrics.duration.WithLabelValues(h.Provider).Observe(time.Since(s.start).Seconds())
		s.outcome = outcome
	}
}

// routeName names the route for the console: where it was configured, or,
// in a JSON config without a location, its provider.
func (h *Handler) routeName() string {
	if h.Location != "" {
		return h.Location
	}
	return h.Provider
}
