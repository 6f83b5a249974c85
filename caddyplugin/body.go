package caddyplugin

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
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
// a burst is given back.
//
// Buffers of 64 KiB and more (the two larger classes, and exact-size
// buffers of at least mapMin bytes) live outside the Go heap on unix
// (body_mmap.go): anonymous mappings the gate unmaps itself when a list
// is full, when a trim drops them, and when an exact-size buffer is given
// back. The collector's heap goal (about twice the live heap with
// GOGC=100) therefore does not count the bodies in flight, and a dropped
// buffer returns to the OS at once. The 4 KiB class, and every buffer on
// other platforms (body_heap.go), is on the heap.
//
// A mapped buffer must never be touched after it is unmapped, nor reused
// while anything may still read it. Its bytes are only ever read through
// the request's verifiedBody, which owns the buffer and guards every read
// with its lock; settle gives the buffer back (or first copies the body to
// the heap when error routes may still read it) under the same lock, once.

// bodyClasses are the buffer sizes kept for reuse and how many of each a
// free list holds at most.
var bodyClasses = [...]struct{ size, keep int }{
	{4 << 10, 256}, // 1 MiB
	{64 << 10, 64}, // 4 MiB
	{1 << 20, 16},  // 16 MiB
}

// mapMin is the smallest buffer that is mapped outside the heap.
const mapMin = 64 << 10

// bodyTrimInterval is how often the free lists drop buffers nobody took
// since the previous trim.
const bodyTrimInterval = 10 * time.Second

// bodyPool holds the buffers of all webhook_verify handlers in the process.
var bodyPool = newBodyBuffers(bodyTrimInterval, bodyClasses[0].keep, bodyClasses[1].keep, bodyClasses[2].keep)

// errBodyTooLarge is returned by readBody when the body exceeds the limit.
var errBodyTooLarge = errors.New("body too large")

// bodyBuffer holds one request's body.
type bodyBuffer struct {
	b      []byte
	class  int         // index in bodyClasses; -1 for a buffer that is not kept
	mapped bool        // b is a mapping (mapBuffer), unmapped when dropped
	inUse  atomic.Bool // handed out by get and not yet given back by put
	probe  [1]byte     // reads the byte after a full buffer, without allocating
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
			bb.inUse.Store(true)
			return bb
		default:
			c.low.Store(0)
			return newBodyBuffer(c.size, i)
		}
	}
	return newBodyBuffer(n, -1)
}

// newBodyBuffer returns a fresh, empty buffer of exactly n bytes, mapped
// outside the heap when it is large enough and the platform allows.
func newBodyBuffer(n, class int) *bodyBuffer {
	bb := &bodyBuffer{class: class}
	if bodyMapped && n >= mapMin {
		bb.b = mapBuffer(n)
		bb.mapped = bb.b != nil
	}
	if !bb.mapped {
		bb.b = make([]byte, 0, n)
	}
	bb.inUse.Store(true)
	return bb
}

// put keeps bb for reuse if it belongs to a class whose list has room;
// otherwise a mapped buffer is unmapped and a heap one left to the
// garbage collector. Giving the same buffer back twice (before get hands
// it out again) does nothing the second time. The caller must not touch
// bb's bytes after put.
func (p *bodyBuffers) put(bb *bodyBuffer) {
	if bb == nil || !bb.inUse.CompareAndSwap(true, false) {
		return
	}
	bb.b = bb.b[:0]
	if bb.class >= 0 {
		select {
		case p.classes[bb.class].free <- bb:
			if p.interval > 0 && !p.armed.Swap(true) {
				time.AfterFunc(p.interval, p.scheduledTrim)
			}
			return
		default: // full
		}
	}
	dropBuffer(bb)
}

// dropBuffer gives up a buffer nobody holds: a mapped one is unmapped.
func dropBuffer(bb *bodyBuffer) {
	if bb.mapped {
		b := bb.b
		bb.b, bb.mapped = nil, false
		unmapBuffer(b)
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
			case bb := <-c.free:
				dropBuffer(bb)
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

// restoreBody makes the verified body the request's body, so the next
// handler (and the upstream) receives exactly the verified bytes with a
// matching Content-Length, whether the sender used Content-Length or
// chunked.
func restoreBody(r *http.Request, body *verifiedBody) {
	n := len(body.b)
	r.Body = body
	r.ContentLength = int64(n)
	r.TransferEncoding = nil
	r.Header.Del("Transfer-Encoding")
	// The gate has the whole body: the upstream must not wait to send
	// "100 Continue" for it, and the sender already got one if it asked.
	r.Header.Del("Expect")
	if !hasContentLength(r.Header, n) {
		r.Header.Set("Content-Length", strconv.Itoa(n))
	}
}

// errBodyReleased is what a read of a verified body gets after the
// request ended cleanly and its buffer was given back (a transport still
// writing the body to an upstream that already answered).
var errBodyReleased = errors.New("webhook_verify: request body read after the request ended")

// verifiedBody owns one request's body buffer and is the only way its
// bytes are read once verification is done: as the request's body
// (io.ReadCloser) and through settle. Every read holds the lock, and
// settle gives the buffer up under it, so no read can see a buffer that
// was unmapped or handed to another request.
type verifiedBody struct {
	mu   sync.Mutex
	bb   *bodyBuffer // owned buffer; nil once settled
	b    []byte      // the body; a heap copy after settle(false), nil after settle(true)
	off  int         // read position
	gone bool        // settled clean: reads fail
}

// newVerifiedBody takes ownership of bb, whose bytes are the body.
func newVerifiedBody(bb *bodyBuffer) *verifiedBody {
	return &verifiedBody{bb: bb, b: bb.b}
}

// Read reads the body.
func (v *verifiedBody) Read(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.gone {
		return 0, errBodyReleased
	}
	if v.off >= len(v.b) {
		return 0, io.EOF
	}
	n := copy(p, v.b[v.off:])
	v.off += n
	return n, nil
}

// Close does nothing: the buffer is given back by settle.
func (*verifiedBody) Close() error { return nil }

// settle ends the request's ownership of its buffer; only the first call
// does anything. With clean (the next handler returned without error, or
// the gate answered itself) nothing may read the body any more: the buffer
// is given back and later reads fail. Otherwise (a refusal, an error, a
// panic) error routes may still read r.Body: a mapped buffer's body is
// first copied to the heap, where reads continue from the same position,
// and the mapping given back; a heap buffer is simply not reused.
func (v *verifiedBody) settle(clean bool) { v.settleTo(bodyPool, clean) }

// settleTo is settle giving the buffer back to p.
func (v *verifiedBody) settleTo(p *bodyBuffers, clean bool) {
	v.mu.Lock()
	bb := v.bb
	v.bb = nil
	if bb != nil {
		switch {
		case clean:
			v.b, v.gone = nil, true
		case bb.mapped:
			v.b = bytes.Clone(v.b)
		default:
			bb = nil // left to the garbage collector with the body
		}
	}
	v.mu.Unlock()
	if bb != nil {
		p.put(bb)
	}
}

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
