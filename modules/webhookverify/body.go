package webhookverify

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// firstBodyBuffer is the most a request's body buffer holds before any
// byte has arrived. A declared Content-Length is a claim, not bytes: the
// buffer grows with what is read, so a sender that declares a huge body
// and sends little costs little.
const firstBodyBuffer = 64 << 10

// bodyGrowth is how many times larger a full body buffer becomes. Four
// (rather than append's two) makes a 1 MiB body take three allocations
// instead of five, and a third of the garbage, which measurably lowers the
// peak memory under load (docs/performance.md, "Memory").
const bodyGrowth = 4

// errBodyTooLarge is returned by readBody when the body exceeds the limit.
var errBodyTooLarge = errors.New("body too large")

// errBodyLongerThanDeclared is returned by readBody for a body that goes
// on past its declared Content-Length (net/http stops such a body itself;
// this keeps readBody correct for any reader).
var errBodyLongerThanDeclared = errors.New("body is longer than its Content-Length")

// readBody reads r's whole body, at most limit bytes. A declared
// Content-Length over the limit is refused before a byte is read; any
// other body is refused as soon as it passes the limit. The buffer is at
// most firstBodyBuffer or bodyGrowth times the bytes that have arrived,
// whichever is larger, and with a declared length never more than that
// length plus one byte (which sees the end).
func readBody(r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		return nil, errBodyTooLarge
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	// The most the buffer may ever need: one byte past the declared length
	// or the limit, so that reading it tells the end from a longer body.
	most := limit + 1
	if r.ContentLength >= 0 {
		most = r.ContentLength + 1
	}
	buf := getBuffer(min(most, firstBodyBuffer+1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) >= most {
				return nil, errBodyLongerThanDeclared
			}
			grown := getBuffer(min(bodyGrowth*int64(cap(buf)), most))[:len(buf)]
			copy(grown, buf)
			putBuffer(buf)
			buf = grown
		}
		n, err := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			putBuffer(buf)
			return nil, errBodyTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			putBuffer(buf)
			return nil, err
		}
	}
}

// restoreBody makes the verified body the request's body, so the next
// handler (and the upstream) receives exactly the verified bytes with a
// matching Content-Length, whether the sender used Content-Length or
// chunked. Trailers are dropped: they arrive after the body, outside
// anything the gate verified, and must not reach the app.
func restoreBody(r *http.Request, body []byte) *verifiedBody {
	n := len(body)
	vb := &verifiedBody{buf: body}
	vb.r.Reset(body)
	r.Body = vb
	r.ContentLength = int64(n)
	r.TransferEncoding = nil
	r.Trailer = nil
	r.Header.Del("Transfer-Encoding")
	r.Header.Del("Trailer")
	// The gate has the whole body: the upstream must not wait to send
	// "100 Continue" for it, and the sender already got one if it asked.
	r.Header.Del("Expect")
	r.Header.Set("Content-Length", strconv.Itoa(n))
	return vb
}

// bodyBuffers keeps body buffers for the next request, as reverse_proxy
// keeps its request buffers. A buffer goes back only from a request whose
// body nobody can read any more (verifiedBody.release).
var bodyBuffers sync.Pool

// getBuffer returns an empty buffer of exactly n bytes' capacity: a kept
// one cut to n if one large enough is at hand, else a new one. A request
// never reads into more room than it asked for.
func getBuffer(n int64) []byte {
	if p, ok := bodyBuffers.Get().(*[]byte); ok && int64(cap(*p)) >= n {
		return (*p)[:0:n]
	}
	return make([]byte, 0, n)
}

// maxKeptBuffer is the largest buffer kept for reuse. Larger bodies are
// rare and their hashing costs far more than their allocation; keeping
// their buffers would hold megabytes per connection until the collector
// empties the pool (bench/memory.sh).
const maxKeptBuffer = 256 << 10

// putBuffer keeps b for another request.
func putBuffer(b []byte) {
	if cap(b) > 0 && cap(b) <= maxKeptBuffer {
		bodyBuffers.Put(&b)
	}
}

// verifiedBody is the request body the next handler reads: the verified
// bytes. Its buffer is reused only after the request ended cleanly and
// the body was read to its end (by reverse_proxy's transport, which reads
// past the last byte to see EOF): nothing reads a body after its EOF. On
// every other path (a refusal, an error, a body left unread) the buffer is
// left to the garbage collector, as error routes may still read it.
type verifiedBody struct {
	r   bytes.Reader
	buf []byte
	eof atomic.Bool
}

// Read reads the body, noting when its end was reached.
func (b *verifiedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.eof.Store(true)
	}
	return n, err
}

// Close does nothing: the buffer is given back by release.
func (*verifiedBody) Close() error { return nil }

// release gives the buffer back for reuse if the body was read to its end;
// the reader then holds nothing.
func (b *verifiedBody) release() {
	if b == nil || !b.eof.Load() {
		return
	}
	b.r.Reset(nil)
	putBuffer(b.buf)
	b.buf = nil
}
