package caddyplugin

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// Request bodies are read into buffers that are kept for reuse on bounded
// free lists, one per size class. Unlike a sync.Pool, which every garbage
// collection empties, the free lists survive collections, so under steady
// load a request takes a buffer an earlier request gave back instead of
// allocating a fresh one: the heap stops churning max_body-sized garbage,
// and the collector (GOGC=100 lets the heap reach about twice the live heap
// before collecting) has little to let pile up.
//
// Size classes keep a small body from holding a large buffer; a class is
// only used when its size is within the route's max_body, so a request
// never holds more than max(max_body, its declared length) bytes. Each class
// keeps at most a fixed number of buffers (21 MiB in all); buffers that sit
// unused on a list for a whole trim interval are dropped, so the memory of
// a burst is given back to the garbage collector (and, after its next
// collection, to the OS by the runtime's scavenger).

// bodyClasses are the buffer sizes kept for reuse and how many of each a
// free list holds at most.
var bodyClasses = [...]struct{ size, keep int }{
	{4 << 10, 256}, // 1 MiB
	{64 << 10, 64}, // 4 MiB
	{1 << 20, 16},  // 16 MiB
}

// bodyTrimInterval is how often the free lists drop buffers nobody took
// since the previous trim.
const bodyTrimInterval = 10 * time.Second

// bodyPool holds the buffers of all webhook_verify handlers in the process.
var bodyPool = newBodyBuffers(bodyTrimInterval, bodyClasses[0].keep, bodyClasses[1].keep, bodyClasses[2].keep)

// errBodyTooLarge is returned by readBody when the body exceeds the limit.
var errBodyTooLarge = errors.New("body too large")

// bodyBuffer holds one request's body.
type bodyBuffer struct {
	b     []byte
	class int     // index in bodyClasses; -1 for a buffer that is not kept
	probe [1]byte // reads the byte after a full buffer, without allocating
}

// Bytes returns the body read.
func (bb *bodyBuffer) Bytes() []byte { return bb.b }

// noBody is what readBody returns for a request without a body. It is
// shared and never written to.
var noBody = &bodyBuffer{class: -1}

// readBody reads r's body, at most limit bytes. A declared Content-Length
// over the limit is refused before a byte is read; a chunked body is
// refused as soon as it passes the limit. With a declared length the body
// is read straight into one buffer of at least that size; a chunked body
// starts in the smallest class and moves to larger buffers as it grows.
func readBody(r *http.Request, limit int64) (*bodyBuffer, error) {
	if r.ContentLength > limit {
		return nil, errBodyTooLarge
	}
	if r.Body == nil || r.Body == http.NoBody {
		return noBody, nil
	}
	want := int64(bodyClasses[0].size)
	if r.ContentLength > 0 {
		want = r.ContentLength
	}
	bb := bodyPool.get(int(min(want, limit)), limit)
	for {
		b := bb.b
		if len(b) < cap(b) {
			n, err := r.Body.Read(b[len(b):cap(b)])
			bb.b = b[:len(b)+n]
			if err == io.EOF {
				return bb, nil
			}
			if err != nil {
				releaseBody(bb)
				return nil, err
			}
			continue
		}
		// The buffer is full: one more byte tells the end of the body
		// from a body that needs a larger buffer (or is over the limit).
		n, err := r.Body.Read(bb.probe[:])
		if n > 0 {
			if int64(len(b)) >= limit {
				releaseBody(bb)
				return nil, errBodyTooLarge
			}
			nb := bodyPool.get(int(min(max(2*int64(cap(b)), int64(len(b))+1), limit)), limit)
			nb.b = append(append(nb.b, b...), bb.probe[0])
			releaseBody(bb)
			bb = nb
		}
		if err == io.EOF {
			return bb, nil
		}
		if err != nil {
			releaseBody(bb)
			return nil, err
		}
	}
}

// releaseBody gives bb back for reuse. It must only be called once nothing
// can read bb's bytes any more.
func releaseBody(bb *bodyBuffer) { bodyPool.put(bb) }

// bodyBuffers is a set of bounded free lists of body buffers, one per
// entry of bodyClasses.
type bodyBuffers struct {
	classes  [len(bodyClasses)]freeList
	interval time.Duration // between trims; 0: never trimmed automatically
	armed    atomic.Bool   // a trim is scheduled
}

// freeList holds buffers of one size class.
type freeList struct {
	size int
	free chan *bodyBuffer
	low  atomic.Int64 // fewest buffers on the list since the last trim
}

// newBodyBuffers returns free lists keeping at most keep[i] buffers of
// bodyClasses[i].size, trimmed every interval (never if 0).
func newBodyBuffers(interval time.Duration, keep ...int) *bodyBuffers {
	p := &bodyBuffers{interval: interval}
	for i := range p.classes {
		p.classes[i].size = bodyClasses[i].size
		p.classes[i].free = make(chan *bodyBuffer, keep[i])
	}
	return p
}

// get returns an empty buffer with room for at least n bytes: one of the
// smallest class that holds n if that class is within limit, otherwise a
// buffer of exactly n bytes that will not be kept.
func (p *bodyBuffers) get(n int, limit int64) *bodyBuffer {
	for i := range p.classes {
		c := &p.classes[i]
		if n > c.size {
			continue
		}
		if int64(c.size) > limit {
			break
		}
		select {
		case bb := <-c.free:
			c.noteLow(int64(len(c.free)))
			return bb
		default:
			c.low.Store(0)
			return &bodyBuffer{b: make([]byte, 0, c.size), class: i}
		}
	}
	return &bodyBuffer{b: make([]byte, 0, n), class: -1}
}

// put keeps bb for reuse if it belongs to a class whose list has room.
func (p *bodyBuffers) put(bb *bodyBuffer) {
	if bb == nil || bb.class < 0 {
		return
	}
	bb.b = bb.b[:0]
	select {
	case p.classes[bb.class].free <- bb:
		if p.interval > 0 && !p.armed.Swap(true) {
			time.AfterFunc(p.interval, p.scheduledTrim)
		}
	default: // full: left to the garbage collector
	}
}

// scheduledTrim trims, and schedules the next trim while buffers are kept.
func (p *bodyBuffers) scheduledTrim() {
	p.trim()
	p.armed.Store(false)
	if p.kept() > 0 && !p.armed.Swap(true) {
		time.AfterFunc(p.interval, p.scheduledTrim)
	}
}

// trim drops, from each list, the buffers that were not needed since the
// previous trim: as many as the fewest the list held in that time.
func (p *bodyBuffers) trim() {
	for i := range p.classes {
		c := &p.classes[i]
		for drop := min(c.low.Load(), int64(len(c.free))); drop > 0; drop-- {
			select {
			case <-c.free:
			default:
				drop = 0
			}
		}
		c.low.Store(int64(len(c.free)))
	}
}

// kept reports how many buffers the lists hold.
func (p *bodyBuffers) kept() int {
	n := 0
	for i := range p.classes {
		n += len(p.classes[i].free)
	}
	return n
}

// noteLow records that the list held only n buffers.
func (c *freeList) noteLow(n int64) {
	for {
		low := c.low.Load()
		if n >= low || c.low.CompareAndSwap(low, n) {
			return
		}
	}
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
