package webhookverify

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/quic-go/quic-go/http3"
)

// The adversarial suite: deliveries crafted to slip past the gate, sent to
// a real Caddy. For each, the sender gets the right status and the upstream
// receives nothing that the secret did not sign (checkOnlySigned).

const advSecret = "adversarial-secret"

// advSite has two routes with the generic hmac scheme: /hook also checks
// the client IP (IPv4 and IPv6 ranges), /open does not, so body tests can
// come from 127.0.0.1.
const advSite = gatetest.ErrorsSite + `
	handle /hook {
		webhook_verify hmac {
			secret ` + advSecret + `
			header X-Signature
			prefix "sha256="
			max_body 1KiB
			allow_ip 185.60.20.0/24 2001:db8::/32
		}
		reverse_proxy UPSTREAM
	}
	handle /open {
		webhook_verify hmac {
			secret ` + advSecret + `
			header X-Signature
			prefix "sha256="
			max_body 1KiB
		}
		reverse_proxy UPSTREAM
	}
`

// advSig is the signature header value the secret gives body.
func advSig(body []byte) string {
	m := hmac.New(sha256.New, []byte(advSecret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func advHeader(body []byte) http.Header {
	return http.Header{"X-Signature": {advSig(body)}, "Content-Type": {"application/json"}}
}

// checkOnlySigned fails the test if any request that reached the upstream
// carries a body the secret did not sign, or a signature header other than
// the one true signature.
func checkOnlySigned(t *testing.T, up *gatetest.Upstream) {
	t.Helper()
	for i, r := range up.Got() {
		sigs := r.Header.Values("X-Signature")
		if len(sigs) != 1 || !strings.EqualFold(strings.TrimSpace(sigs[0]), advSig(r.Body)) {
			t.Errorf("upstream request #%d is not signed by the secret: X-Signature %q, body %q", i, sigs, r.Body)
		}
		if r.Header.Get("Early-Data") != "" {
			t.Errorf("upstream request #%d was early data", i)
		}
	}
}

// rawConn is a plain TCP connection to the gate, for requests that Go's
// client would refuse to send or would tidy up.
type rawConn struct {
	net.Conn
	r *bufio.Reader
}

func dialRaw(t *testing.T, g *gatetest.Gate) *rawConn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(g.Base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return &rawConn{Conn: c, r: bufio.NewReader(c)}
}

// read reads one response; status 0 means the gate closed the connection
// without answering.
func (c *rawConn) read(t *testing.T) gatetest.Reply {
	t.Helper()
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return gatetest.Reply{Status: 0, Body: err.Error()}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return gatetest.Reply{Status: resp.StatusCode, Body: string(b)}
}

// rawPost sends head (request line and headers, without the blank line),
// then body, on a fresh connection and reads the answer.
func rawPost(t *testing.T, g *gatetest.Gate, head string, body []byte) gatetest.Reply {
	t.Helper()
	c := dialRaw(t, g)
	fmt.Fprintf(c, "%s\r\n\r\n", strings.ReplaceAll(strings.TrimSpace(head), "\n", "\r\n"))
	c.Write(body)
	return c.read(t)
}

// TestAdversarialClientIP: the client IP is Caddy's, which honours only
// trusted proxies; spoofed forwarding headers from anyone else are ignored.
func TestAdversarialClientIP(t *testing.T) {
	body := []byte(`{"event":"ip"}`)
	t.Run("untrusted peer", func(t *testing.T) {
		up := gatetest.StartUpstream(t)
		// 127.0.0.1 (the test client) is not a trusted proxy here.
		g := gatetest.StartGate(t, up, "\t\ttrusted_proxies static 10.0.0.0/8", advSite)
		spoofs := []struct{ header, value string }{
			{"X-Forwarded-For", "185.60.20.10"},
			{"X-Forwarded-For", "2001:db8::1"},
			{"X-Forwarded-For", "::ffff:185.60.20.10"},
			{"X-Forwarded-For", "10.0.0.1, 185.60.20.10"},
			{"X-Real-IP", "185.60.20.10"},
			{"Forwarded", "for=185.60.20.10"},
			{"Forwarded", `for="[2001:db8::1]"`},
			{"True-Client-IP", "185.60.20.10"},
			{"CF-Connecting-IP", "185.60.20.10"},
		}
		for _, s := range spoofs {
			h := advHeader(body)
			h.Set(s.header, s.value)
			if rep := g.Post(t, "/hook", h, body); rep.Status != http.StatusForbidden {
				t.Errorf("%s: %s from an untrusted peer: status %d %q, want 403", s.header, s.value, rep.Status, rep.Body)
			}
		}
		if n := len(up.Got()); n != 0 {
			t.Fatalf("%d spoofed deliveries reached the upstream", n)
		}
	})
	t.Run("trusted proxy", func(t *testing.T) {
		up := gatetest.StartUpstream(t)
		// The test client plays a trusted proxy; strict mode takes the
		// rightmost untrusted address, the one the proxy itself saw.
		g := gatetest.StartGate(t, up, "\t\ttrusted_proxies static 127.0.0.1/32\n\t\ttrusted_proxies_strict", advSite)
		tests := []struct {
			xff  string
			want int
		}{
			{"185.60.20.10", 200},
			{"2001:db8::5", 200},
			{"2001:DB8:0:0:0:0:0:6", 200},
			{"::ffff:185.60.20.11", 200},
			{"203.0.113.9", 403},
			{"2001:db9::1", 403},
			{"::ffff:203.0.113.9", 403},
			{"::ffff:2001:db8::1", 403},        // not an address
			{"185.60.20.10, 203.0.113.9", 403}, // the sender prepended PAYONE's address
			{"203.0.113.9, 185.60.20.12", 200}, // the proxy appended what it saw
			{"185.60.20.999", 403},             // not an address: falls back to the proxy, 127.0.0.1
			{"fe80::1%25eth0", 403},            // zoned link-local
			{"::1", 403},                       // loopback is not in the list
			{"0.0.0.0", 403},
			{"185.60.20.10\x00", 403},
		}
		want200 := 0
		for _, tt := range tests {
			h := advHeader(body)
			h.Set("X-Forwarded-For", tt.xff)
			rep := rawPost(t, g, fmt.Sprintf("POST /hook HTTP/1.1\nHost: 127.0.0.1\nX-Signature: %s\nX-Forwarded-For: %s\nContent-Length: %d\nConnection: close",
				advSig(body), tt.xff, len(body)), body)
			if tt.xff == "185.60.20.10\x00" && rep.Status == http.StatusBadRequest {
				continue // Go's server refuses a control character in a header value
			}
			if rep.Status != tt.want {
				t.Errorf("X-Forwarded-For %q: status %d %q, want %d", tt.xff, rep.Status, rep.Body, tt.want)
			}
			if tt.want == 200 {
				want200++
			}
		}
		if n := len(up.Got()); n != want200 {
			t.Errorf("upstream saw %d requests, want %d", n, want200)
		}
		checkOnlySigned(t, up)
	})
}

// TestAdversarialSignatureHeader: the signature header sent twice, in two
// spellings, padded, truncated or extended.
func TestAdversarialSignatureHeader(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", advSite)
	body := []byte(`{"event":"sig","amount":100}`)
	sig := advSig(body)
	other := advSig([]byte(`{"event":"other"}`))
	hexPart := strings.TrimPrefix(sig, "sha256=")

	tests := []struct {
		name    string
		headers string // raw header lines carrying the signature
		want    int
	}{
		{"genuine", "X-Signature: " + sig, 200},
		{"lower-case name", "x-signature: " + sig, 200},
		{"upper-case hex", "X-Signature: sha256=" + strings.ToUpper(hexPart), 200},
		{"upper-case prefix", "X-Signature: SHA256=" + hexPart, 200},
		{"surrounding whitespace", "X-Signature: \t " + sig + " \t", 200}, // optional whitespace, RFC 9110 §5.5
		{"missing", "", 401},
		{"empty", "X-Signature: ", 401},
		{"prefix only", "X-Signature: sha256=", 401},
		{"no prefix", "X-Signature: " + hexPart, 401},
		{"signature of another body", "X-Signature: " + other, 401},
		{"duplicated, same value", "X-Signature: " + sig + "\nX-Signature: " + sig, 401},
		{"duplicated, genuine second", "X-Signature: " + other + "\nX-Signature: " + sig, 401},
		{"duplicated, different case", "x-signature: " + other + "\nX-SIGNATURE: " + sig, 401},
		{"comma-joined", "X-Signature: " + other + ", " + sig, 401},
		{"space after prefix", "X-Signature: sha256= " + hexPart, 401},
		{"space inside", "X-Signature: sha256=" + hexPart[:32] + " " + hexPart[32:], 401},
		{"truncated by one byte", "X-Signature: sha256=" + hexPart[:62], 401},
		{"odd length", "X-Signature: sha256=" + hexPart[:63], 401},
		{"one byte too long", "X-Signature: " + sig + "00", 401},
		{"doubled", "X-Signature: " + sig + hexPart, 401},
		{"not hex", "X-Signature: sha256=" + strings.Repeat("zz", 32), 401},
		{"non-ASCII", "X-Signature: sha256=" + hexPart[:62] + "\xc3\xa9", 401},
		{"underscore name", "X_Signature: " + sig, 401},
		{"in a trailer only", "", 401}, // see below: sent chunked with the signature as trailer
	}
	want200 := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep gatetest.Reply
			if tt.name == "in a trailer only" {
				c := dialRaw(t, g)
				fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nTrailer: X-Signature\r\nConnection: close\r\n\r\n%x\r\n%s\r\n0\r\nX-Signature: %s\r\n\r\n", len(body), body, sig)
				rep = c.read(t)
			} else {
				head := "POST /open HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\nConnection: close\n"
				if tt.headers != "" {
					head += tt.headers + "\n"
				}
				head += fmt.Sprintf("Content-Length: %d", len(body))
				rep = rawPost(t, g, head, body)
			}
			if rep.Status != tt.want {
				t.Fatalf("status %d %q, want %d", rep.Status, rep.Body, tt.want)
			}
			if tt.want == 200 {
				want200++
			} else if strings.Contains(rep.Body, hexPart) || strings.Contains(rep.Body, advSecret) {
				t.Errorf("refusal leaks the signature or secret: %q", rep.Body)
			}
		})
	}
	if n := len(up.Got()); n != want200 {
		t.Errorf("upstream saw %d requests, want %d", n, want200)
	}
	checkOnlySigned(t, up)
}

// TestAdversarialFraming: bodies whose framing lies or is unusual
// (Content-Length, chunked, gzip, Expect: 100-continue, slow and stalled
// senders, oversized headers, early data).
func TestAdversarialFraming(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "\t\tmax_header_size 8KiB\n\t\ttimeouts {\n\t\t\tread_body 1s\n\t\t}", advSite)
	body := []byte(`{"event":"framing","data":"` + strings.Repeat("x", 100) + `"}`)
	sig := advSig(body)
	accepted := 0
	expect := func(t *testing.T, rep gatetest.Reply, want int) {
		t.Helper()
		if rep.Status != want {
			t.Fatalf("status %d %q, want %d", rep.Status, rep.Body, want)
		}
		if want == 200 {
			accepted++
			got := up.Got()
			last := got[len(got)-1]
			if last.ContentLength != int64(len(last.Body)) || len(last.TransferEncoding) != 0 {
				t.Errorf("upstream framing: Content-Length %d for %d bytes, Transfer-Encoding %v", last.ContentLength, len(last.Body), last.TransferEncoding)
			}
		}
	}

	t.Run("Content-Length longer than the body", func(t *testing.T) {
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nContent-Length: %d\r\n\r\n%s", sig, len(body)+50, body)
		c.Conn.(*net.TCPConn).CloseWrite()
		rep := c.read(t)
		if rep.Status == 200 {
			t.Fatalf("a short body was accepted: %q", rep.Body)
		}
	})
	t.Run("Content-Length shorter than the body smuggles a second request", func(t *testing.T) {
		signedPart := body[:20]
		smuggled := []byte(`{"event":"forged"}`)
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nContent-Length: %d\r\n\r\n%s", advSig(signedPart), len(signedPart), signedPart)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", sig, len(smuggled), smuggled)
		expect(t, c.read(t), 200) // exactly the signed bytes
		if rep := c.read(t); rep.Status != 401 {
			t.Fatalf("smuggled request: status %d %q, want 401", rep.Status, rep.Body)
		}
		got := up.Got()
		if !bytes.Equal(got[len(got)-1].Body, signedPart) {
			t.Fatalf("upstream got %q, want the signed %q", got[len(got)-1].Body, signedPart)
		}
	})
	t.Run("two different Content-Lengths", func(t *testing.T) {
		rep := rawPost(t, g, fmt.Sprintf("POST /open HTTP/1.1\nHost: 127.0.0.1\nX-Signature: %s\nContent-Length: %d\nContent-Length: %d\nConnection: close", sig, len(body), len(body)-10), body)
		expect(t, rep, 400)
	})
	t.Run("negative Content-Length", func(t *testing.T) {
		rep := rawPost(t, g, fmt.Sprintf("POST /open HTTP/1.1\nHost: 127.0.0.1\nX-Signature: %s\nContent-Length: -1\nConnection: close", sig), body)
		expect(t, rep, 400)
	})
	t.Run("Content-Length and chunked together", func(t *testing.T) {
		// Chunked wins and the Content-Length is dropped (RFC 9112 §6.3):
		// the gate verifies, and the upstream gets, the whole chunked body.
		chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(body), body)
		rep := rawPost(t, g, fmt.Sprintf("POST /open HTTP/1.1\nHost: 127.0.0.1\nX-Signature: %s\nContent-Length: 5\nTransfer-Encoding: chunked\nConnection: close", sig), []byte(chunked))
		expect(t, rep, 200)
		if last := up.Got()[len(up.Got())-1]; !bytes.Equal(last.Body, body) {
			t.Fatalf("upstream got %q", last.Body)
		}
	})
	t.Run("Content-Length and chunked together, signed prefix", func(t *testing.T) {
		chunked := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(body), body)
		rep := rawPost(t, g, fmt.Sprintf("POST /open HTTP/1.1\nHost: 127.0.0.1\nX-Signature: %s\nContent-Length: 5\nTransfer-Encoding: chunked\nConnection: close", advSig(body[:5])), []byte(chunked))
		expect(t, rep, 401)
	})
	t.Run("chunked", func(t *testing.T) {
		expect(t, g.PostChunked(t, "/open", advHeader(body), body), 200)
	})
	t.Run("chunked in many small chunks", func(t *testing.T) {
		var b strings.Builder
		for _, c := range body {
			fmt.Fprintf(&b, "1\r\n%c\r\n", c)
		}
		b.WriteString("0\r\n\r\n")
		rep := rawPost(t, g, fmt.Sprintf("POST /open HTTP/1.1\nHost: 127.0.0.1\nX-Signature: %s\nTransfer-Encoding: chunked\nConnection: close", sig), []byte(b.String()))
		expect(t, rep, 200)
	})
	t.Run("chunked, tampered", func(t *testing.T) {
		expect(t, g.PostChunked(t, "/open", advHeader(body), append(bytes.Clone(body), ' ')), 401)
	})
	t.Run("chunked, over max_body", func(t *testing.T) {
		big := bytes.Repeat([]byte("a"), 2048)
		expect(t, g.PostChunked(t, "/open", advHeader(big), big), 413)
	})
	t.Run("gzip, signed as sent", func(t *testing.T) {
		gz := gzipped(t, body)
		h := advHeader(gz)
		h.Set("Content-Encoding", "gzip")
		expect(t, g.Post(t, "/open", h, gz), 200)
		last := up.Got()[len(up.Got())-1]
		if !bytes.Equal(last.Body, gz) || last.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("upstream did not get the compressed bytes as sent")
		}
	})
	t.Run("gzip, signed decompressed", func(t *testing.T) {
		// The gate verifies the bytes on the wire; it never inflates a body
		// (which would also be a decompression bomb).
		h := advHeader(body)
		h.Set("Content-Encoding", "gzip")
		expect(t, g.Post(t, "/open", h, gzipped(t, body)), 401)
	})
	t.Run("gzip bomb over max_body", func(t *testing.T) {
		bomb := gzipped(t, bytes.Repeat([]byte{0}, 10<<20)) // ~10 KiB on the wire
		h := advHeader(bomb)
		h.Set("Content-Encoding", "gzip")
		expect(t, g.Post(t, "/open", h, bomb), 413)
	})
	t.Run("Expect: 100-continue, oversize is refused before the body", func(t *testing.T) {
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nExpect: 100-continue\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n", sig)
		expect(t, c.read(t), 413) // the first thing back is the refusal, not "100 Continue"
	})
	t.Run("Expect: 100-continue, genuine", func(t *testing.T) {
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nExpect: 100-continue\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", sig, len(body))
		if rep := c.read(t); rep.Status != 100 {
			t.Fatalf("got %d before sending the body, want 100 Continue", rep.Status)
		}
		c.Write(body)
		expect(t, c.read(t), 200)
		if last := up.Got()[len(up.Got())-1]; last.Header.Get("Expect") != "" {
			t.Errorf("upstream was asked to Expect %q for a body the gate already has", last.Header.Get("Expect"))
		}
	})
	t.Run("Expect: 100-continue, forged", func(t *testing.T) {
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nExpect: 100-continue\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", sig, len(body))
		if rep := c.read(t); rep.Status != 100 {
			t.Fatalf("got %d before sending the body, want 100 Continue", rep.Status)
		}
		c.Write(bytes.ToUpper(body))
		expect(t, c.read(t), 401)
	})
	t.Run("slow sender", func(t *testing.T) {
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", sig, len(body))
		for i := 0; i < len(body); i += 40 {
			time.Sleep(50 * time.Millisecond)
			c.Write(body[i:min(i+40, len(body))])
		}
		expect(t, c.read(t), 200)
	})
	t.Run("stalled sender", func(t *testing.T) {
		// read_body 1s: a sender that stops half way is cut off.
		c := dialRaw(t, g)
		fmt.Fprintf(c, "POST /open HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", sig, len(body), body[:10])
		start := time.Now()
		rep := c.read(t)
		if rep.Status == 200 {
			t.Fatalf("a stalled body was accepted")
		}
		if time.Since(start) > 8*time.Second {
			t.Errorf("the stalled sender held the connection for %v", time.Since(start))
		}
	})
	t.Run("oversized header", func(t *testing.T) {
		h := advHeader(body)
		h.Set("X-Padding", strings.Repeat("p", 16<<10))
		expect(t, g.Post(t, "/open", h, body), http.StatusRequestHeaderFieldsTooLarge)
	})
	t.Run("Early-Data from a proxy", func(t *testing.T) {
		h := advHeader(body)
		h.Set("Early-Data", "1")
		rep := g.Post(t, "/open", h, body)
		expect(t, rep, http.StatusTooEarly)
	})
	if n := len(up.Got()); n != accepted {
		t.Errorf("upstream saw %d requests, want %d", n, accepted)
	}
	checkOnlySigned(t, up)
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEarlyData: a request that may be TLS 0-RTT early data is refused with
// 425 before any check, so its unproven address and replayable body never
// count.
func TestEarlyData(t *testing.T) {
	tests := []struct {
		name string
		tls  *tls.ConnectionState
		hdr  string
		want bool
	}{
		{"plain HTTP", nil, "", false},
		{"handshake complete", &tls.ConnectionState{HandshakeComplete: true}, "", false},
		{"0-RTT, handshake incomplete", &tls.ConnectionState{HandshakeComplete: false}, "", true},
		{"proxy says early data", nil, "1", true},
		{"proxy says early data over TLS", &tls.ConnectionState{HandshakeComplete: true}, "1", true},
		{"other Early-Data value", nil, "0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest(http.MethodPost, "https://gate/hook", nil)
			r.TLS = tt.tls
			if tt.hdr != "" {
				r.Header.Set("Early-Data", tt.hdr)
			}
			if got := earlyData(r); got != tt.want {
				t.Errorf("earlyData = %v, want %v", got, tt.want)
			}
		})
	}
}

// startTLSGate runs Caddy with site on https://127.0.0.1:PORT, with a
// certificate from Caddy's internal CA kept in a temporary directory (the
// root is not installed anywhere). It serves HTTP/1.1 and HTTP/2.
func startTLSGate(t *testing.T, up *gatetest.Upstream, site string) *gatetest.Gate {
	t.Helper()
	port := gatetest.FreePort(t)
	site = strings.ReplaceAll(site, "UPSTREAM", up.HostPort())
	src := fmt.Sprintf(`{
	admin off
	persist_config off
	auto_https disable_redirects
	skip_install_trust
	storage file_system %q
	grace_period 1s
	log {
		output discard
	}
}
https://127.0.0.1:%d {
	tls internal
%s
}
`, t.TempDir(), port, site)
	cfg, err := gatetest.Adapt(t, src)
	if err != nil {
		t.Fatalf("adapting Caddyfile: %v\n%s", err, src)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading config: %v", err)
	}
	t.Cleanup(func() {
		if err := caddy.Stop(); err != nil {
			t.Errorf("stopping caddy: %v", err)
		}
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	// The certificate is issued in the background: wait for a handshake.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no TLS handshake with %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return &gatetest.Gate{Base: "https://" + addr}
}

// TestAdversarialTLS: the same checks over TLS, with HTTP/2 and HTTP/1.1.
func TestAdversarialTLS(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := startTLSGate(t, up, advSite)
	body := []byte(`{"event":"tls"}`)
	sig := advSig(body)
	other := advSig([]byte(`{"event":"other"}`))
	h2 := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, ForceAttemptHTTP2: true}
	h1 := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}}
	t.Cleanup(h2.CloseIdleConnections)
	t.Cleanup(h1.CloseIdleConnections)

	tests := []struct {
		name   string
		header http.Header
		body   []byte
		want   int
	}{
		{"genuine", http.Header{"X-Signature": {sig}}, body, 200},
		{"forged", http.Header{"X-Signature": {other}}, body, 401},
		{"tampered", http.Header{"X-Signature": {sig}}, append(bytes.Clone(body), ' '), 401},
		{"duplicated signature", http.Header{"X-Signature": {other, sig}}, body, 401},
		{"no signature", http.Header{}, body, 401},
		{"early data", http.Header{"X-Signature": {sig}, "Early-Data": {"1"}}, body, http.StatusTooEarly},
		{"over max_body", http.Header{"X-Signature": {advSig(bytes.Repeat([]byte("a"), 2048))}}, bytes.Repeat([]byte("a"), 2048), 413},
	}
	accepted := 0
	for _, proto := range []struct {
		name  string
		rt    *http.Transport
		major int
	}{{"HTTP/2", h2, 2}, {"HTTP/1.1", h1, 1}} {
		for _, tt := range tests {
			for _, chunked := range []bool{false, true} {
				name := proto.name + "/" + tt.name
				if chunked {
					name += "/streamed"
				}
				t.Run(name, func(t *testing.T) {
					var rd io.Reader = bytes.NewReader(tt.body)
					if chunked {
						rd = io.MultiReader(rd) // unknown length: chunked on HTTP/1.1, DATA frames without content-length on HTTP/2
					}
					req, err := http.NewRequest(http.MethodPost, g.Base+"/open", rd)
					if err != nil {
						t.Fatal(err)
					}
					for k, vs := range tt.header {
						req.Header[k] = vs
					}
					resp, err := proto.rt.RoundTrip(req)
					if err != nil {
						t.Fatal(err)
					}
					defer resp.Body.Close()
					b, _ := io.ReadAll(resp.Body)
					if resp.ProtoMajor != proto.major {
						t.Errorf("spoke %s, want HTTP/%d", resp.Proto, proto.major)
					}
					if resp.StatusCode != tt.want {
						t.Fatalf("status %d %q, want %d", resp.StatusCode, b, tt.want)
					}
					if tt.want == 200 {
						accepted++
					}
				})
			}
		}
	}
	if n := len(up.Got()); n != accepted {
		t.Errorf("upstream saw %d requests, want %d", n, accepted)
	}
	checkOnlySigned(t, up)
}

// signallingCache is a TLS client session cache that tells when a session
// ticket has been stored.
type signallingCache struct {
	tls.ClientSessionCache
	put chan struct{}
}

func (c *signallingCache) Put(key string, cs *tls.ClientSessionState) {
	c.ClientSessionCache.Put(key, cs)
	if cs != nil {
		select {
		case c.put <- struct{}{}:
		default:
		}
	}
}

// TestAdversarialHTTP3EarlyData sends a request in real QUIC 0-RTT early
// data: Caddy serves HTTP/3 with 0-RTT allowed by default, so the request
// reaches the handler before the handshake completes, and webhook_verify
// must answer 425 Too Early. The same request after the handshake is
// judged normally (401: it carries no signature).
func TestAdversarialHTTP3EarlyData(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := startTLSGate(t, up, advSite)
	cache := &signallingCache{ClientSessionCache: tls.NewLRUClientSessionCache(8), put: make(chan struct{}, 8)}
	newTransport := func() *http3.Transport {
		rt := &http3.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true, ClientSessionCache: cache, NextProtos: []string{http3.NextProtoH3}}}
		t.Cleanup(func() { rt.Close() })
		return rt
	}
	do := func(rt *http3.Transport, method string) int {
		t.Helper()
		req, err := http.NewRequest(method, g.Base+"/open", nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		resp, err := rt.RoundTrip(req.WithContext(ctx))
		if err != nil {
			t.Fatalf("HTTP/3 %s: %v", method, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	// A full handshake first, which also leaves a session ticket in cache.
	first := newTransport()
	if got := do(first, http.MethodGet); got != http.StatusUnauthorized {
		t.Fatalf("after the handshake: status %d, want 401", got)
	}
	first.Close()
	// A 0-RTT request goes out as early data only once a usable session
	// ticket is cached; until then it is an ordinary request after the
	// handshake (401). Each connection leaves a new ticket: try a few.
	got := 0
	for attempt := 0; attempt < 5 && got != http.StatusTooEarly; attempt++ {
		select {
		case <-cache.put:
		case <-time.After(5 * time.Second):
			t.Fatal("no session ticket from the server")
		}
		got = do(newTransport(), http3.MethodGet0RTT)
		if got != http.StatusTooEarly && got != http.StatusUnauthorized {
			t.Fatalf("0-RTT request: status %d, want 425", got)
		}
	}
	if got != http.StatusTooEarly {
		t.Fatalf("0-RTT request: status %d after 5 tries, want 425", got)
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d requests reached the upstream", n)
	}
}
