package verifiers

// Test hooks of the fetched-key presets (aws_sns, paypal, google_pubsub):
// a local HTTPS server standing in for the providers' key hosts, trusted
// only through internal/fetchhook, and a fresh key cache on a fake clock.

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/fetchhook"
)

// keyHostNames are the names the stand-in key host has a certificate for:
// the providers' hosts and one that no preset allows.
var keyHostNames = []string{"sns.us-east-1.amazonaws.com", "sns.eu-west-1.amazonaws.com", "api.sandbox.paypal.com", "api.paypal.com", "www.googleapis.com", "evil.example.com"}

// keyDoc is what the key host answers at one host and path.
type keyDoc struct {
	status   int // 0: 200
	body     []byte
	header   http.Header
	location string // a redirect's target, with status 302
	delay    time.Duration
}

// keyHost is a local HTTPS server answering for every keyHostNames host.
type keyHost struct {
	srv   *httptest.Server
	clock *fakeClock
	cache *keyCache

	mu   sync.Mutex
	docs map[string]keyDoc // "host/path"
	hits map[string]int
}

// fakeClock is the key cache's clock in tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// startKeyHost starts the key host, routes every key fetch to it (its CA
// trusted only by the hook's transport: certificates are still verified
// against the provider's host name) and gives the shared cache a fresh
// start on a fake clock at now. All undone at the end of the test.
func startKeyHost(t *testing.T, now time.Time) *keyHost {
	t.Helper()
	h := &keyHost{docs: map[string]keyDoc{}, hits: map[string]int{}, clock: &fakeClock{t: now}}
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hookgate test key-host CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "key host"}, DNSNames: keyHostNames,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, leafKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	h.srv = httptest.NewUnstartedServer(http.HandlerFunc(h.serve))
	h.srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}}}
	h.srv.StartTLS()
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	addr := h.srv.Listener.Addr().String()
	restore := fetchhook.Set(&http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		},
		TLSClientConfig:   &tls.Config{RootCAs: pool},
		DisableKeepAlives: true,
	})
	prev := sharedKeys
	h.cache = newKeyCache(h.clock.now)
	sharedKeys = h.cache
	t.Cleanup(func() {
		h.waitIdle(t)
		restore()
		h.srv.Close()
		sharedKeys = prev
	})
	return h
}

func (h *keyHost) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Host + r.URL.Path
	h.mu.Lock()
	h.hits[key]++
	doc, ok := h.docs[key]
	h.mu.Unlock()
	time.Sleep(doc.delay)
	switch {
	case !ok:
		http.NotFound(w, r)
	case doc.location != "":
		http.Redirect(w, r, doc.location, http.StatusFound)
	default:
		for k, v := range doc.header {
			w.Header()[k] = v
		}
		if doc.status != 0 {
			w.WriteHeader(doc.status)
		}
		w.Write(doc.body)
	}
}

// set serves doc at rawURL's host and path.
func (h *keyHost) set(rawURL string, doc keyDoc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.docs[hostPath(rawURL)] = doc
}

// hitsOf is how often rawURL's host and path were fetched.
func (h *keyHost) hitsOf(rawURL string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[hostPath(rawURL)]
}

// totalHits counts every request the key host saw.
func (h *keyHost) totalHits() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, v := range h.hits {
		n += v
	}
	return n
}

// waitIdle waits until no fetch of the cache is in flight (background refreshes).
func (h *keyHost) waitIdle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(keyFetchTimeout + time.Second)
	for time.Now().Before(deadline) {
		h.cache.mu.Lock()
		busy := false
		for _, e := range h.cache.entries {
			busy = busy || e.inflight != nil
		}
		h.cache.mu.Unlock()
		if !busy {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("a key fetch is still in flight")
}

func hostPath(rawURL string) string {
	u, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		panic(err)
	}
	return u.URL.Host + u.URL.Path
}

// testRSAKey makes an RSA key and its PKCS #8 PEM, as signers take it.
func testRSAKey(t *testing.T) (*rsa.PrivateKey, string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	return k, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// testCert is a self-signed certificate for key with common name cn,
// valid from notBefore to notAfter, PEM.
func testCert(t *testing.T, key *rsa.PrivateKey, cn string, notBefore, notAfter time.Time) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn}, NotBefore: notBefore, NotAfter: notAfter}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
