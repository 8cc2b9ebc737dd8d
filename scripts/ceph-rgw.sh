#!/usr/bin/env bash
# A throwaway single-node Ceph (1 monitor, 1 in-memory OSD, RADOS Gateway) on loopback: the S3
# server the audit tests use, because it really enforces Object Lock (retention, COMPLIANCE mode,
# legal hold). No systemd, no cephx, all state in RAM and in one data directory.
#
#   scripts/ceph-rgw.sh start   install the Debian packages if missing, start (idempotent), print env
#   scripts/ceph-rgw.sh env     print the endpoint and credentials of the running gateway
#   scripts/ceph-rgw.sh stop    stop the daemons and remove the data directory
#
# Settings (environment):
#   CEPH_RGW_DIR       data directory (default /tmp/mcpbridge-ceph-rgw); removed by stop
#   CEPH_RGW_PORT      S3 port on 127.0.0.1 (default 17480)
#   CEPH_MON_PORT      monitor port on 127.0.0.1 (default 16789)
# The OSD takes free ports in 6800-7300 (Ceph's default range), on 127.0.0.1 only.
#
# Output of start and env: KEY=VALUE lines (AUDIT_S3_ENDPOINT, AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY, AWS_REGION) that a shell can `eval "$(scripts/ceph-rgw.sh env)"`.
# The credentials are random per start and valid only for this throwaway gateway.
set -euo pipefail

D=${CEPH_RGW_DIR:-/tmp/mcpbridge-ceph-rgw}
RGW_PORT=${CEPH_RGW_PORT:-17480}
MON_PORT=${CEPH_MON_PORT:-16789}
DAEMONS=(client.rgw.a osd.0 mon.a)
case "$D" in /|/tmp|/root|"$HOME"|"") echo "ceph-rgw: refusing data directory '$D'" >&2; exit 2 ;; esac

log() { echo "ceph-rgw: $*" >&2; }
random_hex() { tr -d '-' < /proc/sys/kernel/random/uuid; }

alive() {
  local f="$D/run/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

print_env() {
  [[ -f "$D/endpoint" && -f "$D/credentials" ]] || { log "not running (no $D/endpoint)"; return 1; }
  echo "AUDIT_S3_ENDPOINT=$(cat "$D/endpoint")"
  cat "$D/credentials"
  echo "AWS_REGION=us-east-1"
}

stop() {
  for name in "${DAEMONS[@]}"; do
    local f="$D/run/$name.pid"
    [[ -f "$f" ]] || continue
    local pid; pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$D"
  log "stopped"
}

install_if_missing() {
  if command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null; then
    return
  fi
  log "installing radosgw ceph-mon ceph-osd from Debian packages"
  local sudo=; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends radosgw ceph-mon ceph-osd >&2
}

write_conf() {
  cat > "$D/ceph.conf" <<CONF
[global]
fsid = $1
mon_host = v1:127.0.0.1:$MON_PORT
mon_initial_members = a
public_network = 127.0.0.0/8
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr2 = false
ms_bind_ipv6 = false
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
auth_allow_insecure_global_id_reclaim = true
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_data_avail_warn = 1
mon_data_avail_crit = 0
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_max_pg_per_osd = 1000
osd_crush_chooseleaf_type = 0
run_dir = $D/run
admin_socket = $D/run/\$name.asok
log_file = $D/log/\$name.log
pid_file = $D/run/\$name.pid
mon_data = $D/mon/\$name
osd_data = $D/osd/\$name
osd_objectstore = memstore
# The OSD's own start-up monitor commands race a just-started monitor ('wrong fsid').
osd_crush_update_on_start = false
osd_class_update_on_start = false
memstore_device_bytes = 1073741824
osd_memory_target = 536870912
[client.rgw.a]
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw_data = $D/rgw
rgw_enable_usage_log = false
CONF
}

start() {
  if alive client.rgw.a && curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"; then
    log "already running in $D"
    print_env
    return
  fi
  # Leftovers of a start that died half-way: clear them so every start is a fresh cluster.
  stop 2>/dev/null
  install_if_missing
  command -v curl >/dev/null || { log "curl is required"; exit 1; }
  mkdir -p "$D"/{mon,osd,run,log,rgw}
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  write_conf "$fsid"
  export CEPH_CONF="$D/ceph.conf"
  local t0; t0=$(date +%s%N)
  monmaptool --create --clobber --fsid "$fsid" --addv a "[v1:127.0.0.1:$MON_PORT]" "$D/monmap" >/dev/null
  ceph-authtool --create-keyring "$D/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-mon --mkfs -i a --monmap "$D/monmap" --keyring "$D/mon.keyring"
  ceph-mon -i a
  local osd_uuid osd_id
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_id=$(timeout 60 ceph osd new "$osd_uuid")
  mkdir -p "$D/osd/osd.$osd_id"
  ceph-osd -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" 2>>"$D/log/osd-mkfs.log"
  timeout 60 ceph osd crush add "osd.$osd_id" 1.0 root=default host=localhost >/dev/null 2>&1
  ceph-osd -i "$osd_id"
  for _ in $(seq 1 200); do timeout 10 ceph osd stat 2>/dev/null | grep -q "1 up" && break; sleep 0.1; done
  radosgw -n client.rgw.a
  for _ in $(seq 1 900); do curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && break; sleep 0.1; done
  if ! curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"; then
    log "radosgw did not come up on 127.0.0.1:$RGW_PORT; last log lines:"
    tail -n 20 "$D"/log/*.log >&2 || true
    exit 1
  fi
  local access secret
  access="BRIDGE$(random_hex | cut -c1-14 | tr 'a-f' 'A-F')"
  secret="$(random_hex)$(random_hex | cut -c1-8)"
  radosgw-admin user create --uid=bridge-test --display-name=bridge-test \
    --access-key="$access" --secret-key="$secret" >/dev/null
  echo "http://127.0.0.1:$RGW_PORT" > "$D/endpoint"
  (umask 077; printf 'AWS_ACCESS_KEY_ID=%s\nAWS_SECRET_ACCESS_KEY=%s\n' "$access" "$secret" > "$D/credentials")
  log "ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms on http://127.0.0.1:$RGW_PORT (data in $D)"
  print_env
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
