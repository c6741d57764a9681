#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs every test suite (each
# storage suite on SQLite and on a PostgreSQL cluster the tests start themselves), the fuzz
# targets, the suites under sanitizers and the load test, each bounded (docs/testing.md). Prints
# how long each stage took at the end, also when one fails, so a slow CI shows where the time
# went.
set -euo pipefail
cd "$(dirname "$0")/.."
timings=()
stage() {
    local name=$1 start=$SECONDS status=0
    shift
    "$@" || status=$?
    local outcome=""
    ((status == 0)) || outcome=" (failed, exit $status)"
    timings+=("$(printf '%-6s %5d s%s' "$name" $((SECONDS - start)) "$outcome")")
    return "$status"
}
report() { printf 'stage times:\n'; printf '  %s\n' "${timings[@]}"; }
trap report EXIT
stage setup scripts/setup.sh
stage cmake cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_WERROR=ON -DCAIRN_BUILD_TESTS=ON
stage build cmake --build build
stage lint scripts/lint.sh
stage ctest ctest --test-dir build --output-on-failure
stage package tests/package/run.sh build
# Bounded forms of the robustness runs (docs/testing.md has the unbounded ones).
stage fuzz scripts/fuzz.sh "${CAIRN_FUZZ_SECONDS:-15}"
stage asan scripts/sanitize.sh address
# Short runs, still filling the database's page caches and the allocator's arenas: the bound
# here catches a leak of a kilobyte a request, the full runs hold 5% (docs/testing.md).
stage load env DURATION="${CAIRN_LOAD_SECONDS:-15}" MAX_GROWTH_PERCENT=15 tests/load/run.sh
