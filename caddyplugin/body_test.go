package caddyplugin

import (
	"bytes"
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
	restoreBody(r, body)
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
			restoreBody(r, []byte("hello"))
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
