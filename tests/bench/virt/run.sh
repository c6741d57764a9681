#!/usr/bin/env bash
# Issue #5's listing and resync targets on libvirt's test driver: HYPERVISORS simulated hosts
# (test:///FILE.xml) of MACHINES domains each, added through the Enomalism face.
#   - GET /rest/machines/ (every machine, from the synchronised state): median of REPEAT
#     requests, against nginx serving the same bytes in the same run. Target < 20 ms.
#   - a full resync: trigger_status_updates on one machine of every hypervisor, all at once
#     (each synchronises its whole hypervisor). Target < 1 s.
#   - PROVISIONS (100) concurrent provision transactions from one package (a 1 MiB disk) on a
#     static network: how long until all are done, and that no address was given twice.
#   tests/bench/virt/run.sh [path/to/build]   HYPERVISORS (10), MACHINES (100), REPEAT (50)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
hypervisors=${HYPERVISORS:-10}
machines=${MACHINES:-100}
repeat=${REPEAT:-50}
provisions=${PROVISIONS:-100}
. "$here/../lib.sh"
bench_require "$build/app/cairn" -- nginx curl

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

printf '[virt]\npoll_seconds=86400\ntest_fixtures_dir=%s\nimage_dirs=%s\n' "$bench_work" "$bench_work" >"$bench_work/cairn.ini"
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

# Concurrent provisions: the default machine gets a real disk, is packaged, then provisioned
# PROVISIONS times at once on the default hypervisor from a network of exactly that many
# addresses.
/usr/bin/python3 - "$base" "$bench_token" "$default_machine" "$bench_work" "$provisions" <<'PY'
import concurrent.futures, json, sys, time, urllib.parse, urllib.request
base, token, machine, work, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "Token " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as reply:
            return reply.status, json.load(reply)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)

def finished(txid):
    while True:
        status, reply = call("GET", "/transaction/%s/" % txid)
        state = reply["transaction"]["state"]
        if state not in ("queued", "running"):
            return reply["transaction"]
        time.sleep(0.05)

disk = work + "/golden.img"
with open(disk, "wb") as image:
    image.write(bytes(range(256)) * 4096)
call("POST", "/machine/%s/actions/poweroff/" % machine)
xml = ("<domain type='test'><name>test</name><uuid>%s</uuid><memory>524288</memory><vcpu>1</vcpu>"
       "<os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='%s'/>"
       "<target dev='hda'/></disk><interface type='network'><mac address='aa:bb:cc:dd:ee:ff'/>"
       "<source network='default'/></interface></devices></domain>" % (machine, disk))
assert call("POST", "/machine/%s/actions/store_xml/" % machine, {"xmldesc": xml})[0] == 200
status, packaging = call("POST", "/machine/%s/actions/package/" % machine)
assert status == 202, packaging
assert finished(packaging["txid"])["state"] == "done"
hypervisor = call("GET", "/machine/%s/" % machine)[1]["machine_obj"]["hypervisor"]
status, network = call("PUT", "/networks/", {"name": "bench", "ip": "10.77.0.0", "netmask": "16"})
assert status == 200, network
last = 10 + count - 1
call("POST", "/networks/%s/iprange/" % network["uuid"],
     {"start_ip": "10.77.0.10", "end_ip": "10.77.%d.%d" % (last // 256, last % 256)})

def provision(n):
    status, reply = call("POST", "/machine/%s/actions/provision/" % machine,
                         {"pkguuid": packaging["package"], "hvmuuid": hypervisor, "name": "bench-%03d" % n})
    assert status == 202, reply
    return reply

started = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
    accepted = list(pool.map(provision, range(count)))
    transactions = list(pool.map(lambda reply: finished(reply["txid"]), accepted))
elapsed = time.monotonic() - started
done = [t for t in transactions if t["state"] == "done"]
addresses = [iface.get("ip") for reply in accepted
             for iface in call("GET", "/machine/%s/" % reply["newuuid"])[1]["machine_obj"]["interfaces"]]
print("  %-58s %8.3f s (%d done of %d)" % ("%d concurrent provisions from one package" % count,
                                           elapsed, len(done), count))
print("  %-58s %8d (distinct %d, none missing: %s)" % ("addresses given", len(addresses),
      len(set(addresses)), None not in addresses))
status, extra = call("POST", "/machine/%s/actions/provision/" % machine,
                     {"pkguuid": packaging["package"], "hvmuuid": hypervisor})
print("  %-58s %8s" % ("one more once the range is exhausted", finished(extra["txid"])["state"]))
PY
