# Shared by bench/load.sh and bench/memory.sh: build, start the upstream
# and Caddy on 127.0.0.1, read a process's RSS. Source it from the repo root.
out=bench/results
mkdir -p "$out"
if ! command -v wrk >/dev/null 2>&1; then
	echo "bench: installing wrk (Debian package)" >&2
	if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
if [ -z "${SKIP_BUILD:-}" ] || [ ! -x ./caddy ]; then
	./xcaddy.sh ./caddy
fi
go build -o "$out/upstream" ./bench/upstream
go build -o "$out/sign" ./bench/sign

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
export BENCH_UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-$(freeport)}
export BENCH_GATE_PORT=${BENCH_GATE_PORT:-$(freeport)}
export BENCH_SECRET=bench-secret-$RANDOM$RANDOM

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_port() {
	for _ in $(seq 100); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
		sleep 0.1
	done
	echo "bench: nothing listening on 127.0.0.1:$1" >&2
	cat "$out/caddy.log" >&2
	exit 1
}

# start_servers [upstream flags...]: sets caddy_pid
start_servers() {
	"$out/upstream" -addr "127.0.0.1:$BENCH_UPSTREAM_PORT" "$@" 2>"$out/upstream.log" &
	pids+=($!)
	./caddy run --config bench/Caddyfile --adapter caddyfile >"$out/caddy.log" 2>&1 &
	pids+=($!)
	caddy_pid=$!
	wait_port "$BENCH_UPSTREAM_PORT"
	wait_port "$BENCH_GATE_PORT"
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# sample_rss pid file: appends the RSS (KiB) every 0.5 s until killed
sample_rss() { while kill -0 "$1" 2>/dev/null; do rss_kib "$1" >>"$2"; sleep 0.5; done; }

upstream_stats() { curl -s "http://127.0.0.1:$BENCH_UPSTREAM_PORT/__stats"; }
