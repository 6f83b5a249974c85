// Package hookgate registers hookgate's Caddy modules: importing it (as
// xcaddy does for `xcaddy build --with github.com/hookgate/hookgate`) adds
// them all to a Caddy build:
//
//   - http.handlers.webhook_verify and its Caddyfile directive
//     (modules/webhookverify), which verifies each delivery and passes it
//     on, through the replay guard (modules/replay) and the spool
//     (modules/spool) when a route turns them on;
//   - admin.api.webhook_spool, the spool's admin API (modules/spool);
//   - caddy.logging.encoders.webhook_redact, the log encoder that keeps
//     secrets and signatures out of logs (modules/redactlog);
//   - http.handlers.webhook_console and admin.api.webhook_console, the
//     console page (modules/console);
//   - the `caddy webhook` command (modules/webhookcmd).
//
// The signature schemes are in package verifiers. docs/design.md opens
// with the map of the packages.
package hookgate

import (
	_ "github.com/hookgate/hookgate/modules/console"
	_ "github.com/hookgate/hookgate/modules/redactlog"
	_ "github.com/hookgate/hookgate/modules/replay"
	_ "github.com/hookgate/hookgate/modules/spool"
	_ "github.com/hookgate/hookgate/modules/webhookcmd"
	_ "github.com/hookgate/hookgate/modules/webhookverify"
)
