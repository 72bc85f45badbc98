import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { everything, nothing, parseSelector, selectorFromMap, type Selector } from "./labels";
import { PodIndex } from "./podindex";
import { ObjectStore } from "./store";
import type { Labels, Pod } from "./types";

const keyArb = fc.constantFrom("app", "tier", "env");
const valueArb = fc.constantFrom("web", "db", "1", "2");
const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 3 });

const reqTextArb = fc.oneof(
  fc.tuple(keyArb, fc.constantFrom("=", "!="), valueArb).map(([k, op, v]) => `${k}${op}${v}`),
  fc.tuple(keyArb, fc.constantFrom("in", "notin"), fc.uniqueArray(valueArb, { minLength: 1, maxLength: 3 })).map(([k, op, vs]) => `${k} ${op} (${vs.join(",")})`),
  fc.tuple(keyArb, fc.constantFrom("", "!")).map(([k, bang]) => `${bang}${k}`),
);

const selectorArb: fc.Arbitrary<Selector> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.array(reqTextArb, { maxLength: 3 }).map((reqs) => {
      const r = parseSelector(reqs.join(","));
      if (!r.ok) throw new Error(r.error);
      return r.selector;
    }),
  },
  { weight: 1, arbitrary: fc.constant(nothing()) },
  { weight: 1, arbitrary: fc.constant(everything()) },
);

type Op = { kind: "put"; ns: string; name: string; labels: Labels; owner?: string } | { kind: "remove"; ns: string; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("put" as const),
      ns: fc.constantFrom("a", "b"),
      name: fc.constantFrom("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"),
      labels: labelsArb,
      owner: fc.option(fc.constantFrom("rs-1", "rs-2"), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), ns: fc.constantFrom("a", "b"), name: fc.constantFrom("p0", "p1", "p2", "p3") }) },
);

function pod(ns: string, name: string, labels: Labels, owner?: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: ns,
      uid: `${ns}-${name}`,
      labels,
      ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner, controller: true }] } : {}),
    },
    spec: { containers: [] },
    status: { phase: "Running" },
  } as unknown as Pod;
}

/** Replays ops into a store; returns the index and, per namespace, pod names in write order. */
function replay(ops: Op[]): { store: ObjectStore; index: PodIndex; order: Map<string, string[]> } {
  const store = new ObjectStore();
  const index = new PodIndex(store);
  const order = new Map<string, string[]>([["a", []], ["b", []]]);
  for (const op of ops) {
    const names = order.get(op.ns)!.filter((n) => n !== op.name);
    if (op.kind === "put") {
      store.put(pod(op.ns, op.name, op.labels, op.owner));
      names.push(op.name);
    } else {
      store.remove("Pod", op.ns, op.name);
    }
    order.set(op.ns, names);
  }
  return { store, index, order };
}

describe("PodIndex", () => {
  it("selectedBy agrees with scanning the namespace in write order (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40, size: "max" }), fc.array(selectorArb, { minLength: 1, maxLength: 4 }), (ops, selectors) => {
        const { store, index, order } = replay(ops);
        for (const ns of ["a", "b"]) {
          const inNs = [...index.inNamespace(ns)];
          // inNamespace: every stored pod of the namespace, the most recently written last.
          expect(inNs.map((p) => p.metadata.name)).toEqual(order.get(ns));
          for (const p of inNs) expect(p).toBe(store.get("Pod", ns, p.metadata.name));
          for (const sel of selectors) {
            const brute = inNs.filter((p) => sel.matches(p.metadata.labels));
            expect(index.selectedBy(ns, sel)).toEqual(brute);
          }
          // writeRank follows the same order.
          const ranks = inNs.map((p) => index.writeRank(ns, p.metadata.name)!);
          expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps owners and orphans current", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40, size: "max" }), (ops) => {
        const { store, index } = replay(ops);
        const all = [...store.list("Pod")];
        for (const owner of ["rs-1", "rs-2"]) {
          const want = all.filter((p) => p.metadata.ownerReferences?.[0]?.uid === owner);
          expect(new Set(index.ownedBy(owner))).toEqual(new Set(want));
        }
        for (const ns of ["a", "b"]) {
          const want = all.filter((p) => p.metadata.namespace === ns && !p.metadata.ownerReferences);
          expect(new Set(index.orphansIn(ns))).toEqual(new Set(want));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("finds a service's pods through one label bucket, not by scanning the namespace", () => {
    const store = new ObjectStore();
    const index = new PodIndex(store);
    for (let i = 0; i < 2000; i++) store.put(pod("default", `pod-${i}`, { app: `app-${i % 200}` }));
    // Rewriting a pod moves it to the end of the write order.
    store.put(pod("default", "pod-7", { app: "app-7", touched: "yes" }));
    const sel = selectorFromMap({ app: "app-7" });
    let tested = 0;
    const counting: Selector = {
      requirements: sel.requirements,
      selectable: sel.selectable,
      matches: (ls) => (tested++, sel.matches(ls)),
      toString: () => sel.toString(),
      empty: () => sel.empty(),
      requiresExactMatch: (k) => sel.requiresExactMatch(k),
    };
    const got = index.selectedBy("default", counting).map((p) => p.metadata.name);
    expect(got).toEqual(["pod-207", "pod-407", "pod-607", "pod-807", "pod-1007", "pod-1207", "pod-1407", "pod-1607", "pod-1807", "pod-7"]);
    expect(tested).toBe(10);
    expect(index.selectedBy("default", nothing())).toEqual([]);
    expect(index.selectedBy("elsewhere", everything())).toEqual([]);
  });
});
