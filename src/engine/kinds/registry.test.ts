import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { KINDS, kindDef } from "./registry";

const ENGINE = fileURLToPath(new URL("..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

describe("the kind registry", () => {
  it("gives every kind a resource, a decoder schema, a validator and a table", () => {
    for (const k of KINDS) {
      const r = k.resource;
      expect(r.plural, r.kind).toMatch(/^[a-z]+$/);
      expect(r.singular, r.kind).toMatch(/^[a-z]+$/);
      expect(r.version, r.kind).toMatch(/^v\d/);
      expect(r.verbs, r.kind).toContain("get");
      expect(k.schema.go, r.kind).toBe(r.kind);
      expect(Object.keys(k.schema.fields), r.kind).toContain("metadata");
      expect(typeof k.validate, r.kind).toBe("function");
      expect(k.table.headers.length, r.kind).toBeGreaterThan(0);
      expect(kindDef(r.kind)).toBe(k);
    }
  });

  it("names each resource once: no two kinds share a plural, a singular or a short name", () => {
    // Endpoints is its own singular: names are compared across kinds, not within one.
    const names = KINDS.flatMap((k) => [...new Set([`${k.resource.group}/${k.resource.plural}`, `${k.resource.group}/${k.resource.singular}`, ...k.resource.shortNames])]);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(KINDS.map((k) => k.resource.kind)).size).toBe(KINDS.length);
  });

  it("lists kinds in `kubectl api-resources` order: the core group first, then by group, then by name", () => {
    const key = (k: (typeof KINDS)[number]) => [k.resource.group === "" ? "" : `~${k.resource.group}`, k.resource.plural].join(" ");
    const keys = KINDS.map(key);
    expect(keys).toEqual([...keys].sort());
  });

  it("prints a row of the table's width for every object of every kind in a fresh cluster", () => {
    const snap = createCluster({ seed: 3 }).snapshot();
    for (const k of KINDS) {
      const objects = snap.objects[k.resource.kind] ?? [];
      expect(objects.length, `a fresh cluster has a ${k.resource.kind}`).toBeGreaterThan(0);
      for (const o of objects) {
        expect(k.table.row(o as never, snap.time, false), k.resource.kind).toHaveLength(k.table.headers.length);
        expect(k.table.row(o as never, snap.time, true), k.resource.kind).toHaveLength(k.table.headers.length + k.table.wideHeaders.length);
      }
    }
  });
});

describe("no per-kind switch grows back", () => {
  // A kind's behaviour belongs in its folder (kinds/<kind>/), its describer in the describer
  // registry, kubectl's per-kind helpers in kubectl/polymorphic.ts: not in a switch.
  const kinds = KINDS.map((k) => k.resource.kind).join("|");
  const kindCase = new RegExp(`case\\s+"(${kinds})"\\s*:`);
  const kindTest = new RegExp(`\\.kind\\s*[!=]==\\s*"(${kinds})"|kind\\s*[!=]==\\s*"(${kinds})"`);

  it("the API server names no kind", () => {
    for (const f of [join(ENGINE, "cluster/apiserver.ts"), join(ENGINE, "cluster/decode.ts"), join(ENGINE, "cluster/resources.ts")]) {
      const text = readFileSync(f, "utf8");
      expect(text, f).not.toMatch(kindCase);
      expect(text, f).not.toMatch(kindTest);
    }
  });

  it("kubectl has no `case \"Kind\":` switch", () => {
    const offenders = sources(join(ENGINE, "kubectl")).filter((f) => kindCase.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the test can fail: it sees a switch when there is one", () => {
    expect('switch (o.kind) {\n  case "Service":\n').toMatch(kindCase);
    expect('if (obj.kind === "Pod") {').toMatch(kindTest);
  });
});

describe("the snapshot", () => {
  it("lists every registered kind, and the named lists are the same arrays", () => {
    const snap = createCluster({ seed: 5 }).snapshot();
    for (const k of KINDS) expect(snap.objects[k.resource.kind], k.resource.kind).toBeDefined();
    expect(snap.pods).toBe(snap.objects.Pod);
    expect(snap.services).toBe(snap.objects.Service);
    expect(snap.configMaps).toBe(snap.objects.ConfigMap);
  });

  it("keeps the identity of a kind's list while nothing of that kind changed", () => {
    const c = createCluster({ seed: 5 });
    const before = c.snapshot();
    c.exec("kubectl create configmap extra --from-literal=a=b");
    const after = c.snapshot();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.objects.ConfigMap).not.toBe(before.objects.ConfigMap);
    expect(after.objects.Deployment).toBe(before.objects.Deployment);
    expect(after.nodes).toBe(before.nodes);
  });
});
