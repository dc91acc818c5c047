-- wrk script for POST /v1/suggest: each request carries the next description of a suite (default: the holdout
-- suite), so the server never answers the same text twice in a row. Usage (bench/serve-load.sh does this):
--   wrk -t2 -c32 -d20s -s bench/wrk-suggest.lua http://127.0.0.1:5077 -- data/suites/holdout.jsonl
local bodies = {}
local next_body = 1

function init(args)
  local suite = args[1] or "data/suites/holdout.jsonl"
  for line in io.lines(suite) do
    -- The description is already a JSON string in the suite line; it is copied as it is, escapes and all.
    local description = line:match('"description":"(.-)","domains":')
    if description then
      bodies[#bodies + 1] = '{"business_description":"' .. description .. '"}'
    end
  end
  if #bodies == 0 then
    error("no answerable descriptions in " .. suite)
  end
  -- Each wrk thread starts at a different place in the suite.
  next_body = (math.random(#bodies))
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/v1/suggest", { ["Content-Type"] = "application/json" }, body)
end

local non_success = 0

function response(status, headers, body)
  if status ~= 200 then
    non_success = non_success + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors (socket): %d connect, %d read, %d write, %d timeout; non-2xx: %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; %.1f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
