package caddyplugin

import (
	"net/http"

	"github.com/caddyserver/caddy/v2"

	"github.com/hookgate/hookgate/verifiers"
)

// The placeholders webhook_verify sets on the request's replacer, for the
// handlers after it (reverse_proxy's header_up, respond), handle_errors
// routes and access logs (log_append):
//
//	{http.webhook.provider}     the route's provider, set as soon as the handler runs
//	{http.webhook.outcome}      "accepted", "handshake" or the check that refused the
//	                            delivery (ip_denied, bad_signature, stale, replay, ...)
//	{http.webhook.delivery_id}  the delivery's ID (event or delivery ID the provider
//	                            sends, see verifiers.IDSource), once the signature
//	                            is verified; empty for providers that send none
const (
	placeholderProvider   = "http.webhook.provider"
	placeholderOutcome    = "http.webhook.outcome"
	placeholderDeliveryID = "http.webhook.delivery_id"
)

// setPlaceholder sets a placeholder on the request's replacer. A request
// that did not come through a Caddy server has no replacer: nothing to set.
func setPlaceholder(r *http.Request, key, value string) {
	if repl, ok := r.Context().Value(caddy.ReplacerCtxKey).(*caddy.Replacer); ok {
		repl.Set(key, value)
	}
}

// publishDeliveryID sets {http.webhook.delivery_id} for an authentic
// delivery whose provider sends an ID (a header such as X-GitHub-Delivery,
// a JSON field such as Stripe's id, PAYONE's txid/sequencenumber/txaction).
// It runs only after the signature was verified: an unverified ID is the
// sender's say-so. Providers that send no ID leave it empty.
func (h *Handler) publishDeliveryID(r *http.Request, d *verifiers.Delivery) {
	if h.idSource.IsZero() {
		return
	}
	if id, ok := h.idSource.DeliveryID(d); ok {
		h.setDeliveryID(r, id)
	}
}

// setDeliveryID publishes the delivery's ID. Empty IDs are not published.
func (h *Handler) setDeliveryID(r *http.Request, id string) {
	if id != "" {
		setPlaceholder(r, placeholderDeliveryID, id)
	}
}
