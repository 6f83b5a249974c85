#!/usr/bin/env bash
# hookgate load run: half the deliveries are forged.
#
# Two wrk processes drive the webhook_verify route at the same time with the
# same number of connections: one sends genuine deliveries, the other
# forgeries (wrong key, tampered body, no signature, truncated signature,
# zero signature, a duplicated header). The upstream checks every request it
# receives against the secret. Passes when no forgery reached the upstream,
# no genuine delivery failed, and Caddy's RSS at the end is close to where
# it was after warm-up.
#
# Knobs: DURATION=20s  CONNECTIONS=8 (per wrk)  SIZE=4096  SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
SIZE=${SIZE:-4096}
. bench/lib.sh

start_servers -secret "$BENCH_SECRET"
body="$out/load-body.bin"
sig=$("$out/sign" -size "$SIZE" -secret "$BENCH_SECRET" -out "$body")
other=$("$out/sign" -size "$((SIZE + 1))" -secret "$BENCH_SECRET" -out "$out/load-other.bin")
export BENCH_BODY_FILE=$body BENCH_SIG=$sig BENCH_OTHER_SIG=$other

# warm-up, then the baseline
BENCH_PATH=/verified wrk -t1 -c"$CONNECTIONS" -d3s -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/verified" >/dev/null
sleep 1
rss_before=$(rss_kib "$caddy_pid")
stats_before=$(upstream_stats)

: >"$out/load-rss.txt"
sample_rss "$caddy_pid" "$out/load-rss.txt" &
sampler=$!
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/verified" >"$out/load-genuine.txt" &
g=$!
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/forged.lua "http://127.0.0.1:$BENCH_GATE_PORT/verified" >"$out/load-forged.txt" &
f=$!
wait $g $f
kill $sampler 2>/dev/null || true
sleep 2
rss_after=$(rss_kib "$caddy_pid")
stats_after=$(upstream_stats)

read -r g_req g_rps g_p99 g_bad g_sock < <(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$out/load-genuine.txt")
read -r f_req f_rps f_p99 f_refused f_sock < <(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$out/load-forged.txt")
up_forged=$(( $(echo "$stats_after" | sed 's/.*"forged":\([0-9]*\).*/\1/') - $(echo "$stats_before" | sed 's/.*"forged":\([0-9]*\).*/\1/') ))
up_total=$(( $(echo "$stats_after" | sed 's/.*"requests":\([0-9]*\).*/\1/') - $(echo "$stats_before" | sed 's/.*"requests":\([0-9]*\).*/\1/') ))
rss_min=$(sort -n "$out/load-rss.txt" | head -1)
rss_max=$(sort -n "$out/load-rss.txt" | tail -1)

echo "hookgate load run: $DURATION, $CONNECTIONS genuine + $CONNECTIONS forging connections, $SIZE-byte bodies"
echo "genuine deliveries sent:      $g_req ($g_rps/s, p99 $((g_p99 / 1000)) ms)"
echo "genuine deliveries failed:    $((g_bad + g_sock))"
echo "forged deliveries sent:       $f_req ($f_rps/s)"
echo "forged deliveries refused:    $f_refused"
echo "requests at the upstream:     $up_total"
echo "forged at the upstream:       $up_forged"
echo "caddy RSS after warm-up:      $rss_before KiB"
echo "caddy RSS during (min..max):  $rss_min..$rss_max KiB"
echo "caddy RSS 2 s after:          $rss_after KiB"

fail=0
[ "$up_forged" -eq 0 ] || { echo "FAIL: forged deliveries reached the upstream"; fail=1; }
[ $((g_bad + g_sock)) -eq 0 ] || { echo "FAIL: genuine deliveries failed"; fail=1; }
[ "$f_refused" -eq "$f_req" ] || { echo "FAIL: $((f_req - f_refused)) forged deliveries were not refused"; fail=1; }
# flat memory: the end is within 32 MiB of the warmed-up baseline
[ "$rss_after" -le $((rss_before + 32768)) ] || { echo "FAIL: RSS grew from $rss_before to $rss_after KiB"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
