package spool

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// The spool as operators see it (Operator, for the admin API): its
// entries listed, shown, redriven and dropped.

// Name is the store, its location (a NATS URL without credentials) and the
// stream, such as file:/var/lib/caddy/hookgate/spool#HOOKGATE_PAYONE.
func (s *Spool) Name() string { return s.name }

// List returns up to limit entries in state ("" for both), oldest
// received first.
func (s *Spool) List(ctx context.Context, state string, limit int) ([]Entry, error) {
	if limit <= 0 {
		return nil, nil
	}
	var out []Entry
	for _, dead := range []bool{false, true} {
		if state == StatePending && dead || state == StateDead && !dead {
			continue
		}
		if state != "" && state != StatePending && state != StateDead {
			return nil, fmt.Errorf("unknown state %q: use %s or %s", state, StatePending, StateDead)
		}
		st, subject, err := s.streamOf(ctx, dead)
		if err != nil {
			return nil, err
		}
		for seq, n := uint64(1), 0; n < limit; n++ {
			msg, err := st.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(subject))
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				break
			}
			if err != nil {
				return nil, err
			}
			out = append(out, s.entry(dead, msg, false))
			seq = msg.Sequence + 1
		}
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return a.Received.Compare(b.Received) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Get returns one entry, with its body only when withBody is set.
func (s *Spool) Get(ctx context.Context, id string, withBody bool) (Entry, error) {
	msg, dead, err := s.raw(ctx, id)
	if err != nil {
		return Entry{}, err
	}
	return s.entry(dead, msg, withBody), nil
}

// Redrive makes an entry due now with a fresh retry_for: it is stored
// again as a new pending delivery (at the end of the queue), then the old
// message is deleted. A crash in between leaves both: never neither. A
// message that fails its MAC is not redriven: the spool's key would vouch
// for what no gate stored.
func (s *Spool) Redrive(ctx context.Context, id string) error {
	msg, dead, err := s.raw(ctx, id)
	if err != nil {
		return err
	}
	if err := s.authentic(msg.Header, msg.Data); err != nil {
		return fmt.Errorf("not redriven: %w", err)
	}
	redriven := false
	if !dead { // not while the dispatcher delivers it (dispatch.go)
		end, err := s.beginRedrive(msg.Sequence)
		if err != nil {
			return err
		}
		defer func() { end(redriven) }()
	}
	m := nats.NewMsg(s.subject)
	m.Data = msg.Data
	for k, v := range msg.Header {
		switch {
		case strings.HasPrefix(k, "Nats-"), k == spoolHeaderAttempts, k == spoolHeaderError, k == spoolHeaderDead:
		default:
			m.Header[k] = v
		}
	}
	m.Header[spoolHeaderReceived] = []string{s.now().UTC().Format(time.RFC3339Nano)}
	if err := s.sign(m); err != nil {
		return err
	}
	if _, err := s.pub.PublishMsg(ctx, m, jetstream.WithExpectStream(s.stream)); err != nil {
		return fmt.Errorf("storing the delivery again: %v", err)
	}
	err = s.deleteMsg(ctx, dead, msg.Sequence)
	redriven = err == nil
	return err
}

// Drop deletes an entry for good.
func (s *Spool) Drop(ctx context.Context, id string) error {
	dead, seq, err := parseEntryID(id)
	if err != nil {
		return err
	}
	return s.deleteMsg(ctx, dead, seq)
}

// deleteMsg deletes message seq of the pending or dead stream.
func (s *Spool) deleteMsg(ctx context.Context, dead bool, seq uint64) error {
	st, _, err := s.streamOf(ctx, dead)
	if err != nil {
		return err
	}
	if err := st.DeleteMsg(ctx, seq); err != nil {
		if errors.Is(err, jetstream.ErrMsgNotFound) || strings.Contains(err.Error(), "no message found") {
			return ErrNotFound
		}
		return err
	}
	s.attempts.Delete(seq)
	return nil
}

// raw is the stored message of an entry.
func (s *Spool) raw(ctx context.Context, id string) (*jetstream.RawStreamMsg, bool, error) {
	dead, seq, err := parseEntryID(id)
	if err != nil {
		return nil, false, err
	}
	st, subject, err := s.streamOf(ctx, dead)
	if err != nil {
		return nil, false, err
	}
	msg, err := st.GetMsg(ctx, seq)
	if errors.Is(err, jetstream.ErrMsgNotFound) || err == nil && msg.Subject != subject {
		return nil, false, ErrNotFound
	}
	if err != nil {
		return nil, false, err
	}
	return msg, dead, nil
}

// streamOf is the pending or the dead stream, and its subject.
func (s *Spool) streamOf(ctx context.Context, dead bool) (jetstream.Stream, string, error) {
	name, subject := s.stream, s.subject
	if dead {
		name, subject = s.deadStream, s.deadSubject
	}
	st, err := s.js.Stream(ctx, name)
	return st, subject, err
}

// entry is what an operator sees of a stored message: secret-bearing
// headers redacted, the body only when asked for.
func (s *Spool) entry(dead bool, msg *jetstream.RawStreamMsg, withBody bool) Entry {
	e := Entry{
		ID:       entryID(dead, msg.Sequence),
		Spool:    s.name,
		Provider: cmp.Or(msg.Header.Get(spoolHeaderProvider), s.provider),
		State:    StatePending,
		Size:     len(msg.Data),
		Received: msg.Time,
	}
	if d, err := parseSpooled(msg.Header, msg.Data); err == nil {
		e.Received, e.Method, e.URI, e.Host = d.Received, d.Method, d.URI, d.Host
		e.Header = redactlog.Header(d.Header)
	} else {
		e.LastError = "unreadable: " + err.Error()
	}
	if dead {
		e.State = StateDead
		e.Attempts, _ = strconv.Atoi(msg.Header.Get(spoolHeaderAttempts))
		e.LastError = msg.Header.Get(spoolHeaderError)
	} else if v, ok := s.attempts.Load(msg.Sequence); ok {
		a := v.(spoolAttempt)
		e.Attempts, e.LastError, e.NextAttempt = a.attempts, a.lastErr, a.next
	}
	if withBody {
		e.Body = msg.Data
	}
	return e
}

var _ Operator = (*Spool)(nil)
