-- Steady mixed traffic for scripts/soak: a SubjectAccessReview the example garden allows, a
-- CloudProfile AdmissionReview, and /healthz, in turn. Every answer is checked; `delay` paces each
-- connection at SOAK_INTERVAL_MS between requests. Prints one machine-readable line.
local function read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

local root = os.getenv("SOAK_ROOT") or "."
local json = { ["Content-Type"] = "application/json", ["Host"] = "localhost" }
local requests = {
  wrk.format("POST", "/webhooks/auth/seed", json, read(root .. "/examples/reviews/sar-get-own-shoot.json")),
  wrk.format("POST", "/webhooks/validate/cloudprofiles", json, read(root .. "/examples/reviews/admissionreview-cloudprofile-status-update.json")),
  wrk.format("GET", "/healthz", { ["Host"] = "localhost" }),
}
local interval = tonumber(os.getenv("SOAK_INTERVAL_MS") or "10")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  next_request = 0
  wrong = 0
end

function delay()
  return interval
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

-- Each expected answer allows: the SAR and the review say so, /healthz says "ok".
function response(status, headers, body)
  if status ~= 200 or not (body == "ok" or string.find(body, '"allowed":true', 1, true)) then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local wrong_total = 0
  for _, thread in ipairs(threads) do wrong_total = wrong_total + thread:get("wrong") end
  local e = summary.errors
  io.write(string.format("SOAK requests=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non_2xx=%d wrong_answers=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, e.connect, e.read, e.write, e.timeout, e.status, wrong_total,
    latency:percentile(50), latency:percentile(99), latency.max))
end
