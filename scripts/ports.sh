# Sourced by scripts/try-example.sh and scripts/run-example.sh (and .ci/run):
# finding free local ports.

# busy PORT: something accepts connections on PORT (IPv4 or IPv6 loopback).
busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null
}
# free_port [EXCEPT]: a port in 20000-59999 that nothing listens on.
free_port() {
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 40000))
		if [ "$p" != "${1:-}" ] && ! busy "$p"; then
			echo "$p"
			return 0
		fi
	done
	echo "found no free port" >&2
	return 1
}
# example_ports: sets and exports HOOKGATE_PORT and HOOKGATE_APP_PORT for
# Caddyfile.example, free ones unless given; a given port must be free too:
# Caddy listens with SO_REUSEPORT, so on a port another Caddy holds it
# would start anyway and share the connections with it.
example_ports() {
	local port
	for port in ${HOOKGATE_PORT:-} ${HOOKGATE_APP_PORT:-}; do
		if busy "$port"; then
			echo "port $port is taken; unset HOOKGATE_PORT and HOOKGATE_APP_PORT to pick free ones" >&2
			return 1
		fi
	done
	HOOKGATE_PORT=${HOOKGATE_PORT:-$(free_port)} || return 1
	HOOKGATE_APP_PORT=${HOOKGATE_APP_PORT:-$(free_port "$HOOKGATE_PORT")} || return 1
	export HOOKGATE_PORT HOOKGATE_APP_PORT
	unset HOOKGATE_ADMIN
}
