package spool

import (
	"context"
	"errors"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
)

// spoolMetrics are the spool's collectors, per provider, created once per
// process and registered into every config's registry (as webhookMetrics).
// The gauges are what the store holds (shared by every gate of a cluster),
// refreshed every few seconds; the counters are what this gate did.
var spoolMetrics = struct {
	pending   *prometheus.GaugeVec
	oldest    *prometheus.GaugeVec
	deadNow   *prometheus.GaugeVec
	stored    *prometheus.CounterVec
	refused   *prometheus.CounterVec
	delivered *prometheus.CounterVec
	retries   *prometheus.CounterVec
	dead      *prometheus.CounterVec
}{
	pending: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "pending",
		Help: "Deliveries stored in the spool and not yet delivered, by provider.",
	}, []string{"provider"}),
	oldest: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "oldest_pending_age_seconds",
		Help: "Age of the oldest delivery awaiting delivery, by provider; 0 when none is pending.",
	}, []string{"provider"}),
	deadNow: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "dead_letters",
		Help: "Dead-lettered deliveries held, awaiting an operator, by provider.",
	}, []string{"provider"}),
	stored: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "stored_total",
		Help: "Verified deliveries stored in the spool and acknowledged to the provider, by provider.",
	}, []string{"provider"}),
	refused: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "store_failures_total",
		Help: "Verified deliveries that could not be stored (store down, disk full, max_pending reached) and got 503, by provider.",
	}, []string{"provider"}),
	delivered: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "deliveries_total",
		Help: "Spooled deliveries the upstream took, by provider.",
	}, []string{"provider"}),
	retries: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "retries_total",
		Help: "Delivery attempts that failed and were scheduled again, by provider.",
	}, []string{"provider"}),
	dead: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "hookgate", Subsystem: "spool", Name: "dead_letters_total",
		Help: "Deliveries dead-lettered once retry_for had passed, by provider.",
	}, []string{"provider"}),
}

// registerSpoolMetrics adds the spool's collectors to the config's
// registry; registering them again is expected and ignored.
func registerSpoolMetrics(ctx caddy.Context) error {
	registry := ctx.GetMetricsRegistry()
	if registry == nil {
		return nil
	}
	m := spoolMetrics
	for _, c := range []prometheus.Collector{m.pending, m.oldest, m.deadNow, m.stored, m.refused, m.delivered, m.retries, m.dead} {
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

// watch refreshes the gauges until ctx is done.
func (s *Spool) watch(ctx context.Context) {
	t := time.NewTicker(spoolGaugeEvery)
	defer t.Stop()
	for {
		if err := s.refreshGauges(ctx); err != nil && ctx.Err() == nil {
			s.logger.Debug("spool: reading the store's state failed", zap.String("spool", s.name), zap.Error(err))
		}
		s.forgetStaleAttempts()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// refreshGauges sets the pending, oldest-age and dead-letter gauges from
// the streams' state.
func (s *Spool) refreshGauges(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, spoolOpTimeout)
	defer cancel()
	pending, oldest, err := s.pendingState(ctx)
	if err != nil {
		return err
	}
	spoolMetrics.pending.WithLabelValues(s.provider).Set(float64(pending))
	age := 0.0
	if !oldest.IsZero() {
		age = max(s.now().Sub(oldest).Seconds(), 0)
	}
	spoolMetrics.oldest.WithLabelValues(s.provider).Set(age)
	st, err := s.js.Stream(ctx, s.deadStream)
	if err != nil {
		return err
	}
	spoolMetrics.deadNow.WithLabelValues(s.provider).Set(float64(st.CachedInfo().State.Msgs))
	return nil
}

// pendingState is how many deliveries are pending (a group counting for
// its deliveries) and when the oldest was received (zero when none is).
func (s *Spool) pendingState(ctx context.Context) (int, time.Time, error) {
	n, err := s.pendingDeliveries(ctx)
	if err != nil || n == 0 {
		return n, time.Time{}, err
	}
	st, err := s.js.Stream(ctx, s.stream)
	if err != nil {
		return n, time.Time{}, err
	}
	msg, err := st.GetMsg(ctx, st.CachedInfo().State.FirstSeq, jetstream.WithGetMsgSubject(">"))
	if err != nil {
		return n, time.Time{}, err
	}
	oldest := msg.Time
	if items, err := s.itemsOf(msg.Subject, msg.Header, msg.Data); err == nil {
		for _, it := range items {
			if d, err := parseSpooled(it.header, nil); err == nil && (oldest.IsZero() || d.Received.Before(oldest)) {
				oldest = d.Received
			}
		}
	}
	return n, oldest, nil
}

// forgetStaleAttempts drops what this gate remembers of attempts that
// should have been retried long ago: another gate (store nats) completed
// or dead-lettered them.
func (s *Spool) forgetStaleAttempts() {
	stale := s.now().Add(-spoolBackoff.max - time.Hour)
	s.attempts.Range(func(k, v any) bool {
		if a := v.(spoolAttempt); a.next.Before(stale) {
			s.attempts.Delete(k.(uint64))
		}
		return true
	})
}
