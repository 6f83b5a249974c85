package spool

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// How a stored delivery finds its way: a verified request is stored with
// the server it arrived on (Store), and the dispatcher serves it again
// through that server, marked (Marker) so that the route's webhook_verify
// passes it straight on.

// Marker is in the context of a request the dispatcher replays.
type Marker struct {
	spool string // Spool.name
	id    string
	taken atomic.Bool // the spool's webhook_verify passed it on
	err   error       // what the rest of the route returned
}

type spoolMarkerKey struct{}

// MarkerOf is the marker of a replayed delivery; nil for any other
// request (no client can send one: it is a context value of an unexported
// type).
func MarkerOf(r *http.Request) *Marker {
	m, _ := r.Context().Value(spoolMarkerKey{}).(*Marker)
	return m
}

// For reports whether the marked delivery is one of s's.
func (m *Marker) For(s *Spool) bool { return s != nil && s.name == m.spool }

// Deliver passes the marked delivery on with next (the rest of the route)
// and records that its spool's webhook_verify took it, and next's error.
func (m *Marker) Deliver(next func() error) error {
	m.taken.Store(true)
	m.err = next()
	return m.err
}

// Store stores a verified delivery: r as it arrived, its verified body,
// and msgID, the identity under which JetStream drops duplicates ("" for
// none). Each delivery counts as stored or refused in the spool's metrics.
// The store finishes even if the sender goes away: an unanswered delivery
// that was stored is delivered, and its retry is a copy.
func (s *Spool) Store(r *http.Request, body []byte, msgID string) error {
	server, listen := spoolServerOf(r)
	d := &spooledRequest{
		Method: r.Method, URI: r.RequestURI, Host: r.Host, Remote: r.RemoteAddr,
		Server: server, Listen: listen, Proto: r.Proto, TLS: r.TLS != nil,
		Header: r.Header.Clone(), Body: body, Received: s.now(), MsgID: msgID,
	}
	if d.URI == "" {
		d.URI = r.URL.RequestURI()
	}
	if err := s.store(context.WithoutCancel(r.Context()), d); err != nil {
		spoolMetrics.refused.WithLabelValues(s.provider).Inc()
		return err
	}
	spoolMetrics.stored.WithLabelValues(s.provider).Inc()
	return nil
}

// spoolServerOf names the Caddy server r arrived on: its name in the
// running http app and its listener addresses; "" when it cannot be told.
func spoolServerOf(r *http.Request) (name, listen string) {
	srv, _ := r.Context().Value(caddyhttp.ServerCtxKey).(*caddyhttp.Server)
	if srv == nil {
		return "", ""
	}
	listen = strings.Join(srv.Listen, ",")
	if app, err := activeHTTPApp(); err == nil {
		for n, s := range app.Servers {
			if s == srv || strings.Join(s.Listen, ",") == listen {
				return n, listen
			}
		}
	}
	return "", listen
}

// spoolServer is the running configuration's server for d: the one
// listening where d arrived, which stays right when sites are reordered
// (the Caddyfile adapter renumbers srv0, srv1, ...); else, as on another
// gate of a shared spool listening elsewhere, the server of the same name.
func spoolServer(app *caddyhttp.App, d *spooledRequest) *caddyhttp.Server {
	for _, s := range app.Servers {
		if d.Listen != "" && strings.Join(s.Listen, ",") == d.Listen {
			return s
		}
	}
	return app.Servers[d.Server]
}

// activeHTTPApp is the http app of the running configuration. It is looked
// up when needed, never during provisioning (the app being provisioned is
// not there yet, and asking for it would load a second one).
func activeHTTPApp() (*caddyhttp.App, error) {
	app, err := caddy.ActiveContext().AppIfConfigured("http")
	if err != nil {
		return nil, err
	}
	a, ok := app.(*caddyhttp.App)
	if !ok {
		return nil, errors.New("the http app is not Caddy's")
	}
	return a, nil
}
