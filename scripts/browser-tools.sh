#!/usr/bin/env bash
# Installs what the console's browser test needs: Debian's Chromium (/usr/bin/chromium; Playwright
# never downloads a browser here) and the npm packages playwright-core and @axe-core/playwright,
# pinned by bridge-cli/src/test/browser/package-lock.json, into that folder's node_modules.
# Idempotent and quick when everything is present; exits non-zero with a reason when it cannot
# install (the test then fails: it is never skipped).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$ROOT/bridge-cli/src/test/browser
say() { echo "browser-tools: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi

if [[ ! -x /usr/bin/chromium ]]; then
  say "installing the Debian chromium package"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
  [[ -x /usr/bin/chromium ]] || { say "chromium installed but /usr/bin/chromium is missing"; exit 1; }
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  say "installing the Debian nodejs and npm packages"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >&2
fi

# Reinstall when the lock file changed since the last install (npm writes its own copy).
if [[ ! -f $DIR/node_modules/.package-lock.json || $DIR/package-lock.json -nt $DIR/node_modules/.package-lock.json \
      || ! -d $DIR/node_modules/playwright-core || ! -d $DIR/node_modules/@axe-core/playwright ]]; then
  say "installing npm packages (playwright-core, @axe-core/playwright) from the lock file"
  (cd "$DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2) \
    || { say "npm ci failed in $DIR"; exit 1; }
fi
echo /usr/bin/chromium
