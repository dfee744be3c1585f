#!/usr/bin/env bash
# Load test of ticket creation through the real API (bench/README.md): starts the app in Release on a fresh SQLite
# database with the demo company, signs in as the specialist, and runs wrk (Debian package `wrk`) against
# POST /api/v1/tickets. Usage: bench/load/run.sh [seconds=30] [connections=16] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}; connections=${2:-16}; threads=${3:-2}
data=$(mktemp -d); port=5099
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
dotnet build -c Release src/ServiceMark.Web >/dev/null
ASPNETCORE_ENVIRONMENT=Development ServiceMark__DataDirectory="$data" ServiceMark__DemoHistoryTickets=0 ServiceLevels__MonitorEnabled=false \
  Logging__LogLevel__Default=Warning dotnet run -c Release --no-build --project src/ServiceMark.Web --urls "http://127.0.0.1:$port" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; cp "$data/app.log" /tmp/load-app.log 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
export SERVICEMARK_TOKEN=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"userName":"specialist","password":"ServiceMark-Demo-2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/load/create-tickets.lua "http://127.0.0.1:$port"
sleep 1
echo "tickets in the database: $(curl -sf "http://127.0.0.1:$port/api/v1/tickets?pageSize=1" -H "Authorization: Bearer $SERVICEMARK_TOKEN" | sed -E 's/.*"total":([0-9]+).*/\1/') (sqlite3: $(sqlite3 "$data/servicemark.db" "select count(*) from ServiceTickets" 2>/dev/null))"
