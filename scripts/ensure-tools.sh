#!/usr/bin/env bash
# Makes sure the build tools exist: a JDK >= 17 and Maven >= 3.8. Installs them from Debian's
# packages when missing (the project never relies on tools set up by hand).
set -euo pipefail

need_install=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'; then
  need_install+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
  need_install+=(maven)
fi
# Plots are drawn with DejaVu Sans; images are byte-identical only where the same font is installed.
if [[ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then
  need_install+=(fonts-dejavu-core)
fi
if ((${#need_install[@]})); then
  echo "ensure-tools: installing ${need_install[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_install[@]}" >/dev/null
fi
