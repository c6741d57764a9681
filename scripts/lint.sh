#!/usr/bin/env bash
# Style and static checks CI enforces: clang-format (.clang-format) and clang-tidy (.clang-tidy)
# over every C++ file in the repository. Needs a configured build/ (compile_commands.json).
# clang-tidy skips units found clean before with the same preprocessed text and checks
# (scripts/clang-tidy-cached.py); CAIRN_TIDY_CACHE=off checks every unit.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.h')
clang-format --dry-run --Werror "${sources[@]}"
# The fuzz targets are built on their own (scripts/fuzz.sh, with clang's -Werror), outside
# build/'s compilation database.
mapfile -t units < <(git ls-files '*.cpp' ':!tests/fuzz/')
if [[ "${CAIRN_TIDY_CACHE:-on}" == off ]]; then
    printf '%s\n' "${units[@]}" | xargs -n 4 -P "$(nproc)" clang-tidy -p build --quiet --warnings-as-errors='*' 2>/dev/null
else
    scripts/clang-tidy-cached.py build "${units[@]}"
fi
echo "lint: clang-format and clang-tidy clean over ${#units[@]} translation units"
