-- Shared by roster.lua and ingest.lua: per-thread counters collected in
-- done(), and the summary line run.sh reads.
local M = {}

local threads = {}

function M.setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function M.count(status, body)
  if status == 200 then
    ok = (ok or 0) + 1
  else
    -- The first refusal's answer says why (once per thread).
    if not failed then io.stderr:write("first non-200 answer: ", status, " ", body or "", "\n") end
    failed = (failed or 0) + 1
  end
end

function M.done(label, unit_per_request, summary, latency)
  local ok_total, failed_total = 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    failed_total = failed_total + (t:get("failed") or 0)
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "%s: %d requests in %.1f s = %.0f req/s (%.0f %s/s); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; non-200 answers %d, socket errors %d\n",
    label, summary.requests, seconds, summary.requests / seconds,
    ok_total * unit_per_request / seconds, label == "ingest" and "check-ins" or "rosters",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    failed_total, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

return M
