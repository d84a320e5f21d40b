#!/usr/bin/env bash
# Installs what building and testing the console needs, skipping what is already there at the
# right version: the wasm32 target, trunk, wasm-bindgen-cli (the version Cargo.lock pins),
# wasm-split-cli (the code splitter), wasm-opt (npm binaryen), axe-core (npm), brotli and, with --browser,
# Chromium + chromedriver from Debian; with --server, the server for serve.sh too (see below).
# Offline machines: nothing here downloads from anywhere but
# crates.io, npm and Debian.
#
# On a machine with nothing installed most of the time goes into compiling the three Rust tools.
# They are compiled at the same time (their serial phases overlap) with a light release profile
# (opt-level 1, no LTO, parallel codegen): they are build tools, their own speed hardly matters.
# Each step prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
BINARYEN_VERSION=132
AXE_VERSION=4.14.1
ESBUILD_VERSION=0.28.2
TOOLS_DIR="${PHC_TOOLS_DIR:-$HOME/.local/share/posthog-console-tools}"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$TOOLS_DIR/node_modules/.bin:$PATH"
want_browser=0 want_server=0
for arg in "$@"; do
  case $arg in
  --browser) want_browser=1 ;;
  --server) want_server=1 ;;
  *) echo "setup.sh: unknown argument $arg (--browser, --server)" >&2 && exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }
start_all=$(date +%s)
logs=$(mktemp -d)
pids=() names=()

# step NAME COMMAND...: runs COMMAND in the background, logging to a file, and times it.
step() {
  local name=$1
  shift
  say "started: $name"
  (
    t0=$(date +%s)
    if "$@" >"$logs/$name.log" 2>&1; then
      say "done in $(($(date +%s) - t0)) s: $name"
    else
      say "FAILED after $(($(date +%s) - t0)) s: $name"
      tail -n 40 "$logs/$name.log" >&2
      exit 1
    fi
  ) &
  pids+=("$!")
  names+=("$name")
}

# cargo install with a light profile, for tools only (never for the app).
tool_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=${TOOL_OPT_LEVEL:-1} \
    CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_STRIP=true \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo install --quiet "$@"
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

# wasm-bindgen version pinned in Cargo.lock
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "cannot read wasm-bindgen version from Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step wasm32-target rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  # trunk only orchestrates (cargo, the hook, copying a few small assets): unoptimised, it
  # compiles in much less time and runs as fast as this build needs. It is the longest of the
  # three compiles.
  trunk_install() { TOOL_OPT_LEVEL=0 tool_install trunk --version "$TRUNK_VERSION" --locked; }
  step "trunk-$TRUNK_VERSION" trunk_install
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  # not --locked: the registry lacks one of its locked dependency versions
  step "wasm-bindgen-cli-$WB_VERSION" tool_install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! [ -x "$CARGO_BIN/wasm-split-cli" ] ||
  [ "$(cat "$TOOLS_DIR/wasm-split.version" 2>/dev/null)" != "$WASM_SPLIT_VERSION" ]; then
  step "wasm-split-cli-$WASM_SPLIT_VERSION" sh -c "
    $(declare -f tool_install)
    tool_install wasm_split_cli_support --version $WASM_SPLIT_VERSION --features build-binary --locked --force &&
    mkdir -p '$TOOLS_DIR' && echo $WASM_SPLIT_VERSION > '$TOOLS_DIR/wasm-split.version'"
fi

# npm packages, in one step (two would race on the same package-lock): wasm-opt, esbuild (minifies
# the JS loaders) and axe-core for the accessibility journey
npm_version() { node -p "require('$TOOLS_DIR/node_modules/$1/package.json').version" 2>/dev/null; }
if [ "$(npm_version binaryen)" != "$BINARYEN_VERSION.0.0" ] && [ "$(npm_version binaryen)" != "$BINARYEN_VERSION" ] ||
  [ "$(npm_version axe-core)" != "$AXE_VERSION" ] || [ "$(npm_version esbuild)" != "$ESBUILD_VERSION" ]; then
  mkdir -p "$TOOLS_DIR"
  step "npm-binaryen-$BINARYEN_VERSION-esbuild-$ESBUILD_VERSION-axe-core-$AXE_VERSION" \
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" \
    "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION" "axe-core@$AXE_VERSION"
fi

# Debian packages, in one apt step (two would wait on each other's lock): brotli for the app
# build's .br copies, curl, and with --browser Chromium and its driver
debs=()
command -v brotli >/dev/null || debs+=(brotli)
# curl: the journeys run the console's "Copy as curl" commands
command -v curl >/dev/null || debs+=(curl)
if [ "$want_browser" = 1 ] && { ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; }; then
  debs+=(chromium chromium-driver)
fi
if [ "${#debs[@]}" -gt 0 ]; then
  step debian-packages apt_install "${debs[@]}"
fi

# Fetch crates once so trunk/cargo can run --offline. While tools compile (minutes, and not
# every minute uses both cores), the app's wasm is compiled too, and with --server the server
# (serve.sh's profile): build-app.sh and serve.sh then find them up to date. One cargo at a time
# in the target dir (cargo locks it anyway).
if [ "${#pids[@]}" -gt 0 ]; then
  prebuild="cargo fetch --locked && cargo build --release --offline --quiet --target wasm32-unknown-unknown -p posthog-console"
  [ "$want_server" = 0 ] || prebuild+=" && cargo build --profile serve --offline --quiet -p server"
  step cargo-fetch-and-prebuild sh -c "$prebuild"
else
  step cargo-fetch cargo fetch --locked
fi

failed=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed=1
done
rm -rf "$logs"
[ "$failed" = 0 ] || { say "set-up failed"; exit 1; }
say "tools ready in $(($(date +%s) - start_all)) s (trunk $TRUNK_VERSION, wasm-bindgen $WB_VERSION, wasm-split $WASM_SPLIT_VERSION, wasm-opt $BINARYEN_VERSION)"
