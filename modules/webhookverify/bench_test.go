package webhookverify

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/hookgate/hookgate/verifiers"
)

// rewindBody is a request body the benchmark can rewind without allocating,
// so allocations reported are the handler's own.
type rewindBody struct{ *bytes.Reader }

func (rewindBody) Close() error { return nil }

// BenchmarkServeHTTP runs the whole handler (client IP, body buffering,
// HMAC verification, body restore) in front of a no-op next handler, for
// the body sizes bench/run.sh uses.
func BenchmarkServeHTTP(b *testing.B) {
	for _, size := range []int{1 << 10, 64 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("hmac/%dKiB", size>>10), func(b *testing.B) {
			h := &Handler{
				Provider: "hmac", Secrets: []string{"bench-secret"}, MaxBody: 2 << 20,
				AllowIP: []string{"127.0.0.0/8"},
				Options: map[string]string{"header": "X-Signature", "prefix": "sha256="},
			}
			ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
			defer cancel()
			if err := h.Provision(ctx); err != nil {
				b.Fatal(err)
			}
			body := bytes.Repeat([]byte("x"), size)
			m := verifiers.Message{Body: body}
			p, _ := verifiers.Lookup("hmac")
			if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("bench-secret")}, Options: h.Options}, &m); err != nil {
				b.Fatal(err)
			}
			reader := bytes.NewReader(body)
			rc := rewindBody{reader}
			r := httptest.NewRequest(http.MethodPost, "/hook", nil)
			r.Header = m.Header
			r.Header.Set("Content-Length", strconv.Itoa(size)) // as a sender's request has it
			rctx := context.WithValue(r.Context(), caddyhttp.VarsCtxKey, map[string]any{caddyhttp.ClientIPVarKey: "127.0.0.1"})
			rctx = context.WithValue(rctx, caddy.ReplacerCtxKey, caddy.NewReplacer())
			r = r.WithContext(rctx)
			sig := m.Header["X-Signature"]
			w := httptest.NewRecorder()
			passed := 0
			next := caddyhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error { passed++; return nil })

			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				reader.Reset(body)
				r.Header["X-Signature"] = sig // the handler redacts it once done
				r.Body = rc
				r.ContentLength = int64(size)
				if err := h.ServeHTTP(w, r, next); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if passed == 0 {
				b.Fatal("no request was passed on")
			}
		})
	}
}
