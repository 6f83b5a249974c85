#!/usr/bin/env bash
# hookgate spool load run: acknowledgements with the app down, beside plain
# reverse_proxy, then the drain and the steady state at three app speeds.
#
# Starts Caddy with bench/spool.Caddyfile: a webhook_verify hmac route
# with the spool on (store file in a fresh directory, concurrency
# $CONCURRENCY) in front of bench/upstream (which re-checks every
# delivery's signature), and a plain reverse_proxy route to a second
# upstream, the baseline. In one run, same machine, same body size:
#
#  1. plain reverse_proxy for DOWN: requests/s and p99;
#  2. the spool with its app down for DOWN: acknowledgements/s and p99
#     (targets: >= 0.5 x plain, p99 <= 20 ms);
#  3. for each app delay in DELAYS (0, 20ms, 200ms): with the app down,
#     a backlog of about BACKLOG deliveries (sent paced over 2 s); the app
#     comes up with that delay
#     and the backlog is timed until drained (target, for a delay d > 0:
#     >= 0.8 x CONCURRENCY / d deliveries a second); then, the app up,
#     deliveries for UP at about half of what the app can take (paced
#     connections): the backlog (stored and not yet at the app), sampled
#     every 0.2 s, must stay bounded (at most BOUND, and at most BOUND/4
#     when the ingest stops: what is in flight, not a growing queue);
#  4. after everything, the app must have every stored delivery exactly
#     once (the gate's hookgate_spool_stored_total == the app's count),
#     none forged or altered, every delivery wrk saw acknowledged among
#     those stored, no dead letters and the spool empty (`caddy webhook
#     spool list`).
#
# Exactly once is checked by count: every body is the same signed 1 KiB
# (wrk sends one body), so a copy shows as one delivery more at the app
# than stored; the run's deliveries have no replay guard (it would answer
# wrk's identical bodies as copies), the tests prove the replay side.
#
# wrk counts only the requests it saw answered: the few still in flight
# when it stops may have been stored and acknowledged to a connection wrk
# was closing. So acknowledged (wrk) <= stored, by at most CONNECTIONS per
# wrk run; stored == delivered must hold exactly.
#
# Knobs: DOWN=10s  UP=10s  CONNECTIONS=8  SIZE=1024  CONCURRENCY=32
#        DELAYS="0 20ms 200ms"  BACKLOG=2000  BOUND=1000  DRAIN_TIMEOUT=120 (s)
#        SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
DOWN=${DOWN:-10s}
UP=${UP:-10s}
CONNECTIONS=${CONNECTIONS:-8}
SIZE=${SIZE:-1024}
CONCURRENCY=${CONCURRENCY:-32}
DELAYS=${DELAYS:-0 20ms 200ms}
BACKLOG=${BACKLOG:-2000}
BOUND=${BOUND:-1000}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-120}
. bench/lib.sh

export BENCH_ADMIN_PORT=${BENCH_ADMIN_PORT:-$(freeport)}
export BENCH_PLAIN_PORT=${BENCH_PLAIN_PORT:-$(freeport)}
export BENCH_CONCURRENCY=$CONCURRENCY
export BENCH_SPOOL_DIR="$PWD/$out/spool-store"
rm -rf "$BENCH_SPOOL_DIR"
now() { date +%s.%N; }
metric() { # name: the value summed over the gate's series, as an integer
	curl -s "http://127.0.0.1:$BENCH_ADMIN_PORT/metrics" |
		awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $2} END {printf "%d\n", s}'
}
app_count() { # field of the app's /__stats (requests or forged); 0 while it is down
	curl -s "http://127.0.0.1:$BENCH_UPSTREAM_PORT/__stats" 2>/dev/null | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" | grep . || echo 0
}
spool_list() { ./caddy webhook spool list --address "127.0.0.1:$BENCH_ADMIN_PORT" "$@"; }
ms() { # a duration such as 20ms or 0 in milliseconds
	case $1 in 0) echo 0 ;; *ms) echo "${1%ms}" ;; *s) echo $((${1%s} * 1000)) ;; *) echo "$1" ;; esac
}
result() { awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$1"; }

body="$out/spool-body.bin"
sig=$("$out/sign" -size "$SIZE" -secret "$BENCH_SECRET" -out "$body")
export BENCH_BODY_FILE=$body BENCH_SIG=$sig

# The gate and the baseline's upstream; the spool's app is down.
"$out/upstream" -addr "127.0.0.1:$BENCH_PLAIN_PORT" 2>"$out/upstream-plain.log" &
pids+=($!)
./caddy run --config bench/spool.Caddyfile --adapter caddyfile >"$out/caddy.log" 2>&1 &
pids+=($!)
wait_port "$BENCH_PLAIN_PORT"
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
acked=1 unacked=0 wrk_runs=0
count_wrk() { # file: adds its acknowledged and refused requests
	local req rps p99 non2xx sock
	read -r req rps p99 non2xx sock < <(result "$1")
	acked=$((acked + req - non2xx - sock)) unacked=$((unacked + non2xx + sock)) wrk_runs=$((wrk_runs + 1))
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# 1 and 2: the baseline and the acknowledgements, app down.
wrk -t1 -c"$CONNECTIONS" -d"$DOWN" --latency -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/plain" >"$out/spool-plain.txt"
wrk -t1 -c"$CONNECTIONS" -d"$DOWN" --latency -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/spooled" >"$out/spool-down.txt"
count_wrk "$out/spool-down.txt"
read -r _ p_rps p_p99 _ _ < <(result "$out/spool-plain.txt")
read -r d_req d_rps d_p99 _ _ < <(result "$out/spool-down.txt")
ratio=$(awk -v a="$d_rps" -v b="$p_rps" 'BEGIN {printf "%.2f", a / b}')

# The app (re)starts with a delay; the backlog drains.
app_pid=
app_up() {
	"$out/upstream" -addr "127.0.0.1:$BENCH_UPSTREAM_PORT" -secret "$BENCH_SECRET" -delay "$1" 2>>"$out/upstream.log" &
	app_pid=$!
	pids+=($app_pid)
	wait_port "$BENCH_UPSTREAM_PORT"
}
app_down() { # keeps the count: the app's /__stats restarts at 0
	[ -n "$app_pid" ] || return 0
	at_app_before=$((at_app_before + $(app_count requests)))
	forged_before=$((forged_before + $(app_count forged)))
	kill "$app_pid"
	wait "$app_pid" 2>/dev/null || true
	app_pid=
}
at_app_before=0 forged_before=0
at_app() { echo $((at_app_before + $(app_count requests))); }
wait_drained() { # until the app has everything stored; prints the seconds it took
	local start deadline
	start=$(now)
	deadline=$(($(date +%s) + DRAIN_TIMEOUT))
	while [ "$(at_app)" -lt "$(metric hookgate_spool_stored_total)" ] && [ "$(date +%s)" -lt "$deadline" ]; do
		sleep 0.05
	done
	awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'
}

# What the backlog drained before: the ack run's, with the app at full speed.
app_up 0
first_drain=$(wait_drained)

report=()
misses=()
for delay in $DELAYS; do
	d_ms=$(ms "$delay")
	app_down
	BENCH_PACE_MS=$((CONNECTIONS * 2000 / BACKLOG)) wrk -t1 -c"$CONNECTIONS" -d2s -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/spooled" >"$out/spool-backlog-$delay.txt"
	count_wrk "$out/spool-backlog-$delay.txt"
	backlog=$(($(metric hookgate_spool_stored_total) - $(at_app)))
	app_up "$delay"
	secs=$(wait_drained)
	rate=$(awk -v n="$backlog" -v s="$secs" 'BEGIN {printf "%.0f", n / s}')
	target=
	if [ "$d_ms" -gt 0 ]; then
		target=$(awk -v c="$CONCURRENCY" -v d="$d_ms" 'BEGIN {printf "%.0f", 0.8 * c * 1000 / d}')
		[ "$rate" -ge "$target" ] || misses+=("drain with the app at $delay: $rate/s < $target/s")
	fi
	# Held ingest: about half of what the app takes (delay 0: the
	# connections paced at 4 ms, at most 2,000/s with 8).
	if [ "$d_ms" -gt 0 ]; then
		cap=$((CONCURRENCY * 1000 / d_ms))
		pace=$((CONNECTIONS * 1000 * 2 / cap))
	else
		pace=4
	fi
	BENCH_PACE_MS=$pace wrk -t1 -c"$CONNECTIONS" -d"$UP" -s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/spooled" >"$out/spool-held-$delay.txt" &
	held_wrk=$!
	max_backlog=0
	while kill -0 "$held_wrk" 2>/dev/null; do
		b=$(($(metric hookgate_spool_stored_total) - $(at_app)))
		[ "$b" -le "$max_backlog" ] || max_backlog=$b
		sleep 0.2
	done
	wait "$held_wrk"
	count_wrk "$out/spool-held-$delay.txt"
	read -r h_req h_rps _ _ _ < <(result "$out/spool-held-$delay.txt")
	end_backlog=$(($(metric hookgate_spool_stored_total) - $(at_app)))
	bounded=yes
	if [ "$max_backlog" -gt "$BOUND" ] || [ "$end_backlog" -gt $((BOUND / 4)) ]; then
		bounded=no
		misses+=("backlog with the app at $delay not bounded: max $max_backlog, at the end $end_backlog")
	fi
	wait_drained >/dev/null
	report+=("$(printf 'app %-6s drained %5d in %6.2f s: %6d/s%s; held ingest %5.0f/s for %s: backlog max %d, at the end %d (bounded: %s)' \
		"$delay" "$backlog" "$secs" "$rate" "${target:+ (target >= $target/s)}" "$h_rps" "$UP" "$max_backlog" "$end_backlog" "$bounded")")
done

sleep 2 # time for a duplicate to show up
delivered=$(at_app)
forged=$((forged_before + $(app_count forged)))
stored=$(metric hookgate_spool_stored_total)
failures=$(metric hookgate_spool_store_failures_total)
dead=$(metric hookgate_spool_dead_letters_total)
listing=$(spool_list)

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hookgate spool load run: $CONNECTIONS connections, $SIZE-byte bodies, store file, concurrency $CONCURRENCY"
echo "plain reverse_proxy:             ${p_rps}/s, p99 $(awk -v u="$p_p99" 'BEGIN {printf "%.1f", u / 1000}') ms"
echo "acknowledged, app down:          $d_req in $DOWN (${d_rps}/s, p99 $(awk -v u="$d_p99" 'BEGIN {printf "%.1f", u / 1000}') ms; ${ratio} x plain)"
echo "that backlog drained:            in ${first_drain} s by an instant app"
for line in "${report[@]}"; do echo "$line"; done
echo "not acknowledged (non-2xx/sock): $unacked"
echo "stored by the gate:              $stored (store failures: $failures)"
echo "delivered to the app:            $delivered (forged or altered: $forged)"
echo "dead letters:                    $dead"
echo "acknowledged (wrk) vs stored:    $acked vs $stored (in flight when wrk stopped: $((stored - acked)))"
echo "spool after the run:             $listing"

awk -v r="$ratio" 'BEGIN {exit !(r < 0.5)}' && misses+=("acknowledgements with the app down: $ratio x plain < 0.5")
[ "$d_p99" -le 20000 ] || misses+=("acknowledgement p99 $((d_p99 / 1000)) ms > 20 ms")
for m in "${misses[@]}"; do echo "target missed: $m"; done

fail=0
[ "$unacked" -eq 0 ] || { echo "FAIL: deliveries were not acknowledged"; fail=1; }
[ "$delivered" -ge "$stored" ] || { echo "FAIL: $((stored - delivered)) stored deliveries never reached the app"; fail=1; }
[ "$delivered" -le "$stored" ] || { echo "FAIL: $((delivered - stored)) deliveries reached the app twice"; fail=1; }
[ "$forged" -eq 0 ] || { echo "FAIL: $forged deliveries reached the app altered"; fail=1; }
[ "$acked" -le "$stored" ] || { echo "FAIL: $((acked - stored)) acknowledged deliveries were not stored"; fail=1; }
[ $((stored - acked)) -le $((wrk_runs * CONNECTIONS)) ] || { echo "FAIL: $((stored - acked)) more stored than acknowledged"; fail=1; }
[ "$dead" -eq 0 ] || { echo "FAIL: $dead dead letters"; fail=1; }
[ "$listing" = "no spooled deliveries" ] || { echo "FAIL: the spool is not empty"; fail=1; }
if [ -n "${STRICT_TARGETS:-}" ] && [ ${#misses[@]} -gt 0 ]; then
	echo "FAIL: targets missed (STRICT_TARGETS)"; fail=1
fi
[ $fail -eq 0 ] && echo "PASS"
exit $fail
