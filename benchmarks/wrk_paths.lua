-- wrk: rotate through the paths in the RUTA_PATHS environment variable (comma-separated).
local paths = {}
for path in string.gmatch(os.getenv("RUTA_PATHS") or "/es/", "([^,]+)") do
  table.insert(paths, path)
end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RUTA_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "status_errors": %d, "bytes": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
