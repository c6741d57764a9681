#!/usr/bin/env bash
# HTTP throughput of `cairn serve` against nginx serving the same bytes from files, measured in
# the same run with the same wrk settings, on loopback.
#   tests/bench/http/run.sh [path/to/cairn]   (default: build/app/cairn)
# Environment: DURATION (seconds, 10), CONNECTIONS (64), THREADS (wrk threads, 2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cairn=${1:-$root/build/app/cairn}
. "$here/../lib.sh"
bench_require "$cairn" -- wrk nginx curl
bench_start_cairn "$cairn"
token=$bench_token
cairn_port=$bench_cairn_port

# nginx serves the very bytes Cairn answers with.
mkdir -p "$bench_work/www/rest" "$bench_work/www/api/users/0"
curl -sf "http://127.0.0.1:$cairn_port/rest/is_alive" >"$bench_work/www/rest/is_alive"
curl -sf -H "Authorization: Token $token" "http://127.0.0.1:$cairn_port/api/users/0/" \
    >"$bench_work/www/api/users/0/index.json"
bench_start_nginx "$bench_work/www" 'location = /api/users/0/ { try_files /api/users/0/index.json =404; }'
nginx_port=$bench_nginx_port
bench_wait_for "http://127.0.0.1:$nginx_port/rest/is_alive"

printf '%-34s %14s %14s %8s\n' "request" "cairn req/s" "nginx req/s" "ratio"
report() { # label cairn nginx
    printf '%-34s %14.0f %14.0f %8.2f\n' "$1" "$2" "$3" "$(echo "$2 / $3" | bc -l)"
}
alive_cairn=$(bench_rate "http://127.0.0.1:$cairn_port/rest/is_alive")
alive_nginx=$(bench_rate "http://127.0.0.1:$nginx_port/rest/is_alive")
report "GET /rest/is_alive" "$alive_cairn" "$alive_nginx"
auth_cairn=$(bench_rate "http://127.0.0.1:$cairn_port/api/users/0/" "Authorization: Token $token")
auth_nginx=$(bench_rate "http://127.0.0.1:$nginx_port/api/users/0/" "Authorization: Token $token")
report "GET /api/users/0/ (API token)" "$auth_cairn" "$auth_nginx"
echo "wrk -t${THREADS:-2} -c${CONNECTIONS:-64} -d${DURATION:-10}s on $(nproc) cores; cairn access log: $(wc -l <"$bench_work/cairn.log") lines"
