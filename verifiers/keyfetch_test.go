package verifiers

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/fetchhook"
)

// jwksDoc renders keys as Google's JWKS document.
func jwksDoc(t *testing.T, keys map[string]*rsa.PublicKey) []byte {
	t.Helper()
	var doc struct {
		Keys []map[string]string `json:"keys"`
	}
	for kid, k := range keys {
		doc.Keys = append(doc.Keys, map[string]string{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid,
			"n": base64.RawURLEncoding.EncodeToString(k.N.Bytes()), "e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes())})
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantUnavailable checks that err is a key_unavailable refusal with a Retry-After.
func wantUnavailable(t *testing.T, err error) *Rejection {
	t.Helper()
	rej, ok := errors.AsType[*Rejection](err)
	if !ok || rej.Reason != keyUnavailable || rej.RetryAfter <= 0 || rej.RetryAfter > keyRetryInterval {
		t.Fatalf("err = %#v, want key_unavailable with a Retry-After of at most a minute", err)
	}
	return rej
}

const testCertURL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem"

func TestKeyCacheCertificate(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	h.set(testCertURL, keyDoc{body: testCert(t, key, "sns.amazonaws.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	ctx := context.Background()
	for i := range 3 {
		set, err := h.cache.get(ctx, snsCerts, testCertURL, "")
		if err != nil {
			t.Fatalf("get #%d: %v", i+1, err)
		}
		if len(set.keys) != 1 || !set.keys[0].pub.Equal(&key.PublicKey) {
			t.Fatal("the set does not hold the certificate's key")
		}
	}
	if n := h.hitsOf(testCertURL); n != 1 {
		t.Fatalf("fetched %d times, want once for three deliveries", n)
	}
	// No max-age: kept 24 h (the certificate is valid longer), refreshed
	// in the background in the last fifth, replaced after.
	h.clock.add(20 * time.Hour)
	if _, err := h.cache.get(ctx, snsCerts, testCertURL, ""); err != nil {
		t.Fatal(err)
	}
	h.waitIdle(t)
	if n := h.hitsOf(testCertURL); n != 2 {
		t.Fatalf("fetched %d times, want a background refresh before expiry", n)
	}
}

func TestKeyCacheNeverPastCertificateValidity(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	h.set(testCertURL, keyDoc{body: testCert(t, key, "sns.amazonaws.com", now.Add(-time.Hour), now.Add(time.Hour))})
	if _, err := h.cache.get(context.Background(), snsCerts, testCertURL, ""); err != nil {
		t.Fatal(err)
	}
	h.clock.add(time.Hour + time.Minute)
	// The certificate the host serves has expired too: refused, 503.
	wantUnavailable(t, func() error { _, err := h.cache.get(context.Background(), snsCerts, testCertURL, ""); return err }())
	if n := h.hitsOf(testCertURL); n != 2 {
		t.Fatalf("fetched %d times, want a refetch once the certificate expired", n)
	}
}

func TestKeyCacheMaxAgeAndUnknownKeyID(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	a, _ := testRSAKey(t)
	b, _ := testRSAKey(t)
	h.set(googleCertsURL, keyDoc{body: jwksDoc(t, map[string]*rsa.PublicKey{"a": &a.PublicKey}), header: http.Header{"Cache-Control": {"public, max-age=600, must-revalidate"}}})
	ctx := context.Background()
	get := func(kid string) error { _, err := h.cache.get(ctx, googleKeys, googleCertsURL, kid); return err }
	if err := get("a"); err != nil {
		t.Fatal(err)
	}
	// An unknown kid refetches the URL at most once a minute, however
	// often a sender names it: here the URL was fetched just now.
	for range 5 {
		wantUnavailable(t, get("forged"))
	}
	if n := h.hitsOf(googleCertsURL); n != 1 {
		t.Fatalf("fetched %d times, want once: an unknown kid within the minute fetches nothing", n)
	}
	h.clock.add(keyRetryInterval)
	for range 5 {
		wantUnavailable(t, get("forged"))
	}
	if n := h.hitsOf(googleCertsURL); n != 2 {
		t.Fatalf("fetched %d times, want 2: one refetch for the unknown kid after the minute", n)
	}
	if err := get("a"); err != nil {
		t.Fatalf("a known kid is refused while an unknown one is rate limited: %v", err)
	}
	// Google rotates: b appears; after the minute the new kid is fetched.
	h.set(googleCertsURL, keyDoc{body: jwksDoc(t, map[string]*rsa.PublicKey{"a": &a.PublicKey, "b": &b.PublicKey}), header: http.Header{"Cache-Control": {"max-age=600"}}})
	h.clock.add(keyRetryInterval)
	if err := get("b"); err != nil {
		t.Fatalf("rotated kid: %v", err)
	}
	// max-age=600: after 10 minutes the set is no longer used.
	h.set(googleCertsURL, keyDoc{status: http.StatusInternalServerError})
	h.clock.add(601 * time.Second)
	rej := wantUnavailable(t, get("a"))
	if rej.Cause == nil || !strings.Contains(rej.Cause.Error(), "500") {
		t.Fatalf("cause %v, want the fetch's status", rej.Cause)
	}
	if strings.Contains(rej.Detail, googleCertsURL) {
		t.Fatal("the client-facing detail names the URL")
	}
}

func TestKeyCacheRefusals(t *testing.T) {
	now := time.Now()
	key, _ := testRSAKey(t)
	cert := testCert(t, key, "sns.amazonaws.com", now.Add(-time.Hour), now.Add(48*time.Hour))
	other := "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-ffffffffffffffffffffffffffffffff.pem"
	tests := []struct {
		name    string
		url     string
		docs    map[string]keyDoc
		reason  Reason
		fetched []string // URLs the key host must have seen
		never   []string // URLs it must not have seen
	}{
		{name: "host not allowed", url: "https://evil.example.com/SimpleNotificationService-x.pem", docs: map[string]keyDoc{"https://evil.example.com/SimpleNotificationService-x.pem": {body: cert}},
			reason: badSignature, never: []string{"https://evil.example.com/SimpleNotificationService-x.pem"}},
		{name: "plain http", url: "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem", reason: badSignature},
		{name: "other port", url: "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-x.pem", reason: badSignature},
		{name: "user info", url: "https://a@sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem", reason: badSignature},
		{name: "lookalike host", url: "https://sns.us-east-1.amazonaws.com.evil.example.com/x.pem", reason: badSignature},
		{name: "redirect off the allow-list", url: testCertURL, docs: map[string]keyDoc{testCertURL: {location: "https://evil.example.com/SimpleNotificationService-x.pem"},
			"https://evil.example.com/SimpleNotificationService-x.pem": {body: cert}},
			reason: keyUnavailable, fetched: []string{testCertURL}, never: []string{"https://evil.example.com/SimpleNotificationService-x.pem"}},
		{name: "redirect to a non-.pem path", url: testCertURL, docs: map[string]keyDoc{testCertURL: {location: "https://sns.us-east-1.amazonaws.com/other"}},
			reason: keyUnavailable, never: []string{"https://sns.us-east-1.amazonaws.com/other"}},
		{name: "not found", url: testCertURL, reason: keyUnavailable, fetched: []string{testCertURL}},
		{name: "too large", url: testCertURL, docs: map[string]keyDoc{testCertURL: {body: append(cert, make([]byte, maxKeyDocument)...)}}, reason: keyUnavailable},
		{name: "not a certificate", url: testCertURL, docs: map[string]keyDoc{testCertURL: {body: []byte("<html>maintenance</html>")}}, reason: keyUnavailable},
		{name: "expired certificate", url: testCertURL, docs: map[string]keyDoc{testCertURL: {body: testCert(t, key, "sns", now.Add(-48*time.Hour), now.Add(-time.Hour))}}, reason: keyUnavailable},
		{name: "redirect within the allow-list", url: testCertURL, docs: map[string]keyDoc{testCertURL: {location: other}, other: {body: cert}},
			fetched: []string{testCertURL, other}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startKeyHost(t, now)
			for u, d := range tt.docs {
				h.set(u, d)
			}
			_, err := h.cache.get(context.Background(), snsCerts, tt.url, "")
			switch {
			case tt.reason == "" && err != nil:
				t.Fatalf("get: %v", err)
			case tt.reason != "" && ReasonOf(err) != tt.reason:
				t.Fatalf("get = %v, want %s", err, tt.reason)
			case tt.reason == keyUnavailable:
				wantUnavailable(t, err)
			}
			for _, u := range tt.fetched {
				if h.hitsOf(u) != 1 {
					t.Errorf("%s fetched %d times, want once", u, h.hitsOf(u))
				}
			}
			for _, u := range tt.never {
				if h.hitsOf(u) != 0 {
					t.Errorf("%s was fetched", u)
				}
			}
			if tt.reason == badSignature && h.totalHits() != 0 {
				t.Errorf("a refused URL caused %d fetches", h.totalHits())
			}
		})
	}
}

// TestKeyCacheFailureRateLimit: a failing URL is fetched once a minute,
// and a sender naming new URLs, or refetching URLs that never gave a key,
// gets at most newURLsPerMinute fetches a minute.
func TestKeyCacheFailureRateLimit(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	ctx := context.Background()
	for range 5 {
		wantUnavailable(t, func() error { _, err := h.cache.get(ctx, snsCerts, testCertURL, ""); return err }())
	}
	if n := h.hitsOf(testCertURL); n != 1 {
		t.Fatalf("a failing URL was fetched %d times within a minute", n)
	}
	h.clock.add(keyRetryInterval)
	_, _ = h.cache.get(ctx, snsCerts, testCertURL, "")
	if n := h.hitsOf(testCertURL); n != 2 {
		t.Fatalf("fetched %d times, want one more after the minute", n)
	}
	for i := range 3 * newURLsPerMinute {
		u := strings.Replace(testCertURL, "0123456789", strings.Repeat(string(rune('a'+i%26)), 10)+string(rune('a'+i/26)), 1)
		_, _ = h.cache.get(ctx, snsCerts, u, "")
	}
	// The refetch of the URL that never gave a key spent one of this
	// minute's new-URL fetches.
	if n := h.totalHits(); n != 2+newURLsPerMinute-1 {
		t.Fatalf("new URLs caused %d fetches, want %d (one minute's budget, less the refetch)", n-2, newURLsPerMinute-1)
	}
}

// TestKeyCacheUntrustedHost: the key host's certificate is verified as
// usual: a transport that reaches it but does not trust its CA gets no key.
func TestKeyCacheUntrustedHost(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	h.set(testCertURL, keyDoc{body: testCert(t, key, "sns", now.Add(-time.Hour), now.Add(time.Hour))})
	addr := h.srv.Listener.Addr().String()
	restore := fetchhook.Set(&http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		},
		TLSClientConfig:   &tls.Config{}, // the system roots: the test CA is not among them
		DisableKeepAlives: true,
	})
	defer restore()
	_, err := h.cache.get(context.Background(), snsCerts, testCertURL, "")
	rej := wantUnavailable(t, err)
	if rej.Cause == nil || !strings.Contains(rej.Cause.Error(), "certificate") {
		t.Fatalf("cause %v, want a certificate verification error", rej.Cause)
	}
	if h.hitsOf(testCertURL) != 0 {
		t.Fatal("the request reached the untrusted host's handler")
	}
}

func TestCacheTTL(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   time.Duration
	}{
		{"", time.Hour},
		{"max-age=300", 5 * time.Minute},
		{"public, max-age=19998, must-revalidate, no-transform", 19998 * time.Second},
		{"max-age=1", minKeyTTL},
		{"max-age=9999999", maxKeyTTL},
		{"max-age=-5", minKeyTTL},
		{"max-age=abc", minKeyTTL},
		{`max-age="120"`, 2 * time.Minute},
	} {
		h := http.Header{}
		if tt.header != "" {
			h.Set("Cache-Control", tt.header)
		}
		if got := cacheTTL(h, time.Hour); got != tt.want {
			t.Errorf("cacheTTL(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newKeyCache(time.Now)
	base := time.Now()
	for i := range maxCachedURLs {
		c.entries[strings.Repeat("u", i+1)] = &keyEntry{lastUsed: base.Add(time.Duration(i) * time.Second)}
	}
	c.entries["u"].lastUsed = base.Add(time.Hour) // the first, used last
	c.evict()
	if len(c.entries) != maxCachedURLs-1 || c.entries["uu"] != nil || c.entries["u"] == nil {
		t.Fatalf("evicted the wrong entry (%d left)", len(c.entries))
	}
}

// TestCacheEvictsKeylessFirst: a full cache drops a URL that never gave a
// key before a provider's real key, however long that key went unused.
func TestCacheEvictsKeylessFirst(t *testing.T) {
	c := newKeyCache(time.Now)
	base := time.Now()
	for i := range maxCachedURLs {
		c.entries[strings.Repeat("u", i+1)] = &keyEntry{lastUsed: base.Add(time.Hour + time.Duration(i)*time.Second)}
	}
	c.entries["u"] = &keyEntry{lastUsed: base, set: &keySet{}} // the real key, used longest ago
	c.evict()
	if len(c.entries) != maxCachedURLs-1 || c.entries["u"] == nil || c.entries["uu"] != nil {
		t.Fatalf("evicted the wrong entry (%d left, real key kept: %v)", len(c.entries), c.entries["u"] != nil)
	}
}

// TestKeyCacheConcurrentDeliveriesShareOneFetch: deliveries arriving while
// a URL is being fetched wait for that fetch instead of starting theirs.
func TestKeyCacheConcurrentDeliveriesShareOneFetch(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	h.set(testCertURL, keyDoc{body: testCert(t, key, "sns", now.Add(-time.Hour), now.Add(time.Hour)), delay: 200 * time.Millisecond})
	errs := make(chan error, 20)
	for range cap(errs) {
		go func() { _, err := h.cache.get(context.Background(), snsCerts, testCertURL, ""); errs <- err }()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := h.hitsOf(testCertURL); n != 1 {
		t.Fatalf("20 concurrent deliveries fetched %d times, want once", n)
	}
}
