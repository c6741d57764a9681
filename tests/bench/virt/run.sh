#!/usr/bin/env bash
# Issue #5's listing and resync targets on libvirt's test driver: HYPERVISORS simulated hosts
# (test:///FILE.xml) of MACHINES domains each, added through the Enomalism face.
#   - GET /rest/machines/ (every machine, from the synchronised state): median of REPEAT
#     requests, against nginx serving the same bytes in the same run. Target < 20 ms.
#   - a full resync: trigger_status_updates on one machine of every hypervisor, all at once
#     (each synchronises its whole hypervisor). Target < 1 s.
#   tests/bench/virt/run.sh [path/to/build]   HYPERVISORS (10), MACHINES (100), REPEAT (50)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
hypervisors=${HYPERVISORS:-10}
machines=${MACHINES:-100}
repeat=${REPEAT:-50}
for tool in nginx curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -x "$build/app/cairn" ] || { echo "bench: build first (scripts/test.sh builds everything)" >&2; exit 1; }
. "$here/../lib.sh"

# The simulated hosts: one node file per hypervisor; uuids say which host and machine.
/usr/bin/python3 - "$bench_work" "$hypervisors" "$machines" <<'PY'
import sys
work, hosts, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for h in range(hosts):
    domains = "".join(
        "<domain type='test'><name>vm-%02d-%04d</name>"
        "<uuid>%08x-0000-4000-8000-%012x</uuid><memory>1048576</memory><vcpu>2</vcpu>"
        "<os><type>hvm</type></os><devices><interface type='network'>"
        "<mac address='52:54:00:%02x:%02x:%02x'/><source network='default'/></interface>"
        "<disk type='file' device='disk'><source file='/images/vm-%02d-%04d.qcow2'/>"
        "<target dev='vda'/></disk></devices></domain>"
        % (h, m, h, m, h, m // 256, m % 256, h, m) for m in range(count))
    open("%s/host-%02d.xml" % (work, h), "w").write(
        "<node><cpu><nodes>1</nodes><sockets>1</sockets><cores>32</cores><threads>1</threads>"
        "<active>32</active><mhz>2400</mhz><model>x86_64</model></cpu>"
        "<memory>268435456</memory>%s</node>" % domains)
PY

printf '[virt]\npoll_seconds=86400\n' >"$bench_work/cairn.ini"
bench_start_cairn "$build/app/cairn" --config "$bench_work/cairn.ini"
base="http://127.0.0.1:$bench_cairn_port/rest"
auth="Authorization: Token $bench_token"
default_machine=6695eb01-f6a4-8304-79aa-97f2502e193f
for _ in $(seq 100); do
    curl -sf -H "$auth" "$base/machine/$default_machine/" >/dev/null && break
    sleep 0.1
done

add_started=$(date +%s.%N)
for h in $(seq 0 $((hypervisors - 1))); do
    curl -sf -H "$auth" -X POST \
        "$base/machine/$default_machine/hypervisors/?virt_url=test://$bench_work/host-$(printf %02d "$h").xml" \
        >/dev/null
done
add_seconds=$(echo "$(date +%s.%N) - $add_started" | bc -l)

curl -sf -H "$auth" "$base/machines/" >"$bench_work/machines.json"
listed=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["machines"]))' "$bench_work/machines.json")
mkdir -p "$bench_work/www/rest/machines"
cp "$bench_work/machines.json" "$bench_work/www/rest/machines/index.json"
bench_start_nginx "$bench_work/www" 'location = /rest/machines/ { try_files /rest/machines/index.json =404; }'
bench_wait_for "http://127.0.0.1:$bench_nginx_port/rest/machines/"

median_seconds() { # url [header]
    local args=(-s -o /dev/null -w '%{time_total}\n')
    [ $# -gt 1 ] && args+=(-H "$2")
    for _ in $(seq "$repeat"); do curl "${args[@]}" "$1"; done | sort -n |
        awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
cairn_list=$(median_seconds "$base/machines/" "$auth")
nginx_list=$(median_seconds "http://127.0.0.1:$bench_nginx_port/rest/machines/")

# One machine per simulated host: its trigger_status_updates resynchronises the whole host.
resync_started=$(date +%s.%N)
for h in $(seq 0 $((hypervisors - 1))); do
    curl -sf -H "$auth" -X POST \
        "$base/machine/$(printf '%08x-0000-4000-8000-%012x' "$h" 0)/trigger_status_updates/" \
        >/dev/null &
done
wait_failed=0
for job in $(jobs -p); do
    [ "$job" = "$(cat "$bench_work/nginx.pid" 2>/dev/null)" ] && continue
    [ "$job" = "$bench_cairn_pid" ] && continue
    wait "$job" || wait_failed=1
done
resync_seconds=$(echo "$(date +%s.%N) - $resync_started" | bc -l)

echo "$hypervisors simulated hypervisors x $machines machines ($listed listed, default host included):"
printf '  %-58s %8.3f s\n' "adding them one by one (each synchronised as it is added)" "$add_seconds"
printf '  %-58s %8.2f ms (nginx, same bytes: %.2f ms; ratio %.2f)\n' \
    "GET /rest/machines/, median of $repeat" "$(echo "$cairn_list * 1000" | bc -l)" \
    "$(echo "$nginx_list * 1000" | bc -l)" "$(echo "$cairn_list / $nginx_list" | bc -l)"
printf '  %-58s %8.3f s%s\n' "full resync: every hypervisor at once" "$resync_seconds" \
    "$([ "$wait_failed" = 0 ] || echo ' (some requests failed)')"
