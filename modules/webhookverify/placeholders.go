package webhookverify

import (
	"net/http"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/hookgate/hookgate/verifiers"
)

// The placeholders webhook_verify sets on the request's replacer, for the
// handlers after it (reverse_proxy's header_up, respond), handle_errors
// routes and access logs (log_append):
//
//	{http.webhook.provider}     the route's provider, set as soon as the handler runs
//	{http.webhook.outcome}      "accepted", "handshake" or the check that refused the
//	                            delivery (ip_denied, bad_signature, stale, replay, ...);
//	                            empty until decided
//	{http.webhook.delivery_id}  the delivery's ID (event or delivery ID the provider
//	                            sends, see Preset.DisplayID), once the signature
//	                            is verified; empty for providers that send none.
//	                            For some providers (GitHub's X-GitHub-Delivery) it
//	                            is an unsigned header: for logs, not for decisions
const (
	placeholderProvider   = "http.webhook.provider"
	placeholderOutcome    = "http.webhook.outcome"
	placeholderDeliveryID = "http.webhook.delivery_id"
)

// stateVarKey is the request variable holding the delivery's state.
const stateVarKey = "webhook_verify"

// deliveryState is what the handler knows about the request it is
// working on: one allocation per request, read by the placeholders only
// when something asks for them (values are not boxed up front).
type deliveryState struct {
	provider string
	outcome  string
	id       string
	start    time.Time
}

// replace answers the webhook placeholders.
func (s *deliveryState) replace(key string) (any, bool) {
	switch key {
	case placeholderProvider:
		return s.provider, true
	case placeholderOutcome:
		return s.outcome, true
	case placeholderDeliveryID:
		return s.id, true
	}
	return nil, false
}

// newState starts the state of a delivery on r and registers its
// placeholders with the request's replacer. A request that passes through
// webhook_verify twice (nested routes) reuses the first state, so the
// placeholders always describe the latest decision. Outside a Caddy server
// (no request variables) it returns a state nobody else sees.
func newState(r *http.Request, provider string) *deliveryState {
	ctx := r.Context()
	s, _ := caddyhttp.GetVar(ctx, stateVarKey).(*deliveryState)
	if s == nil {
		s = new(deliveryState)
		caddyhttp.SetVar(ctx, stateVarKey, s)
		if repl, ok := ctx.Value(caddy.ReplacerCtxKey).(*caddy.Replacer); ok {
			repl.Map(s.replace)
		}
	}
	*s = deliveryState{provider: provider, start: time.Now()}
	return s
}

// stateOf returns the state begin set on r, or nil.
func stateOf(r *http.Request) *deliveryState {
	s, _ := caddyhttp.GetVar(r.Context(), stateVarKey).(*deliveryState)
	return s
}

// publishDeliveryID sets {http.webhook.delivery_id} for an authentic
// delivery whose provider sends an ID (a header such as X-GitHub-Delivery,
// a JSON field such as Stripe's id, PAYONE's txid/sequencenumber/txaction).
// It runs only after the signature was verified: an unverified ID is the
// sender's say-so. Providers that send no ID leave it empty.
func (h *Handler) publishDeliveryID(r *http.Request, d *verifiers.Delivery, v verifiers.Verified) {
	if id := h.preset.DisplayID(h.Options, d, v); id != "" {
		h.setDeliveryID(r, id)
	}
}

// setDeliveryID publishes the delivery's ID.
func (h *Handler) setDeliveryID(r *http.Request, id string) {
	if s := stateOf(r); s != nil {
		s.id = id
	}
}
