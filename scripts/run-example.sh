#!/usr/bin/env bash
# One command to a running gate: builds ./caddy with hookgate when it is
# missing or older than the sources (xcaddy.sh shows the build's
# progress), picks free ports, prints how to send a genuine and a forged
# delivery, and runs Caddyfile.example in the foreground until Ctrl-C.
#
#   scripts/run-example.sh
#
# HOOKGATE_PORT and HOOKGATE_APP_PORT choose the ports instead; Caddy's
# admin endpoint stays off. Needs Go (https://go.dev/dl/) for the build.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'run-example: %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1 && [ ! -x ./caddy ]; then
	say "Go is needed to build Caddy with hookgate: https://go.dev/dl/"
	exit 1
fi
# Build when there is no ./caddy, when it lacks hookgate, or when a source
# file changed since it was built (a rebuild then takes seconds).
has_hookgate() { # not `| grep -q`: with pipefail, grep quitting early fails the pipe
	local modules
	modules=$(./caddy list-modules 2>/dev/null) && grep -qx http.handlers.webhook_verify <<<"$modules"
}
if [ ! -x ./caddy ] || ! has_hookgate; then
	say "building ./caddy with hookgate first"
	./xcaddy.sh
elif command -v go >/dev/null 2>&1 && [ -n "$(find . -path ./bench -prune -o \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer ./caddy -print -quit)" ]; then
	say "sources changed since ./caddy was built: rebuilding"
	./xcaddy.sh
fi

. scripts/ports.sh
example_ports || exit 1
gate=http://127.0.0.1:$HOOKGATE_PORT
key=$(printf '%s' demo-portal-key | md5sum | cut -d' ' -f1)
cat >&2 <<TXT
run-example: the gate is on $gate, its stand-in app on 127.0.0.1:$HOOKGATE_APP_PORT (Ctrl-C stops both)
run-example: from another terminal, a genuine PAYONE delivery (the app answers TSOK):
  curl -A "PAYONE FinanceGate" -d "key=$key&txaction=paid&portalid=2012345&aid=12345" $gate/payone/status
run-example: and a forged one (401 bad_signature, refused by the gate):
  curl -A "PAYONE FinanceGate" -d "key=0123456789abcdef0123456789abcdef&txaction=paid" $gate/payone/status
run-example: any provider, signed as it would sign (see ./caddy webhook sign --help):
  ./caddy webhook sign --provider kkiapay --secret demo-kkiapay-secret --send $gate/kkiapay
TXT
exec ./caddy run --config Caddyfile.example
