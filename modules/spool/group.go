package spool

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Groups: several deliveries in one stored message.
//
// The embedded store fsyncs every message before it acknowledges it, and
// a stream writes its messages one at a time: stored one by one, the
// deliveries arriving together would each wait for their own disk sync.
// So the store "file" keeps the deliveries that arrive together (commit.go)
// in one message, a group, written and synced once; each is acknowledged
// to its provider only once the group is on disk.
//
// A group of n deliveries is published on the subject <subject>.<n>, so
// that the stream's per-subject counts say how many deliveries it holds
// (pendingDeliveries). Its body is the n deliveries, each exactly the
// message it would have been alone (its headers, its MAC, its body),
// framed by encodeGroup. The dispatcher attempts them one after the other
// (group_dispatch.go); an operator sees each as its own entry,
// p<seq>.<i>.
//
// Only deliveries without an ordering key are grouped, and only when the
// dispatcher's order does not matter (concurrency above 1): what is left of
// a group after some of it was delivered is stored again at the end of the
// stream, which could put it behind a later delivery of its key.

// maxGroup bounds a group: deliveries, and bytes of the framed bodies.
const (
	maxGroupDeliveries = 64
	maxGroupBytes      = 1 << 20
)

// groupSubject is the subject of a group of n deliveries of s.
func (s *Spool) groupSubject(n int) string {
	if n <= 1 {
		return s.subject
	}
	return s.subject + "." + strconv.Itoa(n)
}

// groupSize is how many deliveries a message on subject holds: 1 for
// s.subject, n for s.subject.n, 0 for a subject that is not the spool's.
func (s *Spool) groupSize(subject string) int {
	if subject == s.subject {
		return 1
	}
	rest, ok := strings.CutPrefix(subject, s.subject+".")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 2 || n > maxGroupDeliveries || strconv.Itoa(n) != rest {
		return 0
	}
	return n
}

// groupItem is one delivery of a group, as the message it would have been
// alone.
type groupItem struct {
	header nats.Header
	body   []byte
}

// encodeGroup frames deliveries: for each, its header count, each header
// as a name and its values, then its body; every string and body
// length-prefixed (uvarint), so every byte comes back as it was.
func encodeGroup(items []groupItem) []byte {
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(items)))
	for _, it := range items {
		b = binary.AppendUvarint(b, uint64(len(it.header)))
		for name, values := range it.header {
			b = appendBytes(b, name)
			b = binary.AppendUvarint(b, uint64(len(values)))
			for _, v := range values {
				b = appendBytes(b, v)
			}
		}
		b = appendBytes(b, string(it.body))
	}
	return b
}

func appendBytes(b []byte, v string) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// errGroupFrame is a group body that does not decode.
var errGroupFrame = errors.New("unreadable group of deliveries")

// decodeGroup reads what encodeGroup wrote; the bodies alias data.
func decodeGroup(data []byte) ([]groupItem, error) {
	r := groupReader{data: data}
	n := r.count(maxGroupDeliveries)
	items := make([]groupItem, 0, n)
	for range n {
		it := groupItem{header: nats.Header{}}
		for range r.count(len(r.data)) {
			name := string(r.bytes())
			for range r.count(len(r.data)) {
				it.header[name] = append(it.header[name], string(r.bytes()))
			}
		}
		it.body = r.bytes()
		items = append(items, it)
	}
	if r.err != nil || len(r.data) != 0 || n < 1 {
		return nil, errGroupFrame
	}
	return items, nil
}

// groupReader reads uvarint-framed fields, remembering the first error.
type groupReader struct {
	data []byte
	err  error
}

func (r *groupReader) count(limit int) int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data)
	if n <= 0 || v > uint64(limit) {
		r.err = errGroupFrame
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

func (r *groupReader) bytes() []byte {
	l := r.count(len(r.data))
	if r.err != nil || l > len(r.data) {
		r.err = errGroupFrame
		return nil
	}
	v := r.data[:l:l]
	r.data = r.data[l:]
	return v
}

// groupMessage is the message that stores items together.
func (s *Spool) groupMessage(items []groupItem) *nats.Msg {
	if len(items) == 1 {
		m := nats.NewMsg(s.subject)
		m.Header, m.Data = items[0].header, items[0].body
		return m
	}
	m := nats.NewMsg(s.groupSubject(len(items)))
	m.Data = encodeGroup(items)
	return m
}

// itemsOf is what a message of the pending stream holds: itself, or the
// deliveries of its group.
func (s *Spool) itemsOf(subject string, h nats.Header, data []byte) ([]groupItem, error) {
	switch n := s.groupSize(subject); n {
	case 0:
		return nil, fmt.Errorf("a message on %q is not one of the spool's", subject)
	case 1:
		return []groupItem{{header: h, body: data}}, nil
	default:
		items, err := decodeGroup(data)
		if err == nil && len(items) != n {
			err = fmt.Errorf("%w: %d deliveries on the subject of %d", errGroupFrame, len(items), n)
		}
		return items, err
	}
}

// pendingDeliveries is how many deliveries the pending stream holds: its
// messages, a group counting for the deliveries in it.
func (s *Spool) pendingDeliveries(ctx context.Context) (int, error) {
	st, err := s.js.Stream(ctx, s.stream)
	if err != nil {
		return 0, err
	}
	state := st.CachedInfo().State
	n := int(state.Msgs)
	if s.shared || n == 0 { // store nats holds no groups
		return n, nil
	}
	info, err := st.Info(ctx, jetstream.WithSubjectFilter(s.subject+".*"))
	if err != nil {
		return 0, err
	}
	n = int(info.State.Msgs)
	for subject, count := range info.State.Subjects {
		if k := s.groupSize(subject); k > 1 {
			n += (k - 1) * int(count)
		}
	}
	return n, nil
}
