/**
 * Podflow's value imports (src/, the engine and the views) form no cycle (eslint-plugin-import's no-cycle is not installed, so
 * this walks the imports itself). Type-only imports are left out: they vanish at runtime.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url)); // src/

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "node_modules" ? [] : sources(p);
    return /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) && !p.endsWith(".d.ts") ? [p] : [];
  });
}

/** Relative value imports and re-exports of a module (not `import type` / `export type`). */
export function valueImports(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^"';]*?)\s*from\s*["'](\.[^"']+)["']|^\s*import\s+["'](\.[^"']+)["']/gm;
  for (const m of text.matchAll(re)) {
    if (m[5]) out.push(m[5]);
    else if (!m[2] && !/^\{\s*(type\s+\w+(\s+as\s+\w+)?\s*,?\s*)+\}$/.test(m[3])) out.push(m[4]);
  }
  return out;
}

function resolveModule(from: string, spec: string, files: Set<string>): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) if (files.has(c)) return c;
  return undefined;
}

/** Every cycle's path (first found per strongly connected walk), as paths relative to src/. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 1) cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

describe("imports", () => {
  it("finds a cycle when there is one, and reads type-only imports as no edge", () => {
    expect(findCycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c", "a"]]);
    expect(findCycles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
    expect(valueImports('import type { A } from "./a";\nimport { type B } from "./b";\nimport { c } from "./c";\nexport * from "./d";\nexport type * from "./e";\nimport "./f";')).toEqual(["./c", "./d", "./f"]);
  });

  it("src's modules (the engine and the views) import each other without a cycle", () => {
    const files = sources(ROOT);
    const set = new Set(files);
    const graph = new Map<string, string[]>();
    for (const f of files) {
      const deps = valueImports(readFileSync(f, "utf8"))
        .map((s) => resolveModule(f, s, set))
        .filter((x): x is string => !!x);
      graph.set(f, deps);
    }
    expect(graph.size).toBeGreaterThan(100);
    const cycles = findCycles(graph).map((c) => c.map((p) => p.slice(ROOT.length)).join(" → "));
    expect(cycles).toEqual([]);
  });
});
