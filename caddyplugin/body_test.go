package caddyplugin

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/hookgate/hookgate/verifiers"
)

// unsized hides a reader's length so the request is sent as chunked.
type unsized struct{ io.Reader }

func TestReadBody(t *testing.T) {
	tests := []struct {
		name    string
		body    io.Reader
		limit   int64
		wantErr error
		want    string
	}{
		{name: "under the limit", body: strings.NewReader("hello"), limit: 10, want: "hello"},
		{name: "exactly the limit", body: strings.NewReader("0123456789"), limit: 10, want: "0123456789"},
		{name: "declared over the limit", body: strings.NewReader("0123456789A"), limit: 10, wantErr: errBodyTooLarge},
		{name: "chunked over the limit", body: unsized{strings.NewReader("0123456789A")}, limit: 10, wantErr: errBodyTooLarge},
		{name: "chunked under the limit", body: unsized{strings.NewReader("abc")}, limit: 10, want: "abc"},
		{name: "no body", body: nil, limit: 10, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", tt.body)
			if _, ok := tt.body.(unsized); ok {
				r.ContentLength = -1
			}
			buf, err := readBody(r, tt.limit)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && string(buf.Bytes()) != tt.want {
				t.Errorf("body = %q, want %q", buf.Bytes(), tt.want)
			}
		})
	}
}

// TestReadBodyLyingContentLength: a body shorter than its declared length
// is an error, never a silently truncated delivery.
func TestReadBodyLyingContentLength(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(strings.NewReader("short")))
	r.ContentLength = 100
	r.Body = http.MaxBytesReader(nil, io.NopCloser(io.MultiReader(strings.NewReader("short"), errReader{})), 1000)
	if _, err := readBody(r, 1000); err == nil {
		t.Fatal("a body that broke off was accepted")
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestRestoreBody(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", unsized{strings.NewReader("x")})
	r.TransferEncoding = []string{"chunked"}
	r.Header.Set("Transfer-Encoding", "chunked")
	body := []byte("verified \xe4 bytes")
	restoreBody(r, heapBody(body))
	got, _ := io.ReadAll(r.Body)
	if !bytes.Equal(got, body) {
		t.Errorf("body = %q, want %q", got, body)
	}
	if r.ContentLength != int64(len(body)) || r.Header.Get("Content-Length") != "16" {
		t.Errorf("Content-Length = %d / %q, want 16", r.ContentLength, r.Header.Get("Content-Length"))
	}
	if len(r.TransferEncoding) != 0 || r.Header.Get("Transfer-Encoding") != "" {
		t.Errorf("Transfer-Encoding kept: %v %q", r.TransferEncoding, r.Header.Get("Transfer-Encoding"))
	}
}

// TestReadBodyBufferSize: a body with a declared length is read into one
// buffer of about that size (its size class), not reallocated at twice it
// when the final read meets EOF (which doubled memory per in-flight
// request).
func TestReadBodyBufferSize(t *testing.T) {
	for _, size := range []int{1, 1 << 10, 64 << 10, 1 << 20} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", size)))
		buf, err := readBody(r, 2<<20)
		if err != nil {
			t.Fatal(err)
		}
		if limit := size + size/8 + 4096; len(buf.Bytes()) != size || cap(buf.Bytes()) > limit {
			t.Errorf("%d-byte body: buffer len %d, cap %d; want cap at most %d", size, len(buf.Bytes()), cap(buf.Bytes()), limit)
		}
		releaseBody(buf)
	}
}

// TestRestoreBodyContentLength: restoreBody keeps a Content-Length that is
// already right and replaces any other, so the next handler always sees
// exactly one value equal to the verified body's length.
func TestRestoreBodyContentLength(t *testing.T) {
	tests := []struct {
		name   string
		header []string
	}{
		{"right already", []string{"5"}},
		{"none (chunked)", nil},
		{"wrong", []string{"7"}},
		{"two values", []string{"5", "5"}},
		{"not a number", []string{"five"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			if tt.header != nil {
				r.Header["Content-Length"] = tt.header
			}
			restoreBody(r, heapBody([]byte("hello")))
			if got := r.Header.Values("Content-Length"); len(got) != 1 || got[0] != "5" {
				t.Errorf("Content-Length %q, want [5]", got)
			}
			b, err := io.ReadAll(r.Body)
			if err != nil || string(b) != "hello" || r.Body.Close() != nil {
				t.Errorf("body %q, %v", b, err)
			}
		})
	}
}

// TestReadBodyGrowth: bodies without a declared length, across the size
// class boundaries and the limit, arrive byte for byte (also read one byte
// at a time), are refused one byte over the limit, and never sit in a
// buffer larger than the limit.
func TestReadBodyGrowth(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		size  int
		limit int64
	}{
		{0, mib}, {1, mib}, {4095, mib}, {4096, mib}, {4097, mib},
		{64 << 10, mib}, {64<<10 + 1, mib}, {mib - 1, mib}, {mib, mib}, {mib + 1, mib},
		{mib + 1, 3 * mib}, {2*mib + 3, 3 * mib},
		{4096, 4096}, {4097, 4096}, {5000, 5000}, {5001, 5000}, {100, 10}, {1, 0},
	}
	for _, tt := range tests {
		body := make([]byte, tt.size)
		for i := range body {
			body[i] = byte(i*7 + i>>8)
		}
		for _, oneByte := range []bool{false, true} {
			var rd io.Reader = bytes.NewReader(body)
			if oneByte {
				rd = iotest.OneByteReader(rd)
			}
			r := httptest.NewRequest(http.MethodPost, "/", unsized{rd})
			r.ContentLength = -1
			buf, err := readBody(r, tt.limit)
			if int64(tt.size) > tt.limit {
				if !errors.Is(err, errBodyTooLarge) {
					t.Errorf("%d bytes, limit %d: err %v, want too large", tt.size, tt.limit, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%d bytes, limit %d: %v", tt.size, tt.limit, err)
			}
			if !bytes.Equal(buf.Bytes(), body) {
				t.Errorf("%d bytes, limit %d, one byte reads %v: body differs", tt.size, tt.limit, oneByte)
			}
			if c := cap(buf.Bytes()); int64(c) > tt.limit {
				t.Errorf("%d bytes, limit %d: buffer cap %d over the limit", tt.size, tt.limit, c)
			}
			releaseBody(buf)
		}
	}
}

// TestReadBodyDataWithEOF: a reader returning its last bytes together with
// io.EOF, as some do, loses nothing.
func TestReadBodyDataWithEOF(t *testing.T) {
	for _, size := range []int{10, 4096, 5000} {
		body := bytes.Repeat([]byte("ab"), size/2)
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Body = io.NopCloser(iotest.DataErrReader(bytes.NewReader(body)))
		r.ContentLength = int64(len(body))
		buf, err := readBody(r, 1<<20)
		if err != nil || !bytes.Equal(buf.Bytes(), body) {
			t.Errorf("%d bytes: got %d bytes, %v", size, len(buf.Bytes()), err)
		}
	}
}

// TestBodyBuffersGet: the smallest class that fits is used when it is
// within the limit; otherwise the buffer has exactly the size asked and is
// not kept.
func TestBodyBuffersGet(t *testing.T) {
	tests := []struct {
		n         int
		limit     int64
		wantCap   int
		wantClass int
	}{
		{0, 1 << 20, 4 << 10, 0},
		{4 << 10, 1 << 20, 4 << 10, 0},
		{4<<10 + 1, 1 << 20, 64 << 10, 1},
		{1 << 20, 1 << 20, 1 << 20, 2},
		{5000, 10000, 5000, -1},         // the 64 KiB class is over the limit
		{100, 100, 100, -1},             // so is the 4 KiB one
		{2 << 20, 4 << 20, 2 << 20, -1}, // larger than every class
	}
	p := newBodyBuffers(0, 4, 4, 4)
	for _, tt := range tests {
		bb := p.get(tt.n, tt.limit)
		if cap(bb.b) != tt.wantCap || len(bb.b) != 0 || bb.class != tt.wantClass {
			t.Errorf("get(%d, %d): len %d cap %d class %d, want cap %d class %d", tt.n, tt.limit, len(bb.b), cap(bb.b), bb.class, tt.wantCap, tt.wantClass)
		}
		p.put(bb)
		if kept := p.kept(); (kept == 1) != (tt.wantClass >= 0) {
			t.Errorf("get(%d, %d): %d buffers kept after put", tt.n, tt.limit, kept)
		}
		p.trim()
		p.trim() // unused for a whole interval: dropped
		if kept := p.kept(); kept != 0 {
			t.Fatalf("%d buffers kept after two trims", kept)
		}
	}
}

// TestBodyBuffersReuse: a buffer given back is handed out again, emptied.
func TestBodyBuffersReuse(t *testing.T) {
	p := newBodyBuffers(0, 4, 4, 4)
	bb := p.get(100, 1<<20)
	bb.b = append(bb.b, "secret"...)
	p.put(bb)
	if again := p.get(4000, 1<<20); again != bb || len(again.b) != 0 {
		t.Errorf("got %p (len %d), want the buffer given back (%p), empty", again, len(again.b), bb)
	}
	if other := p.get(100, 1<<20); other == bb {
		t.Error("a buffer in use was handed out twice")
	}
}

// TestBodyBuffersBounded: each list keeps at most its number of buffers;
// the rest are left to the garbage collector.
func TestBodyBuffersBounded(t *testing.T) {
	p := newBodyBuffers(0, 3, 2, 1)
	var got []*bodyBuffer
	for _, n := range []int{1, 1, 1, 1, 1, 5000, 5000, 5000, 1 << 20, 1 << 20} {
		got = append(got, p.get(n, 1<<20))
	}
	for _, bb := range got {
		p.put(bb)
	}
	for i, want := range []int{3, 2, 1} {
		if n := len(p.classes[i].free); n != want {
			t.Errorf("class %d keeps %d buffers, want %d", i, n, want)
		}
	}
	if p.kept() != 6 {
		t.Errorf("kept %d, want 6", p.kept())
	}
	// The process-wide lists keep at most 21 MiB.
	total := 0
	for _, c := range bodyClasses {
		total += c.size * c.keep
	}
	if total > 21<<20 || cap(bodyPool.classes[2].free) != bodyClasses[2].keep {
		t.Errorf("process-wide free lists hold up to %d bytes", total)
	}
}

// TestBodyBuffersTrim: a trim drops the buffers a list did not need since
// the previous trim and keeps those that were taken.
func TestBodyBuffersTrim(t *testing.T) {
	p := newBodyBuffers(0, 8, 8, 8)
	var bbs []*bodyBuffer
	for range 4 {
		bbs = append(bbs, p.get(1, 1<<20))
	}
	for _, bb := range bbs {
		p.put(bb)
	}
	p.trim() // the list was empty in this interval: nothing to drop
	if p.kept() != 4 {
		t.Fatalf("kept %d after the first trim, want 4", p.kept())
	}
	a, b := p.get(1, 1<<20), p.get(1, 1<<20) // two were needed at once
	p.put(a)
	p.put(b)
	p.trim()
	if p.kept() != 2 {
		t.Fatalf("kept %d after the second trim, want the 2 that were used", p.kept())
	}
	p.trim()
	if p.kept() != 0 {
		t.Fatalf("kept %d after an idle interval, want 0", p.kept())
	}
}

// TestBodyBuffersConcurrent: under concurrent use (run with -race), with
// trims running meanwhile, a buffer is never handed to two users at once.
func TestBodyBuffersConcurrent(t *testing.T) {
	p := newBodyBuffers(time.Millisecond, 4, 4, 2)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				n := []int{10, 5000, 70000}[(g+i)%3]
				bb := p.get(n, 1<<20)
				bb.b = append(bb.b, bytes.Repeat([]byte{byte(g)}, n)...)
				runtime.Gosched()
				if bytes.Count(bb.b, []byte{byte(g)}) != n {
					t.Errorf("goroutine %d: its buffer was written by someone else", g)
					return
				}
				p.put(bb)
			}
		}()
	}
	wg.Wait()
	if k := p.kept(); k > 10 {
		t.Errorf("kept %d buffers, more than the lists hold", k)
	}
}

// heapBody is a verified body over an ordinary slice, as for a small body.
func heapBody(b []byte) *verifiedBody {
	bb := &bodyBuffer{b: b, class: -1}
	bb.inUse.Store(true)
	return newVerifiedBody(bb)
}

// TestBodyBuffersMapped: on unix the 64 KiB and 1 MiB classes and exact
// buffers of at least 64 KiB are mapped outside the heap, the 4 KiB class
// and smaller exact buffers are not; an exact buffer is unmapped when
// given back, a class buffer when its list is full or a trim drops it.
func TestBodyBuffersMapped(t *testing.T) {
	tests := []struct {
		n          int
		limit      int64
		wantMapped bool
		wantKept   bool
	}{
		{100, 1 << 20, false, true},
		{5000, 1 << 20, true, true},
		{1 << 20, 1 << 20, true, true},
		{5000, 10000, false, false},      // exact, under mapMin
		{70000, 100000, true, false},     // exact, mapped
		{3 << 20, 4 << 20, true, false},  // exact, larger than every class
		{mapMin, mapMin + 1, true, true}, // the 64 KiB class
		{mapMin - 1, mapMin - 1, false, false},
	}
	p := newBodyBuffers(0, 1, 1, 1)
	for _, tt := range tests {
		bb := p.get(tt.n, tt.limit)
		if bb.mapped != (tt.wantMapped && bodyMapped) {
			t.Errorf("get(%d, %d): mapped %v", tt.n, tt.limit, bb.mapped)
		}
		// The whole buffer is usable memory.
		bb.b = bb.b[:cap(bb.b)]
		for i := range bb.b {
			bb.b[i] = byte(i)
		}
		if bb.b[len(bb.b)-1] != byte(len(bb.b)-1) {
			t.Fatalf("get(%d, %d): buffer does not hold what was written", tt.n, tt.limit)
		}
		p.put(bb)
		if kept := p.kept() == 1; kept != tt.wantKept {
			t.Errorf("get(%d, %d): kept %v, want %v", tt.n, tt.limit, kept, tt.wantKept)
		}
		if !tt.wantKept && (bb.mapped || (tt.wantMapped && bodyMapped && bb.b != nil)) {
			t.Errorf("get(%d, %d): an exact buffer given back is still mapped", tt.n, tt.limit)
		}
		// A second buffer of the class finds the list full: unmapped.
		if tt.wantKept {
			a, b := p.get(tt.n, tt.limit), p.get(tt.n, tt.limit)
			p.put(a)
			p.put(b)
			if b.mapped || a.mapped && b.mapped {
				t.Errorf("get(%d, %d): a buffer given back to a full list stayed mapped", tt.n, tt.limit)
			}
		}
		p.trim()
		p.trim()
		if p.kept() != 0 {
			t.Fatalf("%d buffers kept after two trims", p.kept())
		}
		if bb.mapped || bb.b != nil && bodyMapped && tt.wantMapped {
			t.Errorf("get(%d, %d): a trimmed buffer is still mapped", tt.n, tt.limit)
		}
	}
}

// TestBodyBuffersDoublePut: giving a buffer back twice keeps it once, and
// never unmaps it twice.
func TestBodyBuffersDoublePut(t *testing.T) {
	p := newBodyBuffers(0, 4, 4, 4)
	bb := p.get(1<<20, 1<<20)
	p.put(bb)
	p.put(bb)
	if p.kept() != 1 {
		t.Fatalf("kept %d after a double put, want 1", p.kept())
	}
	a := p.get(1<<20, 1<<20)
	b := p.get(1<<20, 1<<20)
	if a != bb || b == bb {
		t.Fatal("a buffer given back twice was handed out twice")
	}
	exact := p.get(3<<20, 4<<20)
	p.put(exact)
	p.put(exact) // already unmapped: must not unmap again
	p.put(a)
	p.put(b)
	p.trim()
	p.trim()
}

// TestVerifiedBodySettle: a clean settle gives the buffer back and later
// reads fail; an unclean one (refusal, error) keeps the body readable from
// the same position, from a heap copy when the buffer was mapped, and
// gives the mapping back; only the first settle does anything.
func TestVerifiedBodySettle(t *testing.T) {
	body := make([]byte, 1<<20)
	for i := range body {
		body[i] = byte(i * 31)
	}
	for _, size := range []int{100, 70000, 1 << 20, 3 << 20} {
		for _, clean := range []bool{true, false} {
			want := body
			if size <= len(body) {
				want = body[:size]
			} else {
				want = bytes.Repeat(body, size/len(body))
			}
			bb := bodyPool.get(size, 4<<20)
			bb.b = append(bb.b, want...)
			mapped := bb.mapped
			v := newVerifiedBody(bb)
			head := make([]byte, 10)
			if n, err := v.Read(head); n != 10 || err != nil || !bytes.Equal(head, want[:10]) {
				t.Fatalf("%d bytes: first read %d, %v", size, n, err)
			}
			v.settle(clean)
			v.settle(clean)
			v.settle(!clean)
			if bb.inUse.Load() != (!clean && !mapped) {
				t.Errorf("%d bytes, clean %v: buffer in use %v after settle", size, clean, bb.inUse.Load())
			}
			rest, err := io.ReadAll(v)
			if clean {
				if !errors.Is(err, errBodyReleased) || len(rest) != 0 {
					t.Errorf("%d bytes: read after a clean settle: %d bytes, %v", size, len(rest), err)
				}
				continue
			}
			if err != nil || !bytes.Equal(rest, want[10:]) {
				t.Errorf("%d bytes (mapped %v): read after an unclean settle: %d bytes, %v", size, mapped, len(rest), err)
			}
		}
	}
}

// TestVerifiedBodyConcurrentSettle (run with -race): reads racing with a
// settle never fault on an unmapped buffer and never see another
// request's bytes: they get the body, EOF, or errBodyReleased.
func TestVerifiedBodyConcurrentSettle(t *testing.T) {
	p := newBodyBuffers(time.Millisecond, 2, 2, 2)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				size := []int{70000, 1 << 20, 2 << 20}[(g+i)%3]
				bb := p.get(size, 4<<20)
				mark := byte(g*100 + i%100)
				bb.b = append(bb.b, bytes.Repeat([]byte{mark}, size)...)
				v := &verifiedBody{bb: bb, b: bb.b}
				done := make(chan struct{})
				go func() {
					defer close(done)
					buf := make([]byte, 32<<10)
					for {
						n, err := v.Read(buf)
						if bytes.Count(buf[:n], []byte{mark}) != n {
							t.Errorf("read another request's bytes")
							return
						}
						if err != nil {
							if err != io.EOF && !errors.Is(err, errBodyReleased) {
								t.Errorf("read: %v", err)
							}
							return
						}
					}
				}()
				runtime.Gosched()
				v.settleTo(p, i%2 == 0)
				<-done
			}
		}()
	}
	wg.Wait()
	p.trim()
	p.trim()
}

// TestServeHTTPBodyOwnership: the handler gives a mapped body buffer back
// on every path, and only a clean end leaves r.Body unreadable: after a
// refusal, an error from next (having read part of the body) or a panic,
// error routes still read the rest of the body, from a heap copy.
func TestServeHTTPBodyOwnership(t *testing.T) {
	h := &Handler{
		Provider: "hmac", Secrets: []string{"own-secret"}, MaxBody: 2 << 20,
		Options: map[string]string{"header": "X-Signature", "prefix": "sha256="},
	}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	body := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB: the mapped class
	m := verifiers.Message{Body: body}
	p, _ := verifiers.Lookup("hmac")
	if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("own-secret")}, Options: h.Options}, &m); err != nil {
		t.Fatal(err)
	}
	errApp := errors.New("app failed")
	tests := []struct {
		name     string
		forged   bool
		next     func(r *http.Request) error // reads 100 bytes of r.Body first
		wantErr  bool
		wantRest bool // r.Body still readable after ServeHTTP
	}{
		{"clean", false, func(*http.Request) error { return nil }, false, false},
		{"refused", true, nil, true, true},
		{"next error", false, func(*http.Request) error { return errApp }, true, true},
		{"next panic", false, func(*http.Request) error { panic("app") }, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
			r.Header = m.Header.Clone()
			if tt.forged {
				r.Header.Set("X-Signature", "sha256="+strings.Repeat("0", 64))
			}
			ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: "127.0.0.1"})
			r = r.WithContext(context.WithValue(ctx, caddy.ReplacerCtxKey, caddy.NewReplacer()))
			var held *verifiedBody
			var mapped bool
			var data *byte
			read := 0
			next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				held = r.Body.(*verifiedBody)
				mapped = held.bb.mapped
				data = &held.b[0]
				n, _ := io.ReadFull(r.Body, make([]byte, 100))
				read = n
				return tt.next(r)
			})
			err := func() (err error) {
				defer func() {
					if recover() != nil {
						err = errors.New("panicked")
					}
				}()
				return h.ServeHTTP(httptest.NewRecorder(), r, next)
			}()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			v, ok := r.Body.(*verifiedBody)
			if !ok {
				t.Fatalf("r.Body is %T, want the verified body", r.Body)
			}
			if held != nil && held != v {
				t.Fatal("r.Body was replaced")
			}
			if !tt.forged && mapped != bodyMapped {
				t.Errorf("1 MiB body mapped %v, want %v", mapped, bodyMapped)
			}
			v.mu.Lock()
			owned := v.bb != nil
			v.mu.Unlock()
			if owned && (mapped || tt.forged && bodyMapped) {
				t.Error("the mapped buffer was not given back")
			}
			rest, rerr := io.ReadAll(r.Body)
			if !tt.wantRest {
				if !errors.Is(rerr, errBodyReleased) {
					t.Errorf("read after a clean end: %d bytes, %v", len(rest), rerr)
				}
				return
			}
			if mapped && len(v.b) > 0 && &v.b[0] == data {
				t.Error("error routes read the mapped buffer, not a heap copy")
			}
			if rerr != nil || !bytes.Equal(rest, body[read:]) {
				t.Errorf("error routes read %d bytes (%v), want the %d left", len(rest), rerr, len(body)-read)
			}
		})
	}
}
