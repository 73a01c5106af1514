#!/usr/bin/env bash
# ./farm loadtest: how much upload traffic one Gateway holds on this machine, next to the raw blob store, and how its
# defences (rate limits, load shedding) behave under overload. Uses `hey` (Debian). Prints Markdown for PERFORMANCE.md.
set -euo pipefail
FARM_ROOT=${FARM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$FARM_ROOT"
command -v hey >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null; }
export Painters__Manifest=${Painters__Manifest:-$FARM_ROOT/models/manifest.json}
export Painters__ModelDirectories__0=${Painters__ModelDirectories__0:-$FARM_ROOT/models}
DURATION=${LOADTEST_DURATION:-15s}
PHOTO=${LOADTEST_PHOTO:-${RENDERFARM_SHARED:-$FARM_ROOT/../shared}/testdata/exif/DSCN0021.jpg}
WORK=$(mktemp -d)
GATEWAY_PID=
trap '[ -n "$GATEWAY_PID" ] && kill $GATEWAY_PID 2>/dev/null; rm -rf "$WORK"' EXIT

# A multipart body exactly as a browser sends it.
BOUNDARY=renderfarmloadtest
{ printf -- '--%s\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' $BOUNDARY
  cat "$PHOTO"; printf -- '\r\n--%s--\r\n' $BOUNDARY; } > "$WORK/body"

start_gateway() { # start_gateway KEY=VALUE... : a fresh Release Gateway on :18080 with these settings
  [ -n "$GATEWAY_PID" ] && kill $GATEWAY_PID 2>/dev/null && wait $GATEWAY_PID 2>/dev/null || true
  (cd src/Gateway/bin/Release/net10.0 && exec env Urls=http://127.0.0.1:18080 Bus__PaintQueue=loadtest-$RANDOM "$@" \
     Logging__LogLevel__Default=Warning dotnet RenderFarm.Gateway.dll) > "$WORK/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  for _ in $(seq 120); do curl -fs -o /dev/null http://127.0.0.1:18080/health/ready && return 0; sleep 0.5; done
  cat "$WORK/gateway.log" >&2; return 1
}

summary() { # rps p50 p99 codes from hey's output
  awk '/Requests\/sec/ {rps=$2} /  50% in/ {p50=$3*1000} /  99% in/ {p99=$3*1000}
       /^ *\[[0-9]+\]/ {gsub(/[][]/,"",$1); codes = codes $1 "×" $2 " "}
       /^ *\[[0-9]+\]\t/ {}
       /Get|Post|Put|dial|EOF|timeout/ && /\[[0-9]+\]/ {errors++}
       END {printf "%.0f | %.0f | %.0f | %s", rps, p50, p99, codes}' "$1"
}

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$GATEWAY_PID/status; }
hwm_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$GATEWAY_PID/status; }

echo "## Load test: one Gateway ($(nproc) cores), $(stat -c %s "$PHOTO") byte JPEG, $DURATION per row"
echo
echo "| target | clients | requests/s | p50 ms | p99 ms | status codes |"
echo "|---|---:|---:|---:|---:|---|"
SAS=$(dotnet run -c Release --no-build --project tests/RenderFarm.Benchmarks -- sas loadtest raw-put)
start_gateway RateLimiting__UploadsPerWindow=100000000 Shedding__MinDepth=100000000
echo "(gateway idle: $(rss_mib) MiB RSS)" >&2
for c in 16 64 256; do
  hey -z "$DURATION" -c $c -m PUT -H "x-ms-blob-type: BlockBlob" -T image/jpeg -D "$PHOTO" "$SAS" > "$WORK/raw.txt"
  echo "| Azurite PUT (raw store) | $c | $(summary "$WORK/raw.txt") |"
  hey -z "$DURATION" -c $c -m POST -T "multipart/form-data; boundary=$BOUNDARY" -D "$WORK/body" \
    http://127.0.0.1:18080/api/portraits > "$WORK/gw.txt"
  echo "| Gateway POST /api/portraits | $c | $(summary "$WORK/gw.txt") |"
done
echo
echo "Gateway memory after the runs: $(rss_mib) MiB RSS, peak $(hwm_mib) MiB."
echo

echo "### Overload: one client over its upload limit (10 per minute), 100 uploads, 4 at a time"
start_gateway RateLimiting__UploadsPerWindow=10 RateLimiting__ClientKeySecret=loadtest-$RANDOM Shedding__MinDepth=100000000
hey -n 100 -c 4 -m POST -T "multipart/form-data; boundary=$BOUNDARY" -D "$WORK/body" http://127.0.0.1:18080/api/portraits > "$WORK/rl.txt"
echo
echo "| requests/s | p50 ms | p99 ms | status codes |"
echo "|---:|---:|---:|---|"
echo "| $(summary "$WORK/rl.txt") |"
echo

echo "### Overload: no workers, shedding at 50 queued (Shedding:MaxDepthWithoutProgress), 300 uploads, 8 at a time"
start_gateway RateLimiting__UploadsPerWindow=100000000 Shedding__MinDepth=50 Shedding__MaxDepthWithoutProgress=50 Shedding__ProbeInterval=00:00:00.5
hey -n 300 -c 8 -m POST -T "multipart/form-data; boundary=$BOUNDARY" -D "$WORK/body" http://127.0.0.1:18080/api/portraits > "$WORK/shed.txt"
echo
echo "| requests/s | p50 ms | p99 ms | status codes |"
echo "|---:|---:|---:|---|"
echo "| $(summary "$WORK/shed.txt") |"
