-- wrk: one signed-in reader per thread (run with -t N -c N). Each thread sends its own
-- session cookie (RUTA_COOKIES, comma-separated) and rotates through RUTA_PATHS.
local cookies = {}
for cookie in string.gmatch(os.getenv("RUTA_COOKIES") or "", "([^,]+)") do
  table.insert(cookies, cookie)
end
local created = 0
setup = function(thread)
  created = created + 1
  thread:set("cookie", cookies[((created - 1) % #cookies) + 1])
  thread:set("offset", created)
end
local paths = {}
for path in string.gmatch(os.getenv("RUTA_PATHS") or "/es/", "([^,]+)") do
  table.insert(paths, path)
end
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[((counter + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path, {["Cookie"] = cookie})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RUTA_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "status_errors": %d, "bytes": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
