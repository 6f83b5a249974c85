#!/usr/bin/env bash
# Runs Caddyfile.example with ./caddy as a new user would, sends a genuine
# and a forged PAYONE delivery with curl, and checks the answers. Exits
# non-zero if the gate does not start or answers wrongly.
#
# The gate and the stand-in app listen on free ports this script picks
# (or on HOOKGATE_PORT and HOOKGATE_APP_PORT when they are set), with the
# admin endpoint off, so ports already taken (8080, 9090, 2019...) do not
# stop it; before trusting an answer it checks that the Caddy it started
# is the one answering.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x ./caddy ] || ./xcaddy.sh
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }

. scripts/ports.sh
example_ports || { echo "try-example: cannot pick ports" >&2; exit 1; }
gate=http://127.0.0.1:$HOOKGATE_PORT
app=http://127.0.0.1:$HOOKGATE_APP_PORT
echo "try-example: gate on $gate, stand-in app on $app, admin endpoint off"

log=$(mktemp)
./caddy run --config Caddyfile.example >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT

fail=0
check() { # name, want, got
	if [ "$3" = "$2" ]; then echo "ok   $1: $3"; else echo "FAIL $1: got '$3', want '$2'"; fail=1; fi
}
check_refusal() { # name, status, word, "status body"
	if [[ $4 == "$2 "* ]] && grep -qi -- "$3" <<<"$4"; then
		echo "ok   $1: $4"
	else
		echo "FAIL $1: got '$4', want status $2 naming $3"
		fail=1
	fi
}
# Ready when the gate answers with this example's own catch-all, and the
# app with its echo: another process on these ports would not.
ready=0
for _ in $(seq 100); do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "FAIL caddy exited"; cat "$log"; exit 1
	fi
	if [ "$(curl -s "$gate/" 2>/dev/null)" = "no webhook route here" ] &&
		[[ "$(curl -s "$app/hello" 2>/dev/null)" == "app received GET /hello"* ]]; then
		ready=1
		break
	fi
	sleep 0.2
done
if [ $ready -ne 1 ]; then
	echo "FAIL the gate and its app did not answer as Caddyfile.example does"; cat "$log"; exit 1
fi
echo "ok   talking to the Caddy started here (pid $pid)"

key=$(printf '%s' demo-portal-key | md5sum | cut -d' ' -f1)
got=$(curl -s -A "PAYONE FinanceGate" -d "key=$key&txaction=paid&portalid=2012345&aid=12345" "$gate/payone/status")
check "genuine PAYONE post reaches the app" "TSOK" "$got"
got=$(curl -s -w ' %{http_code}' -A "PAYONE FinanceGate" -d "key=$(printf wrong | md5sum | cut -d' ' -f1)&txaction=paid" "$gate/payone/status")
check_refusal "forged PAYONE post" 401 signature "${got##* } ${got% *}"
got=$(curl -s -w ' %{http_code}' -A "curl" -d "key=$key&txaction=paid&portalid=2012345&aid=12345" "$gate/payone/status")
check_refusal "wrong User-Agent" 403 "user.agent" "${got##* } ${got% *}"
got=$(curl -s -o /dev/null -w '%{http_code}' -A "PAYONE FinanceGate" --data-binary @<(head -c 2000000 /dev/zero | tr '\0' a) "$gate/payone/status")
check "oversized body" "413" "$got"
if grep -q "Caddyfile input is not formatted" "$log"; then
	echo "FAIL Caddy warns that Caddyfile.example is not formatted"
	fail=1
fi
if [ $fail -ne 0 ]; then
	echo "--- caddy log"; cat "$log"
fi
exit $fail
