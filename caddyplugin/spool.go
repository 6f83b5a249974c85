package caddyplugin

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
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// Spool turns on store and forward for a route (docs/spool.md): a
// verified delivery is stored durably, the provider gets its
// acknowledgement at once, and the gate delivers the stored copy to the
// rest of the route (the upstream), retrying until the upstream takes it
// or RetryFor is over, when it is dead-lettered.
//
// Both stores are NATS JetStream: "file" runs a JetStream server inside
// Caddy (no network listener, every write fsynced) keeping its files in
// Dir; "nats" uses an external NATS JetStream cluster at URL, which several
// gates can share.
type Spool struct {
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

// outcomeSpooled: the delivery was verified and stored in the spool; its
// sender got the spool's acknowledgement. outcomeSpoolUnavailable: it could
// not be stored (store down, disk full, max_pending reached): 503.
const (
	outcomeSpooled          = "spooled"
	outcomeSpoolUnavailable = "spool_unavailable"
)

// spoolStreamName is what a stream name may be.
var spoolStreamName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,200}$`)

// unmarshalSpool reads the spool block (d is on "spool"):
//
//	spool {
//		store      file [<dir>] | nats <url>
//		stream     <name>
//		retry_for  <duration>
//		max_pending <n>
//		ack_status <code>
//		ack_body   <text>
//	}
func (h *Handler) unmarshalSpool(d *caddyfile.Dispenser) error {
	block := d.NewFromNextSegment()
	if err := noRepeats(block); err != nil {
		return err
	}
	block.Reset()
	block.Next()
	if len(block.RemainingArgs()) > 0 {
		return block.Errf("spool takes no arguments, only a block: spool { store file <dir> }")
	}
	s := new(Spool)
	for nesting := block.Nesting(); block.NextBlock(nesting); {
		name := block.Val()
		switch name {
		case "store":
			args := block.RemainingArgs()
			switch {
			case len(args) >= 1 && len(args) <= 2 && args[0] == spoolStoreFile:
				s.Store = spoolStoreFile
				if len(args) == 2 {
					s.Dir = args[1]
				}
			case len(args) == 2 && args[0] == spoolStoreNATS:
				s.Store, s.URL = spoolStoreNATS, args[1]
			default:
				return block.Errf("spool store takes file [<dir>] or nats <url>")
			}
		case "stream":
			v, err := oneArg(block)
			if err != nil {
				return err
			}
			if !spoolStreamName.MatchString(v) {
				return block.Errf("spool stream %q: use letters, digits, '-' and '_'", v)
			}
			s.Stream = v
		case "retry_for":
			v, err := oneArg(block)
			if err != nil {
				return err
			}
			dur, err := caddy.ParseDuration(v)
			if err != nil || dur <= 0 {
				return block.Errf("spool retry_for %q is not a positive duration such as 72h", v)
			}
			s.RetryFor = caddy.Duration(dur)
		case "max_pending":
			v, err := oneArg(block)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return block.Errf("spool max_pending %q is not a positive number", v)
			}
			s.MaxPending = n
		case "ack_status":
			v, err := oneArg(block)
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 200 || n > 299 {
				return block.Errf("spool ack_status %q is not a 2xx status", v)
			}
			s.AckStatus = n
		case "ack_body":
			v, err := oneArg(block)
			if err != nil {
				return err
			}
			s.AckBody = v
		default:
			return block.Errf("unknown spool subdirective %q (it takes store, stream, retry_for, max_pending, ack_status, ack_body)", name)
		}
	}
	h.Spool = s
	return nil
}

// spool is a provisioned Spool: the route's side of a JetStream store.
type spool struct {
	name        string // store, location and stream: spoolOperator.Name
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

	poolKey string
	conn    *spoolConn
	js      jetstream.JetStream
	logger  *zap.Logger
	now     func() time.Time

	attempts sync.Map // sequence -> spoolAttempt, this gate's view
	stop     context.CancelFunc
	done     chan struct{}
}

// provisionSpool builds h's spool from h.Spool: it opens (or shares) the
// store, makes sure its streams and consumer exist, registers the spool
// for the admin API and starts delivering.
func (h *Handler) provisionSpool(ctx caddy.Context, repl *caddy.Replacer) error {
	c := h.Spool
	if c == nil {
		return nil
	}
	if c.RetryFor < 0 || c.MaxPending < 0 {
		return errors.New("retry_for and max_pending must not be negative")
	}
	if c.AckStatus != 0 && (c.AckStatus < 200 || c.AckStatus > 299) {
		return fmt.Errorf("ack_status %d is not a 2xx status", c.AckStatus)
	}
	if c.Stream != "" && !spoolStreamName.MatchString(c.Stream) {
		return fmt.Errorf("stream %q: use letters, digits, '-' and '_'", c.Stream)
	}
	s := &spool{
		provider:   h.Provider,
		stream:     cmp.Or(c.Stream, spoolStreamPrefix+strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(h.Provider))),
		retryFor:   cmp.Or(time.Duration(c.RetryFor), defaultSpoolRetryFor),
		maxPending: cmp.Or(c.MaxPending, defaultSpoolMaxPending),
		ackStatus:  cmp.Or(c.AckStatus, http.StatusOK),
		ackBody:    []byte(cmp.Or(c.AckBody, h.preset.AckBody)),
		acked:      h.preset.Acknowledged,
		logger:     h.logger,
		now:        h.now,
	}
	s.deadStream = s.stream + "_DEAD"
	s.subject = "hookgate.spool." + s.stream
	s.deadSubject = "hookgate.spool." + s.deadStream

	var location string
	switch c.Store {
	case "", spoolStoreFile:
		if c.URL != "" {
			return errors.New("url is only used with store nats")
		}
		dir := filepath.Join(caddy.AppDataDir(), "hookgate", "spool")
		if c.Dir != "" {
			v, err := resolve(repl, c.Dir)
			if err != nil {
				return fmt.Errorf("dir: %v", err)
			}
			dir = v
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("dir %q: %v", dir, err)
		}
		s.poolKey, location = "file:"+abs, "file:"+abs
		s.conn, err = openEmbeddedStore(s.poolKey, abs)
		if err != nil {
			return err
		}
	case spoolStoreNATS:
		if c.Dir != "" {
			return errors.New("dir is only used with store file")
		}
		u, err := resolve(repl, c.URL)
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
	h.spool = s // from here Cleanup releases what is set up
	s.js = s.conn.js

	if limit := s.conn.nc.MaxPayload() - spoolHeaderRoom; h.maxBody > limit {
		if h.MaxBody != 0 {
			return fmt.Errorf("max_body %d does not fit in a message of the NATS server (max_payload %d, less %d bytes for the headers): lower max_body or raise the server's max_payload", h.maxBody, limit+spoolHeaderRoom, spoolHeaderRoom)
		}
		// The default max_body gives way to the server's limit.
		h.maxBody = limit
		h.logger.Info("spool: max_body lowered to fit the NATS server's max_payload",
			zap.String("provider", h.Provider), zap.Int64("max_body", limit))
	}
	if err := s.setUp(ctx); err != nil {
		return fmt.Errorf("%s: %v", s.name, err)
	}
	if h.replay != nil {
		// The spool's acknowledgement is what the replay guard remembers
		// and answers copies with, whatever the preset would expect of the
		// app.
		appAck := h.replay.ack
		h.replay.ack = func(status int, body []byte) bool {
			return status == s.ackStatus && bytes.Equal(body, s.ackBody) || appAck(status, body)
		}
	}
	if err := registerSpoolMetrics(ctx); err != nil {
		return fmt.Errorf("registering metrics: %v", err)
	}
	s.register()
	s.start()
	return nil
}

// validateSpool checks the spool's provisioned values.
func (h *Handler) validateSpool() error {
	if h.Spool == nil {
		return nil
	}
	if h.spool == nil {
		return errors.New("spool: not provisioned")
	}
	if h.spool.retryFor <= 0 || h.spool.maxPending <= 0 {
		return errors.New("spool: retry_for and max_pending must be positive")
	}
	return nil
}

// cleanupSpool stops delivering, unregisters the spool and releases its
// store; safe on a spool whose provisioning failed half way.
func (h *Handler) cleanupSpool() error {
	s := h.spool
	if s == nil {
		return nil
	}
	h.spool = nil
	s.unregister()
	if s.stop != nil {
		s.stop()
		<-s.done
	}
	if s.conn != nil {
		if _, err := spoolStores.Delete(s.poolKey); err != nil {
			return fmt.Errorf("spool: releasing the store: %v", err)
		}
	}
	return nil
}

// register makes the spool known to the admin API; the latest provisioned
// spool of a name wins.
func (s *spool) register() {
	spoolOperators.Lock()
	spoolOperators.byName[s.name] = s
	spoolOperators.Unlock()
}

// unregister removes the spool from the admin API unless a newer one of
// the same name replaced it.
func (s *spool) unregister() {
	spoolOperators.Lock()
	if cur, ok := spoolOperators.byName[s.name]; ok && cur == s {
		delete(spoolOperators.byName, s.name)
	}
	spoolOperators.Unlock()
}

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
			u.User = url.User(Redacted)
		}
		parts[i] = u.String()
	}
	return strings.Join(parts, ",")
}
