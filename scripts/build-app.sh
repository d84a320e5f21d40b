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

# Pre-compressed copies beside each asset, which the server sends to browsers that accept them
# (brotli quality 11, gzip -9) instead of compressing on every request. index.html stays as it
# is: the server reads it to write its Content-Security-Policy.
compress_dist() {
  local f have_brotli=1
  command -v brotli >/dev/null || {
    have_brotli=0
    echo "[build] brotli is missing (bash scripts/setup.sh installs it): gzip copies only" >&2
  }
  find dist -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \
    -o -name '*.json' -o -name '*.txt' -o -name '*.map' -o -name '*.webmanifest' \) |
    while read -r f; do
      [ "$have_brotli" = 0 ] || brotli --quality=11 --force --keep --output="$f.br" "$f"
      gzip -9 --no-name --force --keep "$f"
    done
  echo "[build] pre-compressed $(find dist -name '*.br' | wc -l) .br and $(find dist -name '*.gz' | wc -l) .gz files"
}
compress_dist
