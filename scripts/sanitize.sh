#!/usr/bin/env bash
# Builds the server and the test suites with clang under sanitizers and runs them on SQLite (the
# storage layer is the same code on PostgreSQL; the threads and buffers are ours):
#   scripts/sanitize.sh [address|thread] [ctest -R pattern]
#   address (default): AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer in
#           build-asan/; the unit and API suites.
#   thread: ThreadSanitizer in build-tsan/; the unit suite, then the load test's mix against a
#           ThreadSanitizer server (CAIRN_TSAN_LOAD_SECONDS a run, 10). TSan cannot start
#           programs from a Qt process (docs/testing.md), so the API suite, whose servers are
#           started with QProcess, and the tests that start programs do not run under it; the
#           load test's emulated devices come from build/ (built here if missing).
# -O1 with line tables only: a third of a RelWithDebInfo build's compile time, readable traces.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
case "$kind" in
address)
    build=build-asan
    targets=(cairn cairn-unit-tests cairn-api-tests)
    pattern=${2:-'cairn-(unit|api)-tests\.sqlite'}
    ;;
thread)
    build=build-tsan
    targets=(cairn cairn-unit-tests)
    pattern=${2:-'cairn-unit-tests\.sqlite'}
    ;;
*) echo "usage: scripts/sanitize.sh [address|thread] [ctest -R pattern]" >&2; exit 64 ;;
esac
here=$PWD
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DCAIRN_WERROR=ON \
    -DCAIRN_BUILD_TESTS=ON -DCAIRN_SANITIZE="$kind" >/dev/null
cmake --build "$build" --target "${targets[@]}"

# Every report fails the test that caused it; servers the API tests start inherit these.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Qt is not built with TSan: what its own code does to memory is not checked (interceptors
# called from it, such as malloc or memmove, would otherwise pair with Cairn's accesses through
# orderings TSan cannot see).
tsan_options="suppressions=$here/tests/sanitizers/tsan.supp:second_deadlock_stack=1:ignore_noninstrumented_modules=1"
export TSAN_OPTIONS="$tsan_options:halt_on_error=1"
ctest --test-dir "$build" --output-on-failure -R "$pattern"
[ "$kind" = thread ] || exit 0

# The server's listener, request, job, scheduler and session threads under the load mix.
[ -x build/tests/cairn-bench-devices ] || cmake --build build --target cairn-bench-devices
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
status=0
TSAN_OPTIONS="$tsan_options:log_path=$reports/report" DEVICES=build/tests/cairn-bench-devices \
    DURATION=${CAIRN_TSAN_LOAD_SECONDS:-10} MAX_GROWTH_PERCENT=1000 tests/load/run.sh "$build" ||
    status=$?
# Printed before the reports' folder goes, above all when the load run failed.
if compgen -G "$reports/report*" >/dev/null; then
    cat "$reports"/report* >&2
    echo "sanitize: ThreadSanitizer reported on the server under load" >&2
    exit 1
fi
[ "$status" -eq 0 ] || { echo "sanitize: the load run failed" >&2; exit "$status"; }
echo "sanitize: no ThreadSanitizer report from the server under load"
