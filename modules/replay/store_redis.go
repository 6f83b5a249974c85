package replay

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/redis/go-redis/v9"
)

func init() {
	// go-redis prints its connection troubles to stderr; send them to
	// Caddy's log instead (they name the address, never the password).
	redis.SetLogger(redisLogger{})
}

// redisLogger forwards go-redis's internal messages to Caddy's logger.
type redisLogger struct{}

func (redisLogger) Printf(_ context.Context, format string, v ...any) {
	caddy.Log().Named("webhook_verify.redis").Warn(fmt.Sprintf(format, v...))
}

// redisStore is a replayStore in Redis, shared by every gate of a cluster.
// A claim is SET key value NX PX ttl: atomic, so of two gates that receive
// the same delivery at once exactly one forwards it.
type redisStore struct {
	client *redis.Client
}

// Timeouts of one Redis round trip: a store that does not answer quickly is
// treated as unreachable (see on_store_error) rather than holding deliveries.
const (
	redisDialTimeout = 2 * time.Second
	redisIOTimeout   = time.Second
)

// newRedisStore parses a redis:// or rediss:// URL (redis://[:password@]host:port[/db])
// and makes a client. It does not connect: the first delivery does, so a
// Redis that is down at startup is an on_store_error case, not a failed config.
// Errors never repeat the URL, which may hold a password.
func newRedisStore(rawURL string) (*redisStore, error) {
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, errors.New("redis URL is not valid (want redis://[user:password@]host:port[/db] or rediss://...)")
	}
	opts.DialTimeout = redisDialTimeout
	opts.ReadTimeout = redisIOTimeout
	opts.WriteTimeout = redisIOTimeout
	opts.MaxRetries = 1
	opts.DisableIdentity = true // no CLIENT SETINFO: older servers and proxies refuse it
	return &redisStore{client: redis.NewClient(opts)}, nil
}

// Claim sets key to rec only if it is absent; otherwise returns what is there.
func (s *redisStore) Claim(ctx context.Context, key string, rec record, ttl time.Duration) (record, bool, error) {
	val, err := rec.encode()
	if err != nil {
		return record{}, false, err
	}
	// The key can vanish between a failed SET NX and the GET (the claim's
	// copy failed and released it): then try to claim again.
	for range 3 {
		ok, err := s.client.SetNX(ctx, key, val, ttl).Result()
		if err != nil {
			return record{}, false, redisError(err)
		}
		if ok {
			return rec, true, nil
		}
		cur, found, err := s.Get(ctx, key)
		if err != nil || found {
			return cur, false, err
		}
	}
	return record{}, false, fmt.Errorf("replay store: key keeps changing")
}

// Get returns the record under key.
func (s *redisStore) Get(ctx context.Context, key string) (record, bool, error) {
	b, err := s.client.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return record{}, false, nil
	}
	if err != nil {
		return record{}, false, redisError(err)
	}
	rec, err := decodeRecord(b)
	return rec, err == nil, err
}

// Settle overwrites key with rec.
func (s *redisStore) Settle(ctx context.Context, key string, rec record, ttl time.Duration) error {
	val, err := rec.encode()
	if err != nil {
		return err
	}
	return redisError(s.client.Set(ctx, key, val, ttl).Err())
}

// releaseScript deletes a key only while it still holds the given claim.
var releaseScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// Release deletes key if it still holds token's claim.
func (s *redisStore) Release(ctx context.Context, key, token string) error {
	val, err := record{Token: token}.encode()
	if err != nil {
		return err
	}
	return redisError(releaseScript.Run(ctx, s.client, []string{key}, val).Err())
}

// Close closes the client's connections; safe on a nil or half-built store.
func (s *redisStore) Close() error {
	if s == nil || s.client == nil {
		return nil
	}
	return s.client.Close()
}

// redisError wraps a client error; go-redis errors name the address at
// most, never the password.
func redisError(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("redis: %w", err)
}

// Interface guard
var _ replayStore = (*redisStore)(nil)
