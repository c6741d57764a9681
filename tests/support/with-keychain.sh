#!/usr/bin/env bash
# Runs a command with a real Secret Service keychain of its own: a private D-Bus session with
# gnome-keyring's secrets component, its login keyring in a throwaway folder, unlocked.
#   tests/support/with-keychain.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${CAIRN_IN_KEYCHAIN_SESSION:-}" ]; then
  export CAIRN_IN_KEYCHAIN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
keyrings=$(mktemp -d)
trap 'kill "${GNOME_KEYRING_PID:-}" 2>/dev/null || true; rm -rf "$keyrings"' EXIT
export XDG_DATA_HOME=$keyrings
eval "$(printf 'cairn-tests' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID
"$@"
