-- wrk: one signed-in reader per thread (run with -t N -c N). Each thread sends its own
-- session cookie (RUTA_COOKIES, comma-separated) and rotates through RUTA_PATHS.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")
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
local paths = ruta_paths()
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[((counter + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path, {["Cookie"] = cookie})
end
