#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors, and runs every test suite (each
# storage suite on SQLite and on a PostgreSQL cluster the tests start themselves).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_WERROR=ON -DCAIRN_BUILD_TESTS=ON
cmake --build build
scripts/lint.sh
ctest --test-dir build --output-on-failure
