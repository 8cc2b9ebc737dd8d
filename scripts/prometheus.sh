#!/usr/bin/env bash
# Installs Prometheus and promtool from Debian's `prometheus` package. The metrics tests check the
# alert rules with promtool and scrape a running server with a real Prometheus. Idempotent: does
# nothing when both binaries are present. The package's own service is not started.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi
echo "prometheus: installing the Debian prometheus package (prometheus, promtool)" >&2
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
# policy-rc.d keeps the package from starting its system service on :9090.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  echo "prometheus: the package installed but prometheus or promtool is still missing" >&2
  exit 1
fi
