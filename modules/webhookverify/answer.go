package webhookverify

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime/debug"
	"sync"

	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/hookgate/hookgate/modules/redactlog"
)

// No error leaves webhook_verify.
//
// Caddy logs a handler's error with a copy of the request it cloned before
// the first handler ran (caddyhttp.Server.ServeHTTP): at ERROR for a 5xx,
// on stderr with no logging configured at all, and at DEBUG otherwise.
// That copy holds the headers as received, the secret or the signature
// among them, and no handler can reach it to redact it. What a handler can
// decide is whether there is an error to log. So the gate answers every
// error on its route itself: its own refusals, and what the rest of the
// route returns (reverse_proxy's 502 and 504, a panic there, turned into
// 500). Caddy then has no error to log with the request; the gate logs its
// own line, which carries no request headers.
//
// handle_errors still gets everything it would: when the server has error
// routes, the gate runs them itself, with the error put in the request the
// way Caddy puts it ({err.status_code}, {err.message}, {err.id}, and the
// original method and URI restored), so a Caddyfile's handle_errors works
// unchanged. Only when there are none, or they fail, does the gate write
// the status with an empty body, as Caddy would.
//
// Outside a Caddy server (the handler called directly, as in unit tests)
// there is no error log to avoid and the error is returned.

// ServeHTTP verifies the delivery (serve, handler.go) and answers any error
// on the route itself.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request, next caddyhttp.Handler) error {
	srv, _ := r.Context().Value(caddyhttp.ServerCtxKey).(*caddyhttp.Server)
	if srv == nil {
		return h.serve(w, r, next)
	}
	err := h.serve(w, r, recovering{next})
	if err == nil {
		return nil
	}
	h.logRouteError(r, err)
	h.answerError(srv, w, r, err)
	return nil
}

// answerError does for err what Caddy's server does for a handler error:
// runs the server's error routes, or writes the status.
func (h *Handler) answerError(srv *caddyhttp.Server, w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	var he caddyhttp.HandlerError
	if errors.As(err, &he) && he.StatusCode != 0 {
		status = he.StatusCode
	}
	if srv.Errors == nil || len(srv.Errors.Routes) == 0 {
		w.WriteHeader(status)
		return
	}
	restoreOriginal(r)
	if err2 := h.errorChain(srv).ServeHTTP(w, srv.Errors.WithError(r, err)); err2 != nil {
		h.logger.Error("webhook error route failed",
			zap.String("provider", h.Provider), zap.Int("status", status),
			zap.String("error", redactlog.Scrub(err2.Error())))
		w.WriteHeader(status)
	}
}

// restoreOriginal gives r back the method, address and URI it arrived
// with, as Caddy does before its error routes (issue caddyserver/caddy#3717).
func restoreOriginal(r *http.Request) {
	orig, ok := r.Context().Value(caddyhttp.OriginalRequestCtxKey).(http.Request)
	if !ok {
		return
	}
	r.Method = orig.Method
	r.RemoteAddr = orig.RemoteAddr
	r.RequestURI = orig.RequestURI
	if orig.URL != nil {
		u := *orig.URL
		if u.User != nil {
			u.User = new(url.Userinfo)
			*u.User = *orig.URL.User
		}
		r.URL = &u
	}
}

// errorChain is the server's error routes compiled, as Caddy compiles
// them, once per server the handler serves.
func (h *Handler) errorChain(srv *caddyhttp.Server) caddyhttp.Handler {
	if h.errRoutes == nil {
		return srv.Errors.Routes.Compile(emptyErrorHandler)
	}
	h.errRoutes.mu.Lock()
	defer h.errRoutes.mu.Unlock()
	if h.errRoutes.srv != srv {
		h.errRoutes.srv = srv
		h.errRoutes.chain = srv.Errors.Routes.Compile(emptyErrorHandler)
	}
	return h.errRoutes.chain
}

// errorRoutes caches errorChain's result.
type errorRoutes struct {
	mu    sync.Mutex
	srv   *caddyhttp.Server
	chain caddyhttp.Handler
}

// emptyErrorHandler ends the error routes as Caddy's own does: with the
// error's status.
var emptyErrorHandler = caddyhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
	var he caddyhttp.HandlerError
	if err, _ := r.Context().Value(caddyhttp.ErrorCtxKey).(error); errors.As(err, &he) && he.StatusCode != 0 {
		w.WriteHeader(he.StatusCode)
		return nil
	}
	w.WriteHeader(http.StatusInternalServerError)
	return nil
})

// logRouteError logs an error from the rest of the route (a refusal was
// logged when it was made): the status, the error's text with every
// configured secret cut out, and the path, never the request's headers
// or query.
func (h *Handler) logRouteError(r *http.Request, err error) {
	if _, ok := errors.AsType[*refusal](err); ok {
		return
	}
	var he caddyhttp.HandlerError
	status := http.StatusInternalServerError
	if errors.As(err, &he) && he.StatusCode != 0 {
		status = he.StatusCode
	}
	level := zapcore.InfoLevel
	if status >= 500 {
		level = zapcore.ErrorLevel
	}
	if c := h.logger.Check(level, "webhook route error"); c != nil {
		fields := []zap.Field{
			zap.String("provider", h.Provider),
			zap.String("client_ip", clientIPString(r)),
			zap.String("path", r.URL.Path),
			zap.Int("status", status),
			zap.String("error", redactlog.Scrub(err.Error())),
		}
		if p, ok := errors.AsType[*panicError](err); ok {
			fields = append(fields, zap.String("stack", p.stack))
		}
		c.Write(fields...)
	}
}

// recovering is the rest of the route, with a panic turned into a 500
// error: net/http would log it and drop the connection; this way the
// provider gets an answer and retries. A panic once the response has
// started still drops the connection (http.ErrAbortHandler, which
// net/http does not log), so that a cut response never looks whole; so
// does http.ErrAbortHandler itself, which reverse_proxy raises to cut a
// response it could not finish.
type recovering struct{ next caddyhttp.Handler }

func (rc recovering) ServeHTTP(w http.ResponseWriter, r *http.Request) (err error) {
	sw := &startedWriter{ResponseWriterWrapper: &caddyhttp.ResponseWriterWrapper{ResponseWriter: w}}
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler || sw.started {
			panic(http.ErrAbortHandler)
		}
		err = caddyhttp.Error(http.StatusInternalServerError, &panicError{value: fmt.Sprint(v), stack: string(debug.Stack())})
	}()
	return rc.next.ServeHTTP(sw, r)
}

// startedWriter notes whether the response has started: a final status
// or a byte of body written.
type startedWriter struct {
	*caddyhttp.ResponseWriterWrapper
	started bool
}

func (s *startedWriter) WriteHeader(code int) {
	if code >= 200 {
		s.started = true
	}
	s.ResponseWriterWrapper.WriteHeader(code)
}

func (s *startedWriter) Write(b []byte) (int, error) {
	s.started = true
	return s.ResponseWriterWrapper.Write(b)
}

func (s *startedWriter) ReadFrom(r io.Reader) (int64, error) {
	s.started = true
	return s.ResponseWriterWrapper.ReadFrom(r)
}

// panicError is a panic of the rest of the route.
type panicError struct{ value, stack string }

func (e *panicError) Error() string { return "panic in the route after webhook_verify: " + e.value }
