#!/usr/bin/env bash
# Builds ./caddy: Caddy with its standard modules and hookgate's
# webhook_verify handler. Uses xcaddy when it is installed (pass a Caddy
# version as CADDY_VERSION), and otherwise `go build ./cmd/caddy`, which
# pins the versions in go.mod.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-./caddy}
if command -v xcaddy >/dev/null 2>&1; then
	echo "xcaddy.sh: building $out with xcaddy" >&2
	XCADDY_SKIP_CLEANUP=0 xcaddy build ${CADDY_VERSION:-} --output "$out" --with "github.com/hookgate/hookgate=."
else
	echo "xcaddy.sh: xcaddy not installed; building $out with go build ./cmd/caddy" >&2
	go build -trimpath -o "$out" ./cmd/caddy
fi
"$out" version >/dev/null
echo "xcaddy.sh: built $out" >&2
