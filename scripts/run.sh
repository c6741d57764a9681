#!/usr/bin/env bash
# Installs what is needed, builds, and runs the server on the embedded defaults: SQLite in the
# user's data folder, the API on 127.0.0.1:8090. Extra arguments go to `cairn serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --runtime-only
cmake -S . -B build-run -G Ninja -DCMAKE_BUILD_TYPE=Release -DCAIRN_BUILD_TESTS=OFF
cmake --build build-run
# The README's next commands say `cairn …`: link it where Debian's login shells look.
mkdir -p "$HOME/.local/bin"
ln -sf "$PWD/build-run/app/cairn" "$HOME/.local/bin/cairn"
case ":$PATH:" in
*":$HOME/.local/bin:"*) ;;
*) echo "cairn is linked as ~/.local/bin/cairn; in another terminal: export PATH=\"\$HOME/.local/bin:\$PATH\"" ;;
esac
exec build-run/app/cairn serve --listen 127.0.0.1:8090 "$@"
