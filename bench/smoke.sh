#!/usr/bin/env bash
# Benchmark smoke (run by .ci/run after the tests pass): generates a 100 000-ticket SQLite database and prints the list,
# search and facts figures of `queries` and the SQL commands of one ticket creation. Figures only, no pass/fail on
# time (timings on a shared machine are noise; the query plans and command counts are asserted by tests).
# Usage (repository root): bench/smoke.sh [tickets=100000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=${1:-100000}; runs=${2:-5}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
started=$(date +%s)
echo "load: $(uptime)"
dotnet build -c Release bench/ServiceMark.Bench 2>&1 | tail -n 1
ASPNETCORE_ENVIRONMENT=Development ServiceMark__DataDirectory="$data" Logging__LogLevel__Default=Warning \
  dotnet run -c Release --no-build --project src/ServiceMark.Web -- seed-demo --tickets "$tickets" --lifecycle-tickets 10000 | tail -n 2
echo "generated in $(( $(date +%s) - started )) s; $(du -h "$data/servicemark.db" | cut -f1)"
dotnet run -c Release --no-build --project bench/ServiceMark.Bench -- queries "$data" "$runs"
echo "load: $(uptime); smoke took $(( $(date +%s) - started )) s"
