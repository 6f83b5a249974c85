#!/usr/bin/env bash
# Builds ./caddy (or the path given as $1): Caddy with its standard modules
# and hookgate's webhook_verify handler, from this checkout.
#
#   With xcaddy installed (go install github.com/caddyserver/xcaddy/cmd/xcaddy@v0.4.5):
#     xcaddy build <caddy version> --with github.com/hookgate/hookgate=.
#     The Caddy version is go.mod's unless CADDY_VERSION is set.
#   Without it: go build ./cmd/caddy, with the versions pinned in go.mod.
#
# HOOKGATE_BUILD=go or HOOKGATE_BUILD=xcaddy chooses instead of detecting.
# HOOKGATE_WITH adds other Caddy modules (xcaddy only), space-separated, in
# xcaddy's --with syntax: HOOKGATE_WITH=github.com/mholt/caddy-ratelimit.
# A first build compiles about 1000 packages: roughly 6 to 8 minutes on 2
# cores (7.5 min measured on a busy 2-core machine; less when Go's build
# cache already holds Caddy). Later builds take seconds. Progress is shown
# as packages compile.
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-./caddy}

say() { printf 'xcaddy.sh: %s\n' "$*" >&2; }

how=${HOOKGATE_BUILD:-}
if [ -z "$how" ]; then
	if command -v xcaddy >/dev/null 2>&1; then how=xcaddy; else how=go; fi
fi

total=$(go list -deps ./cmd/caddy 2>/dev/null | wc -l) || total=1000
# numbered prints each package line of `go build -v` as "[n/total] pkg"
# and passes every other line (xcaddy's log, compiler errors) as it is.
numbered() {
	awk -v total="$total" '
		/^[A-Za-z0-9._~\/-]+$/ { n++; printf "  [%d/~%d] %s\n", n, total, $0; fflush(); next }
		{ print; fflush() }'
}

start=$(date +%s)
# A line every 30 s, so that a long silent step is not taken for a hang.
( last=$start; while sleep 1; do
	now=$(date +%s)
	[ $((now - last)) -ge 30 ] || continue
	last=$now
	say "still building: $((now - start))s so far"
done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT

with=()
for m in ${HOOKGATE_WITH:-}; do with+=(--with "$m"); done
if [ ${#with[@]} -gt 0 ] && [ "$how" != xcaddy ]; then
	say "HOOKGATE_WITH needs xcaddy (go install github.com/caddyserver/xcaddy/cmd/xcaddy@v0.4.5)"
	exit 1
fi

case $how in
xcaddy)
	command -v xcaddy >/dev/null 2>&1 || { say "HOOKGATE_BUILD=xcaddy but xcaddy is not installed"; exit 1; }
	version=${CADDY_VERSION:-$(go list -m -f '{{.Version}}' github.com/caddyserver/caddy/v2)}
	say "building $out with xcaddy: Caddy $version --with github.com/hookgate/hookgate=$PWD${HOOKGATE_WITH:+ and $HOOKGATE_WITH}"
	say "a first build takes about 6 to 8 minutes on 2 cores; packages are listed as they compile (~$total)"
	# github.com/hookgate/hookgate comes from this checkout: Go must not ask
	# the module proxy or the checksum database about it (the proxy does
	# not hold it, and answers 403, which Go does not take as "not found").
	# Every other module comes from the proxy or the module cache as usual
	# (GOPROXY=off builds from the cache alone).
	# XCADDY_GO_BUILD_FLAGS replaces xcaddy's default flags, so they are
	# repeated here with -v added for progress.
	GONOPROXY="github.com/hookgate${GONOPROXY:+,$GONOPROXY}" \
		GONOSUMDB="github.com/hookgate${GONOSUMDB:+,$GONOSUMDB}" \
		GOVCS="github.com/hookgate:off,${GOVCS:-public:git|hg,private:all}" \
		XCADDY_GO_BUILD_FLAGS="${XCADDY_GO_BUILD_FLAGS:--v -ldflags='-w -s' -trimpath -tags=nobadger,nomysql,nopgx}" \
		xcaddy build "$version" --output "$out" --with "github.com/hookgate/hookgate=$PWD" "${with[@]}" 2>&1 | numbered
	;;
go)
	say "building $out with go build ./cmd/caddy (xcaddy not used; versions from go.mod)"
	say "a first build takes about 6 to 8 minutes on 2 cores; packages are listed as they compile (~$total)"
	go build -v -trimpath -o "$out" ./cmd/caddy 2>&1 | numbered
	;;
*)
	say "HOOKGATE_BUILD must be go or xcaddy, not $how"
	exit 1
	;;
esac
# (not `| grep -q`: with pipefail, grep quitting early can fail the pipe)
modules=$("$out" list-modules)
grep -qx http.handlers.webhook_verify <<<"$modules" || { say "$out lacks http.handlers.webhook_verify"; exit 1; }
say "built $out ($("$out" version | cut -d' ' -f1)) with $how in $(($(date +%s) - start))s"
