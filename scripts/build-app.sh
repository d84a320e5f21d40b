#!/usr/bin/env bash
# Builds the release app into dist/ (trunk, then the split hook: wasm-split, wasm-bindgen,
# wasm-opt -Oz) and prints its size, raw and gzip: each main file and area chunk, and the small
# shared chunks as one line. `cargo run -p e2e --bin size` tells what each page's first view
# fetches.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
rm -rf dist
trunk build --release --offline
size_line() {
  printf '[build] %-55s %8d bytes raw %8d bytes gzip\n' "$1" "$2" "$3"
}
for f in dist/*_bg.wasm dist/split_*.wasm dist/*.js dist/*.css; do
  size_line "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
raw=0 gz=0 n=0
for f in dist/chunk_*.wasm; do
  [ -e "$f" ] || continue
  raw=$((raw + $(stat -c %s "$f"))) gz=$((gz + $(gzip -9 -c "$f" | wc -c))) n=$((n + 1))
done
size_line "dist/chunk_*.wasm ($n shared chunks)" "$raw" "$gz"

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
