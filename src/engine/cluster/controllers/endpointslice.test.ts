import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clone } from "../../util/clone";
import { ClusterImpl } from "../cluster";
import { byteCompare, endpointConditions, podHasAddress, resolveTargetPort, serviceSelects } from "../endpointutil";
import { isPodReady } from "../podutil";
import type { Deployment, Endpoint, EndpointPort, EndpointSubset, Pod, Service } from "../types";
import { MANAGED_BY_LABEL, MAX_ENDPOINTS_PER_SLICE, SERVICE_NAME_LABEL } from "./endpointslice";

/**
 * The endpoint controllers work incrementally (label indexes, per-service member caches, a
 * no-op fast path). Whatever happened, once the cluster is quiet their objects must equal what
 * a from-scratch computation over every pod gives: the straightforward algorithm below, which
 * scans the namespace's pods in write order, as the controllers once did.
 */

type WriteOrder = Map<string, string[]>;

/** Pod names per namespace, the most recently written last (kept by the test's own watch). */
function trackWriteOrder(c: ClusterImpl): WriteOrder {
  const order: WriteOrder = new Map();
  c.rt.store.watch("Pod", (e) => {
    const ns = e.object.metadata.namespace!;
    const names = (order.get(ns) ?? []).filter((n) => n !== e.object.metadata.name);
    if (e.type !== "DELETED") names.push(e.object.metadata.name);
    order.set(ns, names);
  });
  return order;
}

function selectedPods(c: ClusterImpl, order: WriteOrder, svc: Service): Pod[] {
  const ns = svc.metadata.namespace!;
  return (order.get(ns) ?? []).map((n) => c.rt.store.get("Pod", ns, n)!).filter((p) => serviceSelects(svc, p));
}

const hasSelector = (svc: Service) => !!svc.spec.selector && Object.keys(svc.spec.selector).length > 0 && svc.spec.type !== "ExternalName";

function expectedSlices(c: ClusterImpl, order: WriteOrder, svc: Service): { ports: EndpointPort[] | null; endpoints: Endpoint[] }[] {
  const name = svc.metadata.name;
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const p of selectedPods(c, order, svc)) {
    if (!podHasAddress(p)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = resolveTargetPort(p, sp);
      if (port !== undefined) ports.push({ name: sp.name ?? "", port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    const gk = JSON.stringify(ports);
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { ports, endpoints: [] }));
    const zone = p.spec.nodeName ? c.rt.store.get("Node", undefined, p.spec.nodeName)?.metadata.labels?.["topology.kubernetes.io/zone"] : undefined;
    g.endpoints.push({
      addresses: [p.status.podIP!],
      conditions: endpointConditions(svc, p),
      ...(p.spec.hostname && p.spec.subdomain === name ? { hostname: p.spec.hostname } : {}),
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: "Pod", namespace: svc.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid },
      ...(zone ? { zone } : {}),
    });
  }
  const out: { ports: EndpointPort[] | null; endpoints: Endpoint[] }[] = [];
  for (const g of groups.values()) {
    g.endpoints.sort((a, b) => byteCompare(a.addresses[0], b.addresses[0]));
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  }
  return out.length ? out : [{ ports: null, endpoints: [] }];
}

function expectedSubsets(c: ClusterImpl, order: WriteOrder, svc: Service): EndpointSubset[] {
  const subsets = new Map<string, EndpointSubset>();
  for (const p of selectedPods(c, order, svc)) {
    if (!podHasAddress(p) || (p.metadata.deletionTimestamp && !svc.spec.publishNotReadyAddresses)) continue;
    const ports = (svc.spec.ports ?? []).flatMap((sp) => {
      const port = resolveTargetPort(p, sp);
      return port === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol }];
    });
    if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) continue;
    const k = JSON.stringify(ports);
    let s = subsets.get(k);
    if (!s) subsets.set(k, (s = { ports }));
    const addr = { ip: p.status.podIP!, ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}), targetRef: { kind: "Pod", namespace: svc.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid } };
    if (isPodReady(p) || svc.spec.publishNotReadyAddresses) (s.addresses ??= []).push(addr);
    else (s.notReadyAddresses ??= []).push(addr);
  }
  const list = [...subsets.values()];
  for (const s of list) {
    s.addresses?.sort((a, b) => byteCompare(a.ip, b.ip) || byteCompare(a.targetRef!.uid, b.targetRef!.uid));
    s.notReadyAddresses?.sort((a, b) => byteCompare(a.ip, b.ip) || byteCompare(a.targetRef!.uid, b.targetRef!.uid));
    if (s.ports && s.ports.length === 0) delete s.ports;
  }
  return list;
}

/** JSON with object keys sorted: for content that equal-but-reordered writes do not touch. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

/**
 * Compares every Service's slices and Endpoints with the from-scratch result. Slices compare as
 * JSON (key order counts); Endpoints subsets without key order, which depends on history: which
 * of `addresses` / `notReadyAddresses` comes first follows the pod that was first in write order
 * when the subset was last written, and a sync that finds equal content does not rewrite it.
 */
function expectAgreement(c: ClusterImpl, order: WriteOrder, opts: { ignoreZones?: boolean } = {}): void {
  const json = (v: unknown) => JSON.stringify(v, (k, x) => (opts.ignoreZones && k === "zone" ? undefined : x));
  const store = c.rt.store;
  for (const svc of store.list("Service")) {
    const ns = svc.metadata.namespace!;
    if (svc.metadata.name === "kubernetes" && ns === "default") continue; // the API server's own
    const slices = store
      .list("EndpointSlice", ns)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name && s.metadata.labels?.[MANAGED_BY_LABEL])
      .sort((a, b) => byteCompare(a.metadata.name, b.metadata.name));
    const eps = store.get("Endpoints", ns, svc.metadata.name);
    if (!hasSelector(svc)) {
      expect(slices).toEqual([]);
      continue;
    }
    const got = slices.map((s) => ({ ports: s.ports, endpoints: s.endpoints }));
    expect(json(got), `${ns}/${svc.metadata.name} slices`).toBe(json(expectedSlices(c, order, svc)));
    expect(canonical(JSON.parse(json(eps?.subsets ?? []))), `${ns}/${svc.metadata.name} endpoints`).toBe(canonical(JSON.parse(json(expectedSubsets(c, order, svc)))));
  }
}

function settle(c: ClusterImpl): void {
  for (let i = 0; i < 1000 && c.rt.clock.pending() > 0; i++) c.rt.clock.advance(1000);
}

const TIERS = ["web", "api"];

function deployment(name: string, replicas: number, opts: { tier: string; port: number; portName?: string; hostNetwork?: boolean }): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: opts.tier } },
        spec: {
          ...(opts.hostNetwork ? { hostNetwork: true } : {}),
          containers: [{ name: "c", image: "nginx", ports: [{ name: opts.portName ?? "http", containerPort: opts.port, protocol: "TCP" }] }],
        },
      },
    },
  } as unknown as Deployment;
}

function service(name: string, selector: Record<string, string> | undefined, extra: Partial<Service["spec"]> = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { ...(selector ? { selector } : {}), ports: [{ name: "web", port: 80, targetPort: "http", protocol: "TCP" }, { name: "raw", port: 81, targetPort: 9999, protocol: "TCP" }], ...extra },
  } as unknown as Service;
}

type Op =
  | { kind: "relabel"; pick: number; tier: string | null }
  | { kind: "delete"; pick: number; force: boolean }
  | { kind: "flip"; pick: number }
  | { kind: "selector"; svc: number; sel: number }
  | { kind: "toggleService"; svc: number }
  | { kind: "scale"; dep: number; replicas: number }
  | { kind: "zone"; node: number; zone: number }
  | { kind: "publish"; svc: number }
  | { kind: "advance"; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("relabel" as const), pick: fc.nat(), tier: fc.constantFrom(null, ...TIERS) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(), force: fc.boolean() }),
  fc.record({ kind: fc.constant("flip" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("selector" as const), svc: fc.nat({ max: 4 }), sel: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant("toggleService" as const), svc: fc.nat({ max: 4 }) }),
  fc.record({ kind: fc.constant("scale" as const), dep: fc.nat({ max: 3 }), replicas: fc.nat({ max: 6 }) }),
  fc.record({ kind: fc.constant("zone" as const), node: fc.nat({ max: 2 }), zone: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant("publish" as const), svc: fc.nat({ max: 4 }) }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(0, 1, 4, 5, 6, 12, 400, 2000) }),
);

const SELECTORS: (Record<string, string> | undefined)[] = [undefined, { tier: "web" }, { tier: "api" }, { app: "d0" }, { app: "d1", tier: "web" }, { app: "big" }];

function apply(c: ClusterImpl, op: Op): void {
  const api = c.api;
  const pods = c.rt.store.list("Pod", "default").filter((p) => !p.metadata.deletionTimestamp);
  const p = pods.length ? pods[("pick" in op ? op.pick : 0) % pods.length] : undefined;
  switch (op.kind) {
    case "relabel": {
      if (!p) return;
      const next = clone(p);
      next.metadata.labels = { ...next.metadata.labels };
      if (op.tier) next.metadata.labels.tier = op.tier;
      else delete next.metadata.labels.tier;
      api.update(next);
      return;
    }
    case "delete":
      if (p) api.delete("Pod", "default", p.metadata.name, op.force ? { gracePeriodSeconds: 0 } : {});
      return;
    case "flip": {
      if (!p?.status.conditions) return;
      const next = clone(p);
      const ready = next.status.conditions!.find((x) => x.type === "Ready")!;
      ready.status = ready.status === "True" ? "False" : "True";
      api.write(next);
      return;
    }
    case "selector":
    case "publish": {
      const svc = c.rt.store.get("Service", "default", `s${op.svc}`);
      if (!svc) return;
      const next = clone(svc);
      if (op.kind === "publish") next.spec.publishNotReadyAddresses = !next.spec.publishNotReadyAddresses;
      else if (SELECTORS[op.sel]) next.spec.selector = SELECTORS[op.sel];
      else delete next.spec.selector;
      api.update(next);
      return;
    }
    case "toggleService":
      if (c.rt.store.get("Service", "default", `s${op.svc}`)) api.delete("Service", "default", `s${op.svc}`);
      else api.create(service(`s${op.svc}`, SELECTORS[(op.svc % 5) + 1]));
      return;
    case "scale": {
      const d = c.rt.store.get("Deployment", "default", `d${op.dep}`);
      if (!d) return;
      const next = clone(d);
      next.spec.replicas = op.replicas;
      api.update(next);
      return;
    }
    case "zone": {
      const nodes = c.rt.store.list("Node");
      const n = clone(nodes[op.node % nodes.length]);
      n.metadata.labels = { ...n.metadata.labels };
      if (op.zone === 0) delete n.metadata.labels["topology.kubernetes.io/zone"];
      else n.metadata.labels["topology.kubernetes.io/zone"] = `zone-${op.zone}`;
      api.write(n);
      return;
    }
    case "advance":
      c.advance(op.ms);
      return;
  }
}

describe("EndpointSlice and Endpoints controllers", () => {
  it("agree with a from-scratch computation once quiet, whatever happened before (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 40, size: "max" }), (ops) => {
        const c = new ClusterImpl({ seed: 3, workers: 2 });
        const order = trackWriteOrder(c);
        // Write order of the pods that exist before the test started watching.
        for (const ns of ["default", "kube-system"]) order.set(ns, [...c.pods.inNamespace(ns)].map((p) => p.metadata.name));
        c.api.create(deployment("d0", 3, { tier: "web", port: 80 }));
        c.api.create(deployment("d1", 2, { tier: "web", port: 8080 }));
        c.api.create(deployment("d2", 2, { tier: "api", port: 80, portName: "other" }));
        c.api.create(deployment("d3", 2, { tier: "api", port: 80, hostNetwork: true }));
        c.api.create(deployment("big", 105, { tier: "bulk", port: 80 }));
        for (let i = 0; i < 5; i++) c.api.create(service(`s${i}`, SELECTORS[i + 1], i === 3 ? { clusterIP: "None" } : {}));
        c.advance(30_000);
        for (const op of ops) apply(c, op);
        settle(c);
        expectAgreement(c, order, { ignoreZones: true });
        // A node's zone is read when a service syncs, and a node write syncs nothing (as in
        // Kubernetes): give every service with pods one pod event, so all have synced since.
        for (const svc of c.rt.store.list("Service")) {
          const first = selectedPods(c, order, svc)[0];
          if (first) c.api.write(clone(first));
        }
        settle(c);
        expectAgreement(c, order);
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it("fills slices in name order when a service grows past 100 endpoints and shrinks back", () => {
    const c = new ClusterImpl({ seed: 5, workers: 2 });
    const order = trackWriteOrder(c);
    for (const ns of ["default", "kube-system"]) order.set(ns, [...c.pods.inNamespace(ns)].map((p) => p.metadata.name));
    c.api.create(deployment("big", 100, { tier: "bulk", port: 80 }));
    c.api.create(deployment("other", 12, { tier: "web", port: 80 }));
    c.api.create(service("s", { tier: "bulk" }));
    settle(c);
    expectAgreement(c, order);
    const others = c.rt.store.list("Pod", "default").filter((p) => p.metadata.labels?.app === "other");
    let created = 0;
    for (const p of others) {
      // One event takes the service to 101 endpoints: a second slice is created, with a random
      // name that may sort before the first; the controller's own echo sync then re-pairs them.
      const into = clone(c.rt.store.get("Pod", "default", p.metadata.name)!);
      into.metadata.labels = { ...into.metadata.labels, tier: "bulk" };
      c.api.update(into);
      settle(c);
      expectAgreement(c, order);
      created += c.rt.store.list("EndpointSlice", "default").filter((x) => x.metadata.labels?.[SERVICE_NAME_LABEL] === "s").length === 2 ? 1 : 0;
      const out = clone(c.rt.store.get("Pod", "default", p.metadata.name)!);
      out.metadata.labels = { ...out.metadata.labels, tier: "web" };
      c.api.update(out);
      settle(c);
      expectAgreement(c, order);
    }
    expect(created).toBe(others.length);
  });
});
