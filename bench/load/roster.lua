-- Roster reads: venue leads' pages polling their venue's roster
-- (GET /api/venues/{venue}/checkins with a lead's session), each connection
-- one page asking again BAODAO_READ_INTERVAL_MS after its last answer
-- (0: at once, i.e. as many reads as the server can answer).
-- Environment: BAODAO_LEAD_TOKEN, BAODAO_ROSTER_VENUE, BAODAO_READ_INTERVAL_MS.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local token = os.getenv("BAODAO_LEAD_TOKEN")
local venue = os.getenv("BAODAO_ROSTER_VENUE") or "1"
local interval = tonumber(os.getenv("BAODAO_READ_INTERVAL_MS") or "0")

setup = common.setup

function init(args)
  wrk.method = "GET"
  wrk.path = "/api/venues/" .. venue .. "/checkins"
  wrk.headers["Authorization"] = "Bearer " .. token
end

function delay()
  return interval
end

function response(status, headers, body)
  common.count(status, body)
end

function done(summary, latency, requests)
  common.done("roster reads", 1, summary, latency)
end
