// Package replay is hookgate's replay guard: it lets each verified
// delivery reach the app once within a window, remembering the app's
// acknowledgement in a store (memory, or Redis shared by a cluster) and
// answering copies with it. The handler gives it the delivery's identity
// (verifiers.Verified) and a callback that passes the delivery on.
package replay

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"go.uber.org/zap"

	"github.com/hookgate/hookgate/internal/config"
)

// Config turns on replay protection and duplicate suppression for a route.
// Every authentic delivery's identity (the provider's event or delivery ID
// where the signature covers it, or the hash of the signed content: see
// verifiers.Verified) is claimed before the delivery is passed on. A copy of a delivery the app
// already acknowledged within Window never reaches the app again: its
// sender gets the acknowledgement the app gave the first copy. A delivery
// the app did not acknowledge (an error, a timeout, a non-2xx answer, for
// Payone anything but TSOK) is forgotten, so the provider's retry goes through.
type Config struct {
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

	// Scope namespaces the identities of this route in the store. Within
	// a scope, identities are further kept apart by the secret (or public
	// key) that verified each delivery, so a stored answer only ever goes
	// to a sender whose delivery verified under the same secret: two
	// tenants with their own secrets never share answers, whatever the
	// scope. Routes of the same provider with the same options share a
	// scope by default; give each a scope of its own when one sender's
	// IDs can repeat across them (two Standard Webhooks endpoints of one
	// account). Gates of one cluster must use the same scope for a route.
	// Default: the provider name and a hash of the route's options.
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

// memoryStores keeps memory stores across config reloads, by scope.
var memoryStores = caddy.NewUsagePool()

// Route is what a guard needs to know of the route it guards.
type Route struct {
	// Provider names the route's preset, for logs.
	Provider string
	// Keys are the route's resolved secrets (or public keys), by
	// verifiers.Verified.Key: they keep the identities of deliveries
	// verified under different secrets apart.
	Keys [][]byte
	// Ack reports whether the app's answer acknowledges a delivery.
	Ack func(status int, body []byte) bool
	// DefaultScope is the scope when Config.Scope is empty.
	DefaultScope string
	// Now is the clock; nil means time.Now.
	Now    func() time.Time
	Logger *zap.Logger
}

// NewGuard builds the replay guard of a route from c, resolving the
// placeholders of the Redis URL with repl. Close releases it.
func (c *Config) NewGuard(repl *caddy.Replacer, route Route) (*Guard, error) {
	if c.Window <= 0 {
		return nil, errors.New("replay needs a positive window")
	}
	if c.Wait < 0 || c.Lease < 0 || c.MaxEntries < 0 {
		return nil, errors.New("replay wait, lease and max_entries must not be negative")
	}
	g := &Guard{
		provider: route.Provider,
		keys:     route.Keys,
		window:   time.Duration(c.Window),
		wait:     cmp.Or(time.Duration(c.Wait), defaultReplayWait),
		lease:    cmp.Or(time.Duration(c.Lease), defaultReplayLease),
		ack:      route.Ack,
		now:      orNow(route.Now),
		logger:   route.Logger,
	}
	switch c.OnStoreError {
	case "", onErrRefuse:
	case onErrForward:
		g.forward = true
	default:
		return nil, fmt.Errorf("on_store_error must be refuse or forward, not %q", c.OnStoreError)
	}
	g.prefix = replayKeyPrefix + cmp.Or(c.Scope, route.DefaultScope) + ":"

	switch c.Store {
	case "", storeMemory:
		if c.RedisURL != "" {
			return nil, errors.New("redis_url is only used with store redis")
		}
		max := cmp.Or(c.MaxEntries, DefaultMaxEntries)
		g.poolKey = fmt.Sprintf("%s|%d", g.prefix, max)
		v, _, err := memoryStores.LoadOrNew(g.poolKey, func() (caddy.Destructor, error) {
			s := newMemoryStore(max)
			if route.Now != nil {
				s.now = route.Now
			}
			return s, nil
		})
		if err != nil {
			return nil, err
		}
		g.store = v.(*memoryStore)
	case storeRedis:
		if c.MaxEntries != 0 {
			return nil, errors.New("max_entries is only used with store memory")
		}
		if c.RedisURL == "" {
			return nil, errors.New("store redis needs a URL")
		}
		u, err := config.Resolve(repl, c.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("redis URL: %v", err)
		}
		if g.store, err = newRedisStore(u); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("replay store must be memory or redis, not %q", c.Store)
	}
	return g, nil
}

// UnmarshalCaddyfile parses the replay subdirective:
//
//	replay <window> {
//		store          memory [<max_entries>] | redis <url>   # default: memory
//		on_store_error refuse | forward                       # default: refuse
//		wait           <duration>                             # default: 5s
//		lease          <duration>                             # default: 2m
//		scope          <name>                                 # default: provider + options hash
//	}
//
// d is on the word replay.
func (c *Config) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	v, err := config.OneArg(d)
	if err != nil {
		return err
	}
	if c.Window, err = config.PositiveDuration(d, "replay window", v); err != nil {
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
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			if v != onErrRefuse && v != onErrForward {
				return d.Errf("on_store_error must be refuse or forward, not %q", v)
			}
			c.OnStoreError = v
		case "wait", "lease":
			v, err := config.OneArg(d)
			if err != nil {
				return err
			}
			dur, err := config.PositiveDuration(d, name, v)
			if err != nil {
				return err
			}
			if name == "wait" {
				c.Wait = dur
			} else {
				c.Lease = dur
			}
		case "scope":
			if c.Scope, err = config.OneArg(d); err != nil {
				return err
			}
		default:
			return d.Errf("unknown replay subdirective %q", name)
		}
	}
	return nil
}

// Close releases the guard's store; safe on a nil guard and on one whose
// store was never built.
func (g *Guard) Close() error {
	if g == nil || g.store == nil {
		return nil
	}
	if g.poolKey != "" {
		_, err := memoryStores.Delete(g.poolKey)
		return err
	}
	return g.store.Close()
}

// orNow is the clock now, or time.Now when it is nil.
func orNow(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}
