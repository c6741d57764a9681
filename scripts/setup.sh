#!/usr/bin/env bash
# Installs every Debian 12 package Cairn needs to build, run and test, plus the npm assets for
# the offline API documentation pages. Safe to run again: apt-get and npm skip what is present.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

build_packages=(
  build-essential cmake ninja-build pkg-config git clang-format clang-tidy
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libssh-dev libvirt-dev libsodium-dev libyaml-cpp-dev libxlsxwriter-dev libminizip-dev
  libfreexl-dev libgit2-dev libgl-dev zlib1g-dev nlohmann-json3-dev
  libsqlite3-dev libgraphviz-dev qt6-svg-dev ccache help2man libpq-dev
)
runtime_packages=(
  libvirt0 libvirt-clients qt6-qpa-plugins adwaita-icon-theme libsecret-1-0 python3 curl jq
)
test_packages=(
  libgtest-dev libgmock-dev libbenchmark-dev postgresql openssh-server xvfb xauth wrk nginx-light
  dbus gnome-keyring python3-openpyxl python3-netmiko python3-textfsm python3-jinja2 python3-yaml python3-nacl python3-prometheus-client procps
  chromium bc python3-requests openssl ansible-core libreoffice-calc-nogui
  clang libclang-rt-14-dev llvm lintian
)

wanted=("${build_packages[@]}" "${runtime_packages[@]}")
[ "${1:-}" = "--runtime-only" ] || wanted+=("${test_packages[@]}")

missing=()
# Node.js may come from elsewhere (nodesource ships npm inside nodejs and conflicts with
# Debian's npm), so ask for Debian's only when the commands are absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Swagger UI, ReDoc and the OpenAPI validator used by the tests; served from the build tree so
# that /api/docs/ and /api/redoc/ render with the network off.
if [ ! -d "$here/third_party/web/node_modules/swagger-ui-dist" ] \
  || [ ! -d "$here/third_party/web/node_modules/redoc" ] \
  || [ ! -d "$here/third_party/web/node_modules/@apidevtools/swagger-parser" ]; then
  (cd "$here/third_party/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
