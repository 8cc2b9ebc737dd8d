#!/usr/bin/env bash
# Cost of metrics on the HTTP read path: the read benchmark of scripts/bench-http.sh
# (POST /get_parameter_value with wrk) with METRICS_ENABLED=false and =true, interleaved
# (off on on off, repeated) so that a drifting machine load biases neither side. Besides throughput it
# reports the server's own CPU time per request (utime+stime of the server process from /proc over the
# measured window), which a shared machine inflates far less than wall-clock throughput.
# Usage: scripts/bench-metrics-cost.sh [ROUNDS=2] [DURATION_SECONDS=15] [CONNECTIONS=4]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-2}"
DURATION="${2:-15}"
CONNECTIONS="${3:-4}"
PORT="${BENCH_PORT:-18081}"
JAR=bridge-cli/target/bridge.jar
command -v wrk >/dev/null || { echo "bench-metrics-cost: wrk missing (scripts/bench-http.sh installs it)" >&2; exit 2; }
[[ -f "$JAR" ]] || { echo "bench-metrics-cost: $JAR missing; run make build" >&2; exit 2; }
TICKS="$(getconf CLK_TCK)"

cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

run_once() { # $1 = true|false; prints: metrics req/s cpu_us_per_request p50 p99 load
  local metrics="$1" work server token base before after out requests seconds
  work="$(mktemp -d)"
  ENVIRONMENT=test PORT="$PORT" HOST=127.0.0.1 AUTH_DEV_SECRET="bench-secret-0123456789-0123456789-0123" \
    MCP_MODEL_SEARCH_PATHS="$PWD/models" JOB_REGISTRY_PATH="$work/registry.db" AUDIT_STORAGE_PATH="$work/audit" \
    POPULATION_STORAGE_PATH="$work/population" LOG_LEVEL=WARN AUTH_RATE_LIMIT_PER_MINUTE=0 METRICS_ENABLED="$metrics" \
    java -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -jar "$JAR" serve >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
  token="$(AUTH_DEV_SECRET="bench-secret-0123456789-0123456789-0123" ENVIRONMENT=test java -jar "$JAR" token mint --sub bench --roles operator --ttl 1h)"
  base="http://127.0.0.1:$PORT"
  curl -sf -o /dev/null -X POST "$base/load_simulation" -H "Authorization: Bearer $token" -H 'X-MCP-Confirm: true' \
    -H 'Content-Type: application/json' -d '{"filePath":"one_compartment_iv_bolus.pkml","simulationId":"bench"}'
  cat >"$work/get.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"simulationId":"bench","parameterPath":"Organism|Central|Volume"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$work/get.lua" "$base/get_parameter_value" >/dev/null
  before="$(cpu_ticks "$server")"
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/get.lua" "$base/get_parameter_value")"
  after="$(cpu_ticks "$server")"
  kill "$server"; wait "$server" 2>/dev/null || true; rm -rf "$work"
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  seconds="$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' <<<"$out")"
  awk -v m="$metrics" -v r="$requests" -v s="$seconds" -v t="$((after - before))" -v hz="$TICKS" \
    -v p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")" -v p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")" \
    -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%-5s %9.0f %9.0f %9s %9s %6s\n", m, r / s, t / hz * 1e6 / r, p50, p99, loadavg }'
}

echo "metrics   req/s  cpu_us/req      p50       p99   load1"
for _ in $(seq "$ROUNDS"); do
  for m in false true true false; do
    run_once "$m"
  done
done
