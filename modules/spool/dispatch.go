package spool

import (
	"context"
	"errors"
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
// the running configuration (deliver.go).
// The request carries a spoolMarker in its context (a context value of an
// unexported type, which no client can send), so the route's webhook_verify, seeing the
// marker of its own spool, calls the rest of the route directly: the
// checks already passed when the delivery was received. Whatever the rest
// of the route does (reverse_proxy, headers, rewrites) happens as it would
// have, and its answer is recorded. A 2xx (for payone: with TSOK) completes
// the delivery; anything else, or no answer within attempt_timeout, is
// retried with exponential backoff and full jitter until retry_for from
// receipt has passed (an attempt in flight is cut off then), and then
// dead-lettered.
//
// Each gate runs one dispatcher per spool: up to `concurrency` attempts in
// flight, fed from the shared pull consumer. Deliveries that share an
// ordering key (order.go) never overtake each other (flow.go); with
// concurrency 1 every delivery waits for the one before it.
//
// Stopping (a reload, a shutdown) stops taking deliveries, lets the
// attempts in flight finish and records their outcome, up to
// attempt_timeout and a little more; only then are the ones still running
// cut off and handed back.

// spoolBackoff bounds the delay between two attempts of one delivery.
var spoolBackoff = struct{ base, max time.Duration }{time.Second, 10 * time.Minute}

// spoolGaugeEvery is how often the pending gauges are refreshed.
var spoolGaugeEvery = 5 * time.Second

// maxRecordedAnswer is how much of the upstream's answer is kept to judge it.
const maxRecordedAnswer = 64 << 10

// Dispatcher defaults.
const (
	defaultSpoolConcurrency    = 32
	maxSpoolConcurrency        = 1000
	defaultSpoolAttemptTimeout = 30 * time.Second
	// spoolStopSlack is how much longer than attempt_timeout a stopping
	// dispatcher waits for its attempts to record their outcome.
	spoolStopSlack = 5 * time.Second
	// spoolBlockedRecheck is the least wait of a delivery handed back
	// because an earlier one of its key is to be retried first.
	spoolBlockedRecheck = 100 * time.Millisecond
	// spoolFetchWait bounds one wait for the next delivery, and so how
	// long a stopping dispatcher waits for its last fetch.
	spoolFetchWait = time.Second
	// spoolGroupFetchWait bounds one wait for the next group.
	spoolGroupFetchWait = 10 * time.Millisecond
)

// spoolAttempt is what this gate knows of a delivery's last attempt.
type spoolAttempt struct {
	attempts int
	lastErr  string
	next     time.Time
	waiting  bool // lastErr says what it waits for, not how an attempt failed
	// notBefore: what is left of a group, stored again, is not tried
	// before (group_dispatch.go)
	notBefore time.Time
}

// start runs the dispatcher, its keep-alive and the gauge refresher until
// Close.
func (s *Spool) start() {
	ctx, cancel := context.WithCancel(context.Background())
	hard, cancelHard := context.WithCancel(context.Background())
	s.stop, s.hardStop, s.done, s.fetching = cancel, cancelHard, make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); defer close(s.fetching); s.run(ctx, hard) }()
	go func() { defer wg.Done(); s.watch(ctx) }()
	go func() { defer wg.Done(); s.keepAlive(hard) }()
	go func() { wg.Wait(); close(s.done) }()
}

// stopDispatcher stops taking deliveries, waits for the attempts in flight
// (up to attempt_timeout and spoolStopSlack), cuts off the rest and hands
// back the deliveries queued here.
func (s *Spool) stopDispatcher() {
	if s.stop == nil {
		return
	}
	s.stop()
	<-s.fetching // its last fetch (spoolFetchWait) has started what it took
	finished := make(chan struct{})
	go func() { s.workers.Wait(); close(finished) }()
	t := time.NewTimer(s.attemptTimeout + spoolStopSlack)
	select {
	case <-finished:
	case <-t.C:
		s.logger.Warn("spool: attempts still in flight after the grace period; cutting them off, they will be tried again",
			zap.String("spool", s.name))
	}
	t.Stop()
	s.hardStop()
	<-finished
	<-s.done
	for _, m := range s.flow.drainQueued() {
		m.Nak()
	}
	s.stop = nil
}

// run takes deliveries from the shared consumers while a slot is free
// (the slots are shared: concurrency bounds the attempts of both). Attempts
// run under hard, which only stopDispatcher cancels after the grace period.
func (s *Spool) run(ctx, hard context.Context) {
	// Deliveries go through the running configuration's servers: wait for
	// this spool's configuration to be the running one (at startup, and in
	// a reload, it is being provisioned).
	for ctx.Err() == nil && !s.current() {
		sleep(ctx, 50*time.Millisecond)
	}
	slots := make(chan struct{}, s.concurrency)
	var wg sync.WaitGroup
	for _, c := range s.consumers() {
		wg.Go(func() { s.fetch(ctx, hard, c, slots) })
	}
	wg.Wait()
}

// fetch takes deliveries from consumer c while a slot is free. At
// concurrency 1 (which stores no groups, but may find some stored before)
// the groups' consumer waits for a group only briefly while it holds the
// one slot, and between two empty looks without it, so as not to keep it
// from the deliveries stored alone.
func (s *Spool) fetch(ctx, hard context.Context, c spoolConsumerInfo, slots chan struct{}) {
	name, wait, idle := c.name, spoolFetchWait, time.Duration(0)
	if name == spoolGroupConsumer && s.concurrency == 1 {
		wait, idle = spoolGroupFetchWait, spoolFetchWait
	}
	var cons jetstream.Consumer
	for ctx.Err() == nil {
		if cons == nil {
			var err error
			if cons, err = s.js.Consumer(ctx, s.stream, name); err != nil {
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
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		// Not cut off by a stop: a delivery handed to an abandoned pull
		// waits out the ack wait; take hands one back at once instead.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), wait)
		msg, err := cons.Next(jetstream.FetchContext(fctx))
		cancel()
		if err != nil {
			<-slots
			sleep(ctx, idle)
		}
		switch {
		case err == nil:
			attempt := s.accept(ctx, hard, msg)
			if attempt == nil {
				<-slots
				continue
			}
			s.workers.Add(1)
			go func() {
				defer s.workers.Done()
				defer func() { <-slots }()
				for next := attempt(); next != nil; {
					next = s.attemptNext(ctx, hard, next)
				}
			}()
		case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
		case errors.Is(err, jetstream.ErrConsumerNotFound), errors.Is(err, jetstream.ErrConsumerDeleted):
			cons = nil
		default:
			s.logger.Warn("spool: fetching a delivery failed; retrying", zap.String("spool", s.name), zap.Error(err))
			sleep(ctx, time.Second)
		}
	}
}

// keepAlive tells JetStream, every third of the ack wait, that the
// deliveries this process holds (in flight or queued behind one of their
// key) are in progress, so that no other gate takes them. During an
// outage it also retries one parked delivery every spoolBackoff.base, to
// find out that the app is back (flow.go). It runs until the attempts are
// over (hard is cancelled).
func (s *Spool) keepAlive(hard context.Context) {
	t := time.NewTicker(spoolAckWait / 3)
	defer t.Stop()
	p := time.NewTicker(spoolBackoff.base)
	defer p.Stop()
	for {
		select {
		case <-hard.Done():
			return
		case <-t.C:
			s.touchHeld()
		case <-p.C:
			if reply, ok := s.flow.probe(); ok {
				s.conn.nc.Publish(reply, []byte("-NAK"))
			}
		}
	}
}

// touchHeld marks every held delivery in progress.
func (s *Spool) touchHeld() {
	for _, m := range s.flow.heldNow() {
		m.InProgress()
	}
}

// accept decides what becomes of a delivery the consumer handed out, and
// returns its attempt, or nil when it is not attempted now (handed back,
// queued behind an earlier one of its key). The fetch loop calls it before
// it takes the next delivery, so that a key's deliveries enter the flow
// in the order the consumer hands them out; the attempt runs apart.
func (s *Spool) accept(ctx, hard context.Context, msg jetstream.Msg) (attempt func() jetstream.Msg) {
	meta, err := msg.Metadata()
	if err != nil {
		msg.NakWithDelay(time.Second)
		return nil
	}
	seq := meta.Sequence.Stream
	s.flow.unpark(seq)
	if ctx.Err() != nil || !s.current() { // stopping: the next configuration, or gate, takes it
		msg.Nak()
		return nil
	}
	if s.notDue(msg, seq) {
		return nil
	}
	if s.groupSize(msg.Subject()) != 1 { // several deliveries stored together
		return s.acceptGroup(ctx, hard, msg, seq, meta)
	}
	d, perr := s.admit(msg.Headers(), msg.Data()) // authentic, of a running route (route.go)
	key := ""
	if perr == nil {
		key = orderingKey(msg.Headers().Get(spoolHeaderProvider), d.Body)
	}
	switch v, blocker := s.flow.admit(msg, seq, key); v {
	case verdictQueued:
		return nil
	case verdictHeld:
		return func() jetstream.Msg {
			msg.NakWithDelay(spoolBlockedRecheck)
			s.handBack(ctx, key, seq)
			return nil
		}
	case verdictBlocked:
		return func() jetstream.Msg {
			s.waitFor(ctx, msg, seq, blocker)
			s.handBack(ctx, key, blocker)
			return nil
		}
	}
	return func() jetstream.Msg { return s.attempt(ctx, hard, msg, meta, d, perr) }
}

// attempt makes the attempt of an admitted delivery and returns the next
// one of its key, handed over in flight by flow.finish, if any.
func (s *Spool) attempt(ctx, hard context.Context, msg jetstream.Msg, meta *jetstream.MsgMetadata, d *spooledRequest, perr error) jetstream.Msg {
	seq := meta.Sequence.Stream
	finished := s.handle(hard, msg, meta, d, perr)
	next, handBack := s.flow.finish(seq, finished)
	for _, m := range handBack {
		if meta, err := m.Metadata(); err == nil {
			s.waitFor(ctx, m, meta.Sequence.Stream, seq)
		} else {
			m.NakWithDelay(time.Second)
		}
	}
	return next
}

// attemptNext attempts the delivery flow.finish handed over: already in
// flight, its key busy, so it goes without being admitted again.
func (s *Spool) attemptNext(ctx, hard context.Context, msg jetstream.Msg) jetstream.Msg {
	meta, err := msg.Metadata()
	if err != nil || ctx.Err() != nil || !s.current() { // stopping: the next configuration, or gate, takes it
		msg.Nak()
		s.flow.abandon(seqOf(msg))
		return nil
	}
	d, perr := s.admit(msg.Headers(), msg.Data())
	return s.attempt(ctx, hard, msg, meta, d, perr)
}

// handle makes one attempt of a delivery, then acknowledges it, schedules
// its retry, or dead-letters it. It reports whether the delivery is
// finished (delivered or dead-lettered) here.
func (s *Spool) handle(ctx context.Context, msg jetstream.Msg, meta *jetstream.MsgMetadata, d *spooledRequest, perr error) bool {
	seq := meta.Sequence.Stream
	id := entryID(false, seq)
	prev, known := s.flow.attempts.Load(seq)
	last, _ := prev.(spoolAttempt)
	tried := last.attempts
	if !known {
		tried = int(meta.NumDelivered) - 1 // taken before this process knew it
	}
	if perr != nil {
		return s.deadLetter(ctx, msg, nil, tried, perr.Error())
	}
	deadline := d.Received.Add(s.retryFor)
	if !s.now().Before(deadline) && tried > 0 {
		return s.deadLetter(ctx, msg, d, tried, retryForPassed(last))
	}
	r := s.try(ctx, d, id, deadline, last)
	if r.cut {
		msg.Nak() // cut off at the end of the grace period: another gate, or the next start, has it
		return false
	}
	opCtx, opCancel := context.WithTimeout(context.Background(), spoolOpTimeout)
	defer opCancel()
	if r.dead != "" {
		return s.deadLetter(opCtx, msg, d, tried+1, r.dead)
	}
	if r.delivered {
		if aerr := msg.DoubleAck(opCtx); aerr != nil {
			s.logger.Warn("spool: acknowledging a delivered delivery failed; it may be delivered again",
				zap.String("spool", s.name), zap.String("id", id), zap.Error(aerr))
		}
		s.delivered()
		return true
	}
	if !s.now().Before(deadline) {
		return s.deadLetter(opCtx, msg, d, tried+1, r.reason)
	}
	s.retryLater(msg, seq, id, tried+1, r, deadline)
	return false
}

// InFlight reports whether the pending delivery of stream sequence seq is
// being attempted by this process right now. A redrive must not run then
// (it would deliver it twice): Redrive holds the delivery back with
// beginRedrive, which also refuses one in flight (ErrInFlight).
func (s *Spool) InFlight(seq uint64) bool { return s.flow != nil && s.flow.inFlightNow(seq) }

// beginRedrive holds the pending delivery seq back from the dispatcher
// while it is redriven; ErrInFlight while an attempt of it is in flight.
// end(true) says it was redriven (the old message is gone).
func (s *Spool) beginRedrive(seq uint64) (end func(redriven bool), err error) {
	if s.flow == nil {
		return func(bool) {}, nil
	}
	return s.flow.beginRedrive(seq)
}
