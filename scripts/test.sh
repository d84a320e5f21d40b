#!/usr/bin/env bash
# README command 2: installs what is missing (toolchain, Chromium), builds the release app (and a
# development build, the one `trunk serve` makes, to check it still builds), then runs every
# test: formatting and lints, the api crate's unit tests, the server's HTTP tests, the 50-endpoint
# API test against a running demo server, and the browser journeys in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
source scripts/env.sh
cargo fmt --all -- --check
bash scripts/build-app.sh
# the development build (what `trunk serve` makes) goes through the same split hook: it must build
dev_dist=$(mktemp -d)
trunk build --offline --dist "$dev_dist"
rm -rf "$dev_dist"
cargo clippy --offline --workspace --all-targets -- -D warnings
cargo clippy --offline -p posthog-console --target wasm32-unknown-unknown -- -D warnings
log=$(mktemp)
set +e
cargo test --offline --workspace --all-targets -- --test-threads=2 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# the browser journeys once more, through the proxy (--upstream to a demo server on another port)
echo "[test] browser journeys through the proxy (E2E_VIA_PROXY=1)"
E2E_VIA_PROXY=1 cargo test --offline -p e2e --test '*' -- --test-threads=2 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
# the size budget: first view of every page, every file a real Chromium fetches (gzip)
echo "[test] size report (first view of each page, release build)"
if cargo run --offline -q -p e2e --bin size -- --check 2>&1 | grep -v '^[A-Z]* /' | tee -a "$log"; then
  echo "test result: ok. 1 passed; 0 failed (size check)" >>"$log"
else
  echo "test result: FAILED. 0 passed; 1 failed (size check)" >>"$log"
  status=1
fi
set -e
sum() { grep -E '^test result:' "$log" | grep -oE "[0-9]+ $1" | awk '{s += $1} END {print s + 0}'; }
echo "tests: $(sum passed) passed, $(sum failed) failed"
rm -f "$log"
exit "$status"
