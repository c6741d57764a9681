#!/usr/bin/env bash
# HTTP throughput of `cairn serve` against nginx serving the same bytes from files, measured in
# the same run with the same wrk settings, on loopback.
#   tests/bench/http/run.sh [path/to/cairn]   (default: build/app/cairn)
# Environment: DURATION (seconds, 10), CONNECTIONS (64), THREADS (wrk threads, 2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cairn=${1:-$root/build/app/cairn}
duration=${DURATION:-10}
connections=${CONNECTIONS:-64}
wrk_threads=${THREADS:-2}
for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -x "$cairn" ] || { echo "bench: $cairn not built (scripts/test.sh builds it)" >&2; exit 1; }

work=$(mktemp -d /tmp/cairn-bench-XXXXXX)
chmod 755 "$work"
cleanup() {
    [ -n "${cairn_pid:-}" ] && kill "$cairn_pid" 2>/dev/null || true
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Cairn on its defaults (SQLite, one listener thread per core, access log on, to a file).
echo "bench-password" | "$cairn" user add bench --password-stdin --email bench@example.com --data-dir "$work/data" >/dev/null 2>&1
token=$("$cairn" user token bench --data-dir "$work/data" 2>/dev/null | tail -n 1)
cairn_port=$(free_port)
"$cairn" serve --listen "127.0.0.1:$cairn_port" --data-dir "$work/data" 2>"$work/cairn.log" &
cairn_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$cairn_port/rest/is_alive" >/dev/null && break; sleep 0.1; done

# nginx serves the very bytes Cairn answers with.
mkdir -p "$work/www/rest" "$work/www/api/users/0"
curl -sf "http://127.0.0.1:$cairn_port/rest/is_alive" >"$work/www/rest/is_alive"
curl -sf -H "Authorization: Token $token" "http://127.0.0.1:$cairn_port/api/users/0/" >"$work/www/api/users/0/index.json"
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log $work/nginx-access.log;
    client_body_temp_path $work/tmp-body;
    proxy_temp_path $work/tmp-proxy;
    fastcgi_temp_path $work/tmp-fastcgi;
    uwsgi_temp_path $work/tmp-uwsgi;
    scgi_temp_path $work/tmp-scgi;
    default_type application/json;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
        location = /api/users/0/ { try_files /api/users/0/index.json =404; }
    }
}
CONF
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/rest/is_alive" >/dev/null && break; sleep 0.1; done

rate() { # url [header]
    local args=(-t"$wrk_threads" -c"$connections" -d"${duration}s")
    [ $# -gt 1 ] && args+=(-H "$2")
    wrk "${args[@]}" "$1" | awk '/Requests\/sec/ {print $2}'
}

printf '%-34s %14s %14s %8s\n' "request" "cairn req/s" "nginx req/s" "ratio"
report() { # label cairn nginx
    printf '%-34s %14.0f %14.0f %8.2f\n' "$1" "$2" "$3" "$(echo "$2 / $3" | bc -l)"
}
alive_cairn=$(rate "http://127.0.0.1:$cairn_port/rest/is_alive")
alive_nginx=$(rate "http://127.0.0.1:$nginx_port/rest/is_alive")
report "GET /rest/is_alive" "$alive_cairn" "$alive_nginx"
auth_cairn=$(rate "http://127.0.0.1:$cairn_port/api/users/0/" "Authorization: Token $token")
auth_nginx=$(rate "http://127.0.0.1:$nginx_port/api/users/0/" "Authorization: Token $token")
report "GET /api/users/0/ (API token)" "$auth_cairn" "$auth_nginx"
echo "wrk -t$wrk_threads -c$connections -d${duration}s on $(nproc) cores; cairn access log: $(wc -l <"$work/cairn.log") lines"
