package spool

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// One attempt of a delivery, and what follows a failed one: shared by the
// deliveries stored alone (dispatch.go) and those of a group
// (group_dispatch.go).

// tried is how one attempt went.
type tried struct {
	delivered   bool
	cut         bool   // cut off at the end of a stop's grace period: its outcome is unknown
	dead        string // why it is dead-lettered at once: its route is gone
	reason      string // why it failed, to be retried
	unavailable bool   // the app did not answer, or answered 502, 503, 504
}

// try makes one attempt of d (entry id), ending at attempt_timeout or at
// deadline (receipt + retry_for), whichever comes first. last is what the
// attempts before said.
func (s *Spool) try(ctx context.Context, d *spooledRequest, id string, deadline time.Time, last spoolAttempt) tried {
	end := s.now().Add(s.attemptTimeout)
	cutByRetryFor := false
	if deadline.After(s.now()) && deadline.Before(end) {
		end, cutByRetryFor = deadline, true
	}
	actx, cancel := context.WithTimeout(ctx, end.Sub(s.now()))
	status, err := s.deliver(actx, d, id)
	timedOut := actx.Err() != nil && ctx.Err() == nil
	cancel()
	switch {
	case ctx.Err() != nil:
		return tried{cut: true}
	case routeGone(err):
		return tried{dead: err.Error()}
	case err == nil && s.acked(status.code, status.body):
		return tried{delivered: true}
	}
	r := tried{reason: describeFailure(status, err), unavailable: unavailable(status, err)}
	switch {
	case timedOut && cutByRetryFor:
		r.reason = fmt.Sprintf("no answer before retry_for (%s) was over", s.retryFor)
		if last.lastErr != "" { // what the attempts before said: the operator's clue
			r.reason = last.lastErr + "; then " + r.reason
		}
	case timedOut:
		r.reason = fmt.Sprintf("no answer within attempt_timeout (%s)", s.attemptTimeout)
	}
	return r
}

// delivered counts a delivery the app took and, if the app was found
// unavailable before, wakes the deliveries parked meanwhile.
func (s *Spool) delivered() {
	spoolMetrics.delivered.WithLabelValues(s.provider).Inc()
	for _, reply := range s.flow.wake() { // the app is back
		s.conn.nc.Publish(reply, []byte("-NAK"))
	}
}

// retryLater hands msg (sequence seq, entry id) back for its attempt
// number attempt+1, after a backoff that ends by deadline at the latest.
func (s *Spool) retryLater(msg jetstream.Msg, seq uint64, id string, attempt int, r tried, deadline time.Time) {
	wait := min(backoff(attempt), max(deadline.Sub(s.now()), 0))
	s.flow.attempts.Store(seq, spoolAttempt{attempts: attempt, lastErr: r.reason, next: s.now().Add(wait)})
	spoolMetrics.retries.WithLabelValues(s.provider).Inc()
	s.logger.Info("spool: delivery failed; retrying",
		zap.String("provider", s.provider), zap.String("id", id), zap.Int("attempt", attempt),
		zap.String("reason", r.reason), zap.Duration("retry_in", wait))
	if err := msg.NakWithDelay(wait); err != nil {
		s.logger.Warn("spool: scheduling a retry failed; the delivery comes back after the ack wait",
			zap.String("spool", s.name), zap.Error(err))
	} else if r.unavailable {
		s.park(seq, msg.Reply(), true)
	}
}
