-- POSTs one SubjectAccessReview (the file named by SAR_BODY_FILE) with kube-apiserver's headers,
-- keep-alive. Prints one machine-readable line for bench/authorizer-server.
local file = assert(io.open(os.getenv("SAR_BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.path = "/webhooks/auth/seed?timeout=10s"
wrk.headers["User-Agent"] = "Go-http-client/1.1"
wrk.headers["Accept"] = "application/json, */*"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Encoding"] = "gzip"

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_us=%d p99_us=%d\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50), latency:percentile(99)))
end
