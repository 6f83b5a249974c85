#!/usr/bin/env bash
# Runs Caddyfile.example with ./caddy as a new user would, sends a genuine
# and a forged PAYONE delivery with curl, and checks the answers. Exits
# non-zero if the gate does not start or answers wrongly.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x ./caddy ] || ./xcaddy.sh
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl; }

log=$(mktemp)
./caddy run --config Caddyfile.example >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do
	curl -fs -o /dev/null http://127.0.0.1:9090/ && break
	sleep 0.2
done

key=$(printf '%s' demo-portal-key | md5sum | cut -d' ' -f1)
fail=0
check() { # name, want, got
	if [ "$3" = "$2" ]; then echo "ok   $1: $3"; else echo "FAIL $1: got '$3', want '$2'"; fail=1; fi
}
got=$(curl -s -A "PAYONE FinanceGate" -d "key=$key&txaction=paid&portalid=2012345&aid=12345" http://127.0.0.1:8080/payone/status)
check "genuine PAYONE post" "TSOK" "$got"
got=$(curl -s -A "PAYONE FinanceGate" -d "key=$(printf wrong | md5sum | cut -d' ' -f1)&txaction=paid" http://127.0.0.1:8080/payone/status)
check "forged PAYONE post" "401 webhook_verify: bad_signature: signature does not match" "$got"
got=$(curl -s -A "curl" -d "key=$key&txaction=paid&portalid=2012345&aid=12345" http://127.0.0.1:8080/payone/status)
check "wrong User-Agent" "403 webhook_verify: User-Agent is not allowed" "$got"
got=$(curl -s -o /dev/null -w '%{http_code}' -A "PAYONE FinanceGate" --data-binary @<(head -c 2000000 /dev/zero | tr '\0' a) http://127.0.0.1:8080/payone/status)
check "oversized body" "413" "$got"
if [ $fail -ne 0 ]; then
	echo "--- caddy log"; cat "$log"
fi
exit $fail
