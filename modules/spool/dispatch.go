package spool

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// Delivering the spool.
//
// A stored delivery goes to the same place the route would have sent it:
// the dispatcher rebuilds the request (method, URI, Host, headers, body,
// client address, TLS or not) and serves it through the route's own Caddy
// server, found by its listener addresses (or, failing that, its name) in
// the running configuration.
// The request carries a spoolMarker in its context (a context value of an
// unexported type, which no client can send), so the route's webhook_verify, seeing the
// marker of its own spool, calls the rest of the route directly: the
// checks already passed when the delivery was received. Whatever the rest
// of the route does (reverse_proxy, headers, rewrites) happens as it would
// have, and its answer is recorded. A 2xx (for payone: with TSOK) completes
// the delivery; anything else is retried with exponential backoff and full
// jitter until retry_for from receipt has passed, then dead-lettered.
//
// Each gate runs one dispatcher per spool, taking one delivery at a time
// from the shared consumer, so deliveries of a route reach the upstream in
// arrival order, as far as retries allow.

// spoolBackoff bounds the delay between two attempts of one delivery.
var spoolBackoff = struct{ base, max time.Duration }{time.Second, 10 * time.Minute}

// spoolGaugeEvery is how often the pending gauges are refreshed.
var spoolGaugeEvery = 5 * time.Second

// maxRecordedAnswer is how much of the upstream's answer is kept to judge it.
const maxRecordedAnswer = 64 << 10

// spoolAttempt is what this gate knows of a delivery's last attempt.
type spoolAttempt struct {
	attempts int
	lastErr  string
	next     time.Time
}

// start runs the dispatcher and the gauge refresher until Cleanup.
func (s *Spool) start() {
	ctx, cancel := context.WithCancel(context.Background())
	s.stop, s.done = cancel, make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.run(ctx) }()
	go func() { defer wg.Done(); s.watch(ctx) }()
	go func() { wg.Wait(); close(s.done) }()
}

// run takes deliveries from the shared consumer, one at a time.
func (s *Spool) run(ctx context.Context) {
	// Deliveries go through the running configuration's servers: wait for
	// Caddy to have one (at startup this spool is being provisioned as
	// part of it).
	for ctx.Err() == nil {
		if _, err := activeHTTPApp(); err == nil {
			break
		}
		sleep(ctx, 100*time.Millisecond)
	}
	var cons jetstream.Consumer
	for ctx.Err() == nil {
		if cons == nil {
			var err error
			if cons, err = s.js.Consumer(ctx, s.stream, spoolConsumer); err != nil {
				if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) {
					err = s.setUp(ctx)
				}
				if ctx.Err() == nil {
					s.logger.Error("spool: the consumer is unavailable; retrying", zap.String("spool", s.name), zap.Error(err))
				}
				cons = nil
				sleep(ctx, time.Second)
				continue
			}
		}
		fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		msg, err := cons.Next(jetstream.FetchContext(fctx))
		cancel()
		switch {
		case err == nil:
			s.handle(ctx, msg)
		case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
		case errors.Is(err, jetstream.ErrConsumerNotFound), errors.Is(err, jetstream.ErrConsumerDeleted):
			cons = nil
		default:
			s.logger.Warn("spool: fetching a delivery failed; retrying", zap.String("spool", s.name), zap.Error(err))
			sleep(ctx, time.Second)
		}
	}
}

// handle delivers one message, then acknowledges it, schedules its retry,
// or dead-letters it.
func (s *Spool) handle(ctx context.Context, msg jetstream.Msg) {
	meta, err := msg.Metadata()
	if err != nil {
		msg.NakWithDelay(time.Second)
		return
	}
	seq := meta.Sequence.Stream
	id := entryID(false, seq)
	d, err := s.admit(msg.Headers(), msg.Data()) // authentic, of a running route (route.go)
	if err != nil {
		s.deadLetter(ctx, msg, nil, int(meta.NumDelivered)-1, err.Error())
		return
	}
	deadline := d.Received.Add(s.retryFor)
	prev, _ := s.attempts.Load(seq)
	last, _ := prev.(spoolAttempt)
	if !s.now().Before(deadline) && meta.NumDelivered > 1 {
		s.deadLetter(ctx, msg, d, int(meta.NumDelivered)-1, cmp.Or(last.lastErr, "retry_for passed"))
		return
	}

	status, err := s.deliverTracked(ctx, msg, d, id)
	if ctx.Err() != nil {
		msg.Nak() // shutting down: let another gate, or the next start, have it
		return
	}
	if routeGone(err) {
		s.deadLetter(ctx, msg, d, int(meta.NumDelivered), err.Error())
		return
	}
	if err == nil && s.acked(status.code, status.body) {
		if aerr := msg.DoubleAck(ctx); aerr != nil {
			s.logger.Warn("spool: acknowledging a delivered delivery failed; it may be delivered again",
				zap.String("spool", s.name), zap.String("id", id), zap.Error(aerr))
		}
		s.attempts.Delete(seq)
		spoolMetrics.delivered.WithLabelValues(s.provider).Inc()
		return
	}
	reason := describeFailure(status, err)
	attempt := int(meta.NumDelivered)
	wait := backoff(attempt)
	remaining := deadline.Sub(s.now())
	if remaining <= 0 {
		s.deadLetter(ctx, msg, d, attempt, reason)
		return
	}
	wait = min(wait, remaining)
	s.attempts.Store(seq, spoolAttempt{attempts: attempt, lastErr: reason, next: s.now().Add(wait)})
	spoolMetrics.retries.WithLabelValues(s.provider).Inc()
	s.logger.Info("spool: delivery failed; retrying",
		zap.String("provider", s.provider), zap.String("id", id), zap.Int("attempt", attempt),
		zap.String("reason", reason), zap.Duration("retry_in", wait))
	if err := msg.NakWithDelay(wait); err != nil {
		s.logger.Warn("spool: scheduling a retry failed; the delivery comes back after the ack wait",
			zap.String("spool", s.name), zap.Error(err))
	}
}

// answer is the upstream's recorded answer.
type answer struct {
	code int
	body []byte
}

// deliverTracked delivers d, telling JetStream the delivery is in progress
// while it lasts so the message is not handed to another gate.
func (s *Spool) deliverTracked(ctx context.Context, msg jetstream.Msg, d *spooledRequest, id string) (answer, error) {
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		t := time.NewTicker(spoolAckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-dctx.Done():
				return
			case <-t.C:
				msg.InProgress()
			}
		}
	}()
	return s.deliver(dctx, d, id)
}

// deliver serves d through its Caddy server, marked as this spool's, and
// returns the answer of the rest of the route.
func (s *Spool) deliver(ctx context.Context, d *spooledRequest, id string) (a answer, err error) {
	app, err := activeHTTPApp()
	if err != nil {
		return a, fmt.Errorf("no running http app: %v", err)
	}
	srv := spoolServer(app, d)
	if srv == nil {
		return a, fmt.Errorf("no server listening on %q or named %q in the running configuration", d.Listen, d.Server)
	}
	req, err := rebuildRequest(ctx, d)
	if err != nil {
		return a, err
	}
	req, m := s.mark(req, d, id)
	rec := &answerRecorder{header: http.Header{}}
	func() {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic while delivering: %v", p)
			}
		}()
		srv.ServeHTTP(rec, req)
	}()
	if err != nil {
		return a, err
	}
	if !m.taken.Load() {
		return a, errRouteGone{fmt.Sprintf("its request no longer reaches the route that verified it (status %d): the route changed", rec.status())}
	}
	if m.err != nil {
		return answer{code: rec.status()}, m.err
	}
	return answer{code: rec.status(), body: rec.body.Bytes()}, nil
}

// rebuildRequest is the server-side request d was.
func rebuildRequest(ctx context.Context, d *spooledRequest) (*http.Request, error) {
	u, err := url.ParseRequestURI(d.URI)
	if err != nil {
		return nil, fmt.Errorf("stored URI: %v", err)
	}
	req := (&http.Request{
		Method:        d.Method,
		URL:           u,
		RequestURI:    d.URI,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        d.Header.Clone(),
		Host:          d.Host,
		RemoteAddr:    d.Remote,
		ContentLength: int64(len(d.Body)),
		Body:          http.NoBody,
	}).WithContext(ctx)
	if req.Header == nil {
		req.Header = http.Header{}
	}
	if len(d.Body) > 0 {
		req.Body = readCloser{bytes.NewReader(d.Body)}
	}
	if d.TLS {
		host, _, err := net.SplitHostPort(d.Host)
		if err != nil {
			host = d.Host
		}
		req.TLS = &tls.ConnectionState{HandshakeComplete: true, ServerName: host}
	}
	return req, nil
}

// readCloser is a body that needs no closing.
type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// deadLetter moves a delivery to the dead-letter stream, then removes it
// from the pending one. A crash in between leaves it in both: never in
// neither.
func (s *Spool) deadLetter(ctx context.Context, msg jetstream.Msg, d *spooledRequest, attempts int, reason string) {
	meta, _ := msg.Metadata()
	dl := nats.NewMsg(s.deadSubject)
	dl.Data = msg.Data()
	for k, v := range msg.Headers() {
		if !strings.HasPrefix(k, "Nats-") { // the publish's own: message ID, expected stream
			dl.Header[k] = v
		}
	}
	dl.Header[spoolHeaderAttempts] = []string{strconv.Itoa(max(attempts, 0))}
	dl.Header[spoolHeaderError] = []string{reason}
	dl.Header[spoolHeaderDead] = []string{s.now().UTC().Format(time.RFC3339Nano)}
	pctx, cancel := context.WithTimeout(ctx, spoolOpTimeout)
	defer cancel()
	if _, err := s.js.PublishMsg(pctx, dl); err != nil {
		s.logger.Error("spool: dead-lettering failed; retrying later", zap.String("spool", s.name), zap.Error(err))
		msg.NakWithDelay(spoolBackoff.base)
		return
	}
	if err := msg.DoubleAck(pctx); err != nil {
		s.logger.Warn("spool: removing a dead-lettered delivery from the pending ones failed; it may be dead-lettered twice",
			zap.String("spool", s.name), zap.Error(err))
	}
	if meta != nil {
		s.attempts.Delete(meta.Sequence.Stream)
	}
	spoolMetrics.dead.WithLabelValues(s.provider).Inc()
	fields := []zap.Field{zap.String("provider", s.provider), zap.Int("attempts", attempts), zap.String("reason", reason)}
	if meta != nil {
		fields = append(fields, zap.String("id", entryID(false, meta.Sequence.Stream)))
	}
	if d != nil {
		fields = append(fields, zap.Time("received", d.Received))
	}
	s.logger.Error("spool: delivery dead-lettered", fields...)
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

// answerRecorder records the answer of a replayed delivery.
type answerRecorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (a *answerRecorder) Header() http.Header { return a.header }

// WriteHeader records the final status (not 1xx).
func (a *answerRecorder) WriteHeader(code int) {
	if a.code == 0 && code >= 200 {
		a.code = code
	}
}

// Write records up to maxRecordedAnswer bytes of the body.
func (a *answerRecorder) Write(b []byte) (int, error) {
	if a.code == 0 {
		a.code = http.StatusOK
	}
	if room := maxRecordedAnswer - a.body.Len(); room > 0 {
		a.body.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}

// status is the recorded status; 200 if nothing was written.
func (a *answerRecorder) status() int {
	if a.code == 0 {
		return http.StatusOK
	}
	return a.code
}

// Interface guard
var _ http.ResponseWriter = (*answerRecorder)(nil)
