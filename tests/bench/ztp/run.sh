#!/usr/bin/env bash
# Issue #6's registration target: SWITCHES (1,000) switches register at once — POST /nodes,
# then GET the definition at the Location answered — against a neighbordb of PATTERNS (200)
# patterns. Each switch's Ethernet1 neighbour picks one pattern, so on average half the
# patterns are tried before the match. Target: all done in < 5 s, no failures. The same
# client then fetches the same bytes from nginx (two GETs per switch) as the floor.
#   tests/bench/ztp/run.sh [path/to/build]   SWITCHES (1000), PATTERNS (200), CLIENTS (64)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
switches=${SWITCHES:-1000}
patterns=${PATTERNS:-200}
clients=${CLIENTS:-64}
. "$here/../lib.sh"
bench_require "$build/app/cairn" -- nginx curl

ztp_root="$bench_work/ztp"
mkdir -p "$ztp_root/definitions" "$bench_work/static/nodes"
/usr/bin/python3 - "$ztp_root" "$patterns" <<'PY'
import sys
root, count = sys.argv[1], int(sys.argv[2])
with open(root + "/neighbordb", "w") as db:
    db.write("variables:\n  uplink: regex('Ethernet(49|50)')\npatterns:\n")
    for p in range(count):
        db.write("  - name: pod%03d\n    definition: leaf\n    model: DCS-7\n"
                 "    interfaces:\n      - Ethernet1: spine%03d:$uplink\n"
                 "      - Ethernet2: regex('spine%03d'):any\n      - none: rogue:any\n"
                 % (p, p, p))
with open(root + "/definitions/leaf", "w") as definition:
    definition.write("name: leaf\nactions:\n  - name: configuration\n    action: replace_config\n"
                     "    attributes:\n      url: files/leaf.conf\n  - name: image\n"
                     "    action: install_image\n    attributes:\n      url: files/EOS.swi\n"
                     "      version: 4.30.1F\n")
PY

ztp_port=$(bench_free_port)
# Every emulated switch posts from 127.0.0.1: lift the per-address registration and connection
# limits.
printf '[ztp]\nregistrations_per_minute=0\nmax_connections_per_address=256\n' >"$bench_work/cairn.ini"
bench_start_cairn "$build/app/cairn" --ztp-listen "127.0.0.1:$ztp_port" --ztp-data-root "$ztp_root" \
    --ztp-server-url "http://127.0.0.1:$ztp_port" --config "$bench_work/cairn.ini"
bench_wait_for "http://127.0.0.1:$ztp_port/bootstrap/config"

# The floor: nginx answering the same definition bytes (GET), twice per switch.
curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"serialnumber": "PROBE", "model": "DCS-7050", "neighbors": {"Ethernet1": [{"device": "spine000", "port": "Ethernet49"}], "Ethernet2": [{"device": "spine000", "port": "Ethernet50"}]}}' \
    "http://127.0.0.1:$ztp_port/nodes" >/dev/null
curl -sf "http://127.0.0.1:$ztp_port/nodes/PROBE" >"$bench_work/static/nodes/definition"
bench_start_nginx "$bench_work/static" ""
bench_wait_for "http://127.0.0.1:$bench_nginx_port/nodes/definition"

/usr/bin/python3 - "$ztp_port" "$bench_nginx_port" "$switches" "$patterns" "$clients" \
    "$bench_cairn_port" "$bench_token" <<'PY'
import concurrent.futures, http.client, json, sys, time
ztp, nginx, switches, patterns, clients, api = (int(a) for a in sys.argv[1:7])
token = sys.argv[7]

def inventory_count():
    connection = http.client.HTTPConnection("127.0.0.1", api, timeout=60)
    connection.request("GET", "/api/devices/?limit=1", headers={"Authorization": "Token " + token})
    count = json.loads(connection.getresponse().read())["count"]
    connection.close()
    return count

def register(n):
    pod = n % patterns
    facts = {"model": "DCS-7050SX", "serialnumber": "SN%06d" % n, "version": "4.30.1F",
             "systemmac": "00:1c:73:%02x:%02x:%02x" % (n >> 16, (n >> 8) & 255, n & 255),
             "neighbors": {"Ethernet1": [{"device": "spine%03d" % pod, "port": "Ethernet49"}],
                           "Ethernet2": [{"device": "spine%03d" % pod, "port": "Ethernet50"}],
                           "Management1": [{"device": "oob", "port": "Gi0/%d" % n}]}}
    connection = http.client.HTTPConnection("127.0.0.1", ztp, timeout=60)
    connection.request("POST", "/nodes", json.dumps(facts), {"Content-Type": "application/json"})
    answer = connection.getresponse()
    answer.read()
    if answer.status != 201:
        return "POST %d" % answer.status
    location = answer.getheader("Location")
    connection.request("GET", location.split(str(ztp), 1)[1])
    answer = connection.getresponse()
    definition = json.loads(answer.read())
    connection.close()
    if answer.status != 200 or len(definition["actions"]) != 2:
        return "GET %d" % answer.status
    return None

def floor(n):
    connection = http.client.HTTPConnection("127.0.0.1", nginx, timeout=60)
    for _ in range(2):
        connection.request("GET", "/nodes/definition")
        answer = connection.getresponse()
        answer.read()
    connection.close()
    return None if answer.status == 200 else "nginx %d" % answer.status

def run(work):
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        failures = [f for f in pool.map(work, range(switches)) if f]
    return time.monotonic() - start, failures

start = time.monotonic()
elapsed, failures = run(register)
# Node records and devices are written after the answers, one at a time.
while inventory_count() < switches + 1 and time.monotonic() - start < 120:
    time.sleep(0.05)
caught_up = time.monotonic() - start
floor_elapsed, floor_failures = run(floor)
print("switches registered and served (POST /nodes + GET definition): %d, %d patterns, "
      "%d clients" % (switches, patterns, clients))
print("  all done in            %.3f s (target < 5 s)" % elapsed)
print("  failures               %d %s" % (len(failures), sorted(set(failures))[:5]))
print("  per switch             %.2f ms" % (elapsed * 1000 / switches))
print("  every switch a device  %.3f s after the first request (%d devices)"
      % (caught_up, inventory_count()))
print("nginx, same client, two GETs of the same bytes per switch: %.3f s (%d failures)"
      % (floor_elapsed, len(floor_failures)))
print("ratio cairn / nginx      %.1fx" % (elapsed / floor_elapsed))
sys.exit(1 if failures else 0)
PY
