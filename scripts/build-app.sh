#!/usr/bin/env bash
# Builds the release app into dist/ (trunk + wasm-opt -Oz) and prints its size, raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
wasm=$(ls dist/*.wasm) js=$(ls dist/*.js) css=$(ls dist/*.css 2>/dev/null || true)
for f in $wasm $js $css; do
  printf '[build] %-55s %8d bytes raw %8d bytes gzip\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
