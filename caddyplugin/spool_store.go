package caddyplugin

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// The spool's JetStream layout, per stream name S (default HOOKGATE_<PROVIDER>):
//   - stream S, subject hookgate.spool.S: the pending deliveries, file
//     storage, work-queue retention (a delivery is gone once acknowledged),
//     at most max_pending messages with DiscardNew, so a publish past the
//     limit fails atomically and the gate answers 503;
//   - durable pull consumer "hookgate" on S, shared by every gate using the
//     store: each delivery is handed to one gate at a time, explicitly
//     acknowledged once the upstream took it, redelivered after AckWait if
//     that gate died;
//   - stream S_DEAD, subject hookgate.spool.S_DEAD: the dead letters, kept
//     until an operator redrives or drops them.
// A message is the delivery's body, byte for byte, and headers saying how to
// replay the request (spoolHeader*).

// Message headers of a spooled delivery.
const (
	spoolHeaderMethod   = "Hookgate-Method"
	spoolHeaderURI      = "Hookgate-Uri"
	spoolHeaderHost     = "Hookgate-Host"
	spoolHeaderRemote   = "Hookgate-Remote"
	spoolHeaderServer   = "Hookgate-Server" // the name of the Caddy server it arrived on
	spoolHeaderListen   = "Hookgate-Listen" // that server's listener addresses
	spoolHeaderTLS      = "Hookgate-Tls"
	spoolHeaderProto    = "Hookgate-Proto"
	spoolHeaderProvider = "Hookgate-Provider"
	spoolHeaderReceived = "Hookgate-Received" // RFC 3339, nanoseconds
	spoolHeaderHeader   = "Hookgate-Header"   // the request's headers: JSON, values base64
	// dead letters only
	spoolHeaderAttempts = "Hookgate-Attempts"
	spoolHeaderError    = "Hookgate-Error"
	spoolHeaderDead     = "Hookgate-Dead"
)

// spoolAckWait is how long a gate may hold a delivery without word before
// JetStream hands it to another gate (or this one after a restart); a
// gate delivering says it is in progress every third of it.
var spoolAckWait = 30 * time.Second

// Consumer settings.
const (
	spoolConsumer      = "hookgate"
	spoolMaxAckPending = 100
	spoolDupWindow     = 2 * time.Minute
	spoolOpTimeout     = 5 * time.Second
)

// openNATSStore returns the connection to the NATS servers at urls, shared
// by every route using the same URL.
func openNATSStore(key, urls string) (*spoolConn, error) {
	v, _, err := spoolStores.LoadOrNew(key, func() (caddy.Destructor, error) {
		nc, err := nats.Connect(urls, nats.Name("hookgate-spool"), nats.MaxReconnects(-1),
			nats.RetryOnFailedConnect(false), nats.Timeout(spoolOpTimeout))
		if err != nil {
			return nil, errors.New(strings.ReplaceAll(err.Error(), urls, redactNATSURL(urls)))
		}
		js, err := jetstream.New(nc)
		if err != nil {
			nc.Close()
			return nil, err
		}
		return &spoolConn{nc: nc, js: js}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*spoolConn), nil
}

// setUp creates the streams and the consumer, or brings the limits the
// spool owns (max_pending, DiscardNew) up to date on existing ones, keeping
// whatever else an operator set (replicas, placement).
func (s *spool) setUp(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*spoolOpTimeout)
	defer cancel()
	pending := jetstream.StreamConfig{
		Name:        s.stream,
		Description: "hookgate spool: verified webhook deliveries awaiting delivery",
		Subjects:    []string{s.subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		MaxMsgs:     int64(s.maxPending),
		Discard:     jetstream.DiscardNew,
		Duplicates:  spoolDupWindow,
	}
	if err := s.ensureStream(ctx, pending); err != nil {
		return fmt.Errorf("stream %s: %v", s.stream, err)
	}
	dead := jetstream.StreamConfig{
		Name:        s.deadStream,
		Description: "hookgate spool: dead-lettered webhook deliveries",
		Subjects:    []string{s.deadSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
	}
	if err := s.ensureStream(ctx, dead); err != nil {
		return fmt.Errorf("stream %s: %v", s.deadStream, err)
	}
	_, err := s.js.CreateOrUpdateConsumer(ctx, s.stream, jetstream.ConsumerConfig{
		Durable:       spoolConsumer,
		Description:   "hookgate gates delivering the spool",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       spoolAckWait,
		MaxDeliver:    -1,
		MaxAckPending: spoolMaxAckPending,
		FilterSubject: s.subject,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %v", spoolConsumer, err)
	}
	return nil
}

// ensureStream creates want, or updates the spool's own limits on an
// existing stream of that name.
func (s *spool) ensureStream(ctx context.Context, want jetstream.StreamConfig) error {
	st, err := s.js.Stream(ctx, want.Name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = s.js.CreateStream(ctx, want)
		return err
	}
	if err != nil {
		return err
	}
	cfg := st.CachedInfo().Config
	if cfg.MaxMsgs == want.MaxMsgs && cfg.Discard == want.Discard {
		return nil
	}
	cfg.MaxMsgs, cfg.Discard = want.MaxMsgs, want.Discard
	_, err = s.js.UpdateStream(ctx, cfg)
	return err
}

// spooledRequest is a verified delivery as stored.
type spooledRequest struct {
	Method, URI, Host, Remote, Server, Proto string
	Listen                                   string // the server's listener addresses, comma-separated
	TLS                                      bool
	Header                                   http.Header
	Body                                     []byte
	Received                                 time.Time
	MsgID                                    string // the replay identity, for dedup across gates; may be empty
}

// message is the JetStream message that stores d.
func (s *spool) message(d *spooledRequest) (*nats.Msg, error) {
	// Values as bytes (base64 in JSON): a header value need not be UTF-8,
	// and must come back byte for byte.
	raw := make(map[string][][]byte, len(d.Header))
	for k, vs := range d.Header {
		for _, v := range vs {
			raw[k] = append(raw[k], []byte(v))
		}
	}
	header, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	m := nats.NewMsg(s.subject)
	m.Data = d.Body
	h := m.Header
	h[spoolHeaderMethod] = []string{d.Method}
	h[spoolHeaderURI] = []string{d.URI}
	h[spoolHeaderHost] = []string{d.Host}
	h[spoolHeaderRemote] = []string{d.Remote}
	h[spoolHeaderServer] = []string{d.Server}
	h[spoolHeaderListen] = []string{d.Listen}
	h[spoolHeaderProto] = []string{d.Proto}
	h[spoolHeaderProvider] = []string{s.provider}
	h[spoolHeaderReceived] = []string{d.Received.UTC().Format(time.RFC3339Nano)}
	h[spoolHeaderHeader] = []string{string(header)}
	if d.TLS {
		h[spoolHeaderTLS] = []string{"1"}
	}
	if d.MsgID != "" {
		h[jetstream.MsgIDHeader] = []string{d.MsgID}
	}
	return m, nil
}

// parseSpooled reads back what message stored.
func parseSpooled(h nats.Header, body []byte) (*spooledRequest, error) {
	d := &spooledRequest{
		Method: h.Get(spoolHeaderMethod), URI: h.Get(spoolHeaderURI), Host: h.Get(spoolHeaderHost),
		Remote: h.Get(spoolHeaderRemote), Server: h.Get(spoolHeaderServer), Listen: h.Get(spoolHeaderListen), Proto: h.Get(spoolHeaderProto),
		TLS: h.Get(spoolHeaderTLS) == "1", Body: body, MsgID: h.Get(jetstream.MsgIDHeader),
	}
	if d.Method == "" || d.URI == "" {
		return nil, errors.New("not a spooled delivery (no method or URI)")
	}
	var raw map[string][][]byte
	if err := json.Unmarshal([]byte(h.Get(spoolHeaderHeader)), &raw); err != nil {
		return nil, fmt.Errorf("unreadable stored headers: %v", err)
	}
	d.Header = make(http.Header, len(raw))
	for k, vs := range raw {
		for _, v := range vs {
			d.Header[k] = append(d.Header[k], string(v))
		}
	}
	var err error
	if d.Received, err = time.Parse(time.RFC3339Nano, h.Get(spoolHeaderReceived)); err != nil {
		return nil, fmt.Errorf("unreadable receipt time: %v", err)
	}
	return d, nil
}

// store writes d to the spool and returns once JetStream acknowledged it
// (with the embedded server: once it is fsynced). A duplicate of a message
// stored within the dedup window (same replay identity, from any gate)
// counts as stored.
func (s *spool) store(ctx context.Context, d *spooledRequest) error {
	m, err := s.message(d)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, spoolOpTimeout)
	defer cancel()
	ack, err := s.js.PublishMsg(ctx, m, jetstream.WithExpectStream(s.stream))
	if err != nil {
		return err
	}
	if ack.Duplicate {
		s.logger.Debug("spool: a copy of this delivery is stored already")
	}
	return nil
}

// Entry IDs name the stream and the sequence: p<seq> for a pending
// delivery, d<seq> for a dead letter.

// entryID is the operator ID of the message seq of the pending (or dead)
// stream.
func entryID(dead bool, seq uint64) string {
	if dead {
		return "d" + strconv.FormatUint(seq, 10)
	}
	return "p" + strconv.FormatUint(seq, 10)
}

// parseEntryID splits an entry ID.
func parseEntryID(id string) (dead bool, seq uint64, err error) {
	if len(id) < 2 || id[0] != 'p' && id[0] != 'd' {
		return false, 0, errSpoolEntryNotFound
	}
	seq, err = strconv.ParseUint(id[1:], 10, 64)
	if err != nil || seq == 0 {
		return false, 0, errSpoolEntryNotFound
	}
	return id[0] == 'd', seq, nil
}

// The spool as operators see it (spoolOperator, for the admin API).

// Name is the store, its location (a NATS URL without credentials) and the
// stream, such as file:/var/lib/caddy/hookgate/spool#HOOKGATE_PAYONE.
func (s *spool) Name() string { return s.name }

// List returns up to limit entries in state ("" for both), oldest
// received first.
func (s *spool) List(ctx context.Context, state string, limit int) ([]spoolEntry, error) {
	if limit <= 0 {
		return nil, nil
	}
	var out []spoolEntry
	for _, dead := range []bool{false, true} {
		if state == spoolStatePending && dead || state == spoolStateDead && !dead {
			continue
		}
		if state != "" && state != spoolStatePending && state != spoolStateDead {
			return nil, fmt.Errorf("unknown state %q: use %s or %s", state, spoolStatePending, spoolStateDead)
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
	slices.SortStableFunc(out, func(a, b spoolEntry) int { return a.Received.Compare(b.Received) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// Get returns one entry, with its body only when withBody is set.
func (s *spool) Get(ctx context.Context, id string, withBody bool) (spoolEntry, error) {
	msg, dead, err := s.raw(ctx, id)
	if err != nil {
		return spoolEntry{}, err
	}
	return s.entry(dead, msg, withBody), nil
}

// Redrive makes an entry due now with a fresh retry_for: it is stored
// again as a new pending delivery (at the end of the queue), then the old
// message is deleted. A crash in between leaves both: never neither.
func (s *spool) Redrive(ctx context.Context, id string) error {
	msg, dead, err := s.raw(ctx, id)
	if err != nil {
		return err
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
	if _, err := s.js.PublishMsg(ctx, m, jetstream.WithExpectStream(s.stream)); err != nil {
		return fmt.Errorf("storing the delivery again: %v", err)
	}
	return s.deleteMsg(ctx, dead, msg.Sequence)
}

// Drop deletes an entry for good.
func (s *spool) Drop(ctx context.Context, id string) error {
	dead, seq, err := parseEntryID(id)
	if err != nil {
		return err
	}
	return s.deleteMsg(ctx, dead, seq)
}

// deleteMsg deletes message seq of the pending or dead stream.
func (s *spool) deleteMsg(ctx context.Context, dead bool, seq uint64) error {
	st, _, err := s.streamOf(ctx, dead)
	if err != nil {
		return err
	}
	if err := st.DeleteMsg(ctx, seq); err != nil {
		if errors.Is(err, jetstream.ErrMsgNotFound) || strings.Contains(err.Error(), "no message found") {
			return errSpoolEntryNotFound
		}
		return err
	}
	s.attempts.Delete(seq)
	return nil
}

// raw is the stored message of an entry.
func (s *spool) raw(ctx context.Context, id string) (*jetstream.RawStreamMsg, bool, error) {
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
		return nil, false, errSpoolEntryNotFound
	}
	if err != nil {
		return nil, false, err
	}
	return msg, dead, nil
}

// streamOf is the pending or the dead stream, and its subject.
func (s *spool) streamOf(ctx context.Context, dead bool) (jetstream.Stream, string, error) {
	name, subject := s.stream, s.subject
	if dead {
		name, subject = s.deadStream, s.deadSubject
	}
	st, err := s.js.Stream(ctx, name)
	return st, subject, err
}

// entry is what an operator sees of a stored message: secret-bearing
// headers redacted, the body only when asked for.
func (s *spool) entry(dead bool, msg *jetstream.RawStreamMsg, withBody bool) spoolEntry {
	e := spoolEntry{
		ID:       entryID(dead, msg.Sequence),
		Spool:    s.name,
		Provider: cmp.Or(msg.Header.Get(spoolHeaderProvider), s.provider),
		State:    spoolStatePending,
		Size:     len(msg.Data),
		Received: msg.Time,
	}
	if d, err := parseSpooled(msg.Header, msg.Data); err == nil {
		e.Received, e.Method, e.URI, e.Host = d.Received, d.Method, d.URI, d.Host
		e.Header = redactedHeader(d.Header)
	} else {
		e.LastError = "unreadable: " + err.Error()
	}
	if dead {
		e.State = spoolStateDead
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

// redactedHeader is h with the values of secret-bearing headers replaced
// by REDACTED and configured secrets cut out of the rest (redact.go).
func redactedHeader(h http.Header) http.Header {
	red := currentRedaction()
	out := make(http.Header, len(h))
	for k, vs := range h {
		c := make([]string, len(vs))
		for i, v := range vs {
			if red.header(k) {
				c[i] = Redacted
			} else {
				c[i] = red.scrub(v)
			}
		}
		out[k] = c
	}
	return out
}

// Interface guard
var _ spoolOperator = (*spool)(nil)
