-- POSTs one AdmissionReview (the file named by REVIEW_BODY_FILE) to REVIEW_PATH with
-- kube-apiserver's admission headers, keep-alive. Prints one machine-readable line for
-- bench/admission-server.
local file = assert(io.open(os.getenv("REVIEW_BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.path = os.getenv("REVIEW_PATH") .. "?timeout=10s"
wrk.headers["User-Agent"] = "kube-apiserver-admission"
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
