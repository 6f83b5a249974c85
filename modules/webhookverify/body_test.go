package webhookverify

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
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
			if err == nil && string(buf) != tt.want {
				t.Errorf("body = %q, want %q", buf, tt.want)
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

// TestReadBodyGrowth: bodies without a declared length, across the growth
// steps and the limit, arrive byte for byte (also read one byte at a
// time), are refused one byte over the limit, and never sit in a buffer
// larger than the limit plus the byte that sees the end, nor larger than
// bodyGrowth times the body.
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
			if !bytes.Equal(buf, body) {
				t.Errorf("%d bytes, limit %d, one byte reads %v: body differs", tt.size, tt.limit, oneByte)
			}
			if c := int64(cap(buf)); c > tt.limit+1 || c > max(firstBodyBuffer+1, bodyGrowth*int64(tt.size)) {
				t.Errorf("%d bytes, limit %d: buffer cap %d over the limit (+1) or %dx the body", tt.size, tt.limit, c, bodyGrowth)
			}
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
		if err != nil || !bytes.Equal(buf, body) {
			t.Errorf("%d bytes: got %d bytes, %v", size, len(buf), err)
		}
	}
}

// TestReadBodyBufferSize: a body with a declared length ends in a buffer
// of about that size, never twice it.
func TestReadBodyBufferSize(t *testing.T) {
	for _, size := range []int{1, 1 << 10, 64 << 10, 1 << 20} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", size)))
		buf, err := readBody(r, 2<<20)
		if err != nil {
			t.Fatal(err)
		}
		if limit := size + size/8 + 4096; len(buf) != size || cap(buf) > limit {
			t.Errorf("%d-byte body: buffer len %d, cap %d; want cap at most %d", size, len(buf), cap(buf), limit)
		}
	}
}

// TestReadBodyDeclaredIsNotAllocated: a sender that declares a huge body
// and sends a few bytes gets a buffer the size of what it sent, not of
// what it declared (a 60 GB Content-Length once ended Caddy with out of
// memory before any check).
func TestReadBodyDeclaredIsNotAllocated(t *testing.T) {
	const declared = 60_000_000_000
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Body = io.NopCloser(io.MultiReader(strings.NewReader("x"), errReader{}))
	r.ContentLength = declared
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := readBody(r, declared)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a body that broke off was accepted")
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("reading 1 byte of a declared %d allocated %d bytes", int64(declared), grew)
	}
}

// TestRestoreBodyDropsTrailers: trailers arrive after the verified body,
// unsigned; the next handler gets neither them nor the Trailer header.
func TestRestoreBodyDropsTrailers(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Trailer", "X-Injected")
	r.Trailer = http.Header{"X-Injected": {"evil"}}
	restoreBody(r, []byte("body"))
	if r.Trailer != nil || r.Header.Get("Trailer") != "" {
		t.Errorf("trailers kept: %v, Trailer header %q", r.Trailer, r.Header.Get("Trailer"))
	}
}

// TestVerifiedBodyRelease: a body's buffer is given back for reuse only
// once it was read to its end; before that, release leaves it alone and
// the body reads as it was.
func TestVerifiedBodyRelease(t *testing.T) {
	body := []byte("verified bytes")
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	vb := restoreBody(r, body)
	half := make([]byte, 4)
	if _, err := io.ReadFull(r.Body, half); err != nil {
		t.Fatal(err)
	}
	vb.release() // not at its end: kept
	rest, err := io.ReadAll(r.Body)
	if err != nil || string(half)+string(rest) != string(body) {
		t.Fatalf("after an early release the body read %q%q, %v", half, rest, err)
	}
	vb.release() // read to its end: given back
	if vb.buf != nil {
		t.Fatal("a body read to its end was not given back")
	}
	if n, err := r.Body.Read(make([]byte, 8)); n != 0 || err != io.EOF {
		t.Fatalf("a released body read %d bytes, %v; want EOF", n, err)
	}
}

// TestServeHTTPBodyAfterNext: after an error from the next handler, error
// routes read the whole verified body; after a clean end in which the next
// handler read the body to its end, the buffer is reused.
func TestServeHTTPBodyAfterNext(t *testing.T) {
	h := &Handler{Provider: "kkiapay", Secrets: []string{"kk-secret"}}
	if err := provision(t, h); err != nil {
		t.Fatal(err)
	}
	errApp := errors.New("app failed")
	for _, tt := range []struct {
		name     string
		next     error
		wantKept bool
	}{
		{"next fails", errApp, true},
		{"next succeeds", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := strings.Repeat("delivery ", 100)
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
			r.Header.Set("x-kkiapay-secret", "kk-secret")
			var seen *verifiedBody
			next := caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				seen = r.Body.(*verifiedBody)
				io.Copy(io.Discard, r.Body) // as reverse_proxy's transport does
				return tt.next
			})
			ctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: "192.0.2.7"})
			r = r.WithContext(context.WithValue(ctx, caddy.ReplacerCtxKey, caddy.NewReplacer()))
			err := h.ServeHTTP(httptest.NewRecorder(), r, next)
			if !errors.Is(err, tt.next) {
				t.Fatalf("err = %v, want %v", err, tt.next)
			}
			if kept := seen.buf != nil; kept != tt.wantKept {
				t.Fatalf("buffer kept: %v, want %v", kept, tt.wantKept)
			}
			if tt.wantKept {
				seen.r.Reset(seen.buf) // an error route reads the body again from the start
				if got, _ := io.ReadAll(seen); string(got) != body {
					t.Fatalf("error route read %d bytes, want the verified %d", len(got), len(body))
				}
			}
		})
	}
}

// TestPutBufferKeepsOnlySmallBuffers: buffers over maxKeptBuffer are left
// to the collector, so a burst of large bodies is not held by the pool.
func TestPutBufferKeepsOnlySmallBuffers(t *testing.T) {
	for _, tt := range []struct {
		size int
		kept bool
	}{{64 << 10, true}, {maxKeptBuffer, true}, {maxKeptBuffer + 1, false}, {1 << 20, false}} {
		for bodyBuffers.Get() != nil { // empty the pool
		}
		putBuffer(make([]byte, 0, tt.size))
		p, _ := bodyBuffers.Get().(*[]byte)
		if kept := p != nil && cap(*p) == tt.size; kept != tt.kept {
			t.Errorf("%d-byte buffer kept: %v, want %v", tt.size, kept, tt.kept)
		}
	}
}
