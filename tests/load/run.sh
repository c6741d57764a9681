#!/usr/bin/env bash
# Load and soak: wrk drives one `cairn serve` with a mix of NSoT reads, set queries and writes,
# eNMS reads, toolkit executions on emulated devices (sshd-like, tests/bench's emulator) and
# run_service (tests/load/mix.lua): a warm-up run, then two runs. Fails on any error answer or
# socket error, or when the server's resident memory after the second run exceeds that after
# the first by more than 5% (a leak grows with the requests served). Prints p50/p99 latency per
# run.
#   tests/load/run.sh [path/to/build]     DURATION (60 s a run), CONNECTIONS (64), THREADS (2),
#                                         MAX_GROWTH_PERCENT (5), DEVICES (the emulator,
#                                         from the same build unless given: a ThreadSanitizer
#                                         build cannot start sshd, docs/testing.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
duration=${DURATION:-60}
connections=${CONNECTIONS:-64}
devices=8
emulator=${DEVICES:-$build/tests/cairn-bench-devices}
. "$root/tests/bench/lib.sh"
bench_require "$build/app/cairn" "$emulator" -- wrk curl

coproc DEVICES_PROC { "$emulator" "$devices"; }
read -r _ ports_line <&"${DEVICES_PROC[0]}"
read -r _ user <&"${DEVICES_PROC[0]}"
read -r _ password <&"${DEVICES_PROC[0]}"
read -r -a ports <<<"$ports_line"
[ "${#ports[@]}" -eq "$devices" ] || { echo "load: the emulated devices did not start" >&2; exit 1; }
trap 'exec {DEVICES_PROC[1]}>&-; bench_cleanup' EXIT

# Rate limits are for people; this is one script going as fast as it can.
printf '[toolkit]\ndevice_command_limit=100000000\n' >"$bench_work/cairn.ini"
bench_start_cairn "$build/app/cairn" --config "$bench_work/cairn.ini"
base="http://127.0.0.1:$bench_cairn_port"
auth="Authorization: Token $bench_token"
post() { # path json -> body
    curl -sf -H "$auth" -H "Content-Type: application/json" --data-binary "$2" "$base/$1"
}
py=/usr/bin/python3
json_field() { $py -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

for name in role vendor; do
    post api/sites/1/attributes/ "{\"name\": \"$name\", \"resource_name\": \"Device\"}" >/dev/null
done
post api/sites/1/devices/ "$($py -c '
import json
print(json.dumps([{"hostname": "load-base-%03d" % i, "attributes": {
    "role": ["core", "edge", "access"][i % 3], "vendor": ["eos", "junos"][i % 2]}}
    for i in range(500)]))')" >/dev/null
device_ids=$(post api/devices/ "$($py -c '
import json, sys
print(json.dumps([{"hostname": "load-device-%d" % i, "ip_address": "127.0.0.1", "port": int(p),
                   "platform": "cisco_ios"} for i, p in enumerate(sys.argv[1:])]))' "${ports[@]}")" |
    $py -c 'import json, sys; print(",".join(str(d["id"]) for d in json.load(sys.stdin)))')
command_id=$(post api/plugins/toolkit/commands/ \
    '{"name": "Show version", "command": "show version", "platforms": ["cisco_ios"]}' | json_field id)
credential=$(post api/plugins/toolkit/credential-sets/ \
    "{\"name\": \"load\", \"username\": \"$user\", \"password\": \"$password\"}" |
    json_field credential_token)
post rest/instance/service \
    '{"name": "load-render", "type": "template_service", "template": "{{ device.name }}"}' >/dev/null

resident_kib() { awk '/^VmRSS/ {print $2}' "/proc/$bench_cairn_pid/status"; }
memory_after() { # label -> prints the server's memory and the data folder's size
    awk -v label="$1" -v data="$(du -sm "$bench_work/data" | cut -f1)" '
        /^RssAnon/ {anon = $2} /^RssFile/ {file = $2} /^VmRSS/ {rss = $2}
        END {printf "  after run %s: resident %d MiB (%d anonymous, %d file), data folder %d MiB\n",
             label, rss / 1024, anon / 1024, file / 1024, data}' "/proc/$bench_cairn_pid/status"
}
run() { # label -> prints wrk's LOAD line; fails on errors
    local output
    output=$(LOAD_TOKEN=$bench_token LOAD_COMMAND=$command_id LOAD_CREDENTIAL=$credential \
        LOAD_DEVICE_IDS=$device_ids LOAD_RUN=$1 \
        wrk -t"${THREADS:-2}" -c"$connections" -d"${duration}s" --timeout 10s \
        -s "$here/mix.lua" "$base")
    echo "$output" | grep -E '^(first failure|LOAD)' | sed "s/^/  run $1: /"
    echo "$output" | grep -q 'LOAD .* failures=0 socket_errors=0 ' || {
        echo "$output" >&2
        echo "load: run $1 had errors" >&2
        return 1
    }
}

echo "load: $connections connections, ${duration} s a run, $devices emulated devices"
# A first run fills what is meant to fill (each thread's database connection and its page
# cache, session pools, the allocator's arenas); the two runs after it are compared.
run warm-up
memory_after warm-up
run 1
memory_after 1
first_kib=$(resident_kib)
run 2
memory_after 2
second_kib=$(resident_kib)
growth=$($py -c "print(f'{100 * ($second_kib - $first_kib) / $first_kib:.1f}')")
echo "  resident memory after run 1: $((first_kib / 1024)) MiB, after run 2: $((second_kib / 1024)) MiB ($growth%)"
limit=${MAX_GROWTH_PERCENT:-5}
$py -c "import sys; sys.exit(0 if $second_kib <= $first_kib * (1 + $limit / 100) else 1)" || {
    echo "load: resident memory grew by more than $limit% from one run to the next" >&2
    exit 1
}
