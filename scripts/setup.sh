#!/usr/bin/env bash
# Installs what building and testing the console needs, skipping what is already there at the
# right version: the wasm32 target, trunk, wasm-bindgen-cli (the version Cargo.lock pins),
# wasm-opt (npm binaryen) and, with --browser, Chromium + chromedriver from Debian.
# Offline machines: nothing here downloads from anywhere but crates.io, npm and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
TOOLS_DIR="${PHC_TOOLS_DIR:-$HOME/.local/share/posthog-console-tools}"
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

say() { printf '[setup] %s\n' "$*"; }

# wasm-bindgen version pinned in Cargo.lock
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "cannot read wasm-bindgen version from Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (several minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (several minutes on 2 cores)"
  # not --locked: the registry lacks one of its locked dependency versions
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if [ "$("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
fi

if [ "$want_browser" = 1 ]; then
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    say "installing chromium and chromium-driver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

# Fetch crates once so trunk/cargo can run --offline.
cargo fetch --locked >/dev/null 2>&1 || cargo fetch --locked
say "tools ready (trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, wasm-opt $BINARYEN_VERSION)"
