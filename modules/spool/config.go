// Package spool is hookgate's store and forward (docs/spool.md): a
// verified delivery is stored durably in NATS JetStream (embedded, or an
// external cluster), acknowledged to the provider, and delivered to the
// rest of its route by a dispatcher, with retries and dead letters. It also
// holds the admin API module that lists, shows, redrives and drops stored
// deliveries, and the spool's metrics. The webhook_verify handler opens a
// spool per route (Config.Open) and hands it verified deliveries; the
// spool does not import the handler.
package spool

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/config"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/verifiers"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// Config turns on store and forward for a route (docs/spool.md): a
// verified delivery is stored durably, the provider gets its
// acknowledgement at once, and the gate delivers the stored copy to the
// rest of the route (the upstream), retrying until the upstream takes it
// or RetryFor is over, when it is dead-lettered.
//
// Both stores are NATS JetStream: "file" runs a JetStream server inside
// Caddy (no network listener, every write fsynced) keeping its files in
// Dir; "nats" uses an external NATS JetStream cluster at URL, which several
// gates can share.
type Config struct {
	// Store is "file" or "nats". Default: "file".
	Store string `json:"store,omitempty"`

	// Dir is the directory of store "file". Placeholders are resolved at
	// provision time. Default: hookgate/spool in Caddy's data directory.
	Dir string `json:"dir,omitempty"`

	// URL is the NATS server of store "nats": nats://[user:pass@]host:port,
	// several separated by commas, or tls://. Placeholders are resolved at
	// provision time; the URL is never logged with its credentials.
	// Required with store "nats".
	URL string `json:"url,omitempty"`

	// Stream is the name of the JetStream stream that holds the pending
	// deliveries; dead letters go to Stream_DEAD. Routes (and gates) with
	// the same stream in the same store share one spool. Letters, digits,
	// '-' and '_'. Default: HOOKGATE_ and the provider in capitals.
	Stream string `json:"stream,omitempty"`

	// RetryFor is how long after its receipt a delivery is retried; then
	// it is dead-lettered. Default: 72h.
	RetryFor caddy.Duration `json:"retry_for,omitempty"`

	// MaxPending is the most deliveries the spool holds awaiting delivery;
	// past it, new ones are answered 503 with Retry-After and left with the
	// provider. Default: 100000.
	MaxPending int `json:"max_pending,omitempty"`

	// AckStatus is the status the provider gets once its delivery is
	// stored. Default: 200.
	AckStatus int `json:"ack_status,omitempty"`

	// AckBody is the body the provider gets once its delivery is stored.
	// Default: the preset's acknowledgement (TSOK for payone), else empty.
	AckBody string `json:"ack_body,omitempty"`

	// Key authenticates the stored messages and names the routes
	// (docs/spool.md, "The spool's key"): at least 32 bytes, a secret,
	// never logged. Placeholders are resolved at provision time. Every
	// route and gate sharing a spool must have the same key. Required with
	// store nats; default for store file: a random key made once and kept
	// in the store's directory as spool.key (mode 0600).
	Key string `json:"key,omitempty"`

	// Concurrency is how many deliveries this gate has in flight to the
	// app at once, 1 to 1000. Deliveries that share an ordering key (PAYONE:
	// the txid) never overtake each other whatever the concurrency; 1
	// delivers everything in the order it was stored. Default: 32.
	Concurrency int `json:"concurrency,omitempty"`

	// AttemptTimeout is how long one delivery attempt may take: an app
	// that has not answered by then has failed the attempt, which is
	// retried with backoff. A reload or shutdown waits this long (and a
	// few seconds more) for the attempts in flight. Default: 30s.
	AttemptTimeout caddy.Duration `json:"attempt_timeout,omitempty"`
}

// Spool defaults.
const (
	spoolStoreFile         = "file"
	spoolStoreNATS         = "nats"
	defaultSpoolRetryFor   = 72 * time.Hour
	defaultSpoolMaxPending = 100000
	spoolStreamPrefix      = "HOOKGATE_"
	spoolHeaderRoom        = 64 << 10 // of a message's max_payload, kept for the headers
)

// spoolStreamName is what a stream name may be.
var spoolStreamName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,200}$`)

// Spool is a provisioned Config: the route's side of a JetStream store.
type Spool struct {
	name        string // store, location and stream: Operator.Name
	provider    string
	stream      string // pending deliveries
	deadStream  string // dead letters
	subject     string
	deadSubject string
	retryFor    time.Duration
	maxPending  int
	ackStatus   int
	ackBody     []byte
	acked       func(status int, body []byte) bool // the upstream took it
	maxBody     int64

	poolKey string
	conn    *spoolConn
	js      jetstream.JetStream // conn.js
	pub     jetstream.JetStream // conn.pub: stores deliveries, dead letters, redrives
	logger  *zap.Logger
	now     func() time.Time

	key            spoolKey // key.go
	routes         []string // the route's identities, by key index (route.go)
	routesLive     bool     // routes are counted in liveRoutes
	verifiedHeader string   // the route's verified header; "" for none

	attempts *attemptMap // sequence -> spoolAttempt, this gate's view (flow.attempts)
	stop     context.CancelFunc
	done     chan struct{}

	concurrency    int
	attemptTimeout time.Duration
	flow           *flow              // this process's deliveries of the spool, shared across reloads
	workers        sync.WaitGroup     // attempts running
	hardStop       context.CancelFunc // cuts off the attempts in flight
	fetching       chan struct{}      // closed when run takes no more deliveries
	shared         bool               // store nats: other gates take from the same stream
	commit         *committer         // store file: writes deliveries arriving together as one (commit.go)
	cfg            configID           // the configuration s belongs to (route.go)
}

// Route is what a spool needs to know of the route that opens it.
type Route struct {
	// Provider names the route's preset: the default stream and the
	// metrics' label.
	Provider string
	// AckBody is the preset's acknowledgement body (TSOK), the default of
	// Config.AckBody.
	AckBody string
	// Acknowledged reports whether the upstream's answer takes a delivery.
	Acknowledged func(status int, body []byte) bool
	// MaxBody is the route's body limit; MaxBodySet says the operator set
	// it (then a NATS server too small for it is an error, else the limit
	// gives way: see Spool.MaxBody).
	MaxBody    int64
	MaxBodySet bool
	// Keys are the route's secrets, then its public keys (as
	// verifiers.Verified.Key counts them), and Options its provider's
	// options: with Provider, they make the route's identity (route.go).
	Keys    [][]byte
	Options map[string]string
	// VerifiedHeader is the route's verified header; "" for none.
	VerifiedHeader string
	// Now is the clock; nil means time.Now.
	Now    func() time.Time
	Logger *zap.Logger
}

// Open builds the route's spool from c: it opens (or shares) the store,
// makes sure its streams and consumer exist, registers the spool for the
// admin API and starts delivering. On error, whatever was set up is
// released.
func (c *Config) Open(ctx caddy.Context, repl *caddy.Replacer, route Route) (*Spool, error) {
	if c.RetryFor < 0 || c.MaxPending < 0 {
		return nil, errors.New("retry_for and max_pending must not be negative")
	}
	if c.Concurrency < 0 || c.Concurrency > maxSpoolConcurrency || c.AttemptTimeout < 0 {
		return nil, fmt.Errorf("concurrency must be 1 to %d and attempt_timeout positive", maxSpoolConcurrency)
	}
	if c.AckStatus != 0 && (c.AckStatus < 200 || c.AckStatus > 299) {
		return nil, fmt.Errorf("ack_status %d is not a 2xx status", c.AckStatus)
	}
	if c.Stream != "" && !spoolStreamName.MatchString(c.Stream) {
		return nil, fmt.Errorf("stream %q: use letters, digits, '-' and '_'", c.Stream)
	}
	s := &Spool{
		provider:   route.Provider,
		stream:     cmp.Or(c.Stream, spoolStreamPrefix+strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(route.Provider))),
		retryFor:   cmp.Or(time.Duration(c.RetryFor), defaultSpoolRetryFor),
		maxPending: cmp.Or(c.MaxPending, defaultSpoolMaxPending),
		ackStatus:  cmp.Or(c.AckStatus, http.StatusOK),
		ackBody:    []byte(cmp.Or(c.AckBody, route.AckBody)),
		acked:      route.Acknowledged,
		maxBody:    route.MaxBody,
		logger:     route.Logger,
		now:        orNow(route.Now),

		verifiedHeader: route.VerifiedHeader,
		concurrency:    cmp.Or(c.Concurrency, defaultSpoolConcurrency),
		attemptTimeout: cmp.Or(time.Duration(c.AttemptTimeout), defaultSpoolAttemptTimeout),
	}
	if err := s.open(ctx, repl, c, route); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// open sets up the store, the streams and the dispatcher of s.
func (s *Spool) open(ctx caddy.Context, repl *caddy.Replacer, c *Config, route Route) error {
	s.deadStream = s.stream + "_DEAD"
	s.subject = "hookgate.spool." + s.stream
	s.deadSubject = "hookgate.spool." + s.deadStream

	var location, keyDir string
	switch c.Store {
	case "", spoolStoreFile:
		if c.URL != "" {
			return errors.New("url is only used with store nats")
		}
		dir := filepath.Join(caddy.AppDataDir(), "hookgate", "spool")
		if c.Dir != "" {
			v, err := config.Resolve(repl, c.Dir)
			if err != nil {
				return fmt.Errorf("dir: %v", err)
			}
			dir = v
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("dir %q: %v", dir, err)
		}
		s.poolKey, location, keyDir = "file:"+abs, "file:"+abs, abs
		s.conn, err = openEmbeddedStore(s.poolKey, abs)
		if err != nil {
			return err
		}
	case spoolStoreNATS:
		if c.Dir != "" {
			return errors.New("dir is only used with store file")
		}
		s.shared = true
		u, err := config.Resolve(repl, c.URL)
		if err != nil {
			return fmt.Errorf("url: %v", err)
		}
		s.poolKey, location = "nats:"+u, "nats:"+redactNATSURL(u)
		s.conn, err = openNATSStore(s.poolKey, u)
		if err != nil {
			return fmt.Errorf("store nats %s: %v", redactNATSURL(u), err)
		}
	default:
		return fmt.Errorf("store must be file or nats, not %q", c.Store)
	}
	s.name = location + "#" + s.stream
	s.js, s.pub = s.conn.js, s.conn.pub
	key, raw, err := readKey(c, repl, keyDir)
	if err != nil {
		return err
	}
	s.cfg = configOf(ctx.Context)
	if err := s.useKey(ctx.Context, key, raw); err != nil {
		return err
	}
	s.routes = key.routeIdentities(route.Provider, route.Options, route.Keys)
	s.flow = acquireFlow(s.name)
	s.attempts = &s.flow.attempts

	if limit := s.conn.nc.MaxPayload() - spoolHeaderRoom; s.maxBody > limit {
		if route.MaxBodySet {
			return fmt.Errorf("max_body %d does not fit in a message of the NATS server (max_payload %d, less %d bytes for the headers): lower max_body or raise the server's max_payload", s.maxBody, limit+spoolHeaderRoom, spoolHeaderRoom)
		}
		// The default max_body gives way to the server's limit.
		s.maxBody = limit
		s.logger.Info("spool: max_body lowered to fit the NATS server's max_payload",
			zap.String("provider", s.provider), zap.Int64("max_body", limit))
	}
	if err := s.setUp(ctx); err != nil {
		return fmt.Errorf("%s: %v", s.name, err)
	}
	if err := registerSpoolMetrics(ctx); err != nil {
		return fmt.Errorf("registering metrics: %v", err)
	}
	if !s.shared {
		s.commit = newCommitter(s)
	}
	s.register()
	s.registerRoutes()
	s.start()
	return nil
}

// MaxBody is the largest body the spool stores: the route's max_body, or
// less when the route's was the default and the NATS server's messages are
// smaller.
func (s *Spool) MaxBody() int64 { return s.maxBody }

// Acknowledges reports whether an answer is the spool's acknowledgement
// (the replay guard remembers it, as it would the app's).
func (s *Spool) Acknowledges(status int, body []byte) bool {
	return status == s.ackStatus && bytes.Equal(body, s.ackBody)
}

// Ack is the answer a provider gets once its delivery is stored.
func (s *Spool) Ack() *verifiers.Answer {
	a := &verifiers.Answer{Status: s.ackStatus, Body: s.ackBody}
	if len(a.Body) > 0 {
		a.ContentType = "text/plain; charset=utf-8"
	}
	return a
}

// Close stops delivering, unregisters the spool and releases its store;
// safe on a nil spool and on one whose opening failed half way.
func (s *Spool) Close() error {
	if s == nil {
		return nil
	}
	s.unregister()
	if s.commit != nil {
		s.commit.close()
	}
	// The attempts in flight finish (dispatch.go) while the route and
	// the key they were taken under are still known.
	s.stopDispatcher()
	if s.flow != nil {
		releaseFlow(s.name, s.flow)
		s.flow = nil
	}
	s.unregisterRoutes()
	s.releaseKey()
	if s.conn != nil {
		s.conn = nil
		if _, err := spoolStores.Delete(s.poolKey); err != nil {
			return fmt.Errorf("spool: releasing the store: %v", err)
		}
	}
	return nil
}

// register makes the spool known to the admin API.
func (s *Spool) register() { Register(s) }

// unregister removes the spool from the admin API unless a newer one of
// the same name replaced it.
func (s *Spool) unregister() { unregisterOperator(s) }

// redactNATSURL is a NATS URL list without passwords or tokens, to log.
func redactNATSURL(list string) string {
	parts := strings.Split(list, ",")
	for i, p := range parts {
		u, err := url.Parse(strings.TrimSpace(p))
		if err != nil {
			parts[i] = "(unparsable URL)"
			continue
		}
		if u.User != nil {
			u.User = url.User(redactlog.Redacted)
		}
		parts[i] = u.String()
	}
	return strings.Join(parts, ",")
}

// orNow is the clock now, or time.Now when it is nil.
func orNow(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}
