package spool

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
)

// Ordering keys: deliveries of one key reach the app in the order the
// gate stored them, never overtaking each other (flow.go); deliveries of
// different keys, or without a key, go concurrently. A key is a property
// of the provider, named where the provider documents that the order of
// its notifications matters (docs/spool.md lists them); it is read from the
// stored body, which the signature covered, when the delivery is taken
// from the spool.

// orderingKeys are the providers with a documented ordering key.
var orderingKeys = map[string]func(body []byte) string{
	// PAYONE sends the notifications of one transaction (txid) with a
	// rising sequencenumber and expects them processed in that order; it
	// sends the next only after the merchant answered TSOK to the previous
	// one, so the order they reach the gate is their sequence order.
	"payone": formField("txid"),
}

// orderingKey is the ordering key of a stored delivery of provider; ""
// for none. Keys are prefixed with the provider, so two providers'
// identifiers never meet.
func orderingKey(provider string, body []byte) string {
	f := orderingKeys[provider]
	if f == nil {
		return ""
	}
	if k := f(body); k != "" {
		return provider + ":" + k
	}
	return ""
}

// formField reads one field of a form body (as PAYONE's, whose values may
// be ISO-8859-1: the key is kept as bytes). A field sent twice gives no
// key: its meaning would be ambiguous.
func formField(name string) func(body []byte) string {
	return func(body []byte) string {
		var val string
		n := 0
		for part := range strings.SplitSeq(string(body), "&") {
			k, v, _ := strings.Cut(part, "=")
			if k, err := url.QueryUnescape(k); err != nil || k != name {
				continue
			}
			u, err := url.QueryUnescape(v)
			if err != nil {
				return ""
			}
			val, n = u, n+1
		}
		if n != 1 || len(val) > 256 {
			return ""
		}
		return val
	}
}

// handBack hands back whatever waits in memory behind key when nothing
// of the key is in flight here: it waits for blocker too.
func (s *Spool) handBack(ctx context.Context, key string, blocker uint64) {
	if key == "" {
		return
	}
	for _, m := range s.flow.drainKey(key) {
		s.waitFor(ctx, m, seqOf(m), blocker)
	}
}

// waitFor hands msg (sequence seq) back until blocker, an earlier
// delivery of its key, is due again; a blocker no longer in the stream
// (delivered by another gate, dropped, redriven) is forgotten and msg is
// taken again at once.
func (s *Spool) waitFor(ctx context.Context, msg jetstream.Msg, seq, blocker uint64) {
	gctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), spoolOpTimeout)
	st, err := s.js.Stream(gctx, s.stream)
	if err == nil {
		_, err = st.GetMsg(gctx, blocker)
	}
	cancel()
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		s.flow.forget(blocker)
		msg.Nak()
		return
	}
	wait := spoolBlockedRecheck
	prev, _ := s.flow.attempts.Load(blocker)
	if b, ok := prev.(spoolAttempt); ok {
		wait = max(wait, b.next.Sub(s.now())+spoolBlockedRecheck)
	}
	wait = min(wait, spoolBackoff.max)
	// What an operator sees of it: its own attempts, and why it waits.
	prev, _ = s.flow.attempts.Load(seq)
	a, _ := prev.(spoolAttempt)
	a.lastErr = fmt.Sprintf("waiting for %s, an earlier delivery of its ordering key", entryID(false, blocker))
	a.next, a.waiting = s.now().Add(wait), true
	s.flow.attempts.Store(seq, a)
	if msg.NakWithDelay(wait) == nil {
		s.park(seq, msg.Reply(), false)
	}
}
