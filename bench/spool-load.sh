#!/usr/bin/env bash
# hookgate spool load run: the app is down for the first part of the run.
#
# Starts Caddy with bench/spool.Caddyfile (webhook_verify hmac with the
# spool on, store file in a fresh directory) but not the app. wrk sends
# genuine signed deliveries for DOWN while the app is down: the gate stores
# and acknowledges them. Then the app (bench/upstream, which re-checks every
# delivery's signature) comes up and wrk goes on for UP. After the load the
# script waits until the app has received everything the gate stored.
#
# Reports the throughput of acknowledgements (app down, app up), the
# delivery rate once the app is back, and whether anything was lost:
# deliveries stored (the gate's hookgate_spool_stored_total) == deliveries
# at the app, none forged or altered, none duplicated, every delivery wrk
# saw acknowledged among those stored, and the spool empty at the end
# (`caddy webhook spool list` through the admin API).
#
# wrk counts only the requests it saw answered: the few still in flight
# when it stops may have been stored and acknowledged to a connection wrk
# was closing. So acknowledged (wrk) <= stored, by at most CONNECTIONS per
# wrk run (two runs); stored == delivered must hold exactly.
#
# Knobs: DOWN=10s  UP=10s  CONNECTIONS=8  SIZE=2048  DRAIN_TIMEOUT=300 (s)
#        SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
DOWN=${DOWN:-10s}
UP=${UP:-10s}
CONNECTIONS=${CONNECTIONS:-8}
SIZE=${SIZE:-2048}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-300}
. bench/lib.sh

export BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-$(freeport)}
export BENCH_SPOOL_DIR="$PWD/$out/spool-store"
rm -rf "$BENCH_SPOOL_DIR"
now() { date +%s.%N; }
metric() { # name: the value summed over the gate's series, as an integer
	curl -s "http://127.0.0.1:$BENCH_ADMIN_PORT/metrics" |
		awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d\n", s}'
}
upstream_count() { # field of /__stats: requests or forged
	upstream_stats | sed "s/.*\"$1\":\([0-9]*\).*/\1/"
}
spool_list() { ./caddy webhook spool list --address "127.0.0.1:$BENCH_ADMIN_PORT" "$@"; }

body="$out/spool-body.bin"
sig=$("$out/sign" -size "$SIZE" -secret "$BENCH_SECRET" -out "$body")
export BENCH_BODY_FILE=$body BENCH_SIG=$sig

# The gate only: the app is down.
./caddy run --config bench/spool.Caddyfile --adapter caddyfile >"$out/caddy.log" 2>&1 &
pids+=($!)
caddy_pid=$!
wait_port "$BENCH_GATE_PORT"
wait_port "$BENCH_ADMIN_PORT"

# A real delivery is acknowledged though the app is down; a forged one is not.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Signature: $sig" --data-binary @"$body" "http://127.0.0.1:$BENCH_GATE_PORT/spooled")
bad=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Signature: sha256=00" --data-binary @"$body" "http://127.0.0.1:$BENCH_GATE_PORT/spooled")
if [ "$code" != 200 ] || [ "$bad" != 401 ]; then
	echo "spool-load.sh: sanity check failed: signed $code, forged $bad" >&2
	tail -20 "$out/caddy.log" >&2
	exit 1
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t1 -c"$CONNECTIONS" -d"$DOWN" --latency -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/spooled" >"$out/spool-down.txt"
backlog=$(metric hookgate_spool_stored_total)

# The app comes up; the load goes on.
t_up=$(now)
"$out/upstream" -addr "127.0.0.1:$BENCH_UPSTREAM_PORT" -secret "$BENCH_SECRET" 2>"$out/upstream.log" &
pids+=($!)
wait_port "$BENCH_UPSTREAM_PORT"
wrk -t1 -c"$CONNECTIONS" -d"$UP" --latency -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/spooled" >"$out/spool-up.txt"
t_load_end=$(now)
stored=$(metric hookgate_spool_stored_total)
delivered_during=$(upstream_count requests)

# Drain: wait until the app has what the gate stored.
deadline=$(( $(date +%s) + DRAIN_TIMEOUT ))
while [ "$(upstream_count requests)" -lt "$stored" ] && [ "$(date +%s)" -lt "$deadline" ]; do
	sleep 0.1
done
t_drained=$(now)
sleep 3 # time for a duplicate to show up
delivered=$(upstream_count requests)
forged=$(upstream_count forged)
stored_end=$(metric hookgate_spool_stored_total)
failures=$(metric hookgate_spool_store_failures_total)
dead=$(metric hookgate_spool_dead_letters_total)
listing=$(spool_list)

read -r d_req d_rps d_p99 d_bad d_sock < <(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$out/spool-down.txt")
read -r u_req u_rps u_p99 u_bad u_sock < <(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$out/spool-up.txt")
acked=$((1 + d_req - d_bad - d_sock + u_req - u_bad - u_sock)) # 1: the sanity check
drain_s=$(awk -v a="$t_up" -v b="$t_drained" 'BEGIN {printf "%.1f", b - a}')
after_load_s=$(awk -v a="$t_load_end" -v b="$t_drained" 'BEGIN {printf "%.1f", b - a}')
rate=$(awk -v n="$delivered" -v a="$t_up" -v b="$t_drained" 'BEGIN {printf "%.0f", n / (b - a)}')
rate_after=$(awk -v n="$((delivered - delivered_during))" -v a="$t_load_end" -v b="$t_drained" 'BEGIN {printf "%.0f", n / (b - a)}')
rate_during=$(awk -v n="$delivered_during" -v a="$t_up" -v b="$t_load_end" 'BEGIN {printf "%.0f", n / (b - a)}')

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hookgate spool load run: app down for $DOWN, then up with $UP more load; $CONNECTIONS connections, $SIZE-byte bodies, store file"
echo "acknowledged, app down:          $((d_req - d_bad - d_sock)) (${d_rps}/s, p99 $((d_p99 / 1000)) ms)"
echo "acknowledged, app up:            $((u_req - u_bad - u_sock)) (${u_rps}/s, p99 $((u_p99 / 1000)) ms)"
echo "not acknowledged (non-2xx/sock): $((d_bad + d_sock + u_bad + u_sock))"
echo "stored by the gate:              $stored_end (store failures: $failures)"
echo "backlog when the app came up:    $backlog"
echo "delivered while the load ran:    $delivered_during (${rate_during}/s alongside the load)"
echo "delivered to the app in all:     $delivered (forged or altered: $forged)"
echo "delivered once the load stopped: $((delivered - delivered_during)) in ${after_load_s} s (${rate_after}/s)"
echo "all delivered:                   ${drain_s} s after the app came up (${rate}/s overall)"
echo "dead letters:                    $dead"
echo "acknowledged (wrk) vs stored:    $acked vs $stored_end (in flight when wrk stopped: $((stored_end - acked)))"
echo "spool after the run:             $listing"

fail=0
[ "$((d_bad + d_sock + u_bad + u_sock))" -eq 0 ] || { echo "FAIL: deliveries were not acknowledged"; fail=1; }
[ "$delivered" -ge "$stored_end" ] || { echo "FAIL: $((stored_end - delivered)) stored deliveries never reached the app"; fail=1; }
[ "$delivered" -le "$stored_end" ] || { echo "FAIL: $((delivered - stored_end)) deliveries reached the app twice"; fail=1; }
[ "$forged" -eq 0 ] || { echo "FAIL: $forged deliveries reached the app altered"; fail=1; }
[ "$acked" -le "$stored_end" ] || { echo "FAIL: $((acked - stored_end)) acknowledged deliveries were not stored"; fail=1; }
[ $((stored_end - acked)) -le $((2 * CONNECTIONS)) ] || { echo "FAIL: $((stored_end - acked)) more stored than acknowledged"; fail=1; }
[ "$dead" -eq 0 ] || { echo "FAIL: $dead dead letters"; fail=1; }
[ "$listing" = "no spooled deliveries" ] || { echo "FAIL: the spool is not empty"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
