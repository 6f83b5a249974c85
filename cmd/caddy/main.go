// Command caddy is Caddy with its standard modules and hookgate's
// webhook_verify handler: what xcaddy.sh builds when xcaddy is not installed.
package main

import (
	caddycmd "github.com/caddyserver/caddy/v2/cmd"

	_ "github.com/caddyserver/caddy/v2/modules/standard"

	_ "github.com/hookgate/hookgate"
)

func main() {
	caddycmd.Main()
}
