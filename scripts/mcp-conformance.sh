#!/usr/bin/env bash
# The official MCP conformance suite against the bridge's Streamable HTTP endpoint.
#
#   scripts/mcp-conformance.sh fixtures   the bridge with the suite's test fixtures (test code, auth off):
#                                         suite 0.1.16, every scenario must pass; then suite
#                                         0.2.0-alpha.12 with --requirements 2025-11-25 and with
#                                         --requirements 2026-07-28, every scored scenario must pass
#   scripts/mcp-conformance.sh product    the real `bridge serve` (development, anonymous viewer, no fixtures):
#                                         suite 0.1.16 and both requirement sets, each against its committed
#                                         expected-failures file (the scenarios that call the suite's fixtures)
#   scripts/mcp-conformance.sh all        fixtures, then product
#
# Needs bridge-cli/target/bridge.jar and bridge-cli/target/test-classes (`mvn -pl bridge-cli -am
# -DskipTests package`). The suite sends no Authorization header, so both servers run without
# authentication: the fixture server by construction, the product as the development profile with
# AUTH_ALLOW_ANONYMOUS=true (callers act as viewer). Servers listen on loopback and are stopped on exit.
# Results: target/conformance/<profile>/ (one checks.json per scenario). Exit 0 only if every gate passed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$ROOT/bridge-cli/target/bridge.jar
TEST_CLASSES=$ROOT/bridge-cli/target/test-classes
EXPECTED=$ROOT/bridge-cli/src/test/resources/conformance/product-expected-failures.yml
EXPECTED_DIR=$ROOT/bridge-cli/src/test/resources/conformance
OUT=$ROOT/target/conformance
PEERS=$ROOT/scripts/mcp-peers.sh
JAVA=${JAVA:-java}

say() { echo "mcp-conformance: $*" >&2; }
die() { say "$*"; exit 1; }

[[ -f $JAR ]] || die "$JAR is missing; build it first (mvn -pl bridge-cli -am -DskipTests package)"
"$PEERS" install >/dev/null

SERVER_PID=
stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID"
  fi
  SERVER_PID=
}
trap stop_server EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_server PROFILE: starts the profile's server on a free port with its state under $OUT/PROFILE;
# sets URL.
start_server() {
  local profile=$1 port work
  port=$(free_port)
  work=$OUT/$profile
  rm -rf "$work" && mkdir -p "$work/var"
  local -a env=(ENVIRONMENT=development HOST=127.0.0.1 PORT="$port" LOG_FORMAT=json
    MCP_MODEL_SEARCH_PATHS="$ROOT/models" JOB_REGISTRY_PATH="$work/var/registry.db"
    AUDIT_STORAGE_PATH="$work/var/audit" POPULATION_STORAGE_PATH="$work/var/population"
    AUTH_RATE_LIMIT_PER_MINUTE=0)
  if [[ $profile == product ]]; then
    env+=(AUTH_ALLOW_ANONYMOUS=true)
    (cd "$work" && exec env -i PATH="$PATH" "${env[@]}" "$JAVA" -jar "$JAR" serve) > "$work/server.log" 2>&1 &
  else
    [[ -d $TEST_CLASSES/io/mcpbridge/cli/conformance ]] || die "$TEST_CLASSES has no conformance fixtures; build with test classes"
    (cd "$work" && exec env -i PATH="$PATH" "${env[@]}" "$JAVA" -cp "$JAR:$TEST_CLASSES" \
      io.mcpbridge.cli.ConformanceFixtureServer) > "$work/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 200); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the $profile server exited: $(tail -5 "$work/server.log")"
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || die "the $profile server did not become healthy"
  # localhost, not 127.0.0.1: the suite's DNS-rebinding scenario sends Host headers relative to it.
  URL="http://localhost:$port/mcp"
  say "$profile server on $URL (log: $work/server.log)"
}

# run_suite LABEL COMMAND...: runs one suite, keeps its console output, prints the summary line.
run_suite() {
  local label=$1; shift
  local log=$OUT/$label.txt
  local rc=0
  "$@" > "$log" 2>&1 || rc=$?
  grep -v '^npm warn' "$log" | sed -n '/=== SUMMARY ===/,$p' >&2
  say "$label: exit $rc (full output: $log)"
  return $rc
}

fixtures() {
  start_server fixtures
  local failed=0
  run_suite fixtures-0.1.16 "$PEERS" conformance "$URL" -o "$OUT/fixtures/results-0.1.16" || failed=1
  run_suite fixtures-2025-11-25 "$PEERS" conformance-req 2025-11-25 "$URL" -o "$OUT/fixtures/results-2025-11-25" || failed=1
  run_suite fixtures-2026-07-28 "$PEERS" conformance-req 2026-07-28 "$URL" -o "$OUT/fixtures/results-2026-07-28" || failed=1
  stop_server
  return $failed
}

product() {
  start_server product
  local failed=0
  run_suite product-0.1.16 "$PEERS" conformance "$URL" --expected-failures "$EXPECTED" -o "$OUT/product/results-0.1.16" \
    || failed=1
  local version
  for version in 2025-11-25 2026-07-28; do
    run_suite "product-$version" "$PEERS" conformance-req "$version" "$URL" \
      --expected-failures "$EXPECTED_DIR/product-expected-failures-$version.yml" -o "$OUT/product/results-$version" \
      || failed=1
  done
  stop_server
  return $failed
}

mkdir -p "$OUT"
case "${1:-all}" in
  fixtures) fixtures ;;
  product) product ;;
  all) rc=0; fixtures || rc=1; product || rc=1; exit $rc ;;
  *) sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
