package webhookverify

import (
	"errors"
	"net/http"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/hookgate/hookgate/modules/spool"
	"github.com/hookgate/hookgate/verifiers"
)

// The route's side of store and forward (package spool): opening the
// route's spool, storing verified deliveries in it, and passing the ones
// its dispatcher brings back on to the rest of the route.

// provisionSpool opens h's spool from h.Spool. Called after the replay
// guard is built: the guard then also remembers the spool's
// acknowledgement.
func (h *Handler) provisionSpool(ctx caddy.Context, repl *caddy.Replacer, keys [][]byte, options map[string]string) error {
	if h.Spool == nil {
		return nil
	}
	s, err := h.Spool.Open(ctx, repl, spool.Route{
		Provider:     h.Provider,
		AckBody:      h.preset.AckBody,
		Acknowledged: h.preset.Acknowledged,
		MaxBody:      h.maxBody,
		MaxBodySet:   h.MaxBody != 0,
		// The route's identity: what makes it accept a delivery.
		Keys:           keys,
		Options:        options,
		VerifiedHeader: h.verifiedHeader,
		Now:            h.now,
		Logger:         h.logger,
	})
	if err != nil {
		return err
	}
	h.spool = s
	h.maxBody = s.MaxBody()
	if h.replay != nil {
		// The spool's acknowledgement is what the replay guard remembers
		// and answers copies with, whatever the preset would expect of the
		// app.
		h.replay.AlsoAcknowledgedBy(s.Acknowledges)
	}
	return nil
}

// serveSpooled passes a replayed delivery this route stored straight to
// the rest of the route: its checks passed when it was received. Every
// copy of the route's verified header it carries, in any spelling, is
// replaced by the gate's own value, as on a delivery received now. A
// delivery another route stored (another secret, provider or spool: the
// configuration changed) is refused, and the dispatcher dead-letters it.
func (h *Handler) serveSpooled(w http.ResponseWriter, r *http.Request, m *spool.Marker, next caddyhttp.Handler) error {
	if !m.For(h.spool) {
		return caddyhttp.Error(http.StatusServiceUnavailable, errors.New("spool: this route did not store that delivery"))
	}
	h.stripVerifiedHeader(r)
	h.markVerified(r)
	return m.Deliver(r, func() error { return next.ServeHTTP(w, r) })
}

// spoolPass is the handler's pass for a route with a spool: it stores the
// verified delivery and answers the provider with the acknowledgement, or
// with 503 and Retry-After when the delivery could not be stored.
func (h *Handler) spoolPass(r *http.Request, body []byte, v verifiers.Verified) func(http.ResponseWriter) error {
	return func(w http.ResponseWriter) error {
		var msgID string
		if h.replay != nil {
			if key, err := h.replay.StoreKey(v); err == nil {
				msgID = key
			}
		}
		if err := h.spool.Store(r, body, msgID, v.Key); err != nil {
			w.Header().Set("Retry-After", "30")
			return h.refuse(r, http.StatusServiceUnavailable, outcomeSpoolUnavailable, "the delivery could not be stored, retry later", err)
		}
		h.record(r, outcomeSpooled)
		return h.spool.Ack().Write(w)
	}
}
