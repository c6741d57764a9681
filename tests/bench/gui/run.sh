#!/usr/bin/env bash
# Issue #19's desktop targets on SQLite, offscreen. With SCALE devices (100,000): opening the
# inventory area < 300 ms, each frame of a scroll from the top of the device table to its
# bottom < 16 ms, a set-query filter < 200 ms. With TOPOLOGY devices (2,000) and twice as many
# links: the first layout < 3 s, each pan and zoom frame < 16 ms.
#   tests/bench/gui/run.sh [path/to/build]   SCALE (100000) TOPOLOGY (2000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
. "$here/../lib.sh"
bench_require "$build/tests/cairn-bench-gui"
bench_require "$build/tests/cairn-bench-topology"
"$build/tests/cairn-bench-gui" "$bench_work/data" "${SCALE:-100000}"
"$build/tests/cairn-bench-topology" "$bench_work/topology" "${TOPOLOGY:-2000}"
