#!/usr/bin/env bash
# trunk post_build hook (Trunk.toml): cuts the app's wasm into the main module and one chunk per
# area at its #[wasm_split] points, then runs wasm-bindgen and wasm-opt on the pieces and puts
# them where trunk put the unsplit files, under the same names (index.html stays valid).
#
# Why a hook: trunk 0.21's rust step runs wasm-bindgen directly on cargo's output; the split has
# to happen between the two (trunk issue #1022). So trunk builds as usual (with
# data-wasm-opt="0", nothing to optimise twice), and this step redoes wasm-bindgen on the split
# main module from cargo's wasm (linked with --emit-relocs, see .cargo/config.toml).
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "${TRUNK_SOURCE_DIR:-.}"
profile=${TRUNK_PROFILE:-release}
target_dir=${CARGO_TARGET_DIR:-target}
input="$target_dir/wasm32-unknown-unknown/$profile/posthog-console.wasm"
loader=$(find "$TRUNK_STAGING_DIR" -maxdepth 1 -name 'posthog-console-*.js' | head -n 1)
[ -n "$loader" ] || { echo "split-wasm: trunk's loader is not in $TRUNK_STAGING_DIR" >&2; exit 1; }
stem=$(basename "$loader" .js)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli --target web --out-name "$stem" "$input" "$work/split"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$work/bindgen" --out-name "$stem" "$work/split/$stem.wasm"

cp "$work/bindgen/$stem.js" "$TRUNK_STAGING_DIR/$stem.js"
cp "$work/split/__wasm_split.js" "$TRUNK_STAGING_DIR/__wasm_split.js"
if [ -d "$work/bindgen/snippets" ]; then
  cp -r "$work/bindgen/snippets" "$TRUNK_STAGING_DIR/"
fi

# wasm-opt -Oz on the main module (the CLI) and, at the same time, on every chunk (one node
# process with binaryen's JS API: the CLI's start-up, about a second, times ~250 chunks was
# minutes). The producers and target-features sections go: in a small chunk they are most of
# its bytes.
if [ "$profile" = release ]; then
  # short names between the main module and its loader, unused exports gone (see the script)
  node scripts/minify-names.mjs "$work/bindgen/${stem}_bg.wasm" "$TRUNK_STAGING_DIR/$stem.js" "$stem"
  wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-multivalue --enable-mutable-globals \
    --strip-producers --strip-target-features \
    "$work/bindgen/${stem}_bg.wasm" -o "$TRUNK_STAGING_DIR/${stem}_bg.wasm" \
    2> >(grep -v 'unknown name subsection' >&2) &
  main_opt=$!
  binaryen_js="$(dirname "$(readlink -f "$(command -v wasm-opt)")")/../index.js"
  pairs=()
  for chunk in "$work"/split/*.wasm; do
    [ "$(basename "$chunk")" = "$stem.wasm" ] && continue
    pairs+=("$chunk" "$TRUNK_STAGING_DIR/$(basename "$chunk")")
  done
  node scripts/wasm-opt-chunks.mjs "$binaryen_js" "${pairs[@]}" 2> >(grep -v 'unknown name subsection' >&2)
  wait "$main_opt"
else
  cp "$work/bindgen/${stem}_bg.wasm" "$TRUNK_STAGING_DIR/${stem}_bg.wasm"
  for chunk in "$work"/split/*.wasm; do
    [ "$(basename "$chunk")" = "$stem.wasm" ] || cp "$chunk" "$TRUNK_STAGING_DIR/"
  done
fi
echo "split-wasm: $(find "$work/split" -name '*.wasm' | wc -l) wasm files ($profile)"
# one file per module with the chunks it needs, so that a first view fetches a handful of files
node scripts/pack-chunks.mjs "$TRUNK_STAGING_DIR"
# the two loaders, minified in release builds (about 3 KB gzip off every first view)
if [ "$profile" = release ]; then
  for js in "$TRUNK_STAGING_DIR/$stem.js" "$TRUNK_STAGING_DIR/__wasm_split.js"; do
    esbuild "$js" --minify --format=esm --log-level=warning \
      --allow-overwrite --outfile="$js"
  done
fi
