package webhookverify

import (
	"fmt"
	"net"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestAdversarialTrailers: a genuine chunked delivery that carries an
// unsigned trailer reaches the app without it, with the verified bytes and
// their Content-Length instead of chunked framing.
func TestAdversarialTrailers(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", advSite)
	body := []byte(`{"event":"paid","amount":100}`)
	c := dialRaw(t, g)
	fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nTransfer-Encoding: chunked\r\nTrailer: X-Injected, X-Signature\r\nConnection: close\r\n\r\n%x\r\n%s\r\n0\r\nX-Injected: evil\r\nX-Signature: sha256=forged\r\n\r\n",
		advSig(body), len(body), body)
	if rep := c.read(t); rep.Status != 200 {
		t.Fatalf("genuine delivery with a trailer: %d %q", rep.Status, rep.Body)
	}
	got := up.Got()
	if len(got) != 1 {
		t.Fatalf("upstream saw %d requests, want 1", len(got))
	}
	r := got[0]
	if len(r.Trailer) != 0 || r.Header.Get("Trailer") != "" || r.Header.Get("X-Injected") != "" {
		t.Errorf("unsigned trailers reached the app: trailer %v, Trailer header %q", r.Trailer, r.Header.Get("Trailer"))
	}
	if r.ContentLength != int64(len(body)) || len(r.TransferEncoding) != 0 || string(r.Body) != string(body) {
		t.Errorf("app got length %d, transfer-encoding %v, body %q; want %d bytes with their length", r.ContentLength, r.TransferEncoding, r.Body, len(body))
	}
	checkOnlySigned(t, up)
}

// TestAdversarialHugeDeclaredLength: a request that declares a body far
// over max_body is refused at once, whatever the route's limit; one that
// declares a length within a large limit and sends a byte costs a byte.
// (A declared 60 GB once ended Caddy with out of memory.)
func TestAdversarialHugeDeclaredLength(t *testing.T) {
	up := gatetest.StartUpstream(t)
	site := gatetest.ErrorsSite + `
	handle /big {
		webhook_verify hmac {
			secret ` + advSecret + `
			header X-Signature
			max_body 64MiB
		}
		reverse_proxy UPSTREAM
	}`
	g := gatetest.StartGate(t, up, "", site)
	// Each sender stops after one byte of its body and half-closes, so the
	// server is not left waiting for the rest.
	for _, tt := range []struct {
		declared string
		want     int // 0: the gate hangs up, as for any body cut short
	}{
		{"60000000000", 413},
		{"67108864", 0}, // 64 MiB declared, within max_body
	} {
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /big HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: 00\r\nContent-Length: %s\r\n\r\nx", tt.declared)
		c.Conn.(*net.TCPConn).CloseWrite()
		if rep := c.read(t); rep.Status != tt.want && !(tt.want == 0 && rep.Status == 400) {
			t.Errorf("declaring %s: %d %q, want %d", tt.declared, rep.Status, rep.Body, tt.want)
		}
	}
	if n := len(up.Got()); n != 0 {
		t.Errorf("upstream saw %d requests, want none", n)
	}
}
