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
# CI stops a run at 90 minutes. Where the compiler and lint caches are cold (a fresh machine),
# the builds take most of that, so each robustness stage after ctest runs only if a cold run of
# it still fits in CAIRN_BUDGET_MINUTES (80) from the start (.ci/run's, when it set one);
# otherwise it is skipped, and the stage times say so.
started_at=${CAIRN_STARTED_AT:-$(date +%s)}
budget_seconds=$((${CAIRN_BUDGET_MINUTES:-80} * 60))
within_budget() { # name cold_seconds command...
    local name=$1 cold=$2 elapsed=$(($(date +%s) - started_at))
    shift 2
    if ((elapsed + cold > budget_seconds)); then
        timings+=("$(printf '%-6s     skipped: %d s into a %d s budget, a cold run needs %d s' \
            "$name" "$elapsed" "$budget_seconds" "$cold")")
        echo "test.sh: $name skipped to stay within the time budget (docs/testing.md)" >&2
        return 0
    fi
    stage "$name" "$@"
}
trap report EXIT
stage setup scripts/setup.sh
stage cmake cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_WERROR=ON -DCAIRN_BUILD_TESTS=ON
stage build cmake --build build
stage lint scripts/lint.sh
stage ctest ctest --test-dir build --output-on-failure
stage package tests/package/run.sh build
# Bounded forms of the robustness runs (docs/testing.md has the unbounded ones).
within_budget fuzz 420 scripts/fuzz.sh "${CAIRN_FUZZ_SECONDS:-15}"
within_budget asan 1500 scripts/sanitize.sh address
# Short runs, still filling the database's page caches and the allocator's arenas: the bound
# here catches a leak of a kilobyte a request, the full runs hold 5% (docs/testing.md).
within_budget load 150 env DURATION="${CAIRN_LOAD_SECONDS:-15}" MAX_GROWTH_PERCENT=15 tests/load/run.sh
