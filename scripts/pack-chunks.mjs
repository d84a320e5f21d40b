// Packs the split wasm into one file per split module, so that a page's first view fetches a
// handful of files instead of dozens (run by scripts/split-wasm.sh after wasm-opt).
//
// wasm-split makes one shared chunk per set of split modules that use some code: here about 70
// small files. A module's loader in __wasm_split.js fetches its own file and each of its chunks.
// This script writes `<module>.pack.wasm`: the module's wasm and the chunks it needs, less those
// the shell already brought (every area is shown inside the shell, so the shell is always
// loaded first) and, for a part of a page, those the page brought; and it rewrites the loader so that the chunks are read from the pack of the module
// being loaded. A chunk that is not in that pack is still fetched on its own (the files stay);
// the loader learns which is which from the pack's header, so it carries only module -> pack.
//
// Pack layout: u32 little-endian length of a JSON header, the header
// ([[file, offset, length], ...], offsets from the end of the header), then the bytes.
//
// Usage: node scripts/pack-chunks.mjs DIR   (DIR holds __wasm_split.js and the wasm files)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const SHELL = "shell";
const jsPath = join(dir, "__wasm_split.js");
let js = readFileSync(jsPath, "utf8");

// chunk variable -> file, and each split module's file and dependencies
const chunkFile = {};
for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)\.wasm"/g)) {
  chunkFile[m[1]] = m[2];
}
const modules = {};
for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)\.wasm"[\s\S]*?\n\}\n, \[([^\]]*)\]\)\);/g)) {
  const deps = m[3].split(",").map((s) => s.trim()).filter(Boolean).map((v) => chunkFile[v]);
  modules[m[1]] = { file: m[2], deps };
}
if (Object.keys(modules).length === 0) {
  console.log("pack-chunks: no split modules found, nothing to pack");
  process.exit(0);
}
if (Object.values(modules).some((m) => m.deps.some((d) => d === undefined))) {
  throw new Error("pack-chunks: a dependency names an unknown chunk; the loader's shape changed");
}

// What is loaded before a module: the shell (every page is shown inside it) and, for the part of
// a page fetched on demand (named `<page>__<part>`, see src/areas.rs), the page's own module.
const loaded = (name) => [SHELL, name.includes("__") ? name.split("__")[0] : null]
  .filter((m) => m && m !== name && modules[m])
  .flatMap((m) => [modules[m].file, ...modules[m].deps]);
const packs = {};
for (const [name, { file, deps }] of Object.entries(modules)) {
  const before = new Set(loaded(name));
  const files = [file, ...deps.filter((d) => !before.has(d))];
  const parts = files.map((f) => readFileSync(join(dir, f + ".wasm")));
  let offset = 0;
  const index = files.map((f, i) => {
    const entry = [f, offset, parts[i].length];
    offset += parts[i].length;
    return entry;
  });
  const header = Buffer.from(JSON.stringify(index));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  writeFileSync(join(dir, `${file}.pack.wasm`), Buffer.concat([length, header, ...parts]));
  packs[name] = { pack: `${file}.pack.wasm`, files };
}

// the loader: chunks come from the pack of the module being loaded
const runtime = `
const __packs = ${JSON.stringify(Object.fromEntries(Object.entries(packs).map(([n, p]) => [n, p.pack])))};
let __loadingModule = undefined;
const __packLoads = {};
function __readPack(name) {
    if (__packLoads[name] === undefined) {
        const load = fetch(new URL("./" + __packs[name], import.meta.url))
            .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); })
            .then((buffer) => {
                const headerLength = new DataView(buffer).getUint32(0, true);
                const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
                const parts = new Map();
                for (const [file, offset, length] of header) {
                    parts.set(file, new Uint8Array(buffer, 4 + headerLength + offset, length));
                }
                return parts;
            });
        load.catch(() => { if (__packLoads[name] === load) __packLoads[name] = undefined; });
        __packLoads[name] = load;
    }
    return __packLoads[name];
}
function __part(file) {
    const name = __loadingModule;
    const own = () => fetch(new URL("./" + file + ".wasm", import.meta.url));
    if (name === undefined) return own();
    // the pack's header says which files it holds: the others are fetched on their own
    return __readPack(name).then((parts) => parts.has(file)
        ? new Response(parts.get(file), { headers: { "Content-Type": "application/wasm" } })
        : own());
}
function __inPack(name, load) {
    return () => {
        const outer = __loadingModule;
        __loadingModule = name;
        try { return load(); } finally { __loadingModule = outer; }
    };
}
`;
js = js.replace(/fetch\(new URL\("\.\/([\w.]+)\.wasm", import\.meta\.url\)\)/g, (_, file) => `__part("${file}")`);
js = js.replace(
  /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(/g,
  (_, name) => `export const __wasm_split_load_${name} = wrapAsyncCb(__inPack("${name}", makeLoad(`,
);
// close the extra parenthesis of __inPack( on the split modules' lines
js = js.replace(/(export const __wasm_split_load_\w+ = wrapAsyncCb\(__inPack\("\w+", makeLoad\([\s\S]*?\n\}\n, \[[^\]]*\]\))\);/g, "$1));");
// The chunks' loaders differ only by their number: one function instead (this file is part of
// every first view).
const chunkBlock = /\/\*[^\n]*\*\/\nconst __chunk_(\d+) = makeLoad\(\(\) => \{\n\s*const src = __part\("chunk_\1"\);\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => (debugWrap)?\(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[\]\);\n/g;
const chunkCount = Object.keys(chunkFile).length;
const blocks = js.match(chunkBlock) ?? [];
if (blocks.length !== chunkCount) {
  throw new Error(`pack-chunks: ${blocks.length} of ${chunkCount} chunk loaders have the expected shape; the loader's shape changed`);
}
// debug builds wrap each instantiation to log it (wasm-split's `debugWrap`): kept as it was
const wrap = blocks.some((block) => block.includes("debugWrap(")) ? "debugWrap" : "";
js = js.replace(chunkBlock, "");
// A module's dependencies are its pack's chunks (read from the pack's header when it arrives)
// and those the modules loaded before it brought (see `loaded`), which are there already: the
// loader needs no list of its own (it was half of this file's bytes, in every first view).
js = js.replace(
  /(export const __wasm_split_load_(\w+) = wrapAsyncCb\(__inPack\("\w+", makeLoad\([\s\S]*?\n\}\n, )\[((?:__chunk_\d+(?:, )?)*)\]/g,
  (_, head, name) => `${head}__packDeps("${name}")`,
);
if (/__chunk_\d/.test(js)) {
  throw new Error("pack-chunks: a chunk is still named after compaction; the loader's shape changed");
}
const compact = `
const __chunkLoads = {};
function __chunk(n) {
    return __chunkLoads[n] ??= makeLoad(() => {
        const src = __part("chunk_" + n);
        src.catch(() => {});
        return async (imports) => ${wrap}(WebAssembly.instantiateStreaming(src, imports));
    }, []);
}
function __packDeps(name) {
    return [() => __readPack(name).then((parts) => {
        const outer = __loadingModule;
        __loadingModule = name;
        try {
            return Promise.all([...parts.keys()].filter((f) => f.startsWith("chunk_"))
                .map((f) => __chunk(Number(f.slice(6)))()));
        } finally {
            __loadingModule = outer;
        }
    })];
}
`;
const marker = "function makeLoad(";
js = js.replace(marker, runtime + compact + marker);
writeFileSync(jsPath, js);
const sizes = Object.values(packs).map((p) => `${p.pack} (${p.files.length})`).join(", ");
console.log(`pack-chunks: ${sizes}`);
