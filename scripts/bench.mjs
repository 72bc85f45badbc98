// `npm run bench`: runs every bench/*.bench.ts with tsx, collects the lines they print as
//   BENCH_RESULT {"name":"…","value":12.3,"unit":"ms"|"ops/s"|"×","target":50}
// prints a table, and writes bench/results.json as [{ name, value, unit, target }].
// "ms" and "×" (a ratio against a baseline measured in the same run) results are ok at or below
// their target; "ops/s" results at or above it.
// Exits non-zero if a benchmark script fails or a result misses its target.
// Arguments filter the files by substring: `npm run bench -- proxy`.

import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DIR = "bench";
const PREFIX = "BENCH_RESULT ";
const filters = process.argv.slice(2);

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

/** @type {{ name: string, value: number, unit: string, target?: number, file: string }[]} */
const results = [];
let scriptFailures = 0;

for (const file of files) {
  console.log(`\n▶ ${file}`);
  const run = spawnSync("npx", ["tsx", join(DIR, file)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const line of (run.stdout ?? "").split("\n")) {
    if (!line.startsWith(PREFIX)) {
      if (line.trim()) console.log(`  ${line}`);
      continue;
    }
    try {
      const r = JSON.parse(line.slice(PREFIX.length));
      if (typeof r.name !== "string" || typeof r.value !== "number") throw new Error("needs name and value");
      results.push({ ...r, file });
    } catch (err) {
      console.error(`  ${file}: bad result line (${err.message}): ${line}`);
      scriptFailures++;
    }
  }
  if (run.status !== 0) {
    console.error(`  ${file} exited with ${run.status ?? run.signal}`);
    scriptFailures++;
  }
}

const meets = (r) => {
  if (typeof r.target !== "number") return undefined;
  return r.unit === "ops/s" ? r.value >= r.target : r.value <= r.target;
};

function table(rows) {
  const header = ["name", "value", "unit", "target", "ok?"];
  const body = rows.map((r) => {
    const ok = meets(r);
    return [r.name, formatNumber(r.value), r.unit ?? "", r.target === undefined ? "—" : formatNumber(r.target), ok === undefined ? "—" : ok ? "yes" : "NO"];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const fmt = (row) => row.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(fmt)].join("\n");
}

function formatNumber(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 100 ? 1 : 3);
}

if (files.length === 0) {
  console.log(filters.length ? `No bench/*.bench.ts matches ${filters.join(", ")}.` : "No benchmarks yet (bench/*.bench.ts).");
} else {
  console.log(`\n${table(results)}\n`);
}

writeFileSync(
  join(DIR, "results.json"),
  JSON.stringify(results.map(({ name, value, unit, target }) => ({ name, value, unit, target: target ?? null })), null, 2) + "\n",
);
console.log(`Wrote ${join(DIR, "results.json")} (${results.length} results).`);

const missed = results.filter((r) => meets(r) === false).length;
if (missed) console.error(`${missed} result(s) missed their target.`);
process.exit(scriptFailures > 0 || missed > 0 ? 1 : 0);
