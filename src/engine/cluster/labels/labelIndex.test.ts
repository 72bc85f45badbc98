import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { LabelIndex, SelectorIndex } from "./labelIndex";
import { everything, nothing, parseSelector, selectorFromLabelSelector, selectorFromMap, type Selector } from "./selector";

const keyArb = fc.constantFrom("app", "tier", "env", "k8s.io/x");
const valueArb = fc.constantFrom("", "web", "db", "1", "2");
const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 4 });

const reqTextArb = fc.oneof(
  fc.tuple(keyArb, fc.constantFrom("=", "==", "!="), valueArb).map(([k, op, v]) => `${k}${op}${v}`),
  fc.tuple(keyArb, fc.constantFrom("in", "notin"), fc.uniqueArray(valueArb.filter((v) => v !== ""), { minLength: 1, maxLength: 3 })).map(
    ([k, op, vs]) => `${k} ${op} (${vs.join(",")})`,
  ),
  fc.tuple(keyArb, fc.constantFrom("", "!")).map(([k, bang]) => `${bang}${k}`),
  fc.tuple(keyArb, fc.constantFrom(">", "<"), fc.constantFrom("0", "1", "2")).map(([k, op, v]) => `${k}${op}${v}`),
);

const selectorArb: fc.Arbitrary<Selector> = fc.oneof(
  { weight: 8, arbitrary: fc.array(reqTextArb, { maxLength: 3 }).map((reqs) => {
    const r = parseSelector(reqs.join(","));
    if (!r.ok) throw new Error(r.error);
    return r.selector;
  }) },
  { weight: 1, arbitrary: fc.constant(nothing()) },
  { weight: 1, arbitrary: fc.constant(everything()) },
);

type Op<T> = { kind: "add"; id: number; value: T } | { kind: "remove"; id: number };

function opsArb<T>(valueArb: fc.Arbitrary<T>): fc.Arbitrary<Op<T>[]> {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("add" as const), id: fc.integer({ min: 0, max: 15 }), value: valueArb }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), id: fc.integer({ min: 0, max: 15 }) }) },
    ),
    { maxLength: 40 },
  );
}

describe("LabelIndex", () => {
  it("matching agrees with a brute-force scan (fast-check)", () => {
    fc.assert(
      fc.property(opsArb(labelsArb), fc.array(selectorArb, { minLength: 1, maxLength: 5 }), (ops, selectors) => {
        const idx = new LabelIndex<number>();
        const truth = new Map<number, Record<string, string>>();
        for (const op of ops) {
          if (op.kind === "add") {
            idx.add(op.id, op.value);
            truth.set(op.id, op.value);
          } else {
            idx.remove(op.id);
            truth.delete(op.id);
          }
        }
        expect(idx.size).toBe(truth.size);
        for (const sel of selectors) {
          const want = [...truth.entries()].filter(([, ls]) => sel.matches(ls)).map(([id]) => id);
          expect(idx.matching(sel)).toEqual(want);
          // candidates are a superset
          const cand = new Set(idx.candidates(sel));
          for (const id of want) expect(cand.has(id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("narrows equality selectors to one bucket instead of scanning", () => {
    const idx = new LabelIndex<string>();
    for (let i = 0; i < 1000; i++) idx.add(`pod-${i}`, { app: `app-${i % 100}`, tier: i % 2 ? "web" : "db" });
    const sel = selectorFromMap({ app: "app-7", tier: "web" });
    expect([...idx.candidates(sel)].length).toBe(10);
    expect(idx.matching(sel)).toEqual(["pod-7", "pod-107", "pod-207", "pod-307", "pod-407", "pod-507", "pod-607", "pod-707", "pod-807", "pod-907"]);
    // no equality requirement → full scan
    const neq = parseSelector("app!=app-7");
    expect(neq.ok && [...idx.candidates(neq.selector)].length).toBe(1000);
    // a key nobody has → nothing, without scanning
    const missing = parseSelector("nope=x");
    expect(missing.ok && [...idx.candidates(missing.selector)].length).toBe(0);
    expect([...idx.candidates(nothing())].length).toBe(0);
  });

  it("update replaces labels and keeps insertion order", () => {
    const idx = new LabelIndex<string>();
    idx.add("a", { app: "web" });
    idx.add("b", { app: "db" });
    idx.add("c", { app: "web" });
    idx.update("b", { app: "web" });
    const web = selectorFromMap({ app: "web" });
    expect(idx.matching(web)).toEqual(["a", "b", "c"]);
    idx.update("a", undefined);
    expect(idx.matching(web)).toEqual(["b", "c"]);
    expect(idx.labels("a")).toEqual({});
    idx.remove("b");
    idx.remove("nope");
    expect(idx.matching(web)).toEqual(["c"]);
    expect(idx.has("b")).toBe(false);
  });
});

describe("SelectorIndex", () => {
  it("matching agrees with testing every selector (fast-check)", () => {
    fc.assert(
      fc.property(opsArb(selectorArb), fc.array(labelsArb, { minLength: 1, maxLength: 5 }), (ops, labelSets) => {
        const idx = new SelectorIndex<number>();
        const truth = new Map<number, Selector>();
        for (const op of ops) {
          if (op.kind === "add") {
            idx.add(op.id, op.value);
            truth.set(op.id, op.value);
          } else {
            idx.remove(op.id);
            truth.delete(op.id);
          }
        }
        expect(idx.size).toBe(truth.size);
        for (const ls of labelSets) {
          const want = [...truth.entries()].filter(([, s]) => s.matches(ls)).map(([id]) => id);
          expect(idx.matching(ls)).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps only selectors without an equality requirement in the scan list", () => {
    const idx = new SelectorIndex<string>();
    for (let i = 0; i < 500; i++) idx.add(`svc-${i}`, selectorFromMap({ app: `app-${i}` }));
    idx.add("everything", everything());
    idx.add("nothing", nothing());
    idx.add("neq", selectorFromLabelSelector({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["x"] }] }));
    idx.add("in", selectorFromLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }] }));
    expect(idx.scanSize).toBe(2);
    expect(idx.matching({ app: "app-42", tier: "b" })).toEqual(["svc-42", "everything", "neq", "in"]);
    expect(idx.matching(undefined)).toEqual(["everything", "neq"]);
    idx.update("svc-42", selectorFromMap({ app: "other" }));
    expect(idx.matching({ app: "app-42" })).toEqual(["everything", "neq"]);
    idx.remove("everything");
    expect(idx.matching({ app: "other" })).toEqual(["svc-42", "neq"]);
    expect(idx.get("svc-42")?.toString()).toBe("app=other");
  });
});
