#!/usr/bin/env bash
# Runs a command with a real Secret Service keychain of its own: a private D-Bus session with
# gnome-keyring's secrets component, its login keyring and runtime folder in a throwaway
# folder (never a developer's own keyring), unlocked, and stopped afterwards.
#   tests/support/with-keychain.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${CAIRN_IN_KEYCHAIN_SESSION:-}" ]; then
  export CAIRN_IN_KEYCHAIN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
keyrings=$(mktemp -d)
mkdir -m 700 "$keyrings/run" "$keyrings/data"
export XDG_RUNTIME_DIR=$keyrings/run XDG_DATA_HOME=$keyrings/data
printf 'cairn-tests' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  >/dev/null 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$keyrings"' EXIT
# Ready once the Secret Service answers on the bus.
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'; then
    "$@"
    exit
  fi
  kill -0 "$daemon" 2>/dev/null || { echo "with-keychain: gnome-keyring-daemon did not start" >&2; exit 1; }
  sleep 0.1
done
echo "with-keychain: the Secret Service did not appear on the bus" >&2
exit 1
