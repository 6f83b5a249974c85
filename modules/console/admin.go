package console

import (
	"net/http"

	"github.com/caddyserver/caddy/v2"
)

func init() {
	caddy.RegisterModule(adminConsole{})
}

// adminPath is where the console is on Caddy's admin endpoint.
const adminPath = "/webhook/console"

// adminConsole serves the console on Caddy's admin endpoint, which is
// reachable only where the admin endpoint listens (localhost:2019 by
// default) and enforces its own origin checks.
type adminConsole struct{}

// CaddyModule returns the Caddy module information.
func (adminConsole) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{
		ID:  "admin.api.webhook_console",
		New: func() caddy.Module { return new(adminConsole) },
	}
}

// Routes mounts the console at /webhook/console.
func (adminConsole) Routes() []caddy.AdminRoute {
	h := caddy.AdminHandlerFunc(func(w http.ResponseWriter, r *http.Request) error { return serve(w, r, 0) })
	return []caddy.AdminRoute{
		{Pattern: adminPath, Handler: h},
		{Pattern: adminPath + "/", Handler: h},
	}
}

// Interface guards
var _ caddy.AdminRouter = (*adminConsole)(nil)
