// Shortens the names by which the main wasm module and its wasm-bindgen loader find each other
// (run by scripts/split-wasm.sh on release builds, after wasm-opt and before esbuild).
//
// wasm-bindgen names each JS function the module imports after the Rust item and a 16-digit
// hash (`__wbg_value_df0a0e29a4d182fe`), under the module `./posthog-console-<hash>_bg.js`, and
// some exports keep their mangled Rust names (`_ZN12wasm_bindgen7convert8closures...E`). Both
// files carry every name once, and the hashes do not compress: about 4 KB gzip of every first
// view. Here each such name becomes a short one (`a`, `b`, ... `aB`) in the wasm's import and
// export sections and in the loader, and the import modules become `w` and `s`. The other
// sections are copied byte for byte.
//
// It also drops three classes nothing uses: Leptos always enables server_fn's browser feature,
// which links wasm-streams, whose `IntoUnderlyingSource`, `...Sink` and `...ByteSource` are
// exported to JS. This app never streams, and nothing builds them (the loader has no way to wrap
// one): their exports and classes go, and wasm-opt, run after this, removes their code (about
// 3 KB gzip).
//
// Usage: node scripts/minify-names.mjs MAIN_WASM LOADER_JS STEM   (wasm-bindgen's output)
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, jsPath, stem] = process.argv.slice(2);
if (!stem) throw new Error("usage: minify-names.mjs MAIN_WASM LOADER_JS STEM");
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, "utf8");

const BINDGEN_MODULE = `./${stem}_bg.js`;
const SPLIT_MODULE = "./__wasm_split.js";
const MODULE_NAMES = { [BINDGEN_MODULE]: "w", [SPLIT_MODULE]: "s" };

// --- reading and writing wasm's LEB128 numbers and names
function readU32(buf, pos) {
  let value = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, pos];
}
function u32(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return Buffer.from(bytes);
}
function readName(buf, pos) {
  const [length, start] = readU32(buf, pos);
  return [buf.toString("utf8", start, start + length), start + length];
}
function name(text) {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([u32(bytes.length), bytes]);
}
// the limits of a table or memory import: flags, minimum, and a maximum when flag bit 0 is set
function skipLimits(buf, pos) {
  let flags, ignored;
  [flags, pos] = readU32(buf, pos);
  [ignored, pos] = readU32(buf, pos);
  if (flags & 1) [ignored, pos] = readU32(buf, pos);
  return pos;
}

// --- short names: a, b, ... Z, aa, ab, ...; valid JS property names, none starting with "__"
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function shortName(n) {
  let out = "";
  do {
    out = LETTERS[n % LETTERS.length] + out;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return out;
}
const renamed = new Map(); // old name -> new name, for imports and exports alike
function rename(old) {
  if (!renamed.has(old)) renamed.set(old, shortName(renamed.size));
  return renamed.get(old);
}

// wasm-streams' exports (see above)
const UNUSED_EXPORT = /^(__wbg_)?intounderlying/;
const dropped = [];

// --- the sections
const parts = [wasm.subarray(0, 8)];
let pos = 8;
while (pos < wasm.length) {
  const id = wasm[pos];
  const [size, start] = readU32(wasm, pos + 1);
  const end = start + size;
  if (id === 2) {
    // imports: module, field, kind, description
    let p = start, count;
    [count, p] = readU32(wasm, p);
    const body = [u32(count)];
    for (let i = 0; i < count; i++) {
      let module, field;
      [module, p] = readName(wasm, p);
      [field, p] = readName(wasm, p);
      const descStart = p;
      const kind = wasm[p++];
      if (kind === 0) [, p] = readU32(wasm, p); // function: type index
      else if (kind === 1) p = skipLimits(wasm, p + 1); // table: element type, limits
      else if (kind === 2) p = skipLimits(wasm, p); // memory: limits
      else if (kind === 3) p += 2; // global: value type, mutability
      else if (kind === 4) [, p] = readU32(wasm, p + 1); // tag: attribute, type index
      else throw new Error(`minify-names: unknown import kind ${kind}`);
      if (!(module in MODULE_NAMES)) throw new Error(`minify-names: unexpected import module ${module}`);
      // the split loader's names are its own exports: they keep their names
      const newField = module === BINDGEN_MODULE ? rename(field) : field;
      body.push(name(MODULE_NAMES[module]), name(newField), wasm.subarray(descStart, p));
    }
    if (p !== end) throw new Error("minify-names: the import section did not parse to its end");
    const content = Buffer.concat(body);
    parts.push(Buffer.from([2]), u32(content.length), content);
  } else if (id === 7) {
    // exports: name, kind, index; the mangled Rust names (only the loader calls them) get short ones
    let p = start, count;
    [count, p] = readU32(wasm, p);
    const body = [];
    for (let i = 0; i < count; i++) {
      let field, index;
      [field, p] = readName(wasm, p);
      const kind = wasm[p++];
      [index, p] = readU32(wasm, p);
      if (UNUSED_EXPORT.test(field)) {
        dropped.push(field);
        continue;
      }
      const newField = field.startsWith("_ZN") ? rename(field) : field;
      body.push(name(newField), Buffer.from([kind]), u32(index));
    }
    if (p !== end) throw new Error("minify-names: the export section did not parse to its end");
    const content = Buffer.concat([u32(count - dropped.length), ...body]);
    parts.push(Buffer.from([7]), u32(content.length), content);
  } else {
    parts.push(wasm.subarray(pos, end));
  }
  pos = end;
}

// --- the loader: every renamed name, as a whole identifier
const pattern = new RegExp(
  `(?<![\\w$])(${[...renamed.keys()].map((n) => n.replace(/\$/g, "\\$")).join("|")})(?![\\w$])`,
  "g",
);
const seen = new Set();
js = js.replace(pattern, (old) => {
  seen.add(old);
  return renamed.get(old);
});
const missing = [...renamed.keys()].filter((n) => !seen.has(n));
if (missing.length > 0) {
  throw new Error(`minify-names: the loader does not name ${missing.slice(0, 3).join(", ")}; its shape changed`);
}
// the import object's modules: one key each (wasm-bindgen writes one `import * as importN`
// of the split loader per function imported from it, all the same module)
const bindgenKey = `"${BINDGEN_MODULE}": import0,`;
if (!js.includes(bindgenKey)) throw new Error("minify-names: the loader's import object changed shape");
js = js.replace(bindgenKey, `"${MODULE_NAMES[BINDGEN_MODULE]}": import0,`);
const splitKey = /\n\s*"\.\/__wasm_split\.js": (import\d+),/g;
const splitImports = [...js.matchAll(splitKey)].map((m) => m[1]);
if (splitImports.length > 0) {
  const [kept, ...dropped] = splitImports;
  js = js.replace(splitKey, (_, imp) => (imp === kept ? `\n        "${MODULE_NAMES[SPLIT_MODULE]}": ${kept},` : ""));
  for (const imp of dropped) {
    const line = `import * as ${imp} from "${SPLIT_MODULE}"\n`;
    if (!js.includes(line)) throw new Error(`minify-names: no import line for ${imp}`);
    js = js.replace(line, "");
    if (new RegExp(`\\b${imp}\\b`).test(js)) throw new Error(`minify-names: ${imp} is still used`);
  }
}

// wasm-streams' classes: each `export class`, its Symbol.dispose line and its finalizer
const unusedJs = [
  /export class IntoUnderlying\w+ \{\n[\s\S]*?\n\}\n/g,
  /if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n/g,
  /const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n[^\n]*\n[^\n]*;\n/g,
];
for (const re of unusedJs) {
  const found = js.match(re)?.length ?? 0;
  if (found !== 3) throw new Error(`minify-names: ${found} of wasm-streams' 3 classes match ${re}`);
  js = js.replace(re, "");
}
if (/intounderlying/i.test(js) || dropped.length === 0) {
  throw new Error("minify-names: wasm-streams' classes are still named in the loader");
}

writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
console.log(`minify-names: ${renamed.size} names shortened, ${dropped.length} unused exports dropped`);
