package webhookverify

// Test hook of the fetched-key presets: a local HTTPS server standing in
// for the providers' key hosts, trusted only through internal/fetchhook
// (never through configuration), so that routes that fetch their keys can
// run through a real Caddy without the internet.

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/fetchhook"
	"github.com/hookgate/hookgate/ranges"
)

// keyHost answers for the providers' key hosts with the documents set.
type keyHost struct {
	srv  *httptest.Server
	mu   sync.Mutex
	docs map[string][]byte // host + path
	hits map[string]int
}

func startKeyHost(t *testing.T) *keyHost {
	t.Helper()
	h := &keyHost{docs: map[string][]byte{}, hits: map[string]int{}}
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hookgate test key-host CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "key host"},
		DNSNames:  append([]string{"sns.us-east-1.amazonaws.com", "api.sandbox.paypal.com", "www.googleapis.com"}, rangeHosts()...),
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, leafKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	h.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.hits[r.Host+r.URL.Path]++
		doc, ok := h.docs[r.Host+r.URL.Path]
		h.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(doc)
	}))
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
	t.Cleanup(func() { restore(); h.srv.Close() })
	return h
}

// rangeHosts are the hosts of every provider's published source ranges
// (package ranges), so that the same stand-in serves them.
func rangeHosts() []string {
	var hosts []string
	for _, s := range ranges.All {
		hosts = append(hosts, s.Hosts...)
	}
	return hosts
}

// set serves doc at host + path.
func (h *keyHost) set(hostPath string, doc []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.docs[hostPath] = doc
}

// hitsOf is how often host + path was fetched.
func (h *keyHost) hitsOf(hostPath string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[hostPath]
}
