// Package hookgate registers hookgate's Caddy modules: importing it (as
// xcaddy does for `xcaddy build --with github.com/hookgate/hookgate`) adds
// the webhook_verify HTTP handler, its Caddyfile directive and the
// `caddy webhook` command to a Caddy build. The code lives in caddyplugin
// (the handler) and verifiers (the signature engine).
package hookgate

import (
	// Registers http.handlers.webhook_verify and its Caddyfile directive.
	_ "github.com/hookgate/hookgate/caddyplugin"
)
