package caddyplugin

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
// a Caddyfile, in front of a real upstream HTTP server that records what
// reaches it. Caddy's configuration is global, so these tests do not run in
// parallel with each other.

// received is one request as the upstream saw it.
type received struct {
	Method           string
	Path             string
	Header           http.Header
	Body             []byte
	ContentLength    int64
	TransferEncoding []string
	Trailer          http.Header // trailers, once the body was read
}

// upstream is a recording backend.
type upstream struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	status   int
	reply    string
}

func startUpstream(t *testing.T) *upstream {
	t.Helper()
	u := &upstream{status: http.StatusOK, reply: "ok"}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("upstream: reading body: %v", err)
		}
		u.mu.Lock()
		u.requests = append(u.requests, received{
			Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body,
			ContentLength: r.ContentLength, TransferEncoding: r.TransferEncoding,
			Trailer: r.Trailer.Clone(),
		})
		status, reply := u.status, u.reply
		u.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(u.Close)
	return u
}

// got returns what reached the upstream so far.
func (u *upstream) got() []received {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]received(nil), u.requests...)
}

// hostPort is the upstream's address for reverse_proxy.
func (u *upstream) hostPort() string { return strings.TrimPrefix(u.URL, "http://") }

// gate is a running Caddy.
type gate struct {
	base string // http://127.0.0.1:port
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// globalOptions keeps test instances off the admin port and the disk.
const globalOptions = `
	admin off
	persist_config off
	auto_https off
	grace_period 1s
	log {
		output discard
	}
`

// adapt turns a Caddyfile into Caddy's JSON.
func adapt(t *testing.T, src string) ([]byte, error) {
	t.Helper()
	out, _, err := caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}.Adapt([]byte(src), nil)
	return out, err
}

// startGate runs Caddy with site, a Caddyfile site body for
// http://127.0.0.1:PORT; "UPSTREAM" in it is replaced by the upstream's
// address. serverOptions go into the global `servers` block.
func startGate(t *testing.T, up *upstream, serverOptions, site string) *gate {
	t.Helper()
	return startGateOnPort(t, up, serverOptions, site, freePort(t))
}

// startGateOnPort is startGate on a port chosen beforehand (for tests that
// must know the gate's URL while writing its config).
func startGateOnPort(t *testing.T, up *upstream, serverOptions, site string, port int) *gate {
	t.Helper()
	if up != nil {
		site = strings.ReplaceAll(site, "UPSTREAM", up.hostPort())
	}
	src := fmt.Sprintf("{\n%s\n\tservers {\n%s\n\t}\n}\nhttp://127.0.0.1:%d {\n%s\n}\n", globalOptions, serverOptions, port, site)
	cfg, err := adapt(t, src)
	if err != nil {
		t.Fatalf("adapting Caddyfile: %v\n%s", err, src)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading config: %v\n%s", err, cfg)
	}
	t.Cleanup(func() {
		if err := caddy.Stop(); err != nil {
			t.Errorf("stopping caddy: %v", err)
		}
	})
	g := &gate{base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	g.waitReady(t)
	return g
}

func (g *gate) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", strings.TrimPrefix(g.base, "http://"))
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("caddy did not start listening on %s", g.base)
}

// reply is the gate's answer to one request.
type reply struct {
	Status int
	Body   string
}

// send posts body to path with headers and returns the gate's answer.
func (g *gate) send(t *testing.T, method, path string, header http.Header, body io.Reader) reply {
	t.Helper()
	req, err := http.NewRequest(method, g.base+path, body)
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
	return reply{resp.StatusCode, string(b)}
}

// post sends body with a Content-Length.
func (g *gate) post(t *testing.T, path string, header http.Header, body []byte) reply {
	t.Helper()
	return g.send(t, http.MethodPost, path, header, bytes.NewReader(body))
}

// postChunked sends body with chunked transfer encoding (no Content-Length).
func (g *gate) postChunked(t *testing.T, path string, header http.Header, body []byte) reply {
	t.Helper()
	return g.send(t, http.MethodPost, path, header, io.MultiReader(bytes.NewReader(body))) // an io.Reader of unknown length is sent chunked
}

// jsonEqual compares two JSON documents structurally.
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
