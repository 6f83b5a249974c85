package verifiers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hookgate/hookgate/internal/pinnedfetch"
)

// Keys fetched from the provider (AWS SNS signing certificates, PayPal's
// webhook certificates, Google's OIDC JWKS). See docs/fetched-keys.md.
//
// A keySource says which URLs a preset may fetch from (its host
// allow-list) and how to read what they serve. keyCache is the one
// process-wide cache, keyed by URL, that every route of every preset
// shares across Caddy reloads. It starts no long-lived goroutine: a key
// near its expiry is refreshed by a goroutine that a delivery starts and
// that ends with its fetch (at most keyFetchTimeout), so nothing outlives
// a reload but the cache's map.

// Fetch limits.
const (
	// keyFetchTimeout bounds one fetch, connection and body included.
	keyFetchTimeout = 10 * time.Second
	// maxKeyDocument is the largest certificate or JWKS document read.
	maxKeyDocument = 64 << 10
	// maxKeysPerSet is the most keys one JWKS document may hold.
	maxKeysPerSet = 32
	// maxCachedURLs is the most URLs the cache remembers; the least
	// recently used is dropped first.
	maxCachedURLs = 256
	// keyRetryInterval: a URL is fetched at most once per interval, so an
	// unknown key ID or a failing host never makes the gate hammer the
	// provider.
	keyRetryInterval = time.Minute
	// newURLsPerMinute is how many URLs not yet in the cache one source may
	// fetch per minute for one client address (a sender can name new
	// certificate URLs freely; the provider's own deliveries come from
	// other addresses, so a flood does not hold up a genuine rotation).
	newURLsPerMinute = 10
	// maxURLBudgets is the most client addresses whose new-URL budgets
	// are kept at once; past it, a client not yet counted is refused
	// (503) until the minute's budgets expire.
	maxURLBudgets = 4096
	// defaultKeyTTL is how long a JWKS document without a Cache-Control
	// max-age is kept; certificates default to maxKeyTTL, never past their
	// validity.
	defaultKeyTTL = time.Hour
	// minKeyTTL and maxKeyTTL bound the provider's max-age.
	minKeyTTL = time.Minute
	maxKeyTTL = 24 * time.Hour
)

// keySource is where one preset's keys come from.
type keySource struct {
	// provider names the preset in errors.
	provider string
	// allowed reports whether u may be fetched: HTTPS, the provider's own
	// host, the path shape the provider uses. It is checked before every
	// fetch and on every redirect.
	allowed func(u *url.URL) bool
	// parse reads a fetched document at time now; ttl is its default
	// lifetime when the response sets no max-age.
	parse func(doc []byte, now time.Time) (set *keySet, ttl time.Duration, err error)
}

// keyCache caches fetched key sets by URL.
type keyCache struct {
	now func() time.Time

	mu      sync.Mutex
	entries map[string]*keyEntry
	newURLs map[string]*urlBudget // by provider and client address (budgetKey)
}

// keyEntry is one URL's keys and fetch state.
type keyEntry struct {
	set       *keySet
	expires   time.Time // after it, set is not used
	refreshAt time.Time // after it, a use starts a background refresh
	lastFetch time.Time // when the last fetch started
	lastErr   error     // why the last fetch failed, nil after a success
	inflight  chan struct{}
	lastUsed  time.Time
}

// urlBudget counts a source's fetches of new URLs in the current minute.
type urlBudget struct {
	start time.Time
	n     int
}

func newKeyCache(now func() time.Time) *keyCache {
	return &keyCache{now: now, entries: map[string]*keyEntry{}, newURLs: map[string]*urlBudget{}}
}

// sharedKeys is the process-wide cache every route uses.
var sharedKeys = newKeyCache(time.Now)

// errUnknownKeyID is lastErr when a fetched set lacks the key ID asked for.
var errUnknownKeyID = errors.New("the key ID is not among the provider's published keys")

// unavailable is the 503 refusal for a key that cannot be had.
func unavailable(provider string, retry time.Duration, cause error) error {
	if retry < time.Second {
		retry = time.Second
	}
	return &Rejection{
		Reason:     keyUnavailable,
		Detail:     fmt.Sprintf("%s's signing key could not be fetched; retry later", provider),
		RetryAfter: retry,
		Cause:      cause,
	}
}

// get returns the key set rawURL serves, with the key kid when kid is not
// empty, fetching it when the cache has none (or lacks kid), at most once
// per keyRetryInterval per URL. ctx bounds the wait, not a fetch that other
// deliveries share.
func (c *keyCache) get(ctx context.Context, src *keySource, rawURL, kid string) (*keySet, error) {
	u, err := canonicalKeyURL(rawURL)
	if err != nil || !src.allowed(u) {
		return nil, reject(badSignature, "the key URL is not one of %s's key hosts", src.provider)
	}
	// Cached, limited and fetched by its canonical form: the spellings of
	// one URL (":443", "%53", a bare "#", "a/../") are one URL.
	rawURL = u.String()
	budget := budgetKey(src.provider, keyClientOf(ctx))
	c.mu.Lock()
	now := c.now()
	e := c.entries[rawURL]
	if e == nil {
		if !c.takeNewURL(budget, now) {
			c.mu.Unlock()
			return nil, unavailable(src.provider, keyRetryInterval, errors.New("too many new key URLs this minute"))
		}
		c.evict()
		e = &keyEntry{}
		c.entries[rawURL] = e
	}
	waited := false
	for {
		e.lastUsed = now
		if e.set != nil && now.Before(e.expires) && (kid == "" || e.set.has(kid)) {
			if !now.Before(e.refreshAt) && e.inflight == nil && now.Sub(e.lastFetch) >= keyRetryInterval {
				c.startFetch(e, now)
				go c.fetch(src, rawURL, e) // ends with the fetch: nothing outlives a reload
			}
			set := e.set
			c.mu.Unlock()
			return set, nil
		}
		if e.inflight != nil && !waited {
			ch := e.inflight
			c.mu.Unlock()
			select {
			case <-ch:
			case <-ctx.Done():
				return nil, unavailable(src.provider, keyRetryInterval, ctx.Err())
			}
			c.mu.Lock()
			now, waited = c.now(), true
			continue
		}
		if since := now.Sub(e.lastFetch); !e.lastFetch.IsZero() && since < keyRetryInterval || e.inflight != nil {
			cause := e.lastErr
			if cause == nil {
				cause = errUnknownKeyID
			}
			c.mu.Unlock()
			return nil, unavailable(src.provider, keyRetryInterval-since, cause)
		}
		if e.set == nil && !e.lastFetch.IsZero() && !c.takeNewURL(budget, now) {
			// A URL that never gave a key counts as new each time: a sender
			// cannot keep many failed URLs refetched once a minute each.
			c.mu.Unlock()
			return nil, unavailable(src.provider, keyRetryInterval, errors.New("too many new key URLs this minute"))
		}
		c.startFetch(e, now)
		c.mu.Unlock()
		c.fetch(src, rawURL, e)
		c.mu.Lock()
		now, waited = c.now(), true
	}
}

// startFetch marks e as being fetched. c.mu is held.
func (c *keyCache) startFetch(e *keyEntry, now time.Time) {
	e.inflight = make(chan struct{})
	e.lastFetch = now
}

// fetch fetches rawURL into e and ends e's fetch.
func (c *keyCache) fetch(src *keySource, rawURL string, e *keyEntry) {
	ctx, cancel := context.WithTimeout(context.Background(), keyFetchTimeout)
	defer cancel()
	doc, header, err := fetchDocument(ctx, src, rawURL)
	var set *keySet
	var ttl time.Duration
	if err == nil {
		set, ttl, err = src.parse(doc, c.now())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if err != nil {
		e.lastErr = err
	} else {
		ttl = cacheTTL(header, ttl)
		e.set, e.lastErr = set, nil
		e.expires = now.Add(ttl)
		if !set.notAfter.IsZero() && set.notAfter.Before(e.expires) {
			e.expires = set.notAfter
		}
		e.refreshAt = e.expires.Add(-e.expires.Sub(now) / 5)
	}
	close(e.inflight)
	e.inflight = nil
}

// takeNewURL spends one of the budget's new-URL fetches of this minute
// (budgetKey: a provider and a client address). c.mu is held.
func (c *keyCache) takeNewURL(budget string, now time.Time) bool {
	b := c.newURLs[budget]
	if b == nil || now.Sub(b.start) >= time.Minute {
		if b == nil && len(c.newURLs) >= maxURLBudgets {
			for k, old := range c.newURLs {
				if now.Sub(old.start) >= time.Minute {
					delete(c.newURLs, k)
				}
			}
			if len(c.newURLs) >= maxURLBudgets {
				return false
			}
		}
		b = &urlBudget{start: now}
		c.newURLs[budget] = b
	}
	if b.n >= newURLsPerMinute {
		return false
	}
	b.n++
	return true
}

// evict drops an idle entry when the cache is full: the least recently
// used of those that never gave a key, else the least recently used of
// all, so URLs a sender makes up cannot push out a provider's real key.
// c.mu is held.
func (c *keyCache) evict() {
	if len(c.entries) < maxCachedURLs {
		return
	}
	var oldest string
	var at time.Time
	var oldestHasKey bool
	for u, e := range c.entries {
		if e.inflight != nil {
			continue
		}
		hasKey := e.set != nil
		if oldest == "" || oldestHasKey && !hasKey || oldestHasKey == hasKey && e.lastUsed.Before(at) {
			oldest, at, oldestHasKey = u, e.lastUsed, hasKey
		}
	}
	delete(c.entries, oldest)
}

// cacheTTL is the response's Cache-Control max-age, bounded by minKeyTTL
// and maxKeyTTL, or def (the source's default) when there is none.
func cacheTTL(h http.Header, def time.Duration) time.Duration {
	for _, v := range h.Values("Cache-Control") {
		for d := range strings.SplitSeq(v, ",") {
			name, val, _ := strings.Cut(strings.TrimSpace(d), "=")
			if !strings.EqualFold(name, "max-age") {
				continue
			}
			n, err := strconv.ParseInt(strings.Trim(val, `"`), 10, 64)
			if err != nil || n < 0 {
				return minKeyTTL
			}
			ttl := time.Duration(n) * time.Second
			return min(max(ttl, minKeyTTL), maxKeyTTL)
		}
	}
	return def
}

// keyTransport is the transport of key fetches (see internal/pinnedfetch).
var keyTransport = pinnedfetch.NewTransport(keyFetchTimeout)

// keyClient is the client of src's fetches: certificates verified as
// usual, redirects followed only to URLs src allows.
func keyClient(src *keySource) *http.Client {
	return pinnedfetch.Client(keyTransport, keyFetchTimeout, src.allowed, src.provider+"'s key")
}

// fetchDocument GETs rawURL, which src must allow, and returns its body
// (at most maxKeyDocument bytes) and headers. Any status but 200 is an error.
func fetchDocument(ctx context.Context, src *keySource, rawURL string) ([]byte, http.Header, error) {
	u, err := url.Parse(rawURL)
	if err != nil || !src.allowed(u) {
		return nil, nil, fmt.Errorf("%s is not one of %s's key hosts", rawURL, src.provider)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := keyClient(src).Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s: status %d", rawURL, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxKeyDocument+1))
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %v", rawURL, err)
	}
	if len(body) > maxKeyDocument {
		return nil, nil, fmt.Errorf("GET %s: larger than %d bytes", rawURL, maxKeyDocument)
	}
	return body, resp.Header, nil
}

// httpsHost reports whether u is a plain HTTPS URL (no user info, no port
// but 443, no fragment) on a host for which host(hostname) is true.
func httpsHost(u *url.URL, host func(string) bool) bool {
	if u == nil || u.Scheme != "https" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return false
	}
	if p := u.Port(); p != "" && p != "443" {
		return false
	}
	return host(u.Hostname())
}
