package caddyplugin

import (
	"net/http"

	"github.com/caddyserver/caddy/v2"
)

// The placeholders webhook_verify sets on the request's replacer, for the
// handlers after it (reverse_proxy's header_up, respond), handle_errors
// routes and access logs (log_append):
//
//	{http.webhook.provider}     the route's provider, set as soon as the handler runs
//	{http.webhook.outcome}      "accepted", "handshake" or the check that refused the
//	                            delivery (ip_denied, bad_signature, stale, replay, ...)
//	{http.webhook.delivery_id}  the delivery's ID (event or delivery ID the provider
//	                            sends, see verifiers.IDSource), once it is known
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

// setDeliveryID publishes the delivery's ID once it is known (replay
// protection extracts it). Empty IDs are not published.
func (h *Handler) setDeliveryID(r *http.Request, id string) {
	if id != "" {
		setPlaceholder(r, placeholderDeliveryID, id)
	}
}
