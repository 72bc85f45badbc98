import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../clock";
import type { ApiServer } from "../apiserver";
import { byteCompare, endpointConditions, podHasAddress, resolveTargetPort } from "../endpointutil";
import type { PodIndex } from "../podindex";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { Endpoint, EndpointPort, EndpointSlice } from "../types";
import { ServiceLookup } from "./servicelookup";

const SYNC_DELAY_MS = 5;
/** kube-controller-manager --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
const MANAGED_BY = "endpointslice-controller.k8s.io";

/**
 * The EndpointSlice controller (`staging/src/k8s.io/endpointslice`): for every Service with a
 * selector, the matching pods that have an IP become endpoints with ready/serving/terminating
 * conditions, grouped by their resolved ports, at most 100 per slice. Unchanged slices are not
 * rewritten, so views see no churn.
 */
export class EndpointSliceController implements Controller {
  readonly name = "endpointslice-controller";
  private queue!: WorkQueue;
  private lookup!: ServiceLookup;
  /** Slice names per service key, kept from the watch (an informer index). */
  private readonly slices = new Map<string, Set<string>>();

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    this.lookup = new ServiceLookup(rt.store);
    rt.store.watch("Service", (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    rt.store.watch("Pod", (e) => {
      for (const key of this.lookup.servicesFor(e.old, e.type === "DELETED" ? undefined : e.object)) this.queue.add(key);
    });
    rt.store.watch("EndpointSlice", (e) => {
      // Someone else edited or deleted a managed slice: put it back.
      const svc = e.object.metadata.labels?.[SERVICE_NAME_LABEL];
      const oldSvc = e.old?.metadata.labels?.[SERVICE_NAME_LABEL];
      const ns = e.object.metadata.namespace;
      if (oldSvc) this.slices.get(`${ns}/${oldSvc}`)?.delete(e.object.metadata.name);
      if (svc && e.type !== "DELETED") {
        const k = `${ns}/${svc}`;
        if (!this.slices.has(k)) this.slices.set(k, new Set());
        this.slices.get(k)!.add(e.object.metadata.name);
      }
      if (svc && e.object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) this.queue.add(`${e.object.metadata.namespace}/${svc}`);
    });
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const svc = rt.store.get("Service", ns, name);
    const existing = [...(this.slices.get(key) ?? [])]
      .map((n) => rt.store.get("EndpointSlice", ns, n))
      .filter((s): s is EndpointSlice => !!s && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    if (!svc || !svc.spec.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") {
      for (const s of existing) this.api.delete("EndpointSlice", ns, s.metadata.name);
      return;
    }
    // Group endpoints by their resolved port list.
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
    for (const p of this.lookup.podsFor(svc, this.pods)) {
      if (!podHasAddress(p)) continue;
      const ports: EndpointPort[] = [];
      for (const sp of svc.spec.ports ?? []) {
        const port = resolveTargetPort(p, sp);
        if (port === undefined) continue;
        ports.push({ name: sp.name ?? "", port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      const gk = JSON.stringify(ports);
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { ports, endpoints: [] }));
      const node = p.spec.nodeName ? rt.store.get("Node", undefined, p.spec.nodeName) : undefined;
      const zone = node?.metadata.labels?.["topology.kubernetes.io/zone"];
      g.endpoints.push({
        addresses: [p.status.podIP!],
        conditions: endpointConditions(svc, p),
        ...(p.spec.hostname && p.spec.subdomain === name ? { hostname: p.spec.hostname } : {}),
        ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
        targetRef: { kind: "Pod", namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
        ...(zone ? { zone } : {}),
      });
    }
    const desired: { ports: EndpointPort[]; endpoints: Endpoint[] }[] = [];
    for (const g of groups.values()) {
      g.endpoints.sort((a, b) => byteCompare(a.addresses[0], b.addresses[0]));
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) desired.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
    // A service with no endpoints still gets one placeholder slice (no endpoints, ports unset).
    if (desired.length === 0) desired.push({ ports: null as unknown as EndpointPort[], endpoints: [] });
    const labels: Record<string, string> = { ...svc.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [SERVICE_NAME_LABEL]: name };
    if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    const ownerReferences = [{ apiVersion: "v1", kind: "Service", name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }];
    const remaining = [...existing].sort((a, b) => byteCompare(a.metadata.name, b.metadata.name));
    for (const want of desired) {
      const cur = remaining.shift();
      if (cur) {
        if (deepEqual(cur.endpoints, want.endpoints) && deepEqual(cur.ports, want.ports) && deepEqual(cur.metadata.labels, labels)) continue;
        const next = clone(cur);
        next.endpoints = want.endpoints;
        next.ports = want.ports;
        next.metadata.labels = labels;
        next.metadata.annotations = { ...next.metadata.annotations, "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(rt.clock.now) };
        this.api.write(next);
      } else {
        this.api.create<EndpointSlice>({
          apiVersion: "discovery.k8s.io/v1",
          kind: "EndpointSlice",
          metadata: {
            generateName: `${name}-`,
            namespace: ns,
            labels,
            annotations: { "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(rt.clock.now) },
            ownerReferences,
          } as unknown as EndpointSlice["metadata"],
          addressType: "IPv4",
          endpoints: want.endpoints,
          ports: want.ports,
        });
      }
    }
    for (const s of remaining) this.api.delete("EndpointSlice", ns, s.metadata.name);
  }
}
