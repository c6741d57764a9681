# Shared by the benchmarks: a work folder cleaned on exit, free ports, a cairn server with a
# superuser token, and nginx serving a folder with the same bytes. Source it, do not run it.

# bench_require FILE... -- TOOL...: every built FILE exists and every TOOL is on the PATH.
bench_require() {
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        [ -x "$1" ] || { echo "bench: $1 not built (scripts/test.sh builds everything)" >&2; exit 1; }
        shift
    done
    [ $# -gt 0 ] && shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
    done
}

bench_work=$(mktemp -d /tmp/cairn-bench-XXXXXX)
chmod 755 "$bench_work" # nginx workers run as another user
bench_cleanup() {
    [ -n "${bench_cairn_pid:-}" ] && kill "$bench_cairn_pid" 2>/dev/null || true
    [ -f "$bench_work/nginx.pid" ] && kill "$(cat "$bench_work/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$bench_work"
}
trap bench_cleanup EXIT

bench_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

bench_wait_for() { # url
    for _ in $(seq 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.1; done
    echo "bench: $1 never answered" >&2
    return 1
}

# bench_start_cairn CAIRN [SERVE_ARGUMENTS...]: sets bench_token, bench_cairn_port and
# bench_cairn_pid; the server logs to cairn.log.
bench_start_cairn() {
    echo "bench-password" | "$1" user add bench --password-stdin --email bench@example.com \
        --superuser --data-dir "$bench_work/data" >/dev/null 2>&1
    bench_token=$("$1" user token bench --data-dir "$bench_work/data" 2>/dev/null | tail -n 1)
    bench_cairn_port=$(bench_free_port)
    "$1" serve --listen "127.0.0.1:$bench_cairn_port" --data-dir "$bench_work/data" "${@:2}" \
        2>"$bench_work/cairn.log" &
    bench_cairn_pid=$!
    bench_wait_for "http://127.0.0.1:$bench_cairn_port/rest/is_alive"
}

# bench_start_nginx ROOT EXTRA_SERVER_DIRECTIVES: serves ROOT as JSON; sets bench_nginx_port.
bench_start_nginx() {
    bench_nginx_port=$(bench_free_port)
    cat >"$bench_work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $bench_work/nginx.pid;
error_log $bench_work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log $bench_work/nginx-access.log;
    client_body_temp_path $bench_work/tmp-body;
    proxy_temp_path $bench_work/tmp-proxy;
    fastcgi_temp_path $bench_work/tmp-fastcgi;
    uwsgi_temp_path $bench_work/tmp-uwsgi;
    scgi_temp_path $bench_work/tmp-scgi;
    default_type application/json;
    server { listen 127.0.0.1:$bench_nginx_port; root $1; $2 }
}
CONF
    nginx -c "$bench_work/nginx.conf" -e "$bench_work/nginx-error.log" &
}

bench_rate() { # url [header] -> requests per second
    local args=(-t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d"${DURATION:-10}s")
    [ $# -gt 1 ] && args+=(-H "$2")
    wrk "${args[@]}" "$1" | awk '/Requests\/sec/ {print $2}'
}
