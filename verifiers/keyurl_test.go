package verifiers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestKeyCacheURLAliases: the spellings of one key URL are one URL: once
// it is cached, none of them fetches it again or spends the new-URL
// budget, and a ".." cannot walk out of the allowed path.
func TestKeyCacheURLAliases(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	h.set(testCertURL, keyDoc{body: testCert(t, key, "sns.amazonaws.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	ctx := context.Background()
	const file = "SimpleNotificationService-0123456789abcdef0123456789abcdef.pem"
	aliases := []string{
		testCertURL,
		"https://sns.us-east-1.amazonaws.com:443/" + file,
		"https://sns.us-east-1.amazonaws.com:/" + file,
		"https://SNS.us-east-1.AMAZONAWS.com/" + file,
		"HTTPS://sns.us-east-1.amazonaws.com/" + file,
		"https://sns.us-east-1.amazonaws.com./" + file,
		"https://sns.us-east-1.amazonaws.com/%53impleNotificationService-0123456789abcdef0123456789abcdef.pem",
		"https://sns.us-east-1.amazonaws.com/" + strings.Replace(file, "-", "%2D", 1),
		"https://sns.us-east-1.amazonaws.com/" + file + "#",
		"https://sns.us-east-1.amazonaws.com/x/../" + file,
		"https://sns.us-east-1.amazonaws.com/./" + file,
		"https://sns.us-east-1.amazonaws.com//x/.././" + file,
	}
	for range 3 {
		for _, u := range aliases {
			if _, err := h.cache.get(ctx, snsCerts, u, ""); err != nil {
				t.Fatalf("%s: %v", u, err)
			}
		}
	}
	if n := h.totalHits(); n != 1 {
		t.Fatalf("%d fetches for %d spellings of one URL, want 1", n, len(aliases))
	}
	// The aliases spent nothing: a whole minute's budget of new URLs is left
	// (less the one real URL).
	for i := range newURLsPerMinute - 1 {
		u := fmt.Sprintf("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-new%d.pem", i)
		wantUnavailable(t, func() error { _, err := h.cache.get(ctx, snsCerts, u, ""); return err }())
		if h.hitsOf(u) != 1 {
			t.Fatalf("new URL #%d was not fetched: the aliases spent the budget", i+1)
		}
	}

	for _, u := range []string{
		"https://api.paypal.com/v1/notifications/certs/../../../evil",
		"https://api.paypal.com/v1/notifications/certs/x/..",
		"https://api.paypal.com/v1/notifications/certs/%2e%2e/%2e%2e/x",
	} {
		if _, err := h.cache.get(ctx, paypalCerts, u, ""); ReasonOf(err) != badSignature {
			t.Errorf("%s: %v, want it refused", u, err)
		}
	}
}

// TestKeyCacheFloodKeepsRotation: a client naming made-up certificate
// URLs spends its own budget only: PayPal's genuine new certificate,
// named by a delivery from another address during the flood, is fetched.
func TestKeyCacheFloodKeepsRotation(t *testing.T) {
	now := time.Now()
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	genuine := "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-ab66f33d"
	h.set(genuine, keyDoc{body: testCert(t, key, "messageverificationcerts.paypal.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	flooder := withKeyClient(context.Background(), "203.0.113.9")
	for i := range 5 * newURLsPerMinute {
		u := fmt.Sprintf("https://api.paypal.com/v1/notifications/certs/CERT-made-up-%d", i)
		wantUnavailable(t, func() error { _, err := h.cache.get(flooder, paypalCerts, u, ""); return err }())
	}
	if n := h.totalHits(); n != newURLsPerMinute {
		t.Fatalf("the flood caused %d fetches, want its budget of %d", n, newURLsPerMinute)
	}
	// The same network's IPv6 neighbours share the flooder's budget.
	neighbour := withKeyClient(context.Background(), "2001:db8:1:2::99")
	for i := range 2 * newURLsPerMinute {
		u := fmt.Sprintf("https://api.paypal.com/v1/notifications/certs/CERT-v6-%d", i)
		other := withKeyClient(context.Background(), fmt.Sprintf("2001:db8:1:2::%x", i+1))
		_, _ = h.cache.get(other, paypalCerts, u, "")
	}
	if n := h.totalHits(); n != 2*newURLsPerMinute {
		t.Fatalf("one /64 caused %d fetches, want one budget (%d)", n-newURLsPerMinute, newURLsPerMinute)
	}
	more := "https://api.paypal.com/v1/notifications/certs/CERT-v6-more"
	wantUnavailable(t, func() error { _, err := h.cache.get(neighbour, paypalCerts, more, ""); return err }())
	if h.hitsOf(more) != 0 {
		t.Fatal("a neighbour in the flooder's /64 got a budget of its own")
	}

	paypal := withKeyClient(context.Background(), "173.0.82.126")
	set, err := h.cache.get(paypal, paypalCerts, genuine, "")
	if err != nil {
		t.Fatalf("the genuine new certificate during the flood: %v", err)
	}
	if len(set.keys) != 1 || !set.keys[0].pub.Equal(&key.PublicKey) {
		t.Fatal("the set does not hold the genuine certificate's key")
	}
}
