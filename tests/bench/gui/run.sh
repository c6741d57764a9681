#!/usr/bin/env bash
# Issue #19's desktop targets with SCALE devices (100,000) on SQLite, offscreen: opening the
# inventory area < 300 ms, each frame of a scroll from the top of the device table to its
# bottom < 16 ms, a set-query filter < 200 ms.
#   tests/bench/gui/run.sh [path/to/build]   SCALE (100000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
. "$here/../lib.sh"
bench_require "$build/tests/cairn-bench-gui"
"$build/tests/cairn-bench-gui" "$bench_work/data" "${SCALE:-100000}"
