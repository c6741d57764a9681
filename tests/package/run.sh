#!/usr/bin/env bash
# The Debian package as an administrator gets it: CPack builds it from the build tree, dpkg-deb
# and lintian check it, apt resolves its dependencies from Debian 12's archive (a simulated
# install), and the files unpacked into a throwaway root serve /rest/is_alive when started
# with the unit's own ExecStart line (its paths moved into that root).
#   tests/package/run.sh [path/to/build]
set -euo pipefail
root_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root_dir/build}
for tool in cpack dpkg-deb lintian apt-get curl; do
    command -v "$tool" >/dev/null || { echo "package: $tool missing (scripts/setup.sh)" >&2; exit 1; }
done
work=$(mktemp -d /tmp/cairn-package-XXXXXX)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/cairn_*.deb)
echo "package: $(basename "$deb"), $(( $(stat -c %s "$deb") / 1024 )) KiB"

# What the package must hold, and what it must say.
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/cairn ./usr/libexec/cairn/cairn-xls-reader ./lib/systemd/system/cairn.service \
    ./usr/lib/sysusers.d/cairn.conf ./etc/cairn/cairn.ini ./usr/share/man/man1/cairn.1.gz \
    ./usr/share/applications/cairn.desktop ./usr/share/icons/hicolor/scalable/apps/cairn.svg \
    ./usr/share/doc/cairn/copyright ./usr/share/doc/cairn/changelog.gz; do
    grep -qx "$path" <<<"$contents" || fail "$path is not in the package"
done
[ "$(dpkg-deb --field "$deb" Package)" = cairn ] || fail "the package is not named cairn"
dpkg-deb --field "$deb" Depends | grep -q 'libqt6core6' || fail "Depends does not name Qt"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/cairn/cairn.ini ||
    fail "/etc/cairn/cairn.ini is not a conffile"

# Debian's own checks: no error and no warning.
lintian --fail-on error,warning "$deb" >"$work/lintian.log" 2>&1 ||
    { grep -v 'running with root privileges' "$work/lintian.log" >&2; fail "lintian found problems"; }
echo "package: lintian finds nothing"

# Every dependency comes from the archive apt knows (a simulated install changes nothing).
apt-get install --simulate --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt cannot install it"; }
echo "package: apt resolves its dependencies ($(grep -c '^Inst ' "$work/apt.log") to install here)"

# The unit's ExecStart, run from a throwaway root.
dpkg -x "$deb" "$work/root"
exec_start=$(sed -n 's/^ExecStart=//p' "$work/root/lib/systemd/system/cairn.service")
[ -n "$exec_start" ] || fail "the unit has no ExecStart line"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -m 700 "$work/data"
command_line=${exec_start//\/usr\/bin\/cairn/$work/root/usr/bin/cairn}
command_line=${command_line//\/etc\/cairn/$work/root/etc/cairn}
command_line=${command_line//\/var\/lib\/cairn/$work/data}
# shellcheck disable=SC2086 # the unit's line is split into words, as systemd does
$command_line --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    status=$(curl -s -o "$work/alive" -w '%{http_code}' "http://127.0.0.1:$port/rest/is_alive" || true)
    [ "$status" = 200 ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "the server stopped"; }
    sleep 0.2
done
[ "$status" = 200 ] || { cat "$work/server.log" >&2; fail "/rest/is_alive answered $status"; }
echo "package: the unit's ExecStart serves: /rest/is_alive -> $(cat "$work/alive")"
