package webhookverify

import (
	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
)

// warnUntrustedForwarding warns, once per route at provision, when the
// route has an IP allow-list on a server that trusts proxies without
// trusted_proxies_strict. Caddy then takes the client IP from the
// left-most X-Forwarded-For address that is not a trusted proxy, scanning
// from the left: behind a proxy that appends to the header, that address
// is whatever the sender wrote ("X-Forwarded-For: 185.60.20.7, <real>"
// passes a PAYONE allow-list). With trusted_proxies_strict, Caddy scans
// from the right and stops at the first untrusted address: the one the
// proxy saw.
func (h *Handler) warnUntrustedForwarding(ctx caddy.Context) {
	if h.allowList == nil && h.ranges == nil {
		return
	}
	srv, ok := ctx.Value(caddyhttp.ServerCtxKey).(*caddyhttp.Server)
	if !ok || srv == nil || srv.TrustedProxiesRaw == nil || srv.TrustedProxiesStrict > 0 {
		return
	}
	h.logger.Warn("webhook_verify allow-list on a server with trusted_proxies but without trusted_proxies_strict: "+
		"a sender behind an appending proxy can choose the client IP with X-Forwarded-For; "+
		"add trusted_proxies_strict to the server's options",
		zap.String("provider", h.Provider))
}
