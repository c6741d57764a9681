-- The load test's request mix (tests/load/run.sh): each connection cycles through reads, set
-- queries, writes, eNMS reads, toolkit executions on emulated devices, run_service and job
-- lists. Every answer that is not 2xx is counted and printed; the run fails on any.
local token = os.getenv("LOAD_TOKEN")
local command = os.getenv("LOAD_COMMAND")
local credential = os.getenv("LOAD_CREDENTIAL")
local deviceIds = {}
for id in string.gmatch(os.getenv("LOAD_DEVICE_IDS"), "%d+") do
    deviceIds[#deviceIds + 1] = id
end
local runLabel = os.getenv("LOAD_RUN")

local threads = {}
function setup(thread)
    thread:set("number", #threads + 1)
    threads[#threads + 1] = thread
end

-- Globals: done() reads each thread's through thread:get().
counter = 0
failures = 0
firstFailure = nil
local headers = {
    ["Authorization"] = "Token " .. token,
    ["Content-Type"] = "application/json",
}

function request()
    counter = counter + 1
    local slot = counter % 10
    local device = deviceIds[(counter % #deviceIds) + 1]
    if slot <= 3 then
        return wrk.format("GET", "/api/sites/1/devices/?limit=50&offset=" .. (counter % 4) * 50, headers)
    elseif slot == 4 then
        return wrk.format("GET", "/api/sites/1/devices/query/?query=role%3Dcore+-vendor%3Djunos", headers)
    elseif slot == 5 then
        local name = string.format("load-%s-%d-%d", runLabel, number, counter)
        return wrk.format("POST", "/api/sites/1/devices/", headers,
            '{"hostname": "' .. name .. '", "attributes": {"role": "edge", "vendor": "eos"}}')
    elseif slot == 6 then
        return wrk.format("GET", "/rest/instance/device/load-device-1", headers)
    elseif slot == 7 then
        return wrk.format("POST", "/api/plugins/toolkit/commands/" .. command .. "/execute/", headers,
            '{"device_id": ' .. device .. ', "credential_token": "' .. credential .. '"}')
    elseif slot == 8 then
        return wrk.format("POST", "/rest/run_service", headers,
            '{"name": "load-render", "devices": ["load-device-1"]}')
    else
        return wrk.format("GET", "/api/jobs/?limit=10", headers)
    end
end

function response(status, headers, body)
    if status >= 300 then
        failures = failures + 1
        if not firstFailure then
            firstFailure = status .. " " .. string.sub(body, 1, 200)
        end
    end
end

function done(summary, latency, requests)
    local failed = 0
    for _, thread in ipairs(threads) do
        failed = failed + thread:get("failures")
        local first = thread:get("firstFailure")
        if first then
            io.write("first failure: " .. first .. "\n")
        end
    end
    local errors = summary.errors
    io.write(string.format(
        "LOAD requests=%d failures=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
        summary.requests, failed, errors.connect + errors.read + errors.write + errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
