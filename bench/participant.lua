-- wrk script for the audited API read: GET /api/v1/participants/{id} with a bearer token.
--
-- Environment:
--   SAMMEN_BENCH_TOKEN  the API token (smn_...), sent as "Authorization: Bearer ..."
--   SAMMEN_BENCH_IDS    a file with one participant id per line; requests cycle through them
--
-- Every thread (wrk runs this file once per thread, in its own Lua state) starts at a
-- different offset so that the threads do not ask for the same participant in lockstep.
-- A `done` hook would cost nothing, but a `response` hook makes wrk parse every response
-- in Lua and slows the client, so status codes are left to wrk's own
-- "Non-2xx or 3xx responses" line, which bench/run.sh checks.

local token = os.getenv("SAMMEN_BENCH_TOKEN")
local ids_file = os.getenv("SAMMEN_BENCH_IDS")
assert(token and token ~= "", "SAMMEN_BENCH_TOKEN is not set")
assert(ids_file and ids_file ~= "", "SAMMEN_BENCH_IDS is not set")

local ids = {}
for line in io.lines(ids_file) do
  if line ~= "" then ids[#ids + 1] = line end
end
assert(#ids > 0, "no participant ids in " .. ids_file)

local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
local paths = {}
for i, id in ipairs(ids) do paths[i] = "/api/v1/participants/" .. id end

local counter = 0
local threads_seen = 0

-- Runs in the main Lua state, once per thread; `offset` becomes a global of that thread.
function setup(thread)
  thread:set("offset", threads_seen * 7919)
  threads_seen = threads_seen + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end
