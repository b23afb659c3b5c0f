-- wrk: rotate through the paths in the RUTA_PATHS environment variable (comma-separated).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk_report.lua")
local paths = ruta_paths()
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
