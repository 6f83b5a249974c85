-- wrk script: forged deliveries, cycling through several kinds of forgery,
-- of the body in $BENCH_BODY_FILE (whose true signature is $BENCH_SIG).
-- Every one must be refused: wrk counts each refusal as a non-2xx.
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()
local sig = os.getenv("BENCH_SIG")
local other = os.getenv("BENCH_OTHER_SIG") -- a true signature of another body
local tampered = body:sub(1, -3) .. "X" .. body:sub(-1)
local path = os.getenv("BENCH_PATH") or "/verified"

local kinds = {
	function() return wrk.format("POST", path, {["X-Signature"] = other}, body) end,
	function() return wrk.format("POST", path, {["X-Signature"] = sig}, tampered) end,
	function() return wrk.format("POST", path, {}, body) end,
	function() return wrk.format("POST", path, {["X-Signature"] = sig:sub(1, -3)}, body) end,
	function() return wrk.format("POST", path, {["X-Signature"] = "sha256=" .. string.rep("0", 64)}, body) end,
	function() return "POST " .. path .. " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Signature: " .. other ..
		"\r\nX-Signature: " .. sig .. "\r\nContent-Length: " .. #body .. "\r\n\r\n" .. body end,
}
local i = 0
request = function()
	i = i + 1
	return kinds[(i % #kinds) + 1]()
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
