package caddyplugin

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
)

// bodyPool recycles the buffers request bodies are read into.
var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer put back in the pool; larger ones
// (rare, from routes with a big max_body) are left to the GC so one burst
// does not pin memory.
const maxPooledBuffer = 4 << 20

// errBodyTooLarge is returned by readBody when the body exceeds the limit.
var errBodyTooLarge = errors.New("body too large")

// readBody reads r's body, at most limit bytes, into a pooled buffer. A
// declared Content-Length over the limit is refused before a byte is read;
// a chunked body is refused as soon as it passes the limit.
func readBody(r *http.Request, limit int64) (*bytes.Buffer, error) {
	if r.ContentLength > limit {
		return nil, errBodyTooLarge
	}
	buf := bodyPool.Get().(*bytes.Buffer)
	if r.Body == nil || r.Body == http.NoBody {
		return buf, nil
	}
	if r.ContentLength > 0 {
		// Room for the body and for the final read that sees EOF:
		// bytes.Buffer.ReadFrom wants MinRead bytes free, and a buffer
		// grown to exactly the body would be reallocated at twice the size.
		buf.Grow(int(r.ContentLength) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	if err == nil && n > limit {
		err = errBodyTooLarge
	}
	if err != nil {
		releaseBody(buf)
		return nil, err
	}
	return buf, nil
}

// restoreBody makes body the request's body, so the next handler (and the
// upstream) receives exactly the verified bytes with a matching
// Content-Length, whether the sender used Content-Length or chunked.
func restoreBody(r *http.Request, body []byte) {
	rd := new(verifiedBody)
	rd.Reset(body)
	r.Body = rd
	r.ContentLength = int64(len(body))
	r.TransferEncoding = nil
	r.Header.Del("Transfer-Encoding")
	// The gate has the whole body: the upstream must not wait to send
	// "100 Continue" for it, and the sender already got one if it asked.
	r.Header.Del("Expect")
	if !hasContentLength(r.Header, len(body)) {
		r.Header.Set("Content-Length", strconv.Itoa(len(body)))
	}
}

// verifiedBody is the restored body: a bytes.Reader that is also an
// io.ReadCloser, in one allocation.
type verifiedBody struct{ bytes.Reader }

// Close does nothing: the bytes belong to the gate's buffer.
func (*verifiedBody) Close() error { return nil }

// hasContentLength reports whether h already declares exactly n as its one
// Content-Length, as it does for every sender that did not use chunked;
// the header is then left as it is, saving two allocations per request.
func hasContentLength(h http.Header, n int) bool {
	v := h["Content-Length"]
	if len(v) != 1 {
		return false
	}
	got, err := strconv.ParseInt(v[0], 10, 64)
	return err == nil && got == int64(n)
}

// releaseBody returns buf to the pool.
func releaseBody(buf *bytes.Buffer) {
	if buf == nil || buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	bodyPool.Put(buf)
}
