// Package console is hookgate's console: one server-rendered page that
// shows, per webhook_verify route, its deliveries by outcome and its latest
// refusals (time, provider, check, reason, client IP; never a secret, a
// signature or a body), and the spools' pending and dead-lettered
// deliveries with their attempts and last error, with buttons to redrive or
// drop them.
//
// It is reachable only where the operator puts it: the handler
// `webhook_console` (http.handlers.webhook_console) on a route of their
// choosing, behind whatever authentication they give that route, or the
// admin endpoint at /webhook/console (admin.api.webhook_console). No site
// serves it by default.
package console

import (
	"net/http"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
)

func init() {
	caddy.RegisterModule(Handler{})
	httpcaddyfile.RegisterHandlerDirective("webhook_console", parseCaddyfile)
	httpcaddyfile.RegisterDirectiveOrder("webhook_console", httpcaddyfile.Before, "respond")
}

// Handler serves the console on the routes it is put on, for every path
// under them: GET shows the page, POST runs a redrive or a drop and shows
// the page again. Give the route authentication (basic_auth, forward_auth,
// client certificates): anyone who reaches it can redrive and drop.
type Handler struct {
	// SpoolLimit is how many deliveries of each state the page lists per
	// spool. Default: 100.
	SpoolLimit int `json:"spool_limit,omitempty"`
}

// CaddyModule returns the Caddy module information.
func (Handler) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "http.handlers.webhook_console",
		New: func() caddy.Module { return new(Handler) },
	}
}

// ServeHTTP serves the console; it never calls next.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request, _ caddyhttp.Handler) error {
	return serve(w, r, h.SpoolLimit)
}

// UnmarshalCaddyfile reads `webhook_console [{ spool_limit <n> }]`.
func (h *Handler) UnmarshalCaddyfile(d *caddyfile.Dispenser) error {
	d.Next() // the directive's name
	if d.NextArg() {
		return d.ArgErr()
	}
	for d.NextBlock(0) {
		switch d.Val() {
		case "spool_limit":
			var v string
			if !d.AllArgs(&v) {
				return d.ArgErr()
			}
			n, err := parsePositive(v)
			if err != nil {
				return d.Errf("spool_limit %q: %v", v, err)
			}
			h.SpoolLimit = n
		default:
			return d.Errf("unknown webhook_console subdirective %q (it takes spool_limit)", d.Val())
		}
	}
	return nil
}

// parseCaddyfile builds the handler from the Caddyfile.
func parseCaddyfile(h httpcaddyfile.Helper) (caddyhttp.MiddlewareHandler, error) {
	c := new(Handler)
	err := c.UnmarshalCaddyfile(h.Dispenser)
	return c, err
}

// Interface guards
var (
	_ caddyhttp.MiddlewareHandler = (*Handler)(nil)
	_ caddyfile.Unmarshaler       = (*Handler)(nil)
)
