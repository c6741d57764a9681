#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang with AddressSanitizer and UndefinedBehavior-
# Sanitizer), replays every input that once crashed one of them (tests/fuzz/regressions), then
# fuzzes each target for a bounded time and prints what it reached.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, every target)
# The corpus grows in build-fuzz/corpus between runs; an input that crashes, leaks or hangs is
# written to build-fuzz/artifacts and fails the run. Copy it into tests/fuzz/regressions/TARGET/
# once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=build-fuzz

CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCAIRN_BUILD_FUZZERS=ON -DCAIRN_BUILD_TESTS=OFF >/dev/null
cmake --build "$build"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for binary in "$build"/tests/fuzz/cairn-fuzz-*; do
        [ -x "$binary" ] && [ -f "$binary" ] && targets+=("${binary##*/cairn-fuzz-}")
    done
fi

# Seeds: the committed ones, plus the test data each parser already has.
seeds=$build/seeds
rm -rf "$seeds"
cp -r tests/fuzz/seeds "$seeds"
mkdir -p "$seeds"/{TextFsm,Template,DomainXml,Sheet,NeighborDb,Yaml}
for case in tests/data/textfsm/*/; do
    name=$(basename "$case")
    { cat "$case/template.textfsm"; printf '\n----\n'; [ ! -f "$case/output.txt" ] || cat "$case/output.txt"; } \
        >"$seeds/TextFsm/$name"
done
cp resources/toolkit/templates/*.textfsm "$seeds/TextFsm/"
/usr/bin/python3 - "$seeds/Template" <<'PY'
import json, sys
for number, case in enumerate(json.load(open("tests/data/jinja/cases.json"))):
    open(f"{sys.argv[1]}/case-{number}", "w").write(case["template"])
PY
cp tests/data/libvirt/*.xml "$seeds/DomainXml/"
cp resources/ztp/neighbordb "$seeds/NeighborDb/empty"
cp resources/demo/ztp/neighbordb "$seeds/NeighborDb/demo"
find resources/demo/ztp/definitions -type f -exec cp {} "$seeds/Yaml/" \;
/usr/bin/python3 - "$seeds/Sheet/devices.xlsx" <<'PY'
import datetime, sys, openpyxl
book = openpyxl.Workbook()
devices = book.active
devices.title = "device"
devices.append(["name", "ip_address", "enabled", "port", "created", "weight"])
devices.append(["lax-core1", "10.0.0.1", True, 22, datetime.datetime(2026, 12, 7, 6), 1.5])
devices.append(["=cmd", None, False, None, None, None])
book.create_sheet("link").append(["name", "source_name", "destination_name"])
book.save(sys.argv[1])
PY
if command -v libreoffice >/dev/null; then
    (cd "$seeds/Sheet" && timeout 120 libreoffice --headless --convert-to xls devices.csv >/dev/null 2>&1) || true
fi

status=0
report=()
for target in "${targets[@]}"; do
    binary=$build/tests/fuzz/cairn-fuzz-$target
    regressions=tests/fuzz/regressions/$target
    if [ -d "$regressions" ]; then
        echo "== $target: replaying $(find "$regressions" -type f | wc -l) regression inputs"
        "$binary" -runs=0 "$regressions"/* >"$build/$target-regressions.log" 2>&1 || {
            status=1
            report+=("$(printf '%-12s regression input fails again: %s' "$target" "$build/$target-regressions.log")")
            continue
        }
    fi
    corpus=$build/corpus/$target
    artifacts=$build/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    echo "== $target: fuzzing for $seconds s"
    log=$build/$target.log
    outcome=ok
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds/$target" \
        >"$log" 2>&1 || { outcome="FOUND $(ls "$artifacts" | head -1) (see $log)"; status=1; }
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
    report+=("$(printf '%-12s %10s runs  %-32s %s' "$target" "${runs:-?}" "${coverage:-?}" "$outcome")")
done
printf 'fuzzing, %s s per target:\n' "$seconds"
printf '  %s\n' "${report[@]}"
exit "$status"
