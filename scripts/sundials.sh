#!/usr/bin/env bash
# Installs SUNDIALS CVODES (shared libraries and headers) from Debian's packages. The engine's tests
# use it as an oracle for the BDF integrator. Idempotent: does nothing when the library is present.
set -euo pipefail

# The linker cache is read into a variable first: `ldconfig -p | grep -q` under pipefail fails at
# random when grep exits on the first match and ldconfig dies of SIGPIPE.
have_cvodes() {
  local cache
  cache="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)"
  grep -q 'libsundials_cvodes\.so' <<<"$cache" &&
    grep -q 'libsundials_nvecserial\.so' <<<"$cache" &&
    [[ -f /usr/include/cvodes/cvodes.h ]]
}

if have_cvodes; then
  exit 0
fi
echo "sundials: installing libsundials-dev (CVODES)" >&2
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libsundials-dev >/dev/null
if ! have_cvodes; then
  echo "sundials: libsundials-dev installed but libsundials_cvodes.so or cvodes.h is still missing" >&2
  exit 1
fi
