#!/usr/bin/env bash
# Several `cairn serve` nodes on one PostgreSQL (issue #20's figures):
#   - read throughput of a page of 100 devices (GET /api/devices/?limit=100, cached reads) with
#     one node, then with one node per processor, each node on a processor of its own and the
#     load on all of them at once: the ratio says whether the database holds the nodes back;
#   - 2,000 tasks falling due at once with three nodes: the time until every firing is recorded,
#     that each fired once, how late the last firing each node claimed was, and how the 2,000
#     runs' jobs were claimed from the shared queue (per node: jobs, claims, those over 5 ms).
# This machine's processors bound the first figure: with two, the nodes share them with wrk
# and PostgreSQL, so "one node per processor" is two nodes, not the issue's three.
#   tests/bench/cluster/run.sh [path/to/cairn]     DEVICES (1000), DURATION (10), TASKS (2000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cairn=${1:-$root/build/app/cairn}
devices=${DEVICES:-1000}
tasks=${TASKS:-2000}
. "$here/../lib.sh"
bench_require "$cairn" -- wrk curl python3 taskset nproc bc
python3 -c 'import requests' || { echo "bench: python3-requests missing (scripts/setup.sh installs it)" >&2; exit 1; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "bench: PostgreSQL server missing (scripts/setup.sh installs it)" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A throwaway PostgreSQL, stopped on exit with the nodes.
mkdir "$bench_work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$bench_work/pg"
as_postgres "$pg_bin/initdb" -D "$bench_work/pg/data" -U cairn --auth=trust -E UTF8 --no-sync >/dev/null
pg_port=$(bench_free_port)
as_postgres "$pg_bin/pg_ctl" -D "$bench_work/pg/data" -l "$bench_work/pg/log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$bench_work/pg -c fsync=off -c max_connections=300" >/dev/null
nodes=()
stop_all() {
    for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    as_postgres "$pg_bin/pg_ctl" -D "$bench_work/pg/data" -m immediate stop >/dev/null 2>&1 || true
    bench_cleanup
}
trap stop_all EXIT
as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U cairn cairn
database="postgresql://cairn@127.0.0.1:$pg_port/cairn"

echo "bench-password" | "$cairn" user add bench --password-stdin --superuser \
    --database "$database" --data-dir "$bench_work/node-0" >/dev/null 2>&1
token=$("$cairn" user token bench --database "$database" --data-dir "$bench_work/node-0" 2>/dev/null | tail -n 1)
auth="Authorization: Token $token"

ports=()
start_node() { # NUMBER PROCESSOR
    local dir="$bench_work/node-$1" port
    mkdir -p "$dir"
    [ -f "$dir/server.key" ] || cp "$bench_work/node-0/server.key" "$dir/server.key"
    port=$(bench_free_port)
    CAIRN_SERVER_NODE_NAME="node-$1" taskset -c "$2" "$cairn" serve --listen "127.0.0.1:$port" \
        --threads 1 --database "$database" --data-dir "$dir" 2>"$bench_work/node-$1.log" &
    nodes+=($!)
    ports+=("$port")
    bench_wait_for "http://127.0.0.1:$port/rest/is_alive"
}

processors=$(nproc)
start_node 0 0
api="http://127.0.0.1:${ports[0]}/api"
python3 - "$devices" >"$bench_work/devices.json" <<'PY'
import json, sys
print(json.dumps([{"hostname": "dev%06d" % i} for i in range(int(sys.argv[1]))]))
PY
curl -sf -o /dev/null -H "$auth" -H "Content-Type: application/json" \
    --data-binary @"$bench_work/devices.json" "$api/sites/1/devices/"

page="/api/devices/?limit=100"
# wrk runs on whichever processor is free, as in both cases, so it is no handicap to either.
rate_of() { # PORT -> requests per second
    wrk -t1 -c"${CONNECTIONS:-32}" -d"${DURATION:-10}s" -H "$auth" \
        "http://127.0.0.1:$1$page" | awk '/Requests\/sec/ {print $2}'
}
# A first run warms the node (connections, statements, the cache), and is not counted.
DURATION=3 rate_of "${ports[0]}" >/dev/null
one=$(rate_of "${ports[0]}")
printf 'one node on 1 processor: %.0f requests/s (a page of 100 of %d devices)\n' "$one" "$devices"
for ((n = 1; n < processors && n < 3; n++)); do start_node "$n" "$n"; done
for port in "${ports[@]:1}"; do DURATION=3 rate_of "$port" >/dev/null; done
rates=()
for ((n = 0; n < ${#ports[@]}; n++)); do
    rate_of "${ports[$n]}" >"$bench_work/rate-$n" &
done
wait_rates() { for ((n = 0; n < ${#ports[@]}; n++)); do while [ ! -s "$bench_work/rate-$n" ]; do sleep 0.2; done; done; }
sleep "${DURATION:-10}"; wait_rates
total=0
for ((n = 0; n < ${#ports[@]}; n++)); do total=$(echo "$total + $(cat "$bench_work/rate-$n")" | bc -l); done
printf '%d nodes, one per processor, loaded at once: %.0f requests/s in all, %.2fx one node\n' \
    "${#ports[@]}" "$total" "$(echo "$total / $one" | bc -l)"

# A third node (sharing a processor here), then tasks all due at the same second.
while [ "${#ports[@]}" -lt 3 ]; do start_node "${#ports[@]}" "$(( ${#ports[@]} % processors ))"; done
python3 - "http://127.0.0.1:${ports[0]}" "$token" "$tasks" "${ports[@]}" <<'PY'
import datetime, json, sys, time, requests
base, token, count, ports = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
auth = {"Authorization": "Token " + token}
requests.post(base + "/rest/instance/rest_call_service", headers=auth, json={
    "name": "alive", "rest_url": base + "/rest/is_alive", "run_method": "once"}).raise_for_status()
due = datetime.datetime.now().replace(microsecond=0) + datetime.timedelta(seconds=8)
for start in range(0, count, 500):
    reply = requests.post(base + "/rest/instance/task", headers=auth, json=[
        {"name": "t%05d" % i, "service": "alive", "is_active": True,
         "start_date": due.strftime("%d/%m/%Y %H:%M:%S")} for i in range(start, min(count, start + 500))])
    reply.raise_for_status()
while datetime.datetime.now() < due:
    time.sleep(0.05)
began = time.time()
while True:
    runs = requests.get(base + "/api/runs/", headers=auth, params={"limit": 1, "trigger": "Scheduler"}).json()
    if runs["count"] >= count or time.time() - began > 120:
        break
    time.sleep(0.05)
recorded = time.time() - began
time.sleep(2)
runs = requests.get(base + "/api/runs/", headers=auth, params={"limit": 1, "trigger": "Scheduler"}).json()["count"]
by_node = {}
offset = 0
while True:
    page = requests.get(base + "/api/jobs/", headers=auth, params={"limit": 1000, "offset": offset}).json()
    for job in page["results"]:
        if job["params"].get("service") == "alive":
            by_node[job["node_id"]] = by_node.get(job["node_id"], 0) + 1
    offset += 1000
    if not page["next"]:
        break
lags, claims = [], []
def figure(text, name):
    return float([line.split()[-1] for line in text.splitlines() if line.startswith(name + " ")][0])
for port in ports:
    text = requests.get("http://127.0.0.1:%s/metrics" % port).text
    lags.append(figure(text, "cairn_scheduler_lag_seconds"))
    made = figure(text, "cairn_job_claim_duration_seconds_count")
    within = figure(text, 'cairn_job_claim_duration_seconds_bucket{le="0.005"}')
    claims.append("%d jobs in %d claims, %d of them over 5 ms, mean %.1f ms" % (
        figure(text, "cairn_job_claims_total"), made, made - within,
        1000 * figure(text, "cairn_job_claim_duration_seconds_sum") / max(made, 1)))
print("%d tasks due at once, 3 nodes: every firing recorded %.2f s after the due second; "
      "%d runs (each fired once: %s); run per node: %s; lateness of each node's last "
      "claimed firing: %s s" % (count, recorded, runs, "yes" if runs == count else "NO",
                                sorted(by_node.values()), ", ".join("%.3f" % l for l in lags)))
print("their %d runs' jobs taken from the shared queue: %s" % (count, "; ".join(claims)))
PY
