#!/usr/bin/env bash
# A local Keycloak on loopback with the `lab` realm, for integration tests and for trying the bridge
# with a real identity provider (docs/auth.md, "Keycloak").
#
#   scripts/keycloak.sh start                      start (or reuse) it; prints the issuer URL
#   scripts/keycloak.sh stop                       stop it (TERM, then KILL after 30 s)
#   scripts/keycloak.sh status                     prints the issuer URL if it runs, else exits 1
#   scripts/keycloak.sh token USER PASSWORD        access token of a person (password grant, client lab-cli)
#   scripts/keycloak.sh token --client ID SECRET   access token of a service account (client credentials)
#
# The distribution comes from Maven Central through Maven and is unpacked into .tools/keycloak/ (kept
# between runs; the first start builds Keycloak, ~1 min; later starts ~10 s). Dev mode, H2 file database.
# The realm is imported from bridge-cli/src/test/resources/keycloak/bridge-realm.json; when that file
# changes, the database is recreated on the next start. Its passwords and secrets are for tests only.
#
# Environment: KEYCLOAK_PORT (default 18180), KEYCLOAK_START_TIMEOUT seconds (default 240),
# KEYCLOAK_VERSION (default 26.7.3), KEYCLOAK_REALM_FILE. To use the admin console, export
# KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD before the first start.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=${KEYCLOAK_VERSION:-26.7.3}
BASE=$ROOT/.tools/keycloak
DIST=$BASE/keycloak-$VERSION
RUN=$BASE/run
PORT=${KEYCLOAK_PORT:-18180}
START_TIMEOUT=${KEYCLOAK_START_TIMEOUT:-240}
REALM=lab
REALM_FILE=${KEYCLOAK_REALM_FILE:-$ROOT/bridge-cli/src/test/resources/keycloak/bridge-realm.json}

say() { echo "keycloak: $*" >&2; }
die() { say "$*"; exit 1; }

issuer_of() { echo "http://127.0.0.1:$1/realms/$REALM"; }

running_pid() {
  [[ -f $RUN/pid ]] || return 1
  local pid
  pid=$(cat "$RUN/pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Ready = the realm's discovery document names the expected issuer (realm imported, keys made).
ready() {
  local port=$1 doc
  doc=$(curl -fsS --max-time 3 "$(issuer_of "$port")/.well-known/openid-configuration" 2>/dev/null) || return 1
  [[ $doc == *"\"issuer\":\"$(issuer_of "$port")\""* ]]
}

ensure_distribution() {
  [[ -x $DIST/bin/kc.sh ]] && return
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Keycloak $VERSION; run make tools"
  if ! command -v unzip >/dev/null; then
    say "installing unzip (Debian package)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip; } >&2 \
      || die "unzip is needed to unpack Keycloak $VERSION and could not be installed"
  fi
  mkdir -p "$BASE"
  local zip=$BASE/keycloak-quarkus-dist-$VERSION.zip
  if [[ ! -s $zip ]]; then
    say "fetching org.keycloak:keycloak-quarkus-dist:$VERSION:zip from Maven Central"
    (cd "$ROOT" && mvn -q -B -ntp -N dependency:copy \
      -Dstyle.color=never -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory="$BASE" >&2) \
      || die "could not fetch Keycloak $VERSION with Maven"
  fi
  # Unpack beside, then rename: an interrupted unzip never looks like a complete distribution.
  rm -rf "$BASE/unpacking"
  unzip -q "$zip" -d "$BASE/unpacking" || die "could not unpack $zip"
  mv "$BASE/unpacking/keycloak-$VERSION" "$DIST"
  rm -rf "$BASE/unpacking"
}

# The dev database keeps an imported realm and Keycloak skips re-importing it, so a changed realm
# file means starting from an empty database.
prepare_realm() {
  [[ -f $REALM_FILE ]] || die "realm file $REALM_FILE is missing"
  local sum
  sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  if [[ ! -f $DIST/data/realm.sha256 || $(cat "$DIST/data/realm.sha256") != "$sum" ]]; then
    rm -rf "$DIST/data/h2" "$DIST/data/import" "$DIST/data/realm.sha256"
  fi
  mkdir -p "$DIST/data/import"
  cp "$REALM_FILE" "$DIST/data/import/$REALM-realm.json"
  echo "$sum" > "$RUN/realm.sha256.pending"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local pid
  if pid=$(running_pid); then
    local port
    port=$(cat "$RUN/port")
    [[ $port == "$PORT" ]] || die "already running on port $port (pid $pid); stop it first to use port $PORT"
    ready "$port" || die "running (pid $pid) but not ready on port $port; see $RUN/keycloak.log"
    say "already running (pid $pid)"
    issuer_of "$port"
    return
  fi
  [[ $PORT =~ ^[0-9]+$ ]] && ((PORT >= 1024 && PORT <= 65535)) || die "KEYCLOAK_PORT must be a port number 1024-65535"
  port_in_use "$PORT" && die "port $PORT on 127.0.0.1 is taken by another program; set KEYCLOAK_PORT"
  ensure_distribution
  mkdir -p "$RUN"
  prepare_realm
  say "starting Keycloak $VERSION on 127.0.0.1:$PORT (log: $RUN/keycloak.log)"
  local started=$SECONDS
  # Own session, so that stop can end kc.sh and its JVM together; loopback only (HTTP and management).
  JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m} setsid "$DIST/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$PORT" --hostname="http://127.0.0.1:$PORT" \
    --import-realm >"$RUN/keycloak.log" 2>&1 </dev/null &
  echo $! > "$RUN/pid"
  echo "$PORT" > "$RUN/port"
  pid=$(cat "$RUN/pid")
  until ready "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$RUN/pid"
      tail -n 40 "$RUN/keycloak.log" >&2 || true
      die "exited during start-up; the last log lines are above"
    fi
    if ((SECONDS - started > START_TIMEOUT)); then
      tail -n 40 "$RUN/keycloak.log" >&2 || true
      stop >/dev/null 2>&1 || true
      die "not ready after ${START_TIMEOUT} s (KEYCLOAK_START_TIMEOUT); stopped it; the last log lines are above"
    fi
    sleep 1
  done
  mv "$RUN/realm.sha256.pending" "$DIST/data/realm.sha256"
  say "ready in $((SECONDS - started)) s"
  issuer_of "$PORT"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$RUN/pid"
    say "not running"
    return
  fi
  # The pid is the session leader (setsid), so its process group is kc.sh plus the JVM.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "did not stop within 30 s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/pid"
  say "stopped"
}

status() {
  local pid
  pid=$(running_pid) || die "not running"
  ready "$(cat "$RUN/port")" || die "running (pid $pid) but not ready"
  issuer_of "$(cat "$RUN/port")"
}

# Prints only the access token; Keycloak's error description goes to stderr.
token() {
  running_pid >/dev/null || die "not running; scripts/keycloak.sh start"
  local endpoint response
  endpoint="$(issuer_of "$(cat "$RUN/port")")/protocol/openid-connect/token"
  if [[ ${1:-} == --client ]]; then
    (($# == 3)) || die "usage: token --client CLIENT_ID CLIENT_SECRET"
    response=$(curl -sS --max-time 10 "$endpoint" --data-urlencode grant_type=client_credentials \
      --data-urlencode "client_id=$2" --data-urlencode "client_secret=$3")
  else
    (($# == 2)) || die "usage: token USERNAME PASSWORD | token --client CLIENT_ID CLIENT_SECRET"
    response=$(curl -sS --max-time 10 "$endpoint" --data-urlencode grant_type=password \
      --data-urlencode client_id=lab-cli --data-urlencode "username=$1" --data-urlencode "password=$2")
  fi
  local access
  access=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$response")
  if [[ -z $access ]]; then
    die "no token: $(sed -n 's/.*"error_description":"\([^"]*\)".*/\1/p' <<<"$response")"
  fi
  echo "$access"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  token) shift; token "$@" ;;
  *) die "usage: $0 start|stop|status|token USER PASSWORD|token --client ID SECRET" ;;
esac
