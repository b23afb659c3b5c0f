-- wrk: rotate through RUTA_PATHS (comma-separated) and count answers by status code, and
-- 503s without Retry-After. One JSON line: requests, socket errors, the counts.
local paths = {}
for path in string.gmatch(os.getenv("RUTA_PATHS") or "/es/", "([^,]+)") do
  table.insert(paths, path)
end
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end
local counter = 0
statuses = {}
bare503 = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil then
    bare503 = bare503 + 1
  end
end
done = function(summary, latency, requests)
  local total, bare = {}, 0
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do
      total[code] = (total[code] or 0) + count
    end
    bare = bare + thread:get("bare503")
  end
  local parts = {}
  for code, count in pairs(total) do
    table.insert(parts, string.format('"%d": %d', code, count))
  end
  local e = summary.errors
  io.write(string.format(
    'RUTA_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"timeouts": %d, "bare_503": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout, bare,
    table.concat(parts, ", ")))
end
