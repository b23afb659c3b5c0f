-- wrk reporter: one JSON line with throughput, p50/p95 latency and error counts. The other
-- wrk scripts load this file (dofile) for that line and for the RUTA_PATHS list.
function ruta_paths()
  local paths = {}
  for path in string.gmatch(os.getenv("RUTA_PATHS") or "/es/", "([^,]+)") do
    table.insert(paths, path)
  end
  return paths
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RUTA_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "status_errors": %d, "bytes": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
