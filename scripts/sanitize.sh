#!/usr/bin/env bash
# Builds the server and the unit and API suites with clang under sanitizers and runs them on
# SQLite (the storage layer is the same code on PostgreSQL; the threads and buffers are ours):
#   scripts/sanitize.sh [address|thread] [ctest -R pattern]
#   address (default): AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer in build-asan/
#   thread: ThreadSanitizer in build-tsan/ (Qt itself is not instrumented: tests/sanitizers/tsan.supp
#           names what it cannot see through)
# -O1 with line tables only: a third of a RelWithDebInfo build's compile time, readable traces.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
pattern=${2:-'cairn-(unit|api)-tests\.sqlite'}
case "$kind" in
address) build=build-asan ;;
thread) build=build-tsan ;;
*) echo "usage: scripts/sanitize.sh [address|thread] [ctest -R pattern]" >&2; exit 64 ;;
esac
here=$PWD
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" -DCAIRN_WERROR=ON \
    -DCAIRN_BUILD_TESTS=ON -DCAIRN_SANITIZE="$kind" >/dev/null
cmake --build "$build" --target cairn cairn-unit-tests cairn-api-tests

# Every report fails the test that caused it; servers the API tests start inherit these.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="suppressions=$here/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1"
ctest --test-dir "$build" --output-on-failure -R "$pattern"
