#!/usr/bin/env bash
# Load test of `tailor serve`: starts the server on loopback, waits for /healthz, drives POST /v1/suggest with wrk from
# a separate process (32 connections by default, each request a different holdout description), then prints wrk's
# figures and the server's resident memory. A benchmark, not a test: nothing here fails on a slow figure.
#   bench/serve-load.sh                                   # the shipped default suggester
#   SUGGESTER=guarded:baseline CONNECTIONS=64 DURATION=30s bench/serve-load.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
suggester=${SUGGESTER:-guarded:model:models/domains}
port=${PORT:-5077}
connections=${CONNECTIONS:-32}
duration=${DURATION:-20s}
suite=${SUITE:-data/suites/holdout.jsonl}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

cd "$root"
dotnet build -c Release src/Tailor.Cli -v q -nologo >/dev/null
dotnet src/Tailor.Cli/bin/Release/net10.0/tailor.dll serve --suggester "$suggester" --urls "http://127.0.0.1:$port" >/tmp/tailor-serve-load.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat /tmp/tailor-serve-load.log >&2; exit 1; }
  sleep 0.5
done

# A short warm-up so that the first batches' one-off costs (JIT, vocabulary masks) stay out of the figures.
wrk -t2 -c"$connections" -d3s --timeout 30s -s bench/wrk-suggest.lua "http://127.0.0.1:$port" -- "$suite" >/dev/null
echo "# tailor serve under load: $suggester, $connections connections, $duration"
wrk -t2 -c"$connections" -d"$duration" --timeout 30s --latency -s bench/wrk-suggest.lua "http://127.0.0.1:$port" -- "$suite"
echo "server resident memory: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$server/status) now, $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server/status) peak"
