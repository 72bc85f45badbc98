// Checks the JavaScript budget of the built site (dist/): what a browser must download before
// the app's first paint (top bar, IP ranges, the booted cluster's state in the store), gzipped,
// must stay within 230 kB (issue 4, "Static hosting and budgets"). The canvas chunk is requested
// by that first paint and arrives right after: it is reported beside the figure, not in it.
//
//   node scripts/check-budget.mjs [--dir dist] [--budget-kb 230] [--json]
//
// It reads the chunk graph from dist/.vite/manifest.json (vite.config.ts sets build.manifest):
// * entry:   index.html's entry chunk and everything it imports statically;
// * startup: the entry plus the chunks the entry module itself imports dynamically, with their
//            static imports. src/main.tsx loads the whole app with import("./app/Root") the moment
//            it runs, so "entry" alone would be a meaningless figure: startup is what is checked.
// * lazy:    every other chunk (the canvas, the terminal and xterm.js, the YAML editor), listed
//            for information; they load on demand and the service worker precaches them.
// Exits 1 when startup JavaScript is over budget (or the build is missing).

import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "dist" },
    "budget-kb": { type: "string", default: "230" },
    json: { type: "boolean", default: false },
  },
});

const dir = values.dir;
const budget = Number(values["budget-kb"]) * 1000;
const manifestPath = join(dir, ".vite", "manifest.json");
if (!existsSync(manifestPath)) {
  console.error(`check-budget: ${manifestPath} is missing. Build first (npm run build); vite.config.ts must set build.manifest.`);
  process.exit(1);
}
/** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], src?: string }>} */
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) {
  console.error("check-budget: no entry chunk in the manifest.");
  process.exit(1);
}

const sizes = new Map();
function gz(file) {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(dir, file));
    sizes.set(file, { raw: bytes.length, gzip: gzipSync(bytes).length });
  }
  return sizes.get(file);
}

/** Keys of `keys` and everything they import statically. */
function staticClosure(keys) {
  const seen = new Set();
  const walk = (k) => {
    if (seen.has(k) || !manifest[k]) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) walk(i);
  };
  keys.forEach(walk);
  return seen;
}

const entry = staticClosure([entryKey]);
const startup = staticClosure([entryKey, ...(manifest[entryKey].dynamicImports ?? [])]);
const total = (keys) => [...keys].reduce((sum, k) => sum + gz(manifest[k].file).gzip, 0);
const jsKeys = Object.keys(manifest).filter((k) => manifest[k].file.endsWith(".js"));
const lazy = jsKeys.filter((k) => !startup.has(k));

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
const row = (k) => {
  const s = gz(manifest[k].file);
  return `  ${manifest[k].file.padEnd(40)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gz  ${manifest[k].src ?? k}`;
};

const result = {
  budget,
  entry: total(entry),
  startup: total(startup),
  lazy: Object.fromEntries(lazy.map((k) => [manifest[k].src ?? k, gz(manifest[k].file).gzip])),
};

if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log("Startup JavaScript (entry, its static imports, and what the entry imports at once):");
  for (const k of startup) console.log(row(k));
  console.log(`  entry alone ${kb(result.entry)} gz; startup ${kb(result.startup)} gz; budget ${kb(budget)} gz`);
  const canvas = lazy.find((k) => k.endsWith("src/canvas/Canvas.tsx"));
  if (canvas) console.log(`  startup + the canvas chunk (info): ${kb(result.startup + total(new Set([canvas])))} gz`);
  console.log("\nLoaded on demand:");
  for (const k of lazy) console.log(row(k));
}
if (result.startup > budget) {
  console.error(`\ncheck-budget: FAIL: startup JavaScript is ${kb(result.startup)} gzipped, over the ${kb(budget)} budget by ${kb(result.startup - budget)}.`);
  process.exit(1);
}
console.log(`\ncheck-budget: OK (${kb(budget - result.startup)} to spare).`);
