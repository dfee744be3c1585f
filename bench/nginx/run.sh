#!/usr/bin/env bash
# Two app instances on one PostgreSQL database behind nginx, configured with the file in docs/operations.md
# ("nginx in front of two instances"), then through nginx: signed-in browser tabs (WebSocket circuits, sticky) and
# the ticket-creation load test. Fails on any non-201 answer, any lost circuit or any 5xx in nginx's log.
# Usage (repository root): bench/nginx/run.sh [seconds=20] [connections=32] [tabs=10]
# Needs Debian's nginx, wrk, chromium, node/npm and a PostgreSQL role that may create databases:
#   PG="Host=127.0.0.1;Port=5432;Username=sm;Password=sm" (the default)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}; connections=${2:-32}; tabs=${3:-10}
pg=${PG:-Host=127.0.0.1;Port=5432;Username=sm;Password=sm}
db=servicemark_nginx_bench
bin=${BIN:-/tmp/servicemark-bench-bin}
tmp=$(mktemp -d); chmod 755 "$tmp"
pgget() { echo "$pg" | tr ';' '\n' | sed -n "s/^$1=//p"; }
export PGHOST=$(pgget Host) PGPORT=$(pgget Port) PGUSER=$(pgget Username) PGPASSWORD=$(pgget Password)
for c in nginx wrk node psql; do command -v $c >/dev/null || { echo "$c is not installed" >&2; exit 2; }; done

[ -f "$bin/ServiceMark.Web.dll" ] || dotnet build -c Release src/ServiceMark.Web -o "$bin" | tail -n 2
(cd bench/circuits && npm install --no-audit --no-fund --silent >/dev/null)
psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export Database__Provider=Postgres ConnectionStrings__ServiceMark="$pg;Database=$db"
ASPNETCORE_ENVIRONMENT=Development dotnet "$bin/ServiceMark.Web.dll" seed-demo >/dev/null

pids=()
cleanup() {
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
for port in 5001 5002; do
  # Development: a build output (unlike a publish) serves its static assets only there.
  ASPNETCORE_ENVIRONMENT=Development ServiceMark__DemoHistoryTickets=0 ASPNETCORE_URLS="http://127.0.0.1:$port" ServiceLevels__MonitorEnabled=false \
    Logging__LogLevel__Default=Warning dotnet "$bin/ServiceMark.Web.dll" >"$tmp/app-$port.log" 2>&1 &
  pids+=($!)
done
for port in 5001 5002; do
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
done

# The configuration exactly as documented, included in a minimal nginx.conf of this run.
sed -n '/<!-- nginx-config -->/,/<!-- \/nginx-config -->/p' docs/operations.md | sed '1,2d;$d' | sed '$d' >"$tmp/servicemark.conf"
cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 1024; }
http {
  log_format bench '\$status \$upstream_addr \$request';
  access_log $tmp/access.log bench;
  client_body_temp_path $tmp/body; proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi; uwsgi_temp_path $tmp/uwsgi; scgi_temp_path $tmp/scgi;
  include $tmp/servicemark.conf;
}
CONF
nginx -t -p "$tmp" -c "$tmp/nginx.conf" 2>&1 | tail -n 1
nginx -p "$tmp" -c "$tmp/nginx.conf"
base=http://127.0.0.1:8080
for _ in $(seq 1 20); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done

echo "== sticky: one browser keeps its instance"
route=$(curl -s -D - -o /dev/null "$base/account/login" | sed -n 's/^Set-Cookie: sm_route=\([^;]*\);.*/\1/p' | tr -d '\r')
[ -n "$route" ] || { echo "no sm_route cookie" >&2; exit 1; }
echo "route cookie $route"
[ -z "${PAUSE:-}" ] || { echo "paused $PAUSE s (nginx on :8080)"; sleep "$PAUSE"; }

echo "== $tabs signed-in tabs through nginx (WebSocket circuits)"
OUT="$tmp/p4-result.json" node bench/circuits/p4_circuits.js "$base" "0,$tabs" supervisor "/,/tickets"

blazor_instances=$(awk '$4 ~ /^\/_blazor/ {print $2}' "$tmp/access.log" | sort -u | wc -l)
echo "instances that served this browser's circuits: $blazor_instances"
[ "$blazor_instances" -eq 1 ] || { echo "one browser's circuits were spread over $blazor_instances instances: not sticky" >&2; exit 1; }

echo "== ticket creation through nginx: wrk -t2 -c$connections -d${seconds}s"
export SERVICEMARK_TOKEN=$(curl -sf -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"userName":"specialist","password":"ServiceMark-Demo-2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
echo "load: $(uptime)"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s bench/load/create-tickets.lua "$base" | tee "$tmp/wrk.txt"
echo "load: $(uptime)"
served=$(wc -l <"$tmp/access.log")
echo "requests through nginx: $served"
grep -q "other statuses: 0$" "$tmp/wrk.txt" || { echo "some requests were not 201 Created" >&2; exit 1; }
! grep -q "Socket errors" "$tmp/wrk.txt" || { echo "wrk saw socket errors or timeouts" >&2; exit 1; }
echo "answers per instance: $(awk '{print $2}' "$tmp/access.log" | sort | uniq -c | tr '\n' ' ')"
if awk '$1 ~ /^5/' "$tmp/access.log" | grep -q .; then echo "nginx logged 5xx answers" >&2; exit 1; fi
for port in 5001 5002; do
  grep -qiE "fail|exception" "$tmp/app-$port.log" && { echo "instance $port logged errors:"; grep -iE "fail|exception" "$tmp/app-$port.log" | head; exit 1; } || true
done
echo "tickets in the database: $(psql -tA -d $db -c 'select count(*) from "ServiceTickets"')"
echo "OK: zero errors through nginx"
