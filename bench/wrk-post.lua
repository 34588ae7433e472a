-- A 400-byte JSON POST (the size of a small SubjectAccessReview), keep-alive unless the
-- caller adds `Connection: close`. Prints one machine-readable line for bench/server.
wrk.method = "POST"
wrk.path = "/bench"
wrk.headers["Content-Type"] = "application/json"
local filler = string.rep("x", 400 - 76)
wrk.body = '{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","x":"' .. filler .. '"}'

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_us=%d p99_us=%d\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50), latency:percentile(99)))
end
