package spool

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// How a failed attempt goes on: its retry's backoff, or the dead-letter
// stream.

// deadLetter moves a delivery to the dead-letter stream, then removes it
// from the pending one. A crash in between leaves it in both: never in
// neither.
func (s *Spool) deadLetter(ctx context.Context, msg jetstream.Msg, d *spooledRequest, attempts int, reason string) bool {
	id := ""
	if meta, err := msg.Metadata(); err == nil {
		id = entryID(false, meta.Sequence.Stream)
	}
	pctx, cancel := context.WithTimeout(ctx, spoolOpTimeout)
	defer cancel()
	if err := s.publishDead(pctx, msg.Headers(), msg.Data(), d, id, attempts, reason); err != nil {
		msg.NakWithDelay(spoolBackoff.base)
		return false
	}
	if err := msg.DoubleAck(pctx); err != nil {
		s.logger.Warn("spool: removing a dead-lettered delivery from the pending ones failed; it may be dead-lettered twice",
			zap.String("spool", s.name), zap.Error(err))
	}
	return true
}

// publishDead stores a delivery (entry id, headers h, body; d when it
// could be read) in the dead-letter stream, and logs and counts it.
func (s *Spool) publishDead(ctx context.Context, h nats.Header, body []byte, d *spooledRequest, id string, attempts int, reason string) error {
	dl := nats.NewMsg(s.deadSubject)
	dl.Data = body
	for k, v := range h {
		if !strings.HasPrefix(k, "Nats-") { // the publish's own: message ID, expected stream
			dl.Header[k] = v
		}
	}
	dl.Header[spoolHeaderAttempts] = []string{strconv.Itoa(max(attempts, 0))}
	dl.Header[spoolHeaderError] = []string{reason}
	dl.Header[spoolHeaderDead] = []string{s.now().UTC().Format(time.RFC3339Nano)}
	if _, err := s.pub.PublishMsg(ctx, dl); err != nil {
		s.logger.Error("spool: dead-lettering failed; retrying later", zap.String("spool", s.name), zap.Error(err))
		return err
	}
	spoolMetrics.dead.WithLabelValues(s.provider).Inc()
	fields := []zap.Field{zap.String("provider", s.provider), zap.Int("attempts", attempts), zap.String("reason", reason)}
	if id != "" {
		fields = append(fields, zap.String("id", id))
	}
	if d != nil {
		fields = append(fields, zap.Time("received", d.Received))
	}
	s.logger.Error("spool: delivery dead-lettered", fields...)
	return nil
}

// unavailable reports whether a failed attempt found the app unavailable
// rather than refusing the delivery: no answer, or 502, 503, 504.
func unavailable(a answer, err error) bool {
	return err != nil || a.code == http.StatusBadGateway || a.code == http.StatusServiceUnavailable || a.code == http.StatusGatewayTimeout
}

// describeFailure says why an attempt did not complete the delivery.
func describeFailure(a answer, err error) string {
	if err != nil {
		return err.Error()
	}
	if a.code >= 200 && a.code < 300 {
		return fmt.Sprintf("status %d without the expected acknowledgement", a.code)
	}
	return fmt.Sprintf("status %d", a.code)
}

// backoff is the delay before attempt+1: exponential from spoolBackoff.base,
// capped at spoolBackoff.max, with full jitter in its upper half.
func backoff(attempt int) time.Duration {
	d := spoolBackoff.base << min(max(attempt-1, 0), 30)
	if d <= 0 || d > spoolBackoff.max {
		d = spoolBackoff.max
	}
	return d/2 + rand.N(d/2+1)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// park remembers a delivery handed back to wait for its retry, so that the
// first delivery after an outage can wake it at once (flow.go). Only on a
// spool this gate alone takes from: on a shared NATS stream another gate
// may hold the delivery by the time it would be woken, and a late NAK
// would have the server hand it out twice.
func (s *Spool) park(seq uint64, reply string, outage bool) {
	if !s.shared {
		s.flow.park(seq, reply, outage)
	}
}
