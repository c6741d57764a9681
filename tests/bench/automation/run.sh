#!/usr/bin/env bash
# Issue #17's automation targets, on a server on the embedded defaults:
#   - a 5-step workflow (command, data extraction, template render, REST call to a loopback
#     nginx, configuration backup into git) on DEVICES emulated SSH devices (one sshd per 16
#     loopback ports running tests/support/device_emulator.py; needs root, like the tests),
#     beside ansible-playbook (Debian's ansible-core) doing the same steps on the same devices
#     with forks 16 (workflow.yml), same run: wall time and CPU. Targets: Cairn <= 0.25x
#     ansible's wall time and <= 0.1x its CPU. Also the engine's own cost per (device, step):
#     the same workflow shape with five template steps, which no device answers.
#   - pool recomputation over SCALE devices with 3 regex rules (target < 1 s); /rest/search over
#     SCALE devices with a regex on configuration_matches, every device with a configuration
#     (target < 2 s).
#   - TASKS active tasks at one-minute frequency, all due in the same second: how late each
#     fires (target: all within 1 s), and the CPU an idle scheduler costs while waiting.
#   tests/bench/automation/run.sh [path/to/build]   DEVICES (200), SCALE (100000), TASKS (1000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
devices=${DEVICES:-200}
scale=${SCALE:-100000}
tasks=${TASKS:-1000}
. "$here/../lib.sh"
bench_require "$build/app/cairn" "$build/tests/cairn-bench-devices" -- ansible-playbook nginx curl git bc
py=/usr/bin/python3

# The devices: their ports, login and keys, then kept running until this script ends.
mkdir -p "$bench_work/keys"
coproc DEVICES_PROC { "$build/tests/cairn-bench-devices" "$devices" "$bench_work/keys"; }
read -r _ ports_line <&"${DEVICES_PROC[0]}"
read -r _ user <&"${DEVICES_PROC[0]}"
read -r _ password <&"${DEVICES_PROC[0]}"
read -r _ keys_line <&"${DEVICES_PROC[0]}"
read -r -a ports <<<"$ports_line"
read -r -a keys <<<"$keys_line"
[ "${#ports[@]}" -eq "$devices" ] || { echo "bench: the emulated devices did not start" >&2; exit 1; }
# On exit: the devices stop when their input closes (if they have not stopped already).
trap 'bench_cleanup; [ -n "${DEVICES_PROC[1]:-}" ] && exec {DEVICES_PROC[1]}>&-; true' EXIT

# The REST call's endpoint: nginx serving a small JSON document.
mkdir -p "$bench_work/www"
echo '{"status": "up"}' >"$bench_work/www/status.json"
bench_start_nginx "$bench_work/www" ""
endpoint="http://127.0.0.1:$bench_nginx_port/status.json"
bench_wait_for "$endpoint"

printf '[toolkit]\ndevice_command_limit=1000000\n' >"$bench_work/cairn.ini"
bench_start_cairn "$build/app/cairn" --config "$bench_work/cairn.ini"
base="http://127.0.0.1:$bench_cairn_port"
auth="Authorization: Token $bench_token"
post() { # path json -> body
    printf '%s' "$2" | curl -sf -H "$auth" -H "Content-Type: application/json" --data-binary @- "$base/$1"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$bench_cairn_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
seconds_of() { echo "($2 - $1) / $ticks_per_second" | bc -l; }

post api/devices/ "$($py -c '
import json, sys
print(json.dumps([{"hostname": "bench-%03d" % i, "ip_address": "127.0.0.1", "port": int(p),
                   "platform": "cisco_ios"} for i, p in enumerate(sys.argv[1:])]))' "${ports[@]}")" >/dev/null
post api/plugins/toolkit/credential-sets/ \
    "{\"name\": \"bench\", \"username\": \"$user\", \"password\": \"$password\"}" >/dev/null
post rest/instance/service "$($py -c '
import json, sys
print(json.dumps([
    {"name": "bench-show", "type": "command_service", "credentials": "bench",
     "commands": ["show version"]},
    {"name": "bench-extract", "type": "data_extraction_service", "variable": "version",
     "query": "results[\"bench-show\"].result", "match": "Version ([^,]+),"},
    {"name": "bench-render", "type": "template_service",
     "template": "{{ device.name }} runs {{ variables.version[0] }}"},
    {"name": "bench-rest", "type": "rest_call_service", "rest_url": sys.argv[1] + "?device={{ device.name }}",
     "expected_status": 200},
    {"name": "bench-backup", "type": "backup_service", "credentials": "bench",
     "commands": ["show running-config"]}] + [
    {"name": "bench-render-%d" % i, "type": "template_service",
     "template": "{{ device.name }} step %d" % i} for i in range(5)]))' "$endpoint")" >/dev/null
post rest/instance/workflow "$($py -c '
import json
def chain(name, steps):
    ends = ["Start"] + steps + ["End"]
    return {"name": name, "services": steps, "edges": [
        {"subtype": "success", "source": a, "destination": b} for a, b in zip(ends, ends[1:])]}
print(json.dumps([
    chain("bench-flow", ["bench-show", "bench-extract", "bench-render", "bench-rest", "bench-backup"]),
    chain("bench-engine", ["bench-render-%d" % i for i in range(5)])]))')" >/dev/null
targets=$($py -c 'import json, sys; print(json.dumps(["bench-%03d" % i for i in range(int(sys.argv[1]))]))' "$devices")

cairn_run() { # workflow -> "wall cpu successes"
    local before after wall
    before=$(cpu_ticks)
    wall=$(curl -sf -o "$bench_work/answer.json" -w '%{time_total}' -H "$auth" \
        -H "Content-Type: application/json" --data-binary "{\"name\": \"$1\", \"devices\": $targets}" \
        "$base/rest/run_service")
    after=$(cpu_ticks)
    echo "$wall $(seconds_of "$before" "$after") $($py -c '
import json, sys; print(len(json.load(open(sys.argv[1]))["summary"]["success"]))' "$bench_work/answer.json")"
}
read -r cold_wall cold_cpu cold_ok <<<"$(cairn_run bench-flow)"
read -r warm_wall warm_cpu warm_ok <<<"$(cairn_run bench-flow)"
read -r engine_wall engine_cpu engine_ok <<<"$(cairn_run bench-engine)"

# ansible-playbook: the same devices (key login), the same endpoint, its own git folder.
history="$bench_work/ansible-history"
git init -q "$history"
git -C "$history" config user.email bench@example.com
git -C "$history" config user.name bench
inventory="$bench_work/inventory.ini"
{
    echo "[devices]"
    for i in "${!ports[@]}"; do
        name=$(printf 'bench-%03d' "$i")
        mkdir -p "$history/$name"
        echo "$name ansible_host=127.0.0.1 ansible_port=${ports[$i]} ansible_ssh_private_key_file=${keys[$i]}"
    done
    echo "[devices:vars]"
    echo "ansible_user=$user"
    echo "[local]"
    echo "localhost ansible_connection=local ansible_python_interpreter=$py"
} >"$inventory"
ansible_run() { # -> "wall cpu successes"
    ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_LOCAL_TEMP="$bench_work/ansible-tmp" \
        ANSIBLE_SSH_CONTROL_PATH_DIR="$bench_work/ansible-cp" ANSIBLE_PYTHON_INTERPRETER=$py \
        /usr/bin/time -f '%e %U %S' -o "$bench_work/ansible-time" \
        ansible-playbook -i "$inventory" -f 16 "$here/workflow.yml" -e "endpoint=$endpoint" \
        -e "history=$history" >"$bench_work/ansible.log" 2>&1 || true
    read -r wall user_cpu system_cpu <"$bench_work/ansible-time"
    echo "$wall $(echo "$user_cpu + $system_cpu" | bc -l) $(grep -cE '^bench-[0-9]+ +: ok=6 .*failed=0 +skipped=0 +rescued=0 +ignored=0' "$bench_work/ansible.log")"
}
read -r ansible_wall ansible_cpu ansible_ok <<<"$(ansible_run)"
commits=$(git -C "$history" rev-list --count HEAD 2>/dev/null || echo 0)

echo "5-step workflow on $devices emulated SSH devices (16 at a time):"
printf '  %-46s %8s %8s %6s\n' "" "wall s" "CPU s" "ok"
printf '  %-46s %8.3f %8.3f %6d\n' "cairn run_service, new sessions" "$cold_wall" "$cold_cpu" "$cold_ok" \
    "cairn run_service, pooled sessions" "$warm_wall" "$warm_cpu" "$warm_ok" \
    "ansible-playbook -f 16 (core $(ansible --version 2>/dev/null | sed -n 1p | grep -oE '[0-9]+\.[0-9]+\.[0-9]+'))" \
    "$ansible_wall" "$ansible_cpu" "$ansible_ok"
printf '  ratios cairn (new sessions) / ansible: wall %.3f, CPU %.3f (ansible git commits: %d)\n' \
    "$(echo "$cold_wall / $ansible_wall" | bc -l)" "$(echo "$cold_cpu / $ansible_cpu" | bc -l)" "$commits"
printf '  the engine alone (5 template steps x %d devices, %d ok): wall %.3f s, CPU %.3f ms per (device, step)\n' \
    "$devices" "$engine_ok" "$engine_wall" "$(echo "$engine_cpu * 1000 / ($devices * 5)" | bc -l)"

# At scale: a new server whose configuration history already holds SCALE devices' texts (as
# when moving from eNMS with its git repository), and the devices themselves.
kill "$bench_cairn_pid" && wait "$bench_cairn_pid" 2>/dev/null || true
bench_cairn_pid=
rm -rf "$bench_work/data"
scale_history="$bench_work/data/automation/configurations"
$py - "$scale_history/Default" "$scale" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    os.makedirs("%s/dev%06d" % (folder, i))
    with open("%s/dev%06d/configuration" % (folder, i), "w") as text:
        text.write("hostname dev%06d\n!\ninterface GigabitEthernet0/0/0\n ip address 10.%d.%d.1 "
                   "255.255.255.0\n!\nntp server 192.0.2.%d\nlogging host 198.51.100.%d\n!\nend\n"
                   % (i, i // 256 % 256, i % 256, i % 250, i % 7))
PY
git -C "$scale_history" init -q
git -C "$scale_history" add -A
git -C "$scale_history" -c user.email=bench@example.com -c user.name=bench commit -qm "eNMS's history"
bench_start_cairn "$build/app/cairn"
auth="Authorization: Token $bench_token"
base="http://127.0.0.1:$bench_cairn_port"
for ((start = 0; start < scale; start += 10000)); do
    $py - "$start" "$scale" >"$bench_work/bulk.json" <<'PY'
import json, sys
start, scale = int(sys.argv[1]), int(sys.argv[2])
vendors = ["Cisco", "Arista", "Juniper", "Nokia", "Huawei"]
print(json.dumps([{"hostname": "dev%06d" % i, "vendor": vendors[i % 5],
                   "model": "%s-%d" % (vendors[i % 5][0], 1000 + i % 9000)}
                  for i in range(start, min(start + 10000, scale))]))
PY
    curl -sf -o /dev/null -H "$auth" -H "Content-Type: application/json" \
        --data-binary @"$bench_work/bulk.json" "$base/api/devices/"
done
timed() { # path json -> "seconds body"
    curl -sf -o "$bench_work/answer.json" -w '%{time_total}' -H "$auth" \
        -H "Content-Type: application/json" --data-binary "$2" "$base/$1"
}
restore_seconds=$(timed rest/update_database_configurations_from_git '{}')
restored=$($py -c 'import json, sys; print(json.load(open(sys.argv[1]))["restored"])' "$bench_work/answer.json")
pool='{"name": "scale-pool", "device_name": "^dev0[0-4]", "device_name_match": "regex",
       "device_vendor": "^(Cisco|Arista)$", "device_vendor_match": "regex",
       "device_model": "-[1-4][0-9]{3}$", "device_model_match": "regex"}'
pool_save_seconds=$(timed rest/instance/pool "$pool")
pool_all_seconds=$(timed rest/update_all_pools '{}')
# A pool's members are computed from its rules whenever it is read: never stale.
pool_read_seconds=$(curl -sf -o "$bench_work/answer.json" -w '%{time_total}' -H "$auth" \
    "$base/rest/instance/pool/scale-pool")
pool_size=$($py -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["devices"]))' "$bench_work/answer.json")
search='{"type": "device", "columns": ["name", "configuration_matches"], "maximum_return_records": 1000,
         "search_criteria": {"configuration": "ntp server 192\\.0\\.2\\.17\\b", "configuration_filter": "regex"}}'
search_seconds=$(timed rest/search "$search")
found=$($py -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$bench_work/answer.json")
printf 'at %d devices:\n' "$scale"
printf '  configurations restored from git: %d in %.3f s\n' "$restored" "$restore_seconds"
printf '  pool with 3 regex rules: saved in %.3f s, its %d members computed in %.3f s (update_all_pools %.3f s)\n' \
    "$pool_save_seconds" "$pool_size" "$pool_read_seconds" "$pool_all_seconds"
printf '  /rest/search, regex on configuration_matches: %.3f s (%d devices, the first page)\n' \
    "$search_seconds" "$found"

# The scheduler: TASKS one-minute tasks, all first due in the same second.
post rest/instance/service '{"name": "bench-tick", "type": "template_service", "template": "tick",
                            "run_method": "once"}' >/dev/null
due=$($py -c 'import time; print(int(time.time()) + 30)')
post rest/instance/task "$($py -c '
import datetime, json, sys
start = datetime.datetime.fromtimestamp(int(sys.argv[2])).strftime("%d/%m/%Y %H:%M:%S")
print(json.dumps([{"name": "tick-%04d" % i, "service": "bench-tick", "is_active": True,
                   "frequency": 1, "frequency_unit": "minutes", "start_date": start}
                  for i in range(int(sys.argv[1]))]))' "$tasks" "$due")" >/dev/null
# Idle: nothing is due for a while.
sleep 2
before=$(cpu_ticks)
sleep 10
idle_cpu=$(seconds_of "$before" "$(cpu_ticks)")
while [ "$(date +%s)" -lt $((due + 10)) ]; do sleep 1; done
curl -sf -H "$auth" "$base/api/runs/?service_name=bench-tick&limit=$((tasks * 2))" >"$bench_work/runs.json"
$py - "$bench_work/runs.json" "$due" "$tasks" "$idle_cpu" <<'PY'
import datetime, json, sys
runs = json.load(open(sys.argv[1]))
runs = runs.get("results", runs) if isinstance(runs, dict) else runs
due, tasks, idle = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
late = sorted(datetime.datetime.strptime(r["runtime"], "%Y-%m-%d %H:%M:%S.%f").timestamp() - due
              for r in runs if r.get("trigger") == "Scheduler")
print("%d one-minute tasks due in the same second: %d fired; late by median %.3f s, max %.3f s"
      % (tasks, len(late), late[len(late) // 2] if late else float("nan"), late[-1] if late else float("nan")))
print("  an idle scheduler with them waiting: %.3f s CPU in 10 s" % idle)
PY
