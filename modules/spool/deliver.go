package spool

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
)

// answer is the upstream's recorded answer.
type answer struct {
	code int
	body []byte
}

// deliver serves d through its Caddy server, marked as this spool's, and
// returns the answer of the rest of the route.
func (s *Spool) deliver(ctx context.Context, d *spooledRequest, id string) (a answer, err error) {
	app, err := activeHTTPApp()
	if err != nil {
		return a, fmt.Errorf("no running http app: %v", err)
	}
	srv := spoolServer(app, d)
	if srv == nil {
		return a, fmt.Errorf("no server listening on %q or named %q in the running configuration", d.Listen, d.Server)
	}
	req, err := rebuildRequest(ctx, d)
	if err != nil {
		return a, err
	}
	req, m := s.mark(req, d, id)
	rec := &answerRecorder{header: http.Header{}}
	// The route runs in a goroutine of its own, so that the attempt ends
	// at its deadline even if something in the route does not heed the
	// request's context; its answer is then never read.
	served := make(chan error, 1)
	go func() {
		var perr error
		defer func() {
			if p := recover(); p != nil {
				perr = fmt.Errorf("panic while delivering: %v", p)
			}
			served <- perr
		}()
		srv.ServeHTTP(rec, req)
	}()
	select {
	case err = <-served:
	case <-ctx.Done():
		return a, ctx.Err()
	}
	if err != nil {
		return a, err
	}
	if ctx.Err() != nil { // the route gave up when the attempt's time was over
		return a, ctx.Err()
	}
	if !m.taken.Load() {
		return a, errRouteGone{fmt.Sprintf("its request no longer reaches the route that verified it (status %d): the route changed", rec.status())}
	}
	if m.err != nil {
		return answer{code: rec.status()}, m.err
	}
	return answer{code: rec.status(), body: rec.body.Bytes()}, nil
}

// rebuildRequest is the server-side request d was.
func rebuildRequest(ctx context.Context, d *spooledRequest) (*http.Request, error) {
	u, err := url.ParseRequestURI(d.URI)
	if err != nil {
		return nil, fmt.Errorf("stored URI: %v", err)
	}
	req := (&http.Request{
		Method:        d.Method,
		URL:           u,
		RequestURI:    d.URI,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        d.Header.Clone(),
		Host:          d.Host,
		RemoteAddr:    d.Remote,
		ContentLength: int64(len(d.Body)),
		Body:          http.NoBody,
	}).WithContext(ctx)
	if req.Header == nil {
		req.Header = http.Header{}
	}
	if len(d.Body) > 0 {
		req.Body = readCloser{bytes.NewReader(d.Body)}
	}
	if d.TLS {
		host, _, err := net.SplitHostPort(d.Host)
		if err != nil {
			host = d.Host
		}
		req.TLS = &tls.ConnectionState{HandshakeComplete: true, ServerName: host}
	}
	return req, nil
}

// readCloser is a body that needs no closing.
type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// answerRecorder records the answer of a replayed delivery.
type answerRecorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (a *answerRecorder) Header() http.Header { return a.header }

// WriteHeader records the final status (not 1xx).
func (a *answerRecorder) WriteHeader(code int) {
	if a.code == 0 && code >= 200 {
		a.code = code
	}
}

// Write records up to maxRecordedAnswer bytes of the body.
func (a *answerRecorder) Write(b []byte) (int, error) {
	if a.code == 0 {
		a.code = http.StatusOK
	}
	if room := maxRecordedAnswer - a.body.Len(); room > 0 {
		a.body.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}

// status is the recorded status; 200 if nothing was written.
func (a *answerRecorder) status() int {
	if a.code == 0 {
		return http.StatusOK
	}
	return a.code
}

// Interface guard
var _ http.ResponseWriter = (*answerRecorder)(nil)
