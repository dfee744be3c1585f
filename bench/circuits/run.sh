#!/usr/bin/env bash
# Memory per signed-in browser tab (Blazor circuit): builds the app (Release), seeds the demo company into a scratch
# data directory in a separate process (so that seeding does not inflate the measured heap), starts the app (in
# Development: a build output, unlike a publish, serves its static assets only there), opens N signed-in Chromium tabs and prints RSS and live managed heap at each step and per circuit.
# Usage (repository root): bench/circuits/run.sh [steps=0,20,40,60] [paths=/,/tickets] [data-dir]
# Needs: Debian's chromium, node + npm (playwright-core is installed here from package.json), dotnet-gcdump
# (`dotnet tool install -g dotnet-gcdump`). DOTNET_gcServer=1 in the environment measures the server GC for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${1:-0,20,40,60}
paths=${2:-/,/tickets}
data=${3:-$(mktemp -d)}
port=${PORT:-5204}
bin=${BIN:-/tmp/servicemark-bench-bin}
gcdump=$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")

(cd bench/circuits && npm install --no-audit --no-fund --silent >/dev/null)
[ -f "$bin/ServiceMark.Web.dll" ] || dotnet build -c Release src/ServiceMark.Web -o "$bin" | tail -n 2
if [ ! -f "$data/servicemark.db" ]; then
  ASPNETCORE_ENVIRONMENT=Development ServiceMark__DataDirectory="$data" dotnet "$bin/ServiceMark.Web.dll" seed-demo >/dev/null
fi
ASPNETCORE_ENVIRONMENT=Development ServiceMark__DemoHistoryTickets=0 ServiceLevels__MonitorEnabled=false ServiceMark__DataDirectory="$data" ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet "$bin/ServiceMark.Web.dll" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

# Live managed heap in MB: a gcdump forces a full collection and reports what survives it.
cat >"$data/heap.sh" <<HOOK
#!/usr/bin/env bash
f=\$(mktemp -u --suffix=.gcdump)
"$gcdump" collect -p $app -o "\$f" >/dev/null 2>&1
"$gcdump" report "\$f" 2>/dev/null | awk '/GC Heap bytes/ {gsub(",","",\$1); print \$1/1048576; exit}'
rm -f "\$f"
HOOK
chmod +x "$data/heap.sh"
echo "load: $(uptime)"
APP_PID=$app HOOK="$data/heap.sh" OUT="$data/p4-result.json" node bench/circuits/p4_circuits.js "http://127.0.0.1:$port" "$steps" supervisor "$paths"
echo "load: $(uptime)"
