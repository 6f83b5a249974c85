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
// received first. Each delivery of a group is an entry of its own.
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
		st, err := s.streamOf(ctx, dead)
		if err != nil {
			return nil, err
		}
		for seq := uint64(1); len(out) < limit; {
			msg, err := st.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(">"))
			if errors.Is(err, jetstream.ErrMsgNotFound) {
				break
			}
			if err != nil {
				return nil, err
			}
			out = append(out, s.entries(dead, msg)...)
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
	f, err := s.find(ctx, id)
	if err != nil {
		return Entry{}, err
	}
	return s.entry(id, f.dead, f.msg, f.item(), withBody), nil
}

// Redrive makes an entry due now with a fresh retry_for: it is stored
// again as a new pending delivery (at the end of the queue), then the old
// message is deleted (the rest of its group, if it was in one, stored
// again first). A crash in between leaves both: never neither. A message
// that fails its MAC is not redriven: the spool's key would vouch for
// what no gate stored.
func (s *Spool) Redrive(ctx context.Context, id string) error {
	f, err := s.find(ctx, id)
	if err != nil {
		return err
	}
	it := f.item()
	if err := s.authentic(it.header, it.body); err != nil {
		return fmt.Errorf("not redriven: %w", err)
	}
	m := nats.NewMsg(s.subject)
	m.Data = it.body
	for k, v := range it.header {
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
	return s.replace(ctx, f, func() error {
		if _, err := s.pub.PublishMsg(ctx, m, jetstream.WithExpectStream(s.stream)); err != nil {
			return fmt.Errorf("storing the delivery again: %v", err)
		}
		return nil
	})
}

// Drop deletes an entry for good (the rest of its group stays).
func (s *Spool) Drop(ctx context.Context, id string) error {
	dead, seq, item, err := parseEntryID(id)
	if err != nil {
		return err
	}
	if item == 0 {
		return s.deleteMsg(ctx, dead, seq)
	}
	f, err := s.find(ctx, id)
	if err != nil {
		return err
	}
	return s.replace(ctx, f, func() error { return nil })
}

// replace runs store, then deletes f's message: a pending one held back
// from the dispatcher meanwhile (ErrInFlight while it is being
// delivered), and the rest of its group stored again before it goes.
func (s *Spool) replace(ctx context.Context, f found, store func() error) error {
	done := false
	if !f.dead { // not while the dispatcher delivers it (dispatch.go)
		end, err := s.beginRedrive(f.msg.Sequence)
		if err != nil {
			return err
		}
		defer func() { end(done) }()
	}
	if err := store(); err != nil {
		return err
	}
	if rest := f.rest(); len(rest) > 0 {
		ack, err := s.pub.PublishMsg(ctx, s.groupMessage(rest), jetstream.WithExpectStream(s.stream))
		if err != nil {
			return fmt.Errorf("storing the rest of its group again: %v", err)
		}
		if a, ok := s.attempts.Load(f.msg.Sequence); ok {
			s.attempts.Store(ack.Sequence, a.(spoolAttempt))
		}
	}
	err := s.deleteMsg(ctx, f.dead, f.msg.Sequence)
	done = err == nil
	return err
}

// deleteMsg deletes message seq of the pending or dead stream.
func (s *Spool) deleteMsg(ctx context.Context, dead bool, seq uint64) error {
	st, err := s.streamOf(ctx, dead)
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

// found is an entry's stored message and, for a delivery of a group, the
// group's deliveries and which one it is.
type found struct {
	msg   *jetstream.RawStreamMsg
	dead  bool
	items []groupItem
	index int // 0-based; 0 for a message of its own
}

// item is the entry's delivery, as the message it would be alone.
func (f found) item() groupItem { return f.items[f.index] }

// rest is the other deliveries of the entry's group.
func (f found) rest() []groupItem {
	var out []groupItem
	for i, it := range f.items {
		if i != f.index {
			out = append(out, groupItem{header: withoutNATSHeaders(it.header), body: it.body})
		}
	}
	return out
}

// find is the stored message of an entry.
func (s *Spool) find(ctx context.Context, id string) (found, error) {
	dead, seq, item, err := parseEntryID(id)
	if err != nil {
		return found{}, err
	}
	st, err := s.streamOf(ctx, dead)
	if err != nil {
		return found{}, err
	}
	msg, err := st.GetMsg(ctx, seq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return found{}, ErrNotFound
	}
	if err != nil {
		return found{}, err
	}
	f := found{msg: msg, dead: dead, items: []groupItem{{header: msg.Header, body: msg.Data}}}
	switch n := s.groupSize(msg.Subject); {
	case dead && msg.Subject != s.deadSubject, !dead && n == 0, (n > 1) != (item > 0):
		return found{}, ErrNotFound
	case n > 1:
		if f.items, err = decodeGroup(msg.Data); err != nil || len(f.items) != n || item > n {
			return found{}, ErrNotFound
		}
		f.index = item - 1
	}
	return f, nil
}

// streamOf is the pending or the dead stream.
func (s *Spool) streamOf(ctx context.Context, dead bool) (jetstream.Stream, error) {
	name := s.stream
	if dead {
		name = s.deadStream
	}
	return s.js.Stream(ctx, name)
}

// entries are what an operator sees of a stored message: one entry, or
// one per delivery of a group.
func (s *Spool) entries(dead bool, msg *jetstream.RawStreamMsg) []Entry {
	n := s.groupSize(msg.Subject)
	if dead || n <= 1 {
		return []Entry{s.entry(entryID(dead, msg.Sequence), dead, msg, groupItem{header: msg.Header, body: msg.Data}, false)}
	}
	items, err := decodeGroup(msg.Data)
	if err != nil || len(items) != n {
		e := s.entry(entryID(false, msg.Sequence), false, msg, groupItem{header: msg.Header, body: msg.Data}, false)
		e.LastError = "unreadable group of deliveries"
		return []Entry{e}
	}
	out := make([]Entry, len(items))
	for i, it := range items {
		out[i] = s.entry(groupEntryID(msg.Sequence, i+1), false, msg, it, false)
	}
	return out
}

// entry is what an operator sees of delivery it of a stored message:
// secret-bearing headers redacted, the body only when asked for.
func (s *Spool) entry(id string, dead bool, msg *jetstream.RawStreamMsg, it groupItem, withBody bool) Entry {
	e := Entry{
		ID:       id,
		Spool:    s.name,
		Provider: cmp.Or(it.header.Get(spoolHeaderProvider), s.provider),
		State:    StatePending,
		Size:     len(it.body),
		Received: msg.Time,
	}
	if d, err := parseSpooled(it.header, it.body); err == nil {
		e.Received, e.Method, e.URI, e.Host = d.Received, d.Method, d.URI, d.Host
		e.Header = redactlog.Header(d.Header)
	} else {
		e.LastError = "unreadable: " + err.Error()
	}
	if dead {
		e.State = StateDead
		e.Attempts, _ = strconv.Atoi(it.header.Get(spoolHeaderAttempts))
		e.LastError = it.header.Get(spoolHeaderError)
	} else if v, ok := s.attempts.Load(msg.Sequence); ok {
		a := v.(spoolAttempt)
		e.Attempts, e.LastError, e.NextAttempt = a.attempts, a.lastErr, a.next
	}
	if withBody {
		e.Body = it.body
	}
	return e
}

// Entry IDs name the stream and the sequence: p<seq> for a pending
// delivery, d<seq> for a dead letter, and p<seq>.<i> for the i-th (from 1)
// delivery of a group stored together (group.go).

// entryID is the operator ID of the message seq of the pending (or dead)
// stream.
func entryID(dead bool, seq uint64) string {
	if dead {
		return "d" + strconv.FormatUint(seq, 10)
	}
	return "p" + strconv.FormatUint(seq, 10)
}

// groupEntryID is the operator ID of delivery item (from 1) of the group
// in message seq of the pending stream.
func groupEntryID(seq uint64, item int) string {
	return entryID(false, seq) + "." + strconv.Itoa(item)
}

// parseEntryID splits an entry ID; item is 0 for a message of its own.
func parseEntryID(id string) (dead bool, seq uint64, item int, err error) {
	if len(id) < 2 || id[0] != 'p' && id[0] != 'd' {
		return false, 0, 0, ErrNotFound
	}
	num, sub, grouped := strings.Cut(id[1:], ".")
	seq, err = strconv.ParseUint(num, 10, 64)
	if err != nil || seq == 0 {
		return false, 0, 0, ErrNotFound
	}
	if grouped {
		item, err = strconv.Atoi(sub)
		if err != nil || item < 1 || item > maxGroupDeliveries || id[0] != 'p' || strconv.Itoa(item) != sub {
			return false, 0, 0, ErrNotFound
		}
	}
	return id[0] == 'd', seq, item, nil
}

var _ Operator = (*Spool)(nil)
