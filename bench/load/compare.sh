#!/usr/bin/env bash
# Ticket creation side by side with the bare ceiling (bench/ceiling: one EF Core insert, one raw Microsoft.Data.Sqlite insert
# per request, SQLite WAL, synchronous=FULL), on the same machine, interleaved: product, ceiling (EF), ceiling (raw),
# product, … with the same wrk settings, then req/s of each run and the ratios product ÷ ceiling.
#
# Usage: bench/load/compare.sh [data-dir] [rounds=2] [seconds=20] [connections=64] [threads=2]
#   data-dir  a SQLite data directory to run the product on (e.g. a COPY of the 1 M database: it gets tickets added);
#             empty or "fresh": a new database with the demo company and no history.
# Environment: PRODUCT_BIN=<dir> to run an already built product (e.g. one built from main for the "before" figure);
#              otherwise the product is built in Release from this checkout.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
data=${1:-fresh}; rounds=${2:-2}; seconds=${3:-20}; connections=${4:-64}; threads=${5:-2}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
work=$(mktemp -d); product_port=5097; ceiling_port=5205
product_bin=${PRODUCT_BIN:-$work/product}
if [[ -z ${PRODUCT_BIN:-} ]]; then dotnet build -c Release src/ServiceMark.Web -o "$product_bin" >/dev/null; fi
dotnet build -c Release bench/ceiling -o "$work/ceiling" >/dev/null
if [[ $data == fresh ]]; then data=$work/data; mkdir -p "$data"; fi

app=""; ceiling=""
cleanup() { [[ -n $app ]] && kill "$app" 2>/dev/null; [[ -n $ceiling ]] && kill "$ceiling" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

wait_ready() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "not ready: $1" >&2; exit 1; }

# The product: Release, demo sign-ins (Development), no background monitors, FULL durability (the default).
(cd "$product_bin" && ASPNETCORE_ENVIRONMENT=Development ServiceMark__DataDirectory="$data" ServiceMark__DemoHistoryTickets=0 \
  ServiceLevels__MonitorEnabled=false AssessmentReminders__Enabled=false Logging__LogLevel__Default=Warning \
  exec dotnet ServiceMark.Web.dll --urls "http://127.0.0.1:$product_port" >"$work/product.log" 2>&1) &
app=$!
(cd "$work/ceiling" && BENCH_DB="$work/ceiling.db" exec dotnet Bench.dll --urls "http://127.0.0.1:$ceiling_port" >"$work/ceiling.log" 2>&1) &
ceiling=$!
wait_ready "http://127.0.0.1:$product_port/health/ready"
wait_ready "http://127.0.0.1:$ceiling_port/hello"
export SERVICEMARK_TOKEN=$(curl -sf -X POST "http://127.0.0.1:$product_port/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"userName":"specialist","password":"ServiceMark-Demo-2026"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

# A warm-up of each (JIT and tiered compilation, connection pools, the calendar cache), not counted: WARMUP seconds, default 20 (the product's first 10 s still run 30–40 % slow).
wrk -t"$threads" -c"$connections" -d"${WARMUP:-20}s" -s bench/load/create-tickets.lua "http://127.0.0.1:$product_port" >/dev/null
wrk -t"$threads" -c"$connections" -d"${WARMUP:-20}s" -s bench/ceiling/post.lua "http://127.0.0.1:$ceiling_port/tickets" >/dev/null
wrk -t"$threads" -c"$connections" -d"${WARMUP:-20}s" -s bench/ceiling/post.lua "http://127.0.0.1:$ceiling_port/tickets-raw" >/dev/null

rps() { sed -nE 's/^Requests\/sec:[[:space:]]+([0-9.]+).*/\1/p' "$1"; }
declare -a p e r
echo "load before: $(uptime)"
for i in $(seq 1 "$rounds"); do
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/load/create-tickets.lua "http://127.0.0.1:$product_port" >"$work/p$i.txt"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/ceiling/post.lua "http://127.0.0.1:$ceiling_port/tickets" >"$work/e$i.txt"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/ceiling/post.lua "http://127.0.0.1:$ceiling_port/tickets-raw" >"$work/r$i.txt"
  p[$i]=$(rps "$work/p$i.txt"); e[$i]=$(rps "$work/e$i.txt"); r[$i]=$(rps "$work/r$i.txt")
  printf 'round %d: product %8.1f req/s (%s)  ceiling EF %8.1f req/s  ceiling raw %8.1f req/s  product/EF %.2f  product/raw %.2f\n' \
    "$i" "${p[$i]}" "$(grep -E '^201 Created' "$work/p$i.txt" | tr -d '\n')" "${e[$i]}" "${r[$i]}" \
    "$(echo "${p[$i]} / ${e[$i]}" | bc -l)" "$(echo "${p[$i]} / ${r[$i]}" | bc -l)"
  grep -E '^latency p50' "$work/p$i.txt" | sed 's/^/         product /'
done
echo "load after: $(uptime)"
