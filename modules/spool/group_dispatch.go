package spool

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// Delivering a group (group.go): its deliveries are attempted one after
// the other, in the order they were stored, in the slot the group took.
//   - All delivered or dead-lettered: the group is acknowledged.
//   - None: the group is retried as a whole, with the backoff of a
//     delivery alone. When the app is unavailable, the first failure ends
//     the round: the rest of the group waits with it.
//   - Some: what is left is stored again as a group (or alone) and then the
//     old group is acknowledged, so that what was delivered is never sent
//     again; the new message waits for its retry time before it is tried.
//     A crash in between leaves both, and the delivered ones go again: as
//     with a delivery alone whose app answered just before the crash.
// A stop (reload, shutdown) ends the round after the attempt in flight,
// and what is left is stored again the same way.

// acceptGroup is the attempt of a group the consumer handed out (see
// accept).
func (s *Spool) acceptGroup(ctx, hard context.Context, msg jetstream.Msg, seq uint64, meta *jetstream.MsgMetadata) func() jetstream.Msg {
	if v, _ := s.flow.admit(msg, seq, ""); v != verdictGo { // an operator is acting on it
		msg.NakWithDelay(spoolBlockedRecheck)
		return nil
	}
	return func() jetstream.Msg {
		s.flow.finish(seq, s.handleGroup(ctx, hard, msg, seq, meta))
		return nil
	}
}

// handleGroup runs one round of a group's deliveries and reports whether
// the group is finished here.
func (s *Spool) handleGroup(ctx, hard context.Context, msg jetstream.Msg, seq uint64, meta *jetstream.MsgMetadata) bool {
	prev, known := s.flow.attempts.Load(seq)
	last, _ := prev.(spoolAttempt)
	attempts := last.attempts
	if !known {
		attempts = int(meta.NumDelivered) - 1 // taken before this process knew it
	}
	items, err := s.itemsOf(msg.Subject(), msg.Headers(), msg.Data())
	if err != nil {
		return s.deadLetter(hard, msg, nil, attempts, err.Error())
	}
	opCtx, cancel := context.WithTimeout(context.WithoutCancel(hard), spoolOpTimeout)
	defer cancel()
	var (
		left     []groupItem
		failed   tried // the last failed attempt
		finished int
		earliest time.Time // of the deadlines of what is left
	)
	for i, it := range items {
		if ctx.Err() != nil || failed.unavailable {
			left = append(left, it) // stopping, or the app is down: not tried this round
			continue
		}
		id := groupEntryID(seq, i+1)
		d, perr := s.admit(it.header, it.body)
		var r tried
		n := attempts // counting this round's, if it is tried
		switch {
		case perr != nil:
			r.dead = perr.Error()
		case !s.now().Before(d.Received.Add(s.retryFor)) && attempts > 0:
			r.dead = retryForPassed(last)
		default:
			r, n = s.try(hard, d, id, d.Received.Add(s.retryFor), last), attempts+1
			if r.reason != "" && !s.now().Before(d.Received.Add(s.retryFor)) {
				r.dead = r.reason // its time is over
			}
		}
		switch {
		case r.delivered:
			finished++
			s.delivered()
			continue
		case r.dead != "":
			if s.publishDead(opCtx, it.header, it.body, d, id, n, r.dead) == nil {
				finished++
				continue
			}
			r.reason = "dead-lettering failed"
		}
		left = append(left, it)
		if r.reason != "" {
			failed = r
		}
		if d != nil && (earliest.IsZero() || d.Received.Before(earliest)) {
			earliest = d.Received
		}
	}
	switch {
	case len(left) == 0:
		if err := msg.DoubleAck(opCtx); err != nil {
			s.logger.Warn("spool: acknowledging a delivered group failed; it may be delivered again",
				zap.String("spool", s.name), zap.String("id", entryID(false, seq)), zap.Error(err))
		}
		return true
	case finished == 0 && failed.reason == "":
		msg.Nak() // stopping before any of it was tried: the next configuration has it
		return false
	case finished == 0:
		s.retryLater(msg, seq, entryID(false, seq), attempts+1, failed, cmp.Or(earliest, s.now()).Add(s.retryFor))
		return false
	}
	return s.regroup(opCtx, msg, seq, left, attempts, failed, cmp.Or(earliest, s.now()).Add(s.retryFor))
}

// regroup stores again what is left of group seq, then acknowledges the
// group. The new message is not tried before the backoff of the failed
// attempt is over.
func (s *Spool) regroup(ctx context.Context, msg jetstream.Msg, seq uint64, left []groupItem, attempts int, failed tried, deadline time.Time) bool {
	for i := range left {
		left[i].header = withoutNATSHeaders(left[i].header)
	}
	ack, err := s.pub.PublishMsg(ctx, s.groupMessage(left), jetstream.WithExpectStream(s.stream))
	if err != nil {
		s.logger.Warn("spool: storing the rest of a partly delivered group failed; the whole group is retried, and what was delivered goes again",
			zap.String("spool", s.name), zap.String("id", entryID(false, seq)), zap.Error(err))
		msg.NakWithDelay(spoolBackoff.base)
		return false
	}
	a := spoolAttempt{attempts: attempts}
	if failed.reason != "" {
		wait := min(backoff(attempts+1), max(deadline.Sub(s.now()), 0))
		a = spoolAttempt{attempts: attempts + 1, lastErr: failed.reason, next: s.now().Add(wait), notBefore: s.now().Add(wait)}
		spoolMetrics.retries.WithLabelValues(s.provider).Inc()
	}
	s.flow.attempts.Store(ack.Sequence, a)
	if err := msg.DoubleAck(ctx); err != nil {
		s.logger.Warn("spool: acknowledging a partly delivered group failed; it may be delivered again",
			zap.String("spool", s.name), zap.String("id", entryID(false, seq)), zap.Error(err))
	}
	s.logger.Info("spool: part of a group delivered; the rest is stored again",
		zap.String("provider", s.provider), zap.String("id", entryID(false, seq)),
		zap.String("rest", entryID(false, ack.Sequence)), zap.Int("left", len(left)), zap.String("reason", failed.reason))
	return true
}

// notDue hands msg back when it was stored again by regroup and its retry
// time has not come.
func (s *Spool) notDue(msg jetstream.Msg, seq uint64) bool {
	v, ok := s.flow.attempts.Load(seq)
	if !ok {
		return false
	}
	a := v.(spoolAttempt)
	wait := a.notBefore.Sub(s.now())
	if wait <= 0 {
		return false
	}
	msg.NakWithDelay(wait)
	return true
}

// withoutNATSHeaders is h without the publish's own headers (message ID):
// a delivery stored again must not be taken for a copy of itself.
func withoutNATSHeaders(h nats.Header) nats.Header {
	out := make(nats.Header, len(h))
	for k, v := range h {
		if !strings.HasPrefix(k, "Nats-") {
			out[k] = v
		}
	}
	return out
}

// retryForPassed is why a delivery whose retry_for passed between its
// attempts is dead-lettered: what its last attempt said.
func retryForPassed(last spoolAttempt) string {
	if last.waiting {
		return "retry_for passed"
	}
	return cmp.Or(last.lastErr, "retry_for passed")
}
