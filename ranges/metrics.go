package ranges

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the package's collectors, by source, created once per
// process; Register adds them to a registry (Caddy's, at the call site).
var metrics = struct {
	refreshes   *prometheus.CounterVec
	failures    *prometheus.CounterVec
	changes     *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
	size        *prometheus.GaugeVec
}{
	refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "ranges", Name: "refreshes_total",
		Help: "Fetches of a provider's published source ranges that succeeded, by source.",
	}, []string{"source"}),
	failures: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "ranges", Name: "refresh_failures_total",
		Help: "Fetches of a provider's source ranges that failed (the last good list is kept), by source.",
	}, []string{"source"}),
	changes: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "ranges", Name: "changes_total",
		Help: "Fetches that changed the list in use, by source.",
	}, []string{"source"}),
	lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "hookgate", Subsystem: "ranges", Name: "last_success_timestamp_seconds",
		Help: "When the list in use was fetched (Unix time), by source; 0 while only the compiled-in snapshot is known.",
	}, []string{"source"}),
	size: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "hookgate", Subsystem: "ranges", Name: "prefixes",
		Help: "Address ranges in the list in use, by source.",
	}, []string{"source"}),
}

// Register adds the package's collectors to reg. Registering them again
// (every config load registers into its own registry, several routes into
// the same one) is expected and not an error.
func Register(reg prometheus.Registerer) error {
	if reg == nil {
		return nil
	}
	m := metrics
	for _, c := range []prometheus.Collector{m.refreshes, m.failures, m.changes, m.lastSuccess, m.size} {
		if err := reg.Register(c); err != nil {
			var already prometheus.AlreadyRegisteredError
			if errors.As(err, &already) && already.ExistingCollector == c {
				continue
			}
			return err
		}
	}
	return nil
}
