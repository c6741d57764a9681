#!/usr/bin/env bash
# Issue #18's topology spreadsheet targets, on a server on the embedded defaults (SQLite):
#   SCALE devices and 2 x SCALE links imported from CSV, exported to .xlsx, and that .xlsx
#   imported again with replace (every device deleted first); wall time of each and the
#   server's peak RSS. Targets at 100,000 devices: export < 5 s, import < 15 s, RSS < 200 MB.
#   Beside python3-openpyxl writing the same rows (write-only mode) and reading them back
#   (read-only mode) in the same run: Cairn <= 0.2x openpyxl's time both ways.
#   tests/bench/io/run.sh [path/to/build]   SCALE (100000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
scale=${SCALE:-100000}
. "$here/../lib.sh"
bench_require "$build/app/cairn" -- curl
py=/usr/bin/python3
$py -c 'import openpyxl, requests' || { echo "bench: python3-openpyxl and python3-requests needed" >&2; exit 1; }

bench_start_cairn "$build/app/cairn"
base="http://127.0.0.1:$bench_cairn_port"

$py - "$base" "$bench_token" "$bench_work" "$scale" "$bench_cairn_pid" <<'PY'
import os, sys, time, requests, openpyxl
base, token, work, scale, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
headers = {"Authorization": "Token " + token}

def peak_rss_mb():
    for line in open("/proc/%s/status" % pid):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

def timed(what, call):
    start = time.monotonic()
    reply = call()
    seconds = time.monotonic() - start
    if reply.status_code != 200:
        sys.exit("bench: %s answered %d: %s" % (what, reply.status_code, reply.text[:300]))
    body = reply.json()
    if body.get("failures"):
        sys.exit("bench: %s reported failures: %s" % (what, body["failures"][:3]))
    return seconds

vendors = ["Cisco", "Arista", "Juniper", "Nokia", "Huawei"]
device_rows = [["dev%06d" % i, vendors[i % 5], "M-%d" % (1000 + i % 9000),
                "10.%d.%d.%d" % (i // 65536 % 256, i // 256 % 256, i % 256), 22]
               for i in range(scale)]
link_rows = [["link%07d" % i, "dev%06d" % (i % scale), "dev%06d" % ((i * 7 + 1) % scale)]
             for i in range(2 * scale)]
with open(os.path.join(work, "devices.csv"), "w") as f:
    f.write("name,vendor,model,ip_address,port\n")
    f.writelines(",".join(map(str, row)) + "\n" for row in device_rows)
with open(os.path.join(work, "links.csv"), "w") as f:
    f.write("name,source_name,destination_name\n")
    f.writelines(",".join(row) + "\n" for row in link_rows)

def upload(name, replace=False):
    with open(os.path.join(work, name), "rb") as f:
        return requests.post(base + "/rest/topology/import", headers=headers, timeout=7200,
                             files={"file": (os.path.basename(name), f)},
                             data={"replace": "True" if replace else "False"})

csv_devices = timed("CSV devices", lambda: upload("devices.csv"))
csv_links = timed("CSV links", lambda: upload("links.csv"))
exported = timed("export", lambda: requests.post(base + "/rest/topology/export", headers=headers,
                                                 json={"name": "bench"}, timeout=7200))
xlsx = os.path.join(work, "data", "spreadsheets", "bench.xlsx")
size_mb = os.path.getsize(xlsx) / 1e6
reimported = timed("xlsx import", lambda: upload(os.path.relpath(xlsx, work), replace=True))
rss = peak_rss_mb()

# openpyxl writing and reading the same rows (the device sheet's and the link sheet's).
start = time.monotonic()
book = openpyxl.Workbook(write_only=True)
for title, rows in (("device", device_rows), ("link", link_rows)):
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append(row)
book.save(os.path.join(work, "openpyxl.xlsx"))
openpyxl_write = time.monotonic() - start
start = time.monotonic()
book = openpyxl.load_workbook(xlsx, read_only=True)
read = sum(1 for sheet in book for _ in sheet.iter_rows(values_only=True))
book.close()
openpyxl_read = time.monotonic() - start

print("%d devices and %d links (SQLite):" % (scale, 2 * scale))
print("  import from CSV: devices %.2f s, links %.2f s" % (csv_devices, csv_links))
print("  export to .xlsx: %.2f s (%.1f MB); openpyxl writing the same rows: %.2f s; ratio %.2f"
      % (exported, size_mb, openpyxl_write, exported / openpyxl_write))
print("  import of that .xlsx, replacing everything: %.2f s; openpyxl reading it (%d rows): "
      "%.2f s; ratio %.2f" % (reimported, read, openpyxl_read, reimported / openpyxl_read))
print("  server peak RSS: %.0f MB" % rss)
PY
