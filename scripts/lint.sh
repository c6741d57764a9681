#!/usr/bin/env bash
# Style and static checks CI enforces: clang-format (.clang-format) and clang-tidy (.clang-tidy)
# over every C++ file in the repository. Needs a configured build/ (compile_commands.json).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.h')
clang-format --dry-run --Werror "${sources[@]}"
mapfile -t units < <(git ls-files '*.cpp')
printf '%s\n' "${units[@]}" | xargs -n 4 -P "$(nproc)" clang-tidy -p build --quiet --warnings-as-errors='*' 2>/dev/null
echo "lint: clang-format and clang-tidy clean over ${#units[@]} translation units"
