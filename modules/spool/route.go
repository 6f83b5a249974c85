package spool

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

// How a stored delivery finds its way back (docs/spool.md, "Which route
// delivers"): a verified request is stored as it arrived, before any
// rewrite, with the server it arrived on and the identity of the route
// that verified it (Store). The dispatcher serves it again through that
// server, so the route's own rewrites apply again, marked (Marker) so that
// the route's webhook_verify passes it straight on; any other
// webhook_verify refuses it. A delivery whose route is in no running
// configuration is dead-lettered at once, never served.
//
// A route's identity is an HMAC, under the spool's key, of what makes the
// route accept a delivery: its provider, its options, and the secret (or
// public key) that verified it; one identity per configured secret, so a
// rotation that keeps the old secret keeps its deliveries. It survives a
// reload and a reordering of the Caddyfile; two routes with different
// secrets never share one; it tells nothing about the secret to whoever
// reads the store without the key.

// Marker is in the context of a request the dispatcher replays.
type Marker struct {
	spool string // Spool.name
	route string // the identity of the route that stored it
	id    string
	// verified is the verified header the route set when it stored the
	// delivery, taken off the replayed request until the route takes it.
	verifiedName, verifiedValue string
	taken                       atomic.Bool // the route's webhook_verify passed it on
	err                         error       // what the rest of the route returned
}

type spoolMarkerKey struct{}

// MarkerOf is the marker of a replayed delivery; nil for any other
// request (no client can send one: it is a context value of an unexported
// type).
func MarkerOf(r *http.Request) *Marker {
	m, _ := r.Context().Value(spoolMarkerKey{}).(*Marker)
	return m
}

// For reports whether the marked delivery is one the route of s stored:
// the same spool, and one of the route's identities.
func (m *Marker) For(s *Spool) bool {
	return s != nil && s.name == m.spool && slices.Contains(s.routes, m.route)
}

// Deliver passes the marked delivery r on with next (the rest of the
// route), its verified header put back, and records that its route's
// webhook_verify took it, and next's error.
func (m *Marker) Deliver(r *http.Request, next func() error) error {
	if m.verifiedName != "" {
		r.Header.Set(m.verifiedName, m.verifiedValue)
	}
	m.taken.Store(true)
	m.err = next()
	return m.err
}

// mark puts the marker of d, delivery id of s, on req, and takes the
// verified header off it: only the route's webhook_verify puts it back, so
// a handler that is not the route's never passes on a delivery that says
// it was verified.
func (s *Spool) mark(req *http.Request, d *spooledRequest, id string) (*http.Request, *Marker) {
	m := &Marker{spool: s.name, route: d.Route, id: id}
	if d.VerifiedHeader != "" {
		m.verifiedName = http.CanonicalHeaderKey(d.VerifiedHeader)
		m.verifiedValue = req.Header.Get(m.verifiedName)
		req.Header.Del(m.verifiedName)
	}
	return req.WithContext(context.WithValue(req.Context(), spoolMarkerKey{}, m)), m
}

// errRouteGone is why a delivery is dead-lettered at once: the route that
// stored it is in no running configuration, or its request no longer
// reaches it.
type errRouteGone struct{ reason string }

func (e errRouteGone) Error() string { return e.reason }

// routeGone reports whether err means the delivery's route is gone.
func routeGone(err error) bool {
	var g errRouteGone
	return errors.As(err, &g)
}

// routeIdentities are the identities of a route of provider with options
// and keys (its secrets, then its public keys, as verifiers.Verified.Key
// counts them): one per key, or one for a route with none.
func (k spoolKey) routeIdentities(provider string, options map[string]string, keys [][]byte) []string {
	names := make([]string, 0, len(options))
	for n := range options {
		names = append(names, n)
	}
	slices.Sort(names)
	one := func(key []byte, hasKey bool) string {
		m := hmac.New(sha256.New, k.route)
		field(m, provider)
		for _, n := range names {
			field(m, n)
			field(m, options[n])
		}
		if hasKey {
			field(m, "key")
			field(m, string(key))
		}
		return "r1-" + hex.EncodeToString(m.Sum(nil)[:16])
	}
	if len(keys) == 0 {
		return []string{one(nil, false)}
	}
	out := make([]string, len(keys))
	for i, key := range keys {
		out[i] = one(key, true)
	}
	return out
}

// routeFor is the identity of s's route under the key that verified a
// delivery (verifiers.Verified.Key).
func (s *Spool) routeFor(key int) string {
	if key >= 0 && key < len(s.routes) {
		return s.routes[key]
	}
	return s.routes[0]
}

// liveRoutes counts, by spool name and route identity, the routes of the
// loaded configurations, by configuration (the new one and the old one
// overlap during a reload): a route adds itself when its spool opens and
// removes itself on Close.
var liveRoutes = struct {
	sync.Mutex
	n map[string]map[configID]int
}{n: map[string]map[configID]int{}}

func liveRouteKey(spool, route string) string { return spool + "\x00" + route }

// registerRoutes counts s's route identities as live in s's configuration.
func (s *Spool) registerRoutes() {
	liveRoutes.Lock()
	defer liveRoutes.Unlock()
	for _, r := range s.routes {
		k := liveRouteKey(s.name, r)
		if liveRoutes.n[k] == nil {
			liveRoutes.n[k] = map[configID]int{}
		}
		liveRoutes.n[k][s.cfg]++
	}
	s.routesLive = true
}

// unregisterRoutes undoes registerRoutes; safe to call when it was not.
func (s *Spool) unregisterRoutes() {
	liveRoutes.Lock()
	defer liveRoutes.Unlock()
	if !s.routesLive {
		return
	}
	s.routesLive = false
	for _, r := range s.routes {
		k := liveRouteKey(s.name, r)
		if liveRoutes.n[k][s.cfg]--; liveRoutes.n[k][s.cfg] <= 0 {
			delete(liveRoutes.n[k], s.cfg)
		}
		if len(liveRoutes.n[k]) == 0 {
			delete(liveRoutes.n, k)
		}
	}
}

// routeLive reports whether a route of the running configuration has
// identity route on spool. During a reload, once the new configuration
// runs, a route only the old one has is gone: a delivery of it must not
// be served by whatever route of the new one now matches its request.
func routeLive(spool, route string) bool {
	liveRoutes.Lock()
	defer liveRoutes.Unlock()
	return liveRoutes.n[liveRouteKey(spool, route)][runningConfig()] > 0
}

// configID identifies a loaded configuration: the Done channel of its root
// context, which every context a module of it is given shares (the http
// app hands its routes contexts with values of their own).
type configID <-chan struct{}

// configOf is the configuration of ctx; nil for none.
func configOf(ctx context.Context) configID {
	if ctx == nil {
		return nil
	}
	return ctx.Done()
}

// runningConfig identifies the running configuration (nil when none is).
func runningConfig() configID { return configOf(caddy.ActiveContext().Context) }

// current reports whether s belongs to the running configuration: only
// its dispatcher delivers (a stopping one hands deliveries back, a new
// one waits until its configuration runs).
func (s *Spool) current() bool { return s.cfg == runningConfig() }

// admit is a message the dispatcher took, checked: authentic, readable,
// and of a route that is running. Its error is why it is dead-lettered at
// once.
func (s *Spool) admit(h map[string][]string, body []byte) (*spooledRequest, error) {
	if err := s.authentic(h, body); err != nil {
		return nil, err
	}
	d, err := parseSpooled(h, body)
	if err != nil {
		return nil, err
	}
	if d.Route == "" || !routeLive(s.name, d.Route) {
		return nil, errRouteGone{"the route that verified it is in no running configuration (removed, or its secret, provider or options changed)"}
	}
	return d, nil
}

// Store stores a verified delivery: r as it arrived (method and URI before
// any rewrite), its verified body, msgID, the identity under which
// JetStream drops duplicates ("" for none), and key, the index of the
// secret that verified it (verifiers.Verified.Key). Each delivery counts
// as stored or refused in the spool's metrics. The store finishes even if
// the sender goes away: an unanswered delivery that was stored is
// delivered, and its retry is a copy.
func (s *Spool) Store(r *http.Request, body []byte, msgID string, key int) error {
	server, listen := spoolServerOf(r)
	d := &spooledRequest{
		Method: r.Method, URI: r.RequestURI, Host: r.Host, Remote: r.RemoteAddr,
		Server: server, Listen: listen, Proto: r.Proto, TLS: r.TLS != nil,
		Header: r.Header.Clone(), Body: body, Received: s.now(), MsgID: msgID,
		Route: s.routeFor(key), VerifiedHeader: s.verifiedHeader,
	}
	if orig, ok := r.Context().Value(caddyhttp.OriginalRequestCtxKey).(http.Request); ok {
		d.Method, d.URI = orig.Method, orig.RequestURI
		if !strings.HasPrefix(d.URI, "/") && orig.URL != nil {
			d.URI = orig.URL.RequestURI() // absolute-form
		}
	}
	if !strings.HasPrefix(d.URI, "/") {
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
