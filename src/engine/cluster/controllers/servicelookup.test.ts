import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteCompare, serviceSelects } from "../endpointutil";
import { PodIndex } from "../podindex";
import { ObjectStore } from "../store";
import type { Labels, Pod, Service } from "../types";
import { ServiceLookup, ServiceMembers, type Member } from "./servicelookup";

const keyArb = fc.constantFrom("app", "tier");
const valueArb = fc.constantFrom("web", "db", "x");
const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 2 });
/** Pod labels that the start services (below) select often. */
const podLabelsArb: fc.Arbitrary<Labels> = fc
  .tuple(fc.constantFrom(undefined, "web", "web", "web", "db"), fc.constantFrom(undefined, "db", "db", "x"))
  .map(([app, tier]) => ({ ...(app ? { app } : {}), ...(tier ? { tier } : {}) }));
const selectorMapArb = fc.option(fc.dictionary(keyArb, valueArb, { maxKeys: 2 }), { nil: undefined });
/** Mostly one namespace, so that events meet the services they concern. */
const nsArb = fc.oneof({ weight: 5, arbitrary: fc.constant("a") }, { weight: 1, arbitrary: fc.constant("b") });
const podNameArb = fc.constantFrom("p0", "p1", "p2", "p3", "p4", "p5");
const svcNameArb = fc.constantFrom("s0", "s1", "s2", "s3");
/** Few IPs, so that ties (same address, e.g. hostNetwork pods) happen. */
const ipArb = fc.option(fc.constantFrom("10.0.0.1", "10.0.0.10", "10.0.0.9", "10.0.0.2"), { nil: undefined, freq: 8 });
const portArb = fc.constantFrom("80", "8080");

type Op =
  | { kind: "pod"; ns: string; name: string; labels: Labels; ip?: string; port: string }
  | { kind: "delpod"; ns: string; name: string }
  | { kind: "svc"; ns: string; name: string; selector?: Labels }
  | { kind: "delsvc"; ns: string; name: string }
  | { kind: "sync"; ns: string; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("pod" as const), ns: nsArb, name: podNameArb, labels: fc.oneof(podLabelsArb, labelsArb), ip: ipArb, port: portArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delpod" as const), ns: nsArb, name: podNameArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("svc" as const), ns: nsArb, name: svcNameArb, selector: selectorMapArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delsvc" as const), ns: nsArb, name: svcNameArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("sync" as const), ns: nsArb, name: svcNameArb }) },
);

function pod(ns: string, name: string, labels: Labels, ip: string | undefined, port: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, uid: `${ns}-${name}`, labels, annotations: { port } },
    spec: { containers: [] },
    status: { phase: "Running", ...(ip ? { podIP: ip } : {}) },
  } as unknown as Pod;
}

function service(ns: string, name: string, selector: Labels | undefined): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns, uid: `${ns}-${name}` },
    spec: { type: "ClusterIP", sessionAffinity: "None", ...(selector ? { selector } : {}) },
    status: { loadBalancer: {} },
  } as unknown as Service;
}

interface Entry {
  portsKey: string;
  ip: string;
}

const derive = (_svc: Service, p: Pod): Entry | null => (p.status.podIP ? { portsKey: p.metadata.annotations!.port, ip: p.status.podIP } : null);
const sameEntry = (a: Entry, b: Entry) => a.ip === b.ip && a.portsKey === b.portsKey;
const byIpThenRank = (a: Member<Entry>, b: Member<Entry>) => byteCompare(a.entry.ip, b.entry.ip) || a.rank - b.rank;

/** What the controllers computed before the indexes: scan the namespace in write order, group, stable-sort. */
function bruteGroups(svc: Service, index: PodIndex): { portsKey: string; names: string[] }[] {
  const groups = new Map<string, { pod: Pod; ip: string }[]>();
  for (const p of index.inNamespace(svc.metadata.namespace!)) {
    if (!serviceSelects(svc, p)) continue;
    const e = derive(svc, p);
    if (!e) continue;
    let g = groups.get(e.portsKey);
    if (!g) groups.set(e.portsKey, (g = []));
    g.push({ pod: p, ip: e.ip });
  }
  return [...groups].map(([portsKey, g]) => ({ portsKey, names: g.sort((x, y) => byteCompare(x.ip, y.ip)).map((x) => x.pod.metadata.name) }));
}

describe("ServiceLookup", () => {
  it("servicesFor and podsFor agree with scanning every service and pod (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 50, size: "max" }), fc.array(fc.tuple(fc.option(labelsArb, { nil: undefined }), fc.option(labelsArb, { nil: undefined })), { maxLength: 5 }), (ops, probes) => {
        const store = new ObjectStore();
        const index = new PodIndex(store);
        const lookup = new ServiceLookup(store);
        /** Services in the order they were created (a re-created service goes last). */
        const services = new Map<string, Service>();
        for (const op of ops) {
          if (op.kind === "pod") store.put(pod(op.ns, op.name, op.labels, op.ip, op.port));
          else if (op.kind === "delpod") store.remove("Pod", op.ns, op.name);
          else if (op.kind === "svc") {
            const key = `${op.ns}/${op.name}`;
            const s = store.put(service(op.ns, op.name, op.selector));
            if (services.has(key)) services.set(key, s);
            else services.set(key, s);
          } else if (op.kind === "delsvc") {
            if (store.remove("Service", op.ns, op.name)) services.delete(`${op.ns}/${op.name}`);
          }
        }
        for (const ns of ["a", "b"]) {
          for (const [oldLabels, curLabels] of probes) {
            const old = oldLabels && pod(ns, "probe", oldLabels, undefined, "80");
            const cur = curLabels && pod(ns, "probe", curLabels, undefined, "80");
            if (!old && !cur) continue;
            const want = [...services.entries()].filter(([, s]) => (old && serviceSelects(s, old)) || (cur && serviceSelects(s, cur))).map(([k]) => k);
            expect(lookup.servicesFor(old, cur)).toEqual(want);
          }
        }
        for (const s of services.values()) {
          const want = [...index.inNamespace(s.metadata.namespace!)].filter((p) => serviceSelects(s, p));
          expect(lookup.podsFor(s, index)).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Services every run starts with, so that most pod events concern one or more of them. */
const START_SELECTORS: Record<string, Labels> = { s0: { app: "web" }, s1: { tier: "db" }, s2: { app: "web", tier: "x" }, s3: {} };

describe("ServiceMembers", () => {
  it("incremental groups equal a full recomputation after any sequence of events (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60, size: "max" }), (ops) => {
        const store = new ObjectStore();
        const index = new PodIndex(store);
        const lookup = new ServiceLookup(store);
        const members = new ServiceMembers<Entry>(lookup, index, derive, byIpThenRank, sameEntry);
        /** Per service: the version and the entries (by identity) it stood for. */
        const seen = new Map<string, { version: number; entries: Entry[][] }>();
        // Wired as the endpoint controllers wire it: the pod watch marks the services concerned.
        store.watch("Pod", (e) => members.touched(lookup.servicesFor(e.old, e.type === "DELETED" ? undefined : e.object), e.object.metadata.name));
        for (const [name, selector] of Object.entries(START_SELECTORS)) store.put(service("a", name, selector));
        const check = (ns: string, name: string) => {
          const svc = store.get("Service", ns, name);
          if (!svc) return members.forget(`${ns}/${name}`);
          const before = members.update(`${ns}/${name}`, svc);
          const groups = members.groups(`${ns}/${name}`, svc);
          const got = groups.map((g) => ({ portsKey: g.portsKey, names: g.members.map((m) => m.name) }));
          expect(got).toEqual(bruteGroups(svc, index));
          // An unchanged version promises the very same entries in the same order.
          const entries = groups.map((g) => g.members.map((m) => m.entry));
          const prev = seen.get(`${ns}/${name}`);
          if (prev && prev.version === before) {
            expect(entries.length).toBe(prev.entries.length);
            entries.forEach((es, i) => es.forEach((e, j) => expect(e).toBe(prev.entries[i][j])));
          }
          seen.set(`${ns}/${name}`, { version: before, entries });
          // Asking again without events changes nothing.
          expect(members.update(`${ns}/${name}`, svc)).toBe(before);
        };
        for (const op of ops) {
          if (op.kind === "pod") store.put(pod(op.ns, op.name, op.labels, op.ip, op.port));
          else if (op.kind === "delpod") store.remove("Pod", op.ns, op.name);
          else if (op.kind === "svc") store.put(service(op.ns, op.name, op.selector));
          else if (op.kind === "delsvc") store.remove("Service", op.ns, op.name);
          else check(op.ns, op.name);
          if (op.kind === "pod" && op.ip === "10.0.0.2") members.invalidate();
        }
        for (const ns of ["a", "b"]) for (const name of ["s0", "s1", "s2", "s3"]) check(ns, name);
      }),
      { numRuns: 1000 },
    );
  });

  it("changes version only when its output changes", () => {
    const store = new ObjectStore();
    const index = new PodIndex(store);
    const lookup = new ServiceLookup(store);
    const members = new ServiceMembers<Entry>(lookup, index, derive, byIpThenRank, sameEntry);
    store.watch("Pod", (e) => members.touched(lookup.servicesFor(e.old, e.type === "DELETED" ? undefined : e.object), e.object.metadata.name));
    const svc = store.put(service("a", "s", { app: "web" }));
    store.put(pod("a", "p1", { app: "web" }, "10.0.0.1", "80"));
    const v1 = members.update("a/s", svc);
    store.put(pod("a", "other", { app: "db" }, "10.0.0.2", "80"));
    expect(members.update("a/s", svc)).toBe(v1);
    store.put(pod("a", "p2", { app: "web" }, undefined, "80")); // selected, but no address yet
    expect(members.update("a/s", svc)).toBe(v1);
    store.put(pod("a", "p2", { app: "web" }, "10.0.0.3", "80"));
    const v2 = members.update("a/s", svc);
    expect(v2).not.toBe(v1);
    expect(members.groups("a/s", svc)[0].members.map((m) => m.name)).toEqual(["p1", "p2"]);
    // A pod written again with nothing new keeps its entry and its place: same version.
    store.put(pod("a", "p1", { app: "web" }, "10.0.0.1", "80"));
    expect(members.update("a/s", svc)).toBe(v2);
    // Two pods on one address (hostNetwork) sort in write order: rewriting the first moves it.
    store.put(pod("a", "h1", { app: "web" }, "10.0.0.9", "80"));
    store.put(pod("a", "h2", { app: "web" }, "10.0.0.9", "80"));
    const v3 = members.update("a/s", svc);
    expect(members.groups("a/s", svc)[0].members.map((m) => m.name)).toEqual(["p1", "p2", "h1", "h2"]);
    store.put(pod("a", "h1", { app: "web" }, "10.0.0.9", "80"));
    expect(members.update("a/s", svc)).not.toBe(v3);
    expect(members.groups("a/s", svc)[0].members.map((m) => m.name)).toEqual(["p1", "p2", "h2", "h1"]);
  });
});
