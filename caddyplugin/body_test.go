package caddyplugin

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
			if err == nil && buf.String() != tt.want {
				t.Errorf("body = %q, want %q", buf.String(), tt.want)
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
// buffer of about that size, not reallocated at twice it when the final
// read meets EOF (which doubled memory per in-flight request).
func TestReadBodyBufferSize(t *testing.T) {
	for _, size := range []int{1, 1 << 10, 64 << 10, 1 << 20} {
		for i := 0; i < 1000 && bodyPool.Get().(*bytes.Buffer).Cap() != 0; i++ {
			// drain buffers other tests pooled, so readBody starts fresh
		}
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", size)))
		buf, err := readBody(r, 2<<20)
		if err != nil {
			t.Fatal(err)
		}
		if limit := size + size/8 + 4096; buf.Len() != size || buf.Cap() > limit {
			t.Errorf("%d-byte body: buffer len %d, cap %d; want cap at most %d", size, buf.Len(), buf.Cap(), limit)
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
