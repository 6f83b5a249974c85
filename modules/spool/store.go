package spool

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/modules/redactlog"
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
//   - with store file, groups of deliveries stored together on S.<n>
//     (group.go), and their own consumer "hookgate-groups";
//   - stream S_DEAD, subject hookgate.spool.S_DEAD: the dead letters, kept
//     until an operator redrives or drops them.
// A message is the delivery's body, byte for byte, and headers saying how to
// replay the request (spoolHeader*): the request as it arrived, before any
// rewrite, and the route that verified it; a MAC under the spool's key
// covers them (key.go).

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
	spoolHeaderRoute    = "Hookgate-Route"    // the identity of the route that verified it (route.go)
	spoolHeaderVerified = "Hookgate-Verified" // the name of the verified header that route set, if any
	// spoolHeaderMAC (key.go) authenticates all of the above and the body.
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
	spoolGroupConsumer = "hookgate-groups"
	spoolMaxAckPending = 100
	spoolDupWindow     = 2 * time.Minute
	spoolOpTimeout     = 5 * time.Second
)

// openNATSStore returns the connections to the NATS servers at urls,
// shared by every route using the same URL. Both reconnect for as long as
// they are open, and differ in what they do meanwhile:
//   - the dispatcher's (nc, js) keeps what it sends for when it is back:
//     the acknowledgements of deliveries the app took, the retries
//     scheduled, so that they hold across a short outage;
//   - the one that stores (pub) keeps nothing: a publish fails at once
//     while it is not connected. Kept, it would be sent once NATS is back,
//     storing a delivery whose provider was answered 503 when the publish
//     acknowledgement did not come (and which the provider retries), and
//     each such answer would wait for the whole publish timeout.
func openNATSStore(key, urls string) (*spoolConn, error) {
	v, _, err := spoolStores.LoadOrNew(key, func() (caddy.Destructor, error) {
		nc, js, err := connectNATS(urls)
		if err != nil {
			return nil, err
		}
		pubNC, pub, err := connectNATS(urls, nats.ReconnectBufSize(-1))
		if err != nil {
			nc.Close()
			return nil, err
		}
		return &spoolConn{nc: nc, js: js, pubNC: pubNC, pub: connectedJS{JetStream: pub, nc: pubNC}}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*spoolConn), nil
}

// connectNATS opens a connection to the NATS servers at urls that
// reconnects for as long as it is open.
func connectNATS(urls string, opts ...nats.Option) (*nats.Conn, jetstream.JetStream, error) {
	opts = append([]nats.Option{nats.Name("hookgate-spool"), nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(false), nats.Timeout(spoolOpTimeout)}, opts...)
	nc, err := nats.Connect(urls, opts...)
	if err != nil {
		return nil, nil, redactNATSError(err, urls)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, redactNATSError(err, urls)
	}
	return nc, js, nil
}

// errNATSReconnecting is what a publish gets while the connection that
// stores into NATS is lost.
var errNATSReconnecting = errors.New("not connected to NATS (reconnecting); nothing was stored")

// connectedJS is the JetStream context that stores into NATS
// (openNATSStore): a publish fails at once while its connection is lost.
type connectedJS struct {
	jetstream.JetStream
	nc *nats.Conn
}

func (c connectedJS) PublishMsg(ctx context.Context, m *nats.Msg, opts ...jetstream.PublishOpt) (*jetstream.PubAck, error) {
	// Asked first: a request the client refuses to send leaves its reply
	// channel behind until the connection is closed.
	if !c.nc.IsConnected() {
		return nil, errNATSReconnecting
	}
	ack, err := c.JetStream.PublishMsg(ctx, m, opts...)
	if errors.Is(err, nats.ErrReconnectBufExceeded) { // lost since
		return nil, errNATSReconnecting
	}
	return ack, err
}

// setUp creates the streams and the consumer, or brings the limits the
// spool owns (max_pending, DiscardNew) up to date on existing ones, keeping
// whatever else an operator set (replicas, placement).
func (s *Spool) setUp(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*spoolOpTimeout)
	defer cancel()
	pending := jetstream.StreamConfig{
		Name:        s.stream,
		Description: "hookgate spool: verified webhook deliveries awaiting delivery",
		Subjects:    s.pendingSubjects(),
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
	for _, c := range s.consumers() {
		_, err := s.js.CreateOrUpdateConsumer(ctx, s.stream, jetstream.ConsumerConfig{
			Durable:       c.name,
			Description:   "hookgate gates delivering the spool" + c.what,
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       spoolAckWait,
			MaxDeliver:    -1,
			MaxAckPending: max(spoolMaxAckPending, 2*s.concurrency), // room for concurrency in flight and as many waiting
			FilterSubject: c.subject,
		})
		if err != nil {
			return fmt.Errorf("consumer %s: %v", c.name, err)
		}
	}
	return nil
}

// spoolConsumerInfo is one of the pending stream's consumers.
type spoolConsumerInfo struct{ name, subject, what string }

// consumers are the pending stream's consumers: "hookgate" for the
// deliveries stored alone and, with store file, "hookgate-groups" for
// the groups (group.go). The groups have a consumer of their own, so
// that the one of the deliveries alone stays as it always was.
func (s *Spool) consumers() []spoolConsumerInfo {
	out := []spoolConsumerInfo{{spoolConsumer, s.subject, ""}}
	if !s.shared {
		out = append(out, spoolConsumerInfo{spoolGroupConsumer, s.subject + ".*", " (groups)"})
	}
	return out
}

// pendingSubjects are the pending stream's subjects: its deliveries and,
// for store file, its groups (group.go).
func (s *Spool) pendingSubjects() []string {
	if s.shared {
		return []string{s.subject}
	}
	return []string{s.subject, s.subject + ".*"}
}

// ensureStream creates want, or updates the spool's own limits on an
// existing stream of that name.
func (s *Spool) ensureStream(ctx context.Context, want jetstream.StreamConfig) error {
	st, err := s.js.Stream(ctx, want.Name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = s.js.CreateStream(ctx, want)
		return err
	}
	if err != nil {
		return err
	}
	cfg := st.CachedInfo().Config
	if cfg.MaxMsgs == want.MaxMsgs && cfg.Discard == want.Discard && slices.Equal(cfg.Subjects, want.Subjects) {
		return nil
	}
	cfg.MaxMsgs, cfg.Discard, cfg.Subjects = want.MaxMsgs, want.Discard, want.Subjects
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
	Route                                    string // the identity of the route that verified it
	VerifiedHeader                           string // the verified header that route set; "" for none
}

// message is the JetStream message that stores d.
func (s *Spool) message(d *spooledRequest) (*nats.Msg, error) {
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
	h[spoolHeaderRoute] = []string{d.Route}
	if d.VerifiedHeader != "" {
		h[spoolHeaderVerified] = []string{d.VerifiedHeader}
	}
	if err := s.sign(m); err != nil {
		return nil, err
	}
	return m, nil
}

// parseSpooled reads back what message stored.
func parseSpooled(h nats.Header, body []byte) (*spooledRequest, error) {
	d := &spooledRequest{
		Method: h.Get(spoolHeaderMethod), URI: h.Get(spoolHeaderURI), Host: h.Get(spoolHeaderHost),
		Remote: h.Get(spoolHeaderRemote), Server: h.Get(spoolHeaderServer), Listen: h.Get(spoolHeaderListen), Proto: h.Get(spoolHeaderProto),
		TLS: h.Get(spoolHeaderTLS) == "1", Body: body, MsgID: h.Get(jetstream.MsgIDHeader),
		Route: h.Get(spoolHeaderRoute), VerifiedHeader: h.Get(spoolHeaderVerified),
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
// (with the embedded server: once it is fsynced, with the deliveries that
// arrived with it: commit.go). A duplicate of a message stored alone within
// the dedup window (same replay identity, from any gate) counts as stored.
func (s *Spool) store(ctx context.Context, d *spooledRequest) error {
	m, err := s.message(d)
	if err != nil {
		return err
	}
	if s.commit != nil { // store file: written with the deliveries arriving with it
		return s.commit.store(ctx, m, s.concurrency > 1 && orderingKey(s.provider, d.Body) == "")
	}
	ctx, cancel := context.WithTimeout(ctx, spoolOpTimeout)
	defer cancel()
	ack, err := s.pub.PublishMsg(ctx, m, jetstream.WithExpectStream(s.stream))
	if err != nil {
		return err
	}
	if ack.Duplicate {
		s.logger.Debug("spool: a copy of this delivery is stored already")
	}
	return nil
}

// The spool as operators see it (Operator, for the admin API).

// natsUserinfo finds the credentials written in a NATS URL.
var natsUserinfo = regexp.MustCompile(`://[^/?#\s"']*@`)

// redactNATSError is err with every credential of the NATS URL list urls
// taken out: the NATS client puts the URL it failed on, as written, in its
// errors (a URL that does not parse, a bad port), and not only the whole
// list.
func redactNATSError(err error, urls string) error {
	text := err.Error()
	var secrets []string
	for _, p := range strings.Split(urls, ",") {
		p = strings.TrimSpace(p)
		if _, rest, ok := strings.Cut(p, "://"); ok {
			p = rest
		}
		at := strings.LastIndex(p, "@")
		if at < 0 {
			continue
		}
		info := p[:at]
		secrets = append(secrets, info)
		if _, pw, ok := strings.Cut(info, ":"); ok {
			secrets = append(secrets, pw)
		}
	}
	for _, v := range slices.Clone(secrets) {
		if u, err := url.PathUnescape(v); err == nil {
			secrets = append(secrets, u, url.QueryEscape(u), url.PathEscape(u))
		}
	}
	slices.SortFunc(secrets, func(a, b string) int { return len(b) - len(a) }) // longest first
	for _, v := range secrets {
		if v != "" {
			text = strings.ReplaceAll(text, v, redactlog.Redacted)
		}
	}
	return errors.New(natsUserinfo.ReplaceAllString(text, "://"+redactlog.Redacted+"@"))
}
