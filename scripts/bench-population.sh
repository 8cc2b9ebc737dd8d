#!/usr/bin/env bash
# Population benchmark: one sampled population of N individuals of MODEL through
# run_population_simulation over REST, on the thread backend (`bridge serve`, JOB_WORKER_THREADS=
# WORKERS) or on the queue backend (`bridge serve` with JOB_BACKEND=queue plus WORKERS `bridge
# worker --concurrency 1` on the local Redis, chunks of CHUNK individuals). After a warm-up
# population (WARM individuals, default two chunks per worker) it prints the wall time from submit to `succeeded`, individuals/s,
# the CPU time of all processes during it (user + system; steadier than wall time on a shared
# machine), and the peak resident memory (VmHWM) of every process. JVMs run with their default heap.
# Needs bridge-cli/target/bridge.jar (`mvn -pl bridge-cli -am -DskipTests package`), curl, jq,
# python3, and for the queue backend Redis on 127.0.0.1:6379 (keys under a fresh prefix, deleted
# at the end).
#
#   BACKEND=thread WORKERS=2 N=1000 scripts/bench-population.sh
#   BACKEND=queue  WORKERS=2 N=1000 scripts/bench-population.sh
#   BACKEND=thread WORKERS=2 N=10000 scripts/bench-population.sh
set -euo pipefail
N=${N:-1000}
WORKERS=${WORKERS:-2}
BACKEND=${BACKEND:-thread}
CHUNK=${CHUNK:-100}
# Warm-up: two chunks' worth per worker, so every worker (or thread) has JIT-compiled the engine.
WARM=${WARM:-$((2 * CHUNK * WORKERS))}
SEED=${SEED:-20261203}
reference() { # the first shared/reference above this directory
  local d=$PWD
  while [ "$d" != / ]; do [ -d "$d/shared/reference" ] && { echo "$d/shared/reference"; return; }; d=$(dirname "$d"); done
  echo "shared/reference not found above $PWD" >&2; exit 1
}
MODELS=$(cd "${MODELS:-$(reference)/pkml/models/extra_no_reference_numbers}" && pwd)
MODEL=${MODEL:-pksim_simple_simulation.pkml}
VARY=${VARY:-'"Organism|Weight=lognormal(73, cv=0.15) kg","Organism|Liver|Volume=lognormal(1.8, cv=0.2) l"'}
JAR=$(pwd)/bridge-cli/target/bridge.jar
WORK=$(mktemp -d)
PREFIX=bench-pop-$$
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export ENVIRONMENT=test AUTH_DEV_SECRET=bench-secret-0123456789abcdef0123456789abcdef PORT LOG_LEVEL=WARN
export MCP_MODEL_SEARCH_PATHS=$MODELS JOB_REGISTRY_PATH=$WORK/registry.db AUDIT_STORAGE_PATH=$WORK/audit
export POPULATION_STORAGE_PATH=$WORK/population AUTH_RATE_LIMIT_PER_MINUTE=0 POPULATION_CHUNK_SIZE=$CHUNK
export JOB_BROKER_URL=redis://127.0.0.1:6379 JOB_QUEUE_PREFIX=$PREFIX JOB_TIMEOUT_SECONDS=3600
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$BACKEND" = queue ]; then redis-cli --scan --pattern "$PREFIX:*" | xargs -r redis-cli del >/dev/null; fi
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
for _ in $(seq 600); do curl -sf "$URL/health" >/dev/null && break; sleep 0.2; done
TOKEN=$(java -jar "$JAR" token mint --sub bench --roles operator)
H=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -H "X-MCP-Confirm: true")
curl -sf -X POST "$URL/load_simulation" "${H[@]}" -d "{\"filePath\":\"$MODEL\",\"simulationId\":\"bench\"}" >/dev/null

run_population() { # individuals → prints the job id once it succeeded
  local id s
  id=$(curl -sf -X POST "$URL/run_population_simulation" "${H[@]}" \
    -d "{\"simulationId\":\"bench\",\"individuals\":$1,\"seed\":$SEED,\"vary\":[$VARY]}" | jq -r .jobId)
  while true; do
    s=$(curl -sf -X POST "$URL/get_job_status" "${H[@]}" -d "{\"jobId\":\"$id\"}" | jq -r .status)
    case $s in queued|running) sleep 0.05 ;; succeeded) break ;; *) echo "population job $id ended $s" >&2; tail -20 "$WORK"/*.log >&2; exit 1 ;; esac
  done
  echo "$id"
}

# Warm-up: the engine is JIT-compiled in every process that runs individuals.
cpu() { # user + system CPU seconds of every process, summed
  local t=0
  for p in "${PIDS[@]}"; do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done
  python3 -c "print($t / $(getconf CLK_TCK))"
}
run_population "$WARM" >/dev/null
CPU0=$(cpu)
START=$(date +%s.%N)
ID=$(run_population "$N")
END=$(date +%s.%N)
CPU1=$(cpu)
SIZE=$(du -sb "$POPULATION_STORAGE_PATH/$ID/results" | cut -f1)
python3 -c "n=$N; d=$END-$START; print(f'backend $BACKEND, workers $WORKERS, chunk $CHUNK, model $MODEL: {n} individuals in {d:.2f} s = {n/d:.1f} individuals/s; CPU of all processes {$CPU1-$CPU0:.1f} s ({($CPU1-$CPU0)/n*1000:.1f} ms per individual); result files {$SIZE/1e6:.0f} MB')"
for p in "${PIDS[@]}"; do
  echo "pid $p $(tr '\0' ' ' </proc/$p/cmdline | grep -o 'serve\|worker'): peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$p/status)"
done
