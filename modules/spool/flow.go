package spool

import (
	"errors"
	"slices"
	"sync"

	"github.com/nats-io/nats.go/jetstream"
)

// What this process knows of a spool's deliveries while it delivers them:
// which are in flight, which wait behind an earlier delivery of their
// ordering key, and which an operator is redriving. It is kept per spool
// name (store, location and stream), not per Spool value, so that the
// configuration loaded by a reload sees the attempts the old one still has
// in flight: a delivery is never started twice in one process, and the
// order of a key holds across a reload.
//
// The order of a key: a delivery may be attempted only when every
// delivery of its key that this process took earlier (a lower stream
// sequence) is finished, delivered or dead-lettered. The consumer hands
// deliveries out in stream order, so within one gate a key's deliveries
// reach the app in the order they were stored. A delivery waiting behind
// one in flight here waits in memory (queue); one waiting behind one
// scheduled for a retry is handed back to the consumer until then.

// ErrInFlight is returned by a redrive of a delivery that is being
// delivered at this moment: redriving it would deliver it twice.
var ErrInFlight = errors.New("the delivery is being delivered right now; redrive it once the attempt has ended (a failed attempt shows in its last_error)")

// flows are the flows of the open spools, by Spool.name.
var flows = struct {
	sync.Mutex
	byName map[string]*flow
}{byName: map[string]*flow{}}

// flow is the delivery state of one spool name in this process.
type flow struct {
	refs int // Spool values using it (flows' lock)

	mu        sync.Mutex
	held      map[uint64]jetstream.Msg // in flight or queued here: kept alive with in-progress
	inFlight  map[uint64]bool
	redriving map[uint64]bool
	keys      map[string]*keyState
	keyOf     map[uint64]string

	attempts attemptMap

	parked map[uint64]string // waiting for a retry because the app was unavailable, or behind such a one: reply subjects
	outage bool              // an attempt found the app unavailable since the last wake
}

// keyState is one ordering key's deliveries known here.
type keyState struct {
	seqs   []uint64        // taken and not finished, ascending
	busy   bool            // one of them is in flight
	queued []jetstream.Msg // waiting in memory for the one in flight
}

// acquireFlow returns the flow of name, creating it for the first user.
func acquireFlow(name string) *flow {
	flows.Lock()
	defer flows.Unlock()
	f := flows.byName[name]
	if f == nil {
		f = &flow{held: map[uint64]jetstream.Msg{}, inFlight: map[uint64]bool{}, redriving: map[uint64]bool{},
			keys: map[string]*keyState{}, keyOf: map[uint64]string{}, parked: map[uint64]string{}}
		flows.byName[name] = f
	}
	f.refs++
	return f
}

// releaseFlow drops one user of f; the last one forgets it.
func releaseFlow(name string, f *flow) {
	flows.Lock()
	defer flows.Unlock()
	if f.refs--; f.refs <= 0 && flows.byName[name] == f {
		delete(flows.byName, name)
	}
}

// verdict is what admit decides for a delivery.
type verdict int

const (
	verdictGo      verdict = iota // attempt it now
	verdictQueued                 // an earlier one of its key is in flight here: queued behind it
	verdictBlocked                // an earlier one of its key awaits a retry: hand it back until then
	verdictHeld                   // an operator is redriving it: hand it back
)

// admit records that this process took msg (sequence seq, ordering key
// key, "" for none) and decides whether it may be attempted now. With
// verdictBlocked, blocker is the earlier delivery it waits for.
func (f *flow) admit(msg jetstream.Msg, seq uint64, key string) (v verdict, blocker uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.redriving[seq] || f.inFlight[seq] {
		return verdictHeld, 0
	}
	if key == "" {
		f.inFlight[seq], f.held[seq] = true, msg
		return verdictGo, 0
	}
	ks := f.keys[key]
	if ks == nil {
		ks = &keyState{}
		f.keys[key] = ks
	}
	if i, found := slices.BinarySearch(ks.seqs, seq); !found {
		ks.seqs = slices.Insert(ks.seqs, i, seq)
		f.keyOf[seq] = key
	}
	switch {
	case ks.busy:
		ks.queued = append(ks.queued, msg)
		f.held[seq] = msg
		return verdictQueued, 0
	case ks.seqs[0] != seq:
		return verdictBlocked, ks.seqs[0]
	}
	ks.busy = true
	f.inFlight[seq], f.held[seq] = true, msg
	return verdictGo, 0
}

// finish ends the attempt of seq: finished (delivered or dead-lettered)
// forgets it, and the next delivery queued behind it, if any, is returned
// for the caller to attempt in the slot the attempt leaves: it is in
// flight from here on (its key stays busy, so that no later delivery of
// the key taken meanwhile can go first). Otherwise seq
// stays at the head of its key until its retry, and the deliveries queued
// behind it are returned as handBack: they wait for that retry.
func (f *flow) finish(seq uint64, finished bool) (next jetstream.Msg, handBack []jetstream.Msg) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.inFlight, seq)
	delete(f.held, seq)
	key, ok := f.keyOf[seq]
	if finished {
		f.forgetLocked(seq)
	}
	if !ok {
		return nil, nil
	}
	ks := f.keys[key]
	if ks == nil {
		return nil, nil
	}
	ks.busy = false
	if len(ks.queued) == 0 {
		return nil, nil
	}
	// The earliest queued goes next (redeliveries need not arrive in
	// stream order), unless an operator is redriving it.
	i := 0
	for j, m := range ks.queued {
		if seqOf(m) < seqOf(ks.queued[i]) {
			i = j
		}
	}
	if finished && !f.redriving[seqOf(ks.queued[i])] {
		next = ks.queued[i]
		ks.queued = append(ks.queued[:i:i], ks.queued[i+1:]...)
		ks.busy, f.inFlight[seqOf(next)] = true, true
		return next, nil
	}
	handBack, ks.queued = ks.queued, nil
	for _, m := range handBack {
		f.unholdLocked(m)
	}
	return nil, handBack
}

// abandon ends the attempt of seq, handed over by finish, before it was
// made (a stop): its key is free again; what is queued behind it stays
// for the stop to hand back.
func (f *flow) abandon(seq uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.inFlight, seq)
	delete(f.held, seq)
	if ks := f.keys[f.keyOf[seq]]; ks != nil {
		ks.busy = false
	}
}

// drainKey returns the deliveries queued behind key when none of the key
// is in flight any more (the one that was to go next could not), so that
// none is left waiting for a finish that will not come.
func (f *flow) drainKey(key string) []jetstream.Msg {
	f.mu.Lock()
	defer f.mu.Unlock()
	ks := f.keys[key]
	if ks == nil || ks.busy {
		return nil
	}
	out := ks.queued
	ks.queued = nil
	for _, m := range out {
		f.unholdLocked(m)
	}
	return out
}

// seqOf is m's stream sequence; 0 if it cannot be told.
func seqOf(m jetstream.Msg) uint64 {
	if meta, err := m.Metadata(); err == nil {
		return meta.Sequence.Stream
	}
	return 0
}

// unholdLocked stops keeping m alive.
func (f *flow) unholdLocked(m jetstream.Msg) {
	if meta, err := m.Metadata(); err == nil {
		delete(f.held, meta.Sequence.Stream)
	}
}

// forget drops seq (it left the stream: delivered by another gate,
// dropped, redriven) from its key.
func (f *flow) forget(seq uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.forgetLocked(seq)
}

func (f *flow) forgetLocked(seq uint64) {
	f.attempts.Delete(seq)
	key, ok := f.keyOf[seq]
	if !ok {
		return
	}
	delete(f.keyOf, seq)
	ks := f.keys[key]
	if ks == nil {
		return
	}
	if i, found := slices.BinarySearch(ks.seqs, seq); found {
		ks.seqs = slices.Delete(ks.seqs, i, i+1)
	}
	if len(ks.seqs) == 0 && !ks.busy && len(ks.queued) == 0 {
		delete(f.keys, key)
	}
}

// inFlightNow reports whether seq is being delivered by this process.
func (f *flow) inFlightNow(seq uint64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.inFlight[seq]
}

// beginRedrive holds seq back from delivery while an operator redrives
// it; it fails with ErrInFlight while an attempt of seq is in flight. The
// returned function ends the hold (the message is gone by then, or the
// redrive failed and the delivery goes on as before).
func (f *flow) beginRedrive(seq uint64) (end func(redriven bool), err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inFlight[seq] {
		return nil, ErrInFlight
	}
	f.redriving[seq] = true
	return func(redriven bool) {
		f.mu.Lock()
		defer f.mu.Unlock()
		delete(f.redriving, seq)
		if redriven {
			f.forgetLocked(seq)
		}
	}, nil
}

// heldNow are the messages this process holds (in flight or queued), to
// tell JetStream they are in progress.
func (f *flow) heldNow() []jetstream.Msg {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]jetstream.Msg, 0, len(f.held))
	for _, m := range f.held {
		out = append(out, m)
	}
	return out
}

// drainQueued removes and returns every queued message (a dispatcher
// stopping hands them back).
func (f *flow) drainQueued() []jetstream.Msg {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []jetstream.Msg
	for _, ks := range f.keys {
		for _, m := range ks.queued {
			f.unholdLocked(m)
			out = append(out, m)
		}
		ks.queued = nil
	}
	return out
}

// attemptMap is sequence -> spoolAttempt, what this process knows of the
// deliveries' last attempts; a nil one (a Spool that never opened) holds
// nothing.
type attemptMap struct{ m sync.Map }

func (a *attemptMap) Load(seq uint64) (any, bool) {
	if a == nil {
		return nil, false
	}
	return a.m.Load(seq)
}

func (a *attemptMap) Store(seq uint64, v spoolAttempt) {
	if a != nil {
		a.m.Store(seq, v)
	}
}

func (a *attemptMap) Delete(seq uint64) {
	if a != nil {
		a.m.Delete(seq)
	}
}

func (a *attemptMap) Range(f func(k, v any) bool) {
	if a != nil {
		a.m.Range(f)
	}
}

// The app coming back. A delivery whose attempt found the app unavailable
// (no connection, 502, 503, 504, no answer) waits for its retry, up to
// spoolBackoff.max, and holds one of the consumer's ack-pending places
// meanwhile; after an outage they all do, and nothing else is handed out.
// So the first attempt that succeeds after an outage wakes them: each is
// handed back for redelivery at once, and the backlog drains at the app's
// speed, not at the pace of the backoff. A delivery the app refuses
// (another status) keeps its backoff.

// park records that seq waits for its retry because of an outage (or
// behind one that does); reply is its message's acknowledgement subject.
func (f *flow) park(seq uint64, reply string, outage bool) {
	if reply == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.parked[seq] = reply
	f.outage = f.outage || outage
}

// unpark forgets seq's parking (it is being handled again).
func (f *flow) unpark(seq uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.parked, seq)
}

// wake returns the reply subjects of every parked delivery when an
// outage is over (the first success after it), and forgets them.
func (f *flow) wake() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.outage {
		return nil
	}
	f.outage = false
	out := make([]string, 0, len(f.parked))
	for seq, reply := range f.parked {
		out = append(out, reply)
		delete(f.parked, seq)
	}
	return out
}

// probe returns the reply subject of one parked delivery during an
// outage, and forgets it: retried now, it tells whether the app is back.
func (f *flow) probe() (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.outage {
		return "", false
	}
	for seq, reply := range f.parked {
		delete(f.parked, seq)
		return reply, true
	}
	return "", false
}
