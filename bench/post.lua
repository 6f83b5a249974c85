-- wrk script: POST the body in $BENCH_BODY_FILE with X-Signature $BENCH_SIG,
-- and print one machine-readable line at the end:
-- RESULT <requests> <req/s> <p99 µs> <non-2xx> <socket errors>
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature"] = os.getenv("BENCH_SIG")

done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %d %.1f %d %d %d\n",
		summary.requests,
		summary.requests / (summary.duration / 1e6),
		latency:percentile(99),
		e.status,
		e.connect + e.read + e.write + e.timeout))
end
