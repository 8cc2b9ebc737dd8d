#!/usr/bin/env bash
# HTTP API benchmark on loopback: read throughput and latency of POST /get_parameter_value with wrk,
# then submit-to-completion throughput of small runs. Starts its own server and stops it again.
# Usage: scripts/bench-http.sh [DURATION_SECONDS=20] [CONNECTIONS=4] [JOBS=200]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
CONNECTIONS="${2:-4}"
JOBS="${3:-200}"
PORT="${BENCH_PORT:-18080}"
JAR=bridge-cli/target/bridge.jar

if ! command -v wrk >/dev/null; then
  echo "bench-http: installing wrk (Debian package)" >&2
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q wrk >/dev/null
fi
[[ -f "$JAR" ]] || { echo "bench-http: $JAR missing; run make build" >&2; exit 2; }

WORK="$(mktemp -d)"
export ENVIRONMENT=test PORT="$PORT" HOST=127.0.0.1 AUTH_DEV_SECRET="bench-secret-0123456789-0123456789-0123" \
  MCP_MODEL_SEARCH_PATHS="$PWD/models" JOB_REGISTRY_PATH="$WORK/registry.db" AUDIT_STORAGE_PATH="$WORK/audit" \
  POPULATION_STORAGE_PATH="$WORK/population" LOG_LEVEL=WARN AUTH_RATE_LIMIT_PER_MINUTE=0 ${BENCH_ENV:-}
java -jar "$JAR" serve >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
TOKEN="$(java -jar "$JAR" token mint --sub bench --roles operator --ttl 1h)"
BASE="http://127.0.0.1:$PORT"
curl -sf -o /dev/null -X POST "$BASE/load_simulation" -H "Authorization: Bearer $TOKEN" -H 'X-MCP-Confirm: true' \
  -H 'Content-Type: application/json' -d '{"filePath":"one_compartment_iv_bolus.pkml","simulationId":"bench"}'

cat >"$WORK/get.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"simulationId":"bench","parameterPath":"Organism|Central|Volume"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
echo "== warm-up (5 s)"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/get.lua" "$BASE/get_parameter_value" >/dev/null
echo "== POST /get_parameter_value: wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/get.lua" "$BASE/get_parameter_value"

echo "== submit-to-completion of $JOBS small runs (one_compartment_iv_bolus.pkml as bundled)"
java scripts/bench/JobThroughput.java "$BASE" "$TOKEN" bench "$JOBS"
echo "== audit records written: $(find "$WORK/audit" -name "*.jsonl" -exec cat {} + 2>/dev/null | wc -l)"
