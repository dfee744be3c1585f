#!/usr/bin/env bash
# Cold start to ready: starts the app (Release) on a given SQLite data directory and times launch → first 200 from
# /health/ready, N times (the OS file cache is warm after the first; the figure is the app's own start-up work).
# Usage: bench/load/cold-start.sh <data-dir> [runs=3]
#   data-dir  e.g. a COPY of the 1 M database (the app migrates it if needed; it does not add tickets)
# Environment: PRODUCT_BIN=<dir> to time an already built product (e.g. one built from main); otherwise built here.
# With SHOW_SQL=1 the app logs each SQL command with its duration to <data-dir>/cold-start.log (to find a slow query).
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:?usage: cold-start.sh <data-dir> [runs]}; runs=${2:-3}; port=5098
bin=${PRODUCT_BIN:-$(mktemp -d)}
if [[ -z ${PRODUCT_BIN:-} ]]; then dotnet build -c Release src/ServiceMark.Web -o "$bin" >/dev/null; fi
sql_level=Warning; [[ ${SHOW_SQL:-0} == 1 ]] && sql_level=Information
echo "load: $(uptime)"
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  (cd "$bin" && ASPNETCORE_ENVIRONMENT=Development ServiceMark__DataDirectory="$data" ServiceMark__DemoHistoryTickets=0 \
    ServiceLevels__MonitorEnabled=false AssessmentReminders__Enabled=false Logging__LogLevel__Default=Warning \
    exec env "Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=$sql_level" dotnet ServiceMark.Web.dll --urls "http://127.0.0.1:$port" >"$data/cold-start.log" 2>&1) &
  app=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do
    kill -0 "$app" 2>/dev/null || { echo "the app exited: see $data/cold-start.log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(date +%s%N)
  kill "$app"; wait "$app" 2>/dev/null || true
  printf 'run %d: ready after %d ms\n' "$i" $(( (ready - start) / 1000000 ))
done
echo "load: $(uptime)"
