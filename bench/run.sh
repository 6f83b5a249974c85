#!/usr/bin/env bash
# hookgate benchmark: one command.
#
# Builds ./caddy (via ./xcaddy.sh), starts bench/upstream, starts Caddy with
# bench/Caddyfile (a plain reverse_proxy route and a webhook_verify route in
# the same server), signs bodies of 1 KiB, 64 KiB and 1 MiB, and drives the
# same POSTs through both routes with wrk. Prints requests per second, p99
# latency and the ratio verified/plain for each size.
#
# Everything listens on 127.0.0.1. Knobs (environment):
#   DURATION=5s      wrk run length per route, size and round
#   ROUNDS=5         plain/verified pairs per size, run back to back with
#                    the order alternating; the table shows the median rps
#                    and p99 of each route and the median of the per-round
#                    ratios (paired runs cancel out background load, which
#                    on a shared machine is the biggest source of noise)
#   CONNECTIONS=16   wrk connections;  THREADS=1  wrk threads
#   SIZES="1024 65536 1048576"
#   SKIP_BUILD=1     reuse an existing ./caddy
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
SIZES=${SIZES:-"1024 65536 1048576"}
ROUNDS=${ROUNDS:-5}

. bench/lib.sh
start_servers

# one route, one size: prints "rps p99_us non2xx sockerr"
drive() { # route body sig duration
	BENCH_BODY_FILE=$2 BENCH_SIG=$3 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency \
		-s bench/post.lua "http://127.0.0.1:$BENCH_GATE_PORT/$1" >"$out/wrk-$1-$(basename "$2").txt"
	awk '/^RESULT/ {print $3, $4, $5, $6}' "$out/wrk-$1-$(basename "$2").txt"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
human() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%g MiB", b/1048576; else if (b >= 1024) printf "%g KiB", b/1024; else printf "%d B", b }'; }

echo "hookgate bench: $(nproc) CPUs, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS round(s), caddy $(./caddy version | cut -d' ' -f1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s | %12s %10s | %12s %10s | %6s | %-6s | %s\n' size "plain rps" "plain p99" "verify rps" "verify p99" ratio errors "per-round ratios"
failed=0
for size in $SIZES; do
	body="$out/body-$size.bin"
	sig=$("$out/sign" -size "$size" -secret "$BENCH_SECRET" -out "$body")
	# a real delivery must pass and a forged one must not, before timing
	code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Signature: $sig" --data-binary @"$body" "http://127.0.0.1:$BENCH_GATE_PORT/verified")
	bad=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Signature: sha256=00" --data-binary @"$body" "http://127.0.0.1:$BENCH_GATE_PORT/verified")
	if [ "$code" != 200 ] || [ "$bad" != 401 ]; then
		echo "run.sh: sanity check failed at $size bytes: signed $code, forged $bad" >&2
		exit 1
	fi
	drive plain "$body" "$sig" 2s >/dev/null   # warm-up
	drive verified "$body" "$sig" 2s >/dev/null
	: >"$out/rounds-$size"
	for r in $(seq "$ROUNDS"); do
		if [ $((r % 2)) -eq 1 ]; then
			p=$(drive plain "$body" "$sig" "$DURATION"); v=$(drive verified "$body" "$sig" "$DURATION")
		else
			v=$(drive verified "$body" "$sig" "$DURATION"); p=$(drive plain "$body" "$sig" "$DURATION")
		fi
		echo "$p $v" >>"$out/rounds-$size"
	done
	prps=$(awk '{print $1}' "$out/rounds-$size" | median)
	pp99=$(awk '{print $2}' "$out/rounds-$size" | median)
	vrps=$(awk '{print $5}' "$out/rounds-$size" | median)
	vp99=$(awk '{print $6}' "$out/rounds-$size" | median)
	errs=$(awk '{s += $3 + $4 + $7 + $8} END {print s+0}' "$out/rounds-$size")
	[ "$errs" -eq 0 ] || failed=1
	ratio=$(awk '{printf "%.3f\n", $5/$1}' "$out/rounds-$size" | median)
	ratios=$(awk '{printf "%.2f ", $5/$1}' "$out/rounds-$size")
	printf '%-8s | %12.0f %8.2fms | %12.0f %8.2fms | %6s | %-6s | %s\n' "$(human "$size")" "$prps" "$(awk -v u="$pp99" 'BEGIN{print u/1000}')" \
		"$vrps" "$(awk -v u="$vp99" 'BEGIN{print u/1000}')" "$ratio" "$errs" "$ratios"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "caddy RSS after the run: $(awk '/VmRSS/ {print $2, $3}' "/proc/$caddy_pid/status")"
echo "raw wrk output: $out/"
exit $failed
