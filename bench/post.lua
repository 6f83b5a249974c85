-- wrk script: POST the body in $BENCH_BODY_FILE with X-Signature $BENCH_SIG,
-- and print one machine-readable line at the end:
-- RESULT <requests> <req/s> <p99 µs> <non-2xx> <socket errors>
-- Optional: $BENCH_PACE_MS waits that long before each request on a
-- connection (the rate is then at most connections × 1000 / BENCH_PACE_MS
-- a second).
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "")

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature"] = os.getenv("BENCH_SIG")

if pace then
	delay = function() return pace end
end

done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT %d %.1f %d %d %d\n",
		summary.requests,
		summary.requests / (summary.duration / 1e6),
		latency:percentile(99),
		e.status,
		e.connect + e.read + e.write + e.timeout))
end
