// Package gatetest runs hookgate the way its users do, for the tests of
// every package: a real Caddy (in the test process, or as a process built
// from cmd/caddy) in front of a real upstream that records what it gets.
// It registers none of hookgate's modules itself (that would be an import
// cycle for the packages it tests): a test package that starts a gate
// imports the modules it needs.
package gatetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	_ "github.com/caddyserver/caddy/v2/modules/standard"
)

// The integration tests run a real Caddy, in this process, configured from
// a Caddyfile, in front of a real Upstream HTTP server that records what
// reaches it. Caddy's configuration is global, so these tests do not run in
// parallel with each other.

// Received is one request as the Upstream saw it.
type Received struct {
	Method           string
	Path             string
	Header           http.Header
	Body             []byte
	ContentLength    int64
	TransferEncoding []string
	Trailer          http.Header // trailers, once the body was read
}

// Upstream is a recording backend.
type Upstream struct {
	*httptest.Server
	mu       sync.Mutex
	requests []Received
	// Status and Reply are the upstream's answer: 200 "ok" unless a test
	// sets them before the gate sends anything.
	Status int
	Reply  string
}

func StartUpstream(t *testing.T) *Upstream {
	t.Helper()
	u := &Upstream{Status: http.StatusOK, Reply: "ok"}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("Upstream: reading body: %v", err)
		}
		u.mu.Lock()
		u.requests = append(u.requests, Received{
			Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body,
			ContentLength: r.ContentLength, TransferEncoding: r.TransferEncoding,
			Trailer: r.Trailer.Clone(),
		})
		status, reply := u.Status, u.Reply
		u.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(u.Close)
	return u
}

// SetStatus makes the upstream answer status from now on.
func (u *Upstream) SetStatus(status int) {
	u.mu.Lock()
	u.Status = status
	u.mu.Unlock()
}

// Got returns what reached the Upstream so far.
func (u *Upstream) Got() []Received {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]Received(nil), u.requests...)
}

// hostPort is the Upstream's address for reverse_proxy.
func (u *Upstream) HostPort() string { return strings.TrimPrefix(u.URL, "http://") }

// Gate is a running Caddy.
type Gate struct {
	Base string // http://127.0.0.1:port
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// GlobalOptions keeps test instances off the admin port and the disk.
const GlobalOptions = `
	admin off
	persist_config off
	auto_https off
	grace_period 1s
	log {
		output discard
	}
`

// adapt turns a Caddyfile into Caddy's JSON.
func Adapt(t *testing.T, src string) ([]byte, error) {
	t.Helper()
	out, _, err := caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}.Adapt([]byte(src), nil)
	return out, err
}

// StartGate runs Caddy with site, a Caddyfile site body for
// http://127.0.0.1:PORT; "UPSTREAM" in it is replaced by the Upstream's
// address. serverOptions go into the global `servers` block.
func StartGate(t *testing.T, up *Upstream, serverOptions, site string) *Gate {
	t.Helper()
	return StartGateOnPort(t, up, serverOptions, site, FreePort(t))
}

// StartGateOnPort is StartGate on a port chosen beforehand (for tests that
// must know the Gate's URL while writing its config).
func StartGateOnPort(t *testing.T, up *Upstream, serverOptions, site string, port int) *Gate {
	t.Helper()
	if up != nil {
		site = strings.ReplaceAll(site, "UPSTREAM", up.HostPort())
	}
	Reload(t, serverOptions, site, port)
	t.Cleanup(func() {
		if err := caddy.Stop(); err != nil {
			t.Errorf("stopping caddy: %v", err)
		}
	})
	g := &Gate{Base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	g.WaitReady(t)
	return g
}

// Reload loads a configuration of site on port, as StartGateOnPort wrote
// it, into the running Caddy: a config reload.
func Reload(t *testing.T, serverOptions, site string, port int) {
	t.Helper()
	src := fmt.Sprintf("{\n%s\n\tservers {\n%s\n\t}\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", GlobalOptions, serverOptions, port, site)
	cfg, err := Adapt(t, src)
	if err != nil {
		t.Fatalf("adapting Caddyfile: %v\n%s", err, src)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading config: %v\n%s", err, cfg)
	}
}

func (g *Gate) WaitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", strings.TrimPrefix(g.Base, "http://"))
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("caddy did not start listening on %s", g.Base)
}

// Reply is the Gate's answer to one request.
type Reply struct {
	Status int
	Body   string
}

// send posts body to path with headers and returns the Gate's answer.
func (g *Gate) Send(t *testing.T, method, path string, header http.Header, body io.Reader) Reply {
	t.Helper()
	req, err := http.NewRequest(method, g.Base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if h := header.Get("Host"); h != "" {
		req.Host = h
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return Reply{resp.StatusCode, string(b)}
}

// post sends body with a Content-Length.
func (g *Gate) Post(t *testing.T, path string, header http.Header, body []byte) Reply {
	t.Helper()
	return g.Send(t, http.MethodPost, path, header, bytes.NewReader(body))
}

// postChunked sends body with chunked transfer encoding (no Content-Length).
func (g *Gate) PostChunked(t *testing.T, path string, header http.Header, body []byte) Reply {
	t.Helper()
	return g.Send(t, http.MethodPost, path, header, io.MultiReader(bytes.NewReader(body))) // an io.Reader of unknown length is sent chunked
}

// JSONEqual compares two JSON documents structurally.
func JSONEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
