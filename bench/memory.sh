#!/usr/bin/env bash
# hookgate memory bound: many concurrent large bodies to a slow upstream.
#
# CONNECTIONS wrk connections each POST a body of max_body (1 MiB) to the
# webhook_verify route, and the upstream waits DELAY before answering, so
# every connection holds a buffered body for most of the run. Caddy's RSS
# is sampled from /proc; the check is that its peak stays within
# FACTOR x max_body x CONNECTIONS above the idle baseline, and that it
# comes back down once the load stops. Bodies are ordinary heap memory:
# with GOGC=100 the collector lets the heap grow to about twice what is
# live before it collects, so FACTOR is 2.5. GOMEMLIMIT (README, "Memory")
# is how an operator holds a hard ceiling.
#
# Knobs: CONNECTIONS=64  DURATION=15s  DELAY=500ms  FACTOR=2.5  SETTLE=300 (s)
#        BACK_MIB=64 (how close to idle counts as back)  SKIP_BUILD=1
# To see why the RSS is what it is, run with GODEBUG=gctrace=1,scavtrace=1:
# Caddy's collections (live heap, heap goal) and the runtime scavenger's
# releases to the OS land in bench/results/caddy.log.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15s}
DELAY=${DELAY:-500ms}
FACTOR=${FACTOR:-2.5}
SETTLE=${SETTLE:-300}
BACK_MIB=${BACK_MIB:-64}
after=()
export BENCH_MAX_BODY=1MiB
max_body_kib=1024
. bench/lib.sh

start_servers -delay "$DELAY"
body="$out/mem-body.bin"
sig=$("$out/sign" -size $((max_body_kib * 1024)) -secret "$BENCH_SECRET" -out "$body")
export BENCH_BODY_FILE=$body BENCH_SIG=$sig

sleep 1
rss_idle=$(rss_kib "$caddy_pid")
: >"$out/mem-rss.txt"
sample_rss "$caddy_pid" "$out/mem-rss.txt" &
sampler=$!
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/verified" >"$out/mem-wrk.txt"
read -r req rps p99 bad sock < <(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$out/mem-wrk.txt")
# Back to baseline: poll until the RSS is within BACK_MIB of idle. Freed
# heap goes back to the OS through the runtime's scavenger, and an idle Go
# process collects at least every 2 minutes. Only changes of the RSS are
# listed.
settled=
last=
for s in $(seq 5 5 "$SETTLE"); do
	sleep 5
	now_kib=$(rss_kib "$caddy_pid")
	if [ "$((now_kib / 1024))" != "$last" ]; then after+=("${s}s:$((now_kib / 1024))M"); last=$((now_kib / 1024)); fi
	if [ "$now_kib" -le $((rss_idle + BACK_MIB * 1024)) ]; then settled=$s; break; fi
done
kill $sampler 2>/dev/null || true
rss_peak=$(sort -n "$out/mem-rss.txt" | tail -1)
rss_end=$(rss_kib "$caddy_pid")
bound=$(awk -v i="$rss_idle" -v c="$CONNECTIONS" -v m="$max_body_kib" -v f="$FACTOR" 'BEGIN {printf "%d", i + f * c * m}')

echo "hookgate memory bound: $CONNECTIONS connections x 1 MiB bodies, upstream delay $DELAY, $DURATION"
echo "deliveries: $req ($rps/s), failed: $((bad + sock))"
echo "caddy RSS idle:         $rss_idle KiB"
echo "caddy RSS peak:         $rss_peak KiB  (bound: idle + $FACTOR x $CONNECTIONS x 1 MiB = $bound KiB)"
echo "caddy RSS after load:   ${after[*]}"
echo "back within $BACK_MIB MiB of idle after: ${settled:-not within ${SETTLE}s}${settled:+ s}"
fail=0
[ "$rss_peak" -le "$bound" ] || { echo "FAIL: peak RSS over the bound"; fail=1; }
[ $((bad + sock)) -eq 0 ] || { echo "FAIL: deliveries failed"; fail=1; }
[ -n "$settled" ] || { echo "FAIL: RSS did not come back down ($rss_end KiB)"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
