package caddyplugin

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/verifiers"
)

// Replay turns on replay protection and duplicate suppression for a route.
// Every authentic delivery's identity (the provider's event or delivery ID,
// or the fingerprint of its signed content, see verifiers.IDSource) is
// claimed before the delivery is passed on. A copy of a delivery the app
// already acknowledged within Window never reaches the app again: its
// sender gets the acknowledgement the app gave the first copy. A delivery
// the app did not acknowledge (an error, a timeout, a non-2xx answer, for
// Payone anything but TSOK) is forgotten, so the provider's retry goes through.
type Replay struct {
	// Window is how long an acknowledged delivery is remembered; a copy
	// within it is a replay. To suppress all of a provider's retries, cover
	// its retry period (Payone 48h, Stripe 72h). Required.
	Window caddy.Duration `json:"window"`

	// Store is where identities are kept: "memory" (this process only,
	// bounded, kept across config reloads) or "redis" (shared by a cluster
	// of gates behind a load balancer). Default: "memory".
	Store string `json:"store,omitempty"`

	// MaxEntries bounds the memory store: past it, expired entries are
	// dropped first, then the oldest. Default: 100000 (and 64 MiB of
	// stored acknowledgements in total).
	MaxEntries int `json:"max_entries,omitempty"`

	// RedisURL is the Redis server of store "redis":
	// redis://[user:password@]host:port[/db], or rediss:// for TLS.
	// Placeholders ({env.REDIS_URL}) are resolved at provision time; the
	// URL is never logged. Required with store "redis".
	RedisURL string `json:"redis_url,omitempty"`

	// OnStoreError is what happens to a delivery when the store cannot be
	// reached: "refuse" answers 503 with Retry-After, so the provider
	// retries and nothing is lost; "forward" passes the delivery on
	// unchecked and logs an error for each. Default: "refuse".
	OnStoreError string `json:"on_store_error,omitempty"`

	// Wait is how long a copy that arrives while an earlier copy is still
	// with the app waits for the app's answer. It then gets the stored
	// acknowledgement, goes through itself if the first copy failed, or,
	// if the first copy is still in flight, gets 503 with Retry-After.
	// Default: 5s.
	Wait caddy.Duration `json:"wait,omitempty"`

	// Lease is how long a claim holds while its copy is in flight. If the
	// gate that made it dies before the app answers, copies are refused
	// with 503 until the lease ends. Keep it above the upstream's timeout.
	// Default: 2m.
	Lease caddy.Duration `json:"lease,omitempty"`

	// Scope namespaces the identities of this route in the store. Routes
	// of the same provider with the same options share one by default;
	// give each a scope of its own when they can receive the same event
	// ID (two Standard Webhooks endpoints of one account). Gates of one
	// cluster must use the same scope for a route. Default: the provider
	// name and a hash of the route's options.
	Scope string `json:"scope,omitempty"`
}

// Replay defaults and bounds.
const (
	defaultReplayWait  = 5 * time.Second
	defaultReplayLease = 2 * time.Minute
	// maxAckBody caps the stored acknowledgement body; a longer answer is
	// remembered without its body.
	maxAckBody = 64 << 10
	// storeOpTimeout bounds the store calls made after the app answered,
	// which must not depend on the sender still being connected.
	storeOpTimeout  = 3 * time.Second
	replayKeyPrefix = "hookgate:replay:"
)

// Values of Replay.Store and Replay.OnStoreError.
const (
	storeMemory  = "memory"
	storeRedis   = "redis"
	onErrRefuse  = "refuse"
	onErrForward = "forward"
)

// Outcomes of replay protection, for logs and metrics.
const (
	// outcomeReplay ("replay", metrics.go) is a stopped copy.
	outcomeReplayStoreDown = "replay_store_error"
)

// memoryStores keeps memory stores across config reloads, by scope.
var memoryStores = caddy.NewUsagePool()

// replayGuard is a provisioned Replay.
type replayGuard struct {
	store   replayStore
	poolKey string // memory stores: the key in memoryStores
	prefix  string // key prefix: replayKeyPrefix + scope + ":"
	window  time.Duration
	wait    time.Duration
	lease   time.Duration
	forward bool // on_store_error forward
}

// provisionReplay checks and builds the replay guard of h.
func (h *Handler) provisionReplay(repl *caddy.Replacer) error {
	c := h.Replay
	if c == nil {
		return nil
	}
	if c.Window <= 0 {
		return fmt.Errorf("webhook_verify %s: replay needs a positive window", h.Provider)
	}
	g := &replayGuard{
		window: time.Duration(c.Window),
		wait:   time.Duration(c.Wait),
		lease:  time.Duration(c.Lease),
	}
	if c.Wait < 0 || c.Lease < 0 || c.MaxEntries < 0 {
		return fmt.Errorf("webhook_verify %s: replay wait, lease and max_entries must not be negative", h.Provider)
	}
	if g.wait == 0 {
		g.wait = defaultReplayWait
	}
	if g.lease == 0 {
		g.lease = defaultReplayLease
	}
	switch c.OnStoreError {
	case "", onErrRefuse:
	case onErrForward:
		g.forward = true
	default:
		return fmt.Errorf("webhook_verify %s: on_store_error must be refuse or forward, not %q", h.Provider, c.OnStoreError)
	}
	scope := c.Scope
	if scope == "" {
		scope = h.defaultScope()
	}
	g.prefix = replayKeyPrefix + scope + ":"

	switch c.Store {
	case "", storeMemory:
		if c.RedisURL != "" {
			return fmt.Errorf("webhook_verify %s: redis_url is only used with store redis", h.Provider)
		}
		max := c.MaxEntries
		if max == 0 {
			max = DefaultMaxEntries
		}
		g.poolKey = fmt.Sprintf("%s|%d", g.prefix, max)
		v, _, err := memoryStores.LoadOrNew(g.poolKey, func() (caddy.Destructor, error) {
			s := newMemoryStore(max)
			if h.now != nil {
				s.now = h.now
			}
			return s, nil
		})
		if err != nil {
			return err
		}
		g.store = v.(*memoryStore)
	case storeRedis:
		if c.MaxEntries != 0 {
			return fmt.Errorf("webhook_verify %s: max_entries is only used with store memory", h.Provider)
		}
		if c.RedisURL == "" {
			return fmt.Errorf("webhook_verify %s: store redis needs a URL", h.Provider)
		}
		u, err := resolve(repl, c.RedisURL)
		if err != nil {
			return fmt.Errorf("webhook_verify %s: redis URL: %v", h.Provider, err)
		}
		if g.store, err = newRedisStore(u); err != nil {
			return fmt.Errorf("webhook_verify %s: %v", h.Provider, err)
		}
	default:
		return fmt.Errorf("webhook_verify %s: replay store must be memory or redis, not %q", h.Provider, c.Store)
	}
	h.replay = g
	return nil
}

// unmarshalReplay parses the replay subdirective:
//
//	replay <window> {
//		store          memory [<max_entries>] | redis <url>   # default: memory
//		on_store_error refuse | forward                       # default: refuse
//		wait           <duration>                             # default: 5s
//		lease          <duration>                             # default: 2m
//		scope          <name>                                 # default: provider + options hash
//	}
func (h *Handler) unmarshalReplay(d *caddyfile.Dispenser) error {
	if h.Replay != nil {
		return d.Err("replay is set twice")
	}
	c := new(Replay)
	v, err := oneArg(d)
	if err != nil {
		return err
	}
	if c.Window, err = positiveDuration(d, "replay window", v); err != nil {
		return err
	}
	for nesting := d.Nesting(); d.NextBlock(nesting); {
		switch name := d.Val(); name {
		case "store":
			args := d.RemainingArgs()
			switch {
			case len(args) == 1 && args[0] == storeMemory:
				c.Store = storeMemory
			case len(args) == 2 && args[0] == storeMemory:
				n, err := strconv.Atoi(args[1])
				if err != nil || n <= 0 {
					return d.Errf("store memory: max_entries %q is not a positive number", args[1])
				}
				c.Store, c.MaxEntries = storeMemory, n
			case len(args) == 2 && args[0] == storeRedis:
				c.Store, c.RedisURL = storeRedis, args[1]
			default:
				return d.Err("store must be 'memory [<max_entries>]' or 'redis <url>'")
			}
		case "on_store_error":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			if v != onErrRefuse && v != onErrForward {
				return d.Errf("on_store_error must be refuse or forward, not %q", v)
			}
			c.OnStoreError = v
		case "wait", "lease":
			v, err := oneArg(d)
			if err != nil {
				return err
			}
			dur, err := positiveDuration(d, name, v)
			if err != nil {
				return err
			}
			if name == "wait" {
				c.Wait = dur
			} else {
				c.Lease = dur
			}
		case "scope":
			if c.Scope, err = oneArg(d); err != nil {
				return err
			}
		default:
			return d.Errf("unknown replay subdirective %q", name)
		}
	}
	h.Replay = c
	return nil
}

// positiveDuration parses a Caddyfile duration that must be above zero.
func positiveDuration(d *caddyfile.Dispenser, what, v string) (caddy.Duration, error) {
	dur, err := caddy.ParseDuration(v)
	if err != nil || dur <= 0 {
		return 0, d.Errf("%s %q is not a positive duration such as 1h", what, v)
	}
	return caddy.Duration(dur), nil
}

// defaultScope is the provider name and a hash of the route's own options
// (as configured, placeholders unresolved; never the secrets), so routes
// that differ in them do not share identities.
func (h *Handler) defaultScope() string {
	names := make([]string, 0, len(h.Options))
	for name := range h.Options {
		if name != "authorization" { // checkout_com's static key is a secret
			names = append(names, name)
		}
	}
	slices.Sort(names)
	sum := sha256.New()
	for _, name := range names {
		fmt.Fprintf(sum, "%s=%s\x00", name, h.Options[name])
	}
	fmt.Fprintf(sum, "url=%s", h.URL)
	return h.Provider + ":" + hex.EncodeToString(sum.Sum(nil))[:16]
}

// cleanupReplay releases the guard's store; safe when it was never built.
func (h *Handler) cleanupReplay() error {
	g := h.replay
	h.replay = nil
	if g == nil || g.store == nil {
		return nil
	}
	if g.poolKey != "" {
		_, err := memoryStores.Delete(g.poolKey)
		return err
	}
	return g.store.Close()
}

// serveReplay passes an authentic delivery on to next unless it is a copy
// of one already acknowledged or in flight.
func (h *Handler) serveReplay(w http.ResponseWriter, r *http.Request, v verifiers.Verified, next func(http.ResponseWriter) error) error {
	g := h.replay
	id, err := v.Identity()
	if err != nil {
		return h.refuse(r, http.StatusUnauthorized, string(verifiers.ReasonOf(err)), err.Error(), nil)
	}
	fromProvider := v.ID != ""
	sum := sha256.Sum256([]byte(id))
	key := g.prefix + hex.EncodeToString(sum[:])
	token := newToken()
	ctx := r.Context()

	deadline := h.now().Add(g.wait)
	poll := 10 * time.Millisecond
	for {
		cur, claimed, err := g.store.Claim(ctx, key, record{Token: token}, g.lease)
		if err != nil {
			return h.storeFailed(w, r, err, func() error { return next(w) })
		}
		if claimed {
			return h.forwardClaimed(w, r, key, token, next)
		}
		// Another copy holds the key: wait for its outcome.
		for !cur.Done {
			if !h.now().Before(deadline) {
				w.Header().Set("Retry-After", strconv.Itoa(retryAfter(g.wait)))
				return h.refuse(r, http.StatusServiceUnavailable, outcomeReplay, "an earlier copy of this delivery is still being processed", nil)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(poll):
			}
			poll = min(poll*2, 200*time.Millisecond)
			var found bool
			if cur, found, err = g.store.Get(ctx, key); err != nil {
				return h.storeFailed(w, r, err, func() error { return next(w) })
			}
			if !found {
				break // the earlier copy failed and let go: claim again
			}
		}
		if cur.Done {
			return h.answerReplay(w, r, cur, id, fromProvider)
		}
	}
}

// forwardClaimed passes the delivery on, holding its claim, and then
// either remembers the app's acknowledgement or lets the claim go.
func (h *Handler) forwardClaimed(w http.ResponseWriter, r *http.Request, key, token string, next func(http.ResponseWriter) error) (err error) {
	g := h.replay
	rec := &ackRecorder{ResponseWriterWrapper: &caddyhttp.ResponseWriterWrapper{ResponseWriter: w}}
	settled := false
	defer func() {
		if settled {
			return
		}
		// An error, a panic, or an answer that is no acknowledgement: let
		// the provider's retry through.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeOpTimeout)
		defer cancel()
		if rerr := g.store.Release(ctx, key, token); rerr != nil {
			h.logger.Error("replay store: releasing a claim failed; copies of this delivery wait for its lease to end",
				zap.String("provider", h.Provider), zap.Duration("lease", g.lease), zap.Error(rerr))
		}
	}()

	err = next(rec)
	status := rec.status
	if status == 0 && err == nil {
		status = http.StatusOK
	}
	if err != nil || !h.preset.Acknowledged(status, rec.body.Bytes()) {
		return err
	}
	ack := record{Done: true, Status: status, ContentType: rec.Header().Get("Content-Type")}
	// A body over maxAckBody, or an encoded one (gzip) that a replay could
	// not label correctly, is not kept: its copies get the status alone.
	if !rec.overflow && rec.Header().Get("Content-Encoding") == "" {
		ack.Body = bytes.Clone(rec.body.Bytes())
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), storeOpTimeout)
	defer cancel()
	if serr := g.store.Settle(ctx, key, ack, g.window); serr != nil {
		h.logger.Error("replay store: remembering a delivery failed; a copy of it may reach the app again",
			zap.String("provider", h.Provider), zap.Error(serr))
		return nil
	}
	settled = true
	return nil
}

// answerReplay gives the sender of a replay the acknowledgement the app
// gave the first copy. This is the one place a stopped replay is counted:
// it logs at info with outcome "replay" (metrics hook here).
func (h *Handler) answerReplay(w http.ResponseWriter, r *http.Request, ack record, id string, fromProvider bool) error {
	ip, _ := caddyhttp.GetVar(r.Context(), caddyhttp.ClientIPVarKey).(string)
	source := "fingerprint"
	if fromProvider {
		source = "id"
	}
	h.logger.Info("webhook replay stopped",
		zap.String("provider", h.Provider),
		zap.String("client_ip", ip),
		zap.String("check", outcomeReplay),
		zap.String("delivery_id", logID(id)),
		zap.String("id_source", source),
		zap.Int("status", ack.Status),
	)
	h.record(r, outcomeReplay)
	return writeAnswer(w, &verifiers.Answer{Status: ack.Status, ContentType: ack.ContentType, Body: ack.Body})
}

// storeFailed applies on_store_error when the store cannot be reached.
func (h *Handler) storeFailed(w http.ResponseWriter, r *http.Request, err error, forward func() error) error {
	if h.replay.forward {
		h.logger.Error("replay store unreachable: forwarding the delivery UNCHECKED for replays (on_store_error forward)",
			zap.String("provider", h.Provider), zap.String("check", outcomeReplayStoreDown), zap.Error(err))
		return forward()
	}
	h.logger.Error("replay store unreachable: refusing the delivery with 503 so the provider retries (on_store_error refuse)",
		zap.String("provider", h.Provider), zap.Error(err))
	w.Header().Set("Retry-After", "30")
	return h.refuse(r, http.StatusServiceUnavailable, outcomeReplayStoreDown, "replay protection is unavailable, retry later", nil)
}

// logID shortens an ID for logs; IDs are not secret, but are the sender's data.
func logID(id string) string {
	if len(id) > 128 {
		return id[:128] + "..."
	}
	return id
}

// retryAfter is the Retry-After seconds for a copy refused while its
// earlier copy is in flight.
func retryAfter(wait time.Duration) int {
	return max(1, int(wait.Round(time.Second)/time.Second))
}

// newToken is a random claim token.
func newToken() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ackRecorder passes the app's answer through to the sender and keeps its
// status and the first maxAckBody bytes of its body.
type ackRecorder struct {
	*caddyhttp.ResponseWriterWrapper
	status   int
	body     bytes.Buffer
	overflow bool
}

// WriteHeader records the final status (not 1xx).
func (a *ackRecorder) WriteHeader(code int) {
	if a.status == 0 && code >= 200 {
		a.status = code
	}
	a.ResponseWriterWrapper.WriteHeader(code)
}

// Write records the body, up to maxAckBody.
func (a *ackRecorder) Write(b []byte) (int, error) {
	if a.status == 0 {
		a.status = http.StatusOK
	}
	if !a.overflow {
		if a.body.Len()+len(b) > maxAckBody {
			a.overflow = true
			a.body.Reset()
		} else {
			a.body.Write(b)
		}
	}
	return a.ResponseWriterWrapper.Write(b)
}

// ReadFrom goes through Write, so nothing bypasses the recording.
func (a *ackRecorder) ReadFrom(r io.Reader) (int64, error) {
	return io.Copy(writerOnly{a}, r)
}

// writerOnly hides every method but Write (io.Copy would use ReadFrom).
type writerOnly struct{ io.Writer }

// Interface guards
var (
	_ http.ResponseWriter = (*ackRecorder)(nil)
	_ io.ReaderFrom       = (*ackRecorder)(nil)
	_ caddy.Destructor    = (*memoryStore)(nil)
)
