#!/usr/bin/env bash
# Issue #4's toolkit targets, on emulated devices (one sshd on DEVICES loopback ports running
# tests/support/device_emulator.py; needs root, like the tests):
#   - EXECUTIONS `show version` spread over DEVICES devices through one bulk-execute, against
#     python3-netmiko (Debian) in a thread pool of the same WIDTH, same run: wall time and the
#     CPU of the SSH client (Cairn's server process / the Python process). Targets: Cairn at
#     <= 0.5x netmiko's wall time and <= 0.2x its CPU. netmiko runs two ways: a connection per
#     execution (the usual thread-pool script) and one connection per device.
#   - one blackholed device (its SYNs dropped) among the others: they finish as fast as
#     without it; only its own execution waits, for its timeout.
#   tests/bench/toolkit/run.sh [path/to/build]   EXECUTIONS (500), DEVICES (50), WIDTH (50)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
executions=${EXECUTIONS:-500}
devices=${DEVICES:-50}
width=${WIDTH:-50}
/usr/bin/python3 -c 'import netmiko' 2>/dev/null ||
    { echo "bench: python3-netmiko missing (scripts/setup.sh installs it)" >&2; exit 1; }
. "$here/../lib.sh"
bench_require "$build/app/cairn" "$build/tests/cairn-bench-devices"

# The devices: their ports and login, then kept running until this script ends.
coproc DEVICES_PROC { "$build/tests/cairn-bench-devices" "$devices"; }
read -r _ ports_line <&"${DEVICES_PROC[0]}"
read -r _ user <&"${DEVICES_PROC[0]}"
read -r _ password <&"${DEVICES_PROC[0]}"
read -r -a ports <<<"$ports_line"
[ "${#ports[@]}" -eq "$devices" ] || { echo "bench: the emulated devices did not start" >&2; exit 1; }

printf '[toolkit]\ndevice_command_limit=1000000\nbulk_concurrency=%d\n' "$width" >"$bench_work/cairn.ini"
bench_start_cairn "$build/app/cairn" --config "$bench_work/cairn.ini"
api="http://127.0.0.1:$bench_cairn_port/api"
auth="Authorization: Token $bench_token"
post() { # path json -> body
    curl -sf -H "$auth" -H "Content-Type: application/json" --data-binary "$2" "$api/$1"
}

# A blackholed port: a listener that never accepts, its one-slot backlog already full, so the
# kernel drops every further SYN.
blackhole_port=$(bench_free_port)
/usr/bin/python3 - "$blackhole_port" <<'PY' &
import socket, sys, time
server = socket.socket()
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(0)
fillers = []
for _ in range(2):
    filler = socket.socket()
    filler.setblocking(False)
    filler.connect_ex(("127.0.0.1", int(sys.argv[1])))
    fillers.append(filler)
time.sleep(3600)
PY
blackhole_pid=$!
# On exit: the devices stop when their input closes.
trap 'kill $blackhole_pid 2>/dev/null; exec {DEVICES_PROC[1]}>&-; bench_cleanup' EXIT

post devices/ "$(/usr/bin/python3 -c '
import json, sys
ports = sys.argv[2:]
devices = [{"hostname": "bench-%02d" % i, "ip_address": "127.0.0.1", "port": int(p),
            "platform": "cisco_ios"} for i, p in enumerate(ports)]
devices.append({"hostname": "blackholed", "ip_address": "127.0.0.1", "port": int(sys.argv[1]),
                "platform": "cisco_ios"})
print(json.dumps(devices))' "$blackhole_port" "${ports[@]}")" >"$bench_work/devices.json"
command_id=$(post plugins/toolkit/commands/ \
    '{"name": "Show version", "command": "show version", "platforms": ["cisco_ios"]}' |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
credential_token=$(post plugins/toolkit/credential-sets/ \
    "{\"name\": \"bench\", \"username\": \"$user\", \"password\": \"$password\"}" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["credential_token"])')

# bulk.json: EXECUTIONS over the devices; baseline.json: one per device; isolated.json: the
# same and the blackholed device.
/usr/bin/python3 - "$bench_work" "$command_id" "$credential_token" "$executions" <<'PY'
import json, sys
work, command, token, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
devices = json.load(open(work + "/devices.json"))
good = [d["id"] for d in devices if d["hostname"] != "blackholed"]
bad = [d["id"] for d in devices if d["hostname"] == "blackholed"]
def run(ids):
    return {"executions": [{"command_id": command, "device_id": i, "credential_token": token,
                            "timeout": 5} for i in ids]}
json.dump(run([good[i % len(good)] for i in range(count)]), open(work + "/bulk.json", "w"))
json.dump(run(good), open(work + "/baseline.json", "w"))
json.dump(run(bad + good), open(work + "/isolated.json", "w"))
PY

cpu_ticks() { awk '{print $14 + $15}' "/proc/$bench_cairn_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
cairn_run() { # label file -> "wall cpu successes"
    local before after wall
    before=$(cpu_ticks)
    wall=$(curl -sf -o "$bench_work/answer.json" -w '%{time_total}' -H "$auth" \
        -H "Content-Type: application/json" --data-binary @"$2" "$api/plugins/toolkit/commands/bulk-execute/")
    after=$(cpu_ticks)
    echo "$wall $(echo "($after - $before) / $ticks_per_second" | bc -l) $(/usr/bin/python3 -c '
import json; print(json.load(open("'"$bench_work/answer.json"'"))["summary"]["successful"])')"
}
netmiko_run() { # mode -> "wall cpu successes"
    /usr/bin/python3 "$here/netmiko_reference.py" "$1" "$width" "$executions" "$user" "$password" \
        "${ports[@]}" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["wall"], r["cpu"], r["successes"])'
}

read -r cold_wall cold_cpu cold_ok <<<"$(cairn_run cold "$bench_work/bulk.json")"
read -r warm_wall warm_cpu warm_ok <<<"$(cairn_run warm "$bench_work/bulk.json")"
read -r each_wall each_cpu each_ok <<<"$(netmiko_run per-execution)"
read -r device_wall device_cpu device_ok <<<"$(netmiko_run per-device)"

echo "$executions x show version over $devices devices, width $width:"
printf '  %-44s %8s %8s %6s\n' "" "wall s" "CPU s" "ok"
printf '  %-44s %8.3f %8.3f %6d\n' "cairn bulk-execute, new sessions" "$cold_wall" "$cold_cpu" "$cold_ok" \
    "cairn bulk-execute, pooled sessions" "$warm_wall" "$warm_cpu" "$warm_ok" \
    "netmiko, a connection per execution" "$each_wall" "$each_cpu" "$each_ok" \
    "netmiko, a connection per device" "$device_wall" "$device_cpu" "$device_ok"
ratio() { echo "$1 / $2" | bc -l; }
printf '  ratios cairn (new sessions) / netmiko per execution: wall %.3f, CPU %.3f\n' \
    "$(ratio "$cold_wall" "$each_wall")" "$(ratio "$cold_cpu" "$each_cpu")"
printf '  ratios cairn (new sessions) / netmiko per device:    wall %.3f, CPU %.3f\n' \
    "$(ratio "$cold_wall" "$device_wall")" "$(ratio "$cold_cpu" "$device_cpu")"
printf '  ratios cairn (pooled) / netmiko per device:          wall %.3f, CPU %.3f\n' \
    "$(ratio "$warm_wall" "$device_wall")" "$(ratio "$warm_cpu" "$device_cpu")"

# Isolation: one execution per device with the blackholed one among them (5 s timeout), against
# the same without it; both on pooled sessions (the first run opens them).
slowest() { /usr/bin/python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["results"]
others = [r for r in results if r.get("device", {}).get("name") != "blackholed"]
print(max(r.get("execution_time", 0) for r in others), sum(r["success"] for r in others))' "$bench_work/answer.json"; }
cairn_run warmup "$bench_work/baseline.json" >/dev/null
read -r baseline_wall _ _ <<<"$(cairn_run baseline "$bench_work/baseline.json")"
read -r baseline_slowest baseline_ok <<<"$(slowest)"
read -r isolated_wall _ _ <<<"$(cairn_run isolated "$bench_work/isolated.json")"
read -r isolated_slowest isolated_ok <<<"$(slowest)"
blackholed=$(/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("ok" if r["success"] else "failed: " + r.get("error", ""))' "$bench_work/answer.json")
printf 'one execution on each of %d devices: request %.3f s, slowest %.3f s, %d ok\n' \
    "$devices" "$baseline_wall" "$baseline_slowest" "$baseline_ok"
printf 'the same with a blackholed device: request %.3f s, the others slowest %.3f s, %d ok; blackholed %s\n' \
    "$isolated_wall" "$isolated_slowest" "$isolated_ok" "$blackholed"
