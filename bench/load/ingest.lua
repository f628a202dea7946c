-- Ingest: phones syncing small batches (POST /api/sync), every record a new
-- id, with the venue's genuine signed poster code. Each request comes from
-- another client address (X-Forwarded-For, documentation ranges only; the
-- server runs with BAODAO_TRUST_FORWARDED_FOR=1), as a venue's phones behind
-- a proxy would, so the per-address sync limit is not what is measured.
-- Environment: BAODAO_VENUE_CODE, BAODAO_INGEST_VENUE, BAODAO_BATCH.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local code = os.getenv("BAODAO_VENUE_CODE")
local venue = tonumber(os.getenv("BAODAO_INGEST_VENUE") or "2")
local per_batch = tonumber(os.getenv("BAODAO_BATCH") or "5")

setup = common.setup

local counter = 0
local prefix

function init(args)
  -- A prefix per thread and run: ids never repeat across threads or runs.
  math.randomseed(os.time() * 1000 + id)
  prefix = string.format("%08x-%04x", math.random(0, 0x7fffffff), math.random(0, 0xffff))
end

local function uuid()
  counter = counter + 1
  return string.format("%s-4%03x-8%03x-%012x", prefix, id, 0, counter)
end

function request()
  local now = os.time() * 1000
  local items = {}
  for i = 1, per_batch do
    items[i] = string.format(
      '{"id":"%s","event":1,"venue":%d,"kind":"in","code":"%s","device_time_ms":%d,' ..
      '"volunteer":{"name":"压测%d","mobile":"13800138000","organisation":"第一中学"}}',
      uuid(), venue, code, now, counter)
  end
  local body = string.format('{"device_time_ms":%d,"items":[%s]}', now, table.concat(items, ","))
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("198.51.100.%d, 203.0.113.%d", math.random(1, 254), math.random(1, 254)),
  }
  return wrk.format("POST", "/api/sync", headers, body)
end

function response(status, headers, body)
  common.count(status, body)
end

function done(summary, latency, requests)
  common.done("ingest", per_batch, summary, latency)
end
