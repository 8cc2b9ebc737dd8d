#!/usr/bin/env bash
# Load test of the job path: `bridge serve` with JOB_BACKEND=queue and WORKERS `bridge worker`s
# (one job at a time each) on the local Redis (BROKER=redis, default) or the local RabbitMQ
# (BROKER=rabbit, 127.0.0.1:5672 guest/guest) — or, with BACKEND=thread, the in-process thread
# backend with WORKERS threads. Submits N runs of MODEL over REST after a warm-up and prints
# jobs/s (first submit to last terminal state) and submit→start latency (queued → running event
# timestamps) p50/p99. Needs bridge-cli/target/bridge.jar (`mvn -pl bridge-cli -am -DskipTests package`),
# curl, jq, python3 and Redis on 127.0.0.1:6379 or RabbitMQ on 127.0.0.1:5672 (keys/queues under a
# fresh prefix, deleted at the end; RabbitMQ's with rabbitmqadmin-free `rabbitmqctl delete_queue`).
#
#   N=200 WORKERS=2 scripts/bench-queue.sh
#   BROKER=rabbit N=200 WORKERS=2 scripts/bench-queue.sh
#   BACKEND=thread N=200 WORKERS=1 scripts/bench-queue.sh
#   MODELS=../shared/reference/pkml/models/extra_no_reference_numbers MODEL=pksim_simple_simulation.pkml N=40 WORKERS=1 scripts/bench-queue.sh
#
# CPU-bound runs: STRETCH=END_MINUTES runs a copy of the bundled one-compartment model integrated
# to END_MINUTES with a 1-minute maximum step (4e6: about a second of solving per run on an idle
# core); POLL=SECONDS spaces the status polls so the harness does not take the cores it measures.
#   STRETCH=4e6 POLL=0.5 N=8 WORKERS=1 scripts/bench-queue.sh
#   STRETCH=4e6 POLL=0.5 N=8 WORKERS=2 scripts/bench-queue.sh
set -euo pipefail
N=${N:-100}
WORKERS=${WORKERS:-2}
BACKEND=${BACKEND:-queue}
BROKER=${BROKER:-redis}
MODELS=$(cd "${MODELS:-models}" && pwd)
MODEL=${MODEL:-one_compartment_iv_bolus.pkml}
POLL=${POLL:-0.05}
JAR=$(pwd)/bridge-cli/target/bridge.jar
WORK=$(mktemp -d)
if [ -n "${STRETCH:-}" ]; then
  mkdir -p "$WORK/models"
  python3 - "$MODELS/one_compartment_iv_bolus.pkml" "$WORK/models/stretched.pkml" "$STRETCH" <<'PY'
import sys
src, dst, end = sys.argv[1], sys.argv[2], float(sys.argv[3])
text = open(src).read()
for old, new in [
    ('name="End time" isFixedValue="0" dim="Time" value="1440"', f'name="End time" isFixedValue="0" dim="Time" value="{end}"'),
    ('name="Resolution" isFixedValue="0" dim="Resolution" value="0.1"', f'name="Resolution" isFixedValue="0" dim="Resolution" value="{100.0 / end}"'),
    ('name="HMax" isFixedValue="0" value="60"', 'name="HMax" isFixedValue="0" value="1"'),
    ('name="MxStep" isFixedValue="0" value="100000"', 'name="MxStep" isFixedValue="0" value="1000000000"')]:
    if old not in text:
        sys.exit("bundled model changed: no " + old)
    text = text.replace(old, new)
open(dst, "w").write(text)
PY
  MODELS=$WORK/models MODEL=stretched.pkml
fi
PREFIX=bench-$$
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ENVIRONMENT=test AUTH_DEV_SECRET=bench-secret-0123456789abcdef0123456789abcdef PORT LOG_LEVEL=WARN
export MCP_MODEL_SEARCH_PATHS=$MODELS JOB_REGISTRY_PATH=$WORK/registry.db AUDIT_STORAGE_PATH=$WORK/audit
export POPULATION_STORAGE_PATH=$WORK/population AUTH_RATE_LIMIT_PER_MINUTE=0
if [ "$BROKER" = rabbit ]; then
  export JOB_BROKER_URL=amqp://guest:guest@127.0.0.1:5672 JOB_QUEUE_PREFIX=$PREFIX
else
  export JOB_BROKER_URL=redis://127.0.0.1:6379 JOB_QUEUE_PREFIX=$PREFIX
fi
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$BROKER" = rabbit ]; then
    rabbitmqctl -q list_queues name | grep "^$PREFIX\." | xargs -r -n1 rabbitmqctl -q delete_queue >/dev/null || true
    rabbitmqctl -q list_exchanges name | grep "^$PREFIX\." | xargs -r -I{} rabbitmqctl -q eval \
      "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange, <<\"{}\">>), false, <<\"bench\">>)." >/dev/null 2>&1 || true
  else
    redis-cli --scan --pattern "$PREFIX:*" | xargs -r redis-cli del >/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$BACKEND" = queue ]; then
  JOB_BACKEND=queue java -jar "$JAR" serve >"$WORK/serve.log" 2>&1 & PIDS+=($!)
  for i in $(seq "$WORKERS"); do
    JOB_BACKEND=queue JOB_WORKER_HEALTH_PORT=0 java -jar "$JAR" worker --concurrency 1 >"$WORK/worker-$i.log" 2>&1 & PIDS+=($!)
  done
else
  JOB_BACKEND=thread JOB_WORKER_THREADS=$WORKERS java -jar "$JAR" serve >"$WORK/serve.log" 2>&1 & PIDS+=($!)
fi
URL=http://127.0.0.1:$PORT
for _ in $(seq 300); do curl -sf "$URL/health" >/dev/null && break; sleep 0.2; done
TOKEN=$(java -jar "$JAR" token mint --sub bench --roles operator)
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -H "X-MCP-Confirm: true")
curl -sf -X POST "$URL/load_simulation" "${H[@]}" -d "{\"filePath\":\"$MODEL\",\"simulationId\":\"bench\"}" >/dev/null

submit() { curl -sf -X POST "$URL/run_simulation" "${H[@]}" -d '{"simulationId":"bench"}' | jq -r .jobId; }
await_all() {
  local left=("$@")
  while [ ${#left[@]} -gt 0 ]; do
    local next=()
    for id in "${left[@]}"; do
      s=$(curl -sf -X POST "$URL/get_job_status" "${H[@]}" -d "{\"jobId\":\"$id\"}" | jq -r .status)
      case $s in queued|running) next+=("$id") ;; succeeded) ;; *) echo "job $id ended $s" >&2; exit 1 ;; esac
    done
    left=("${next[@]+"${next[@]}"}")
    if [ ${#left[@]} -gt 0 ]; then sleep "$POLL"; fi
  done
}

# Warm-up: every worker JIT-compiles the engine on a few runs.
WARM=()
for _ in $(seq $((WORKERS * 5))); do WARM+=("$(submit)"); done
await_all "${WARM[@]}"

IDS=()
START=$(date +%s.%N)
for _ in $(seq "$N"); do IDS+=("$(submit)"); done
await_all "${IDS[@]}"
END=$(date +%s.%N)

for id in "${IDS[@]}"; do
  curl -sN "$URL/jobs/$id/events" -H "Authorization: Bearer $TOKEN" | sed -n 's/^data://p'
done | python3 -c '
import json, sys, statistics
from datetime import datetime
def ts(t): return datetime.fromisoformat(t.replace("Z", "+00:00"))
queued, started = {}, {}
for line in sys.stdin:
    e = json.loads(line)
    if e["type"] != "state": continue
    if e["status"] == "queued": queued.setdefault(e["jobId"], ts(e["timestamp"]))
    if e["status"] == "running": started.setdefault(e["jobId"], ts(e["timestamp"]))
lat = sorted((started[j] - queued[j]).total_seconds() * 1000 for j in started)
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
print(f"submit->start ms: p50 {p(0.50):.1f}  p99 {p(0.99):.1f}  (n={len(lat)})")
'
python3 -c "n=$N; d=$END-$START; print(f'backend $BACKEND (broker $BROKER), workers $WORKERS, model $MODEL: {n} jobs in {d:.2f} s = {n/d:.1f} jobs/s')"
