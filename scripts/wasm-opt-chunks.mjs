// `wasm-opt -Oz` over many small wasm files in one process (run by scripts/split-wasm.sh).
//
// The wasm-opt on PATH is binaryen's npm build: each start costs about a second, which over the
// ~250 chunks of a split build was minutes. Here binaryen is loaded once and every chunk goes
// through the same -Oz pipeline with its JS API (the producers and target-features sections
// stripped, as the CLI run for the main module does).
//
// Usage: node scripts/wasm-opt-chunks.mjs BINARYEN_INDEX_JS IN OUT [IN OUT ...]
import { readFileSync, writeFileSync } from "node:fs";

const [binaryenPath, ...files] = process.argv.slice(2);
if (!binaryenPath || files.length % 2 !== 0) {
  throw new Error("usage: wasm-opt-chunks.mjs BINARYEN_INDEX_JS IN OUT [IN OUT ...]");
}
const { default: binaryen } = await import(binaryenPath);
const F = binaryen.Features;
// the CLI's --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int
// --enable-sign-ext --enable-multivalue --enable-mutable-globals (the first two imply the
// call-indirect-overlong and bulk-memory-opt parts, which the API wants spelled out)
const features = F.ReferenceTypes | F.CallIndirectOverlong | F.BulkMemory | F.BulkMemoryOpt |
  F.NontrappingFPToInt | F.SignExt | F.Multivalue | F.MutableGlobals;
binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
binaryen.setDebugInfo(false);
// as the CLI does when writing an optimised module (without these the output is ~0.4% larger)
binaryen.setGenerateStackIR(true);
binaryen.setOptimizeStackIR(true);
for (let i = 0; i < files.length; i += 2) {
  const module = binaryen.readBinary(readFileSync(files[i]));
  module.setFeatures(features);
  module.optimize();
  module.runPasses(["strip-producers", "strip-target-features"]);
  writeFileSync(files[i + 1], module.emitBinary());
  module.dispose();
}
