// Command testcaddy is cmd/caddy with one module more for tests:
// `hookgate_test_panic`, a handler that panics, standing for a handler
// after webhook_verify that crashes. The process harness runs it
// (gatetest.RunConfig); it is never built into a release.
package main

import (
	"net/http"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	caddycmd "github.com/caddyserver/caddy/v2/cmd"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	_ "github.com/caddyserver/caddy/v2/modules/standard"

	_ "github.com/hookgate/hookgate"
)

func init() {
	caddy.RegisterModule(panicHandler{})
	httpcaddyfile.RegisterHandlerDirective("hookgate_test_panic", func(httpcaddyfile.Helper) (caddyhttp.MiddlewareHandler, error) {
		return panicHandler{}, nil
	})
	httpcaddyfile.RegisterDirectiveOrder("hookgate_test_panic", httpcaddyfile.Before, "reverse_proxy")
}

// panicHandler panics with a message that names no secret.
type panicHandler struct{}

func (panicHandler) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{ID: "http.handlers.hookgate_test_panic", New: func() caddy.Module { return new(panicHandler) }}
}

func (panicHandler) ServeHTTP(http.ResponseWriter, *http.Request, caddyhttp.Handler) error {
	panic("hookgate test: the next handler crashed")
}

func main() {
	caddycmd.Main()
}
