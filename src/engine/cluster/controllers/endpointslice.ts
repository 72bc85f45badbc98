import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../clock";
import type { ApiServer } from "../apiserver";
import { byteCompare, endpointConditions, podHasAddress, resolveTargetPort } from "../endpointutil";
import type { PodIndex } from "../podindex";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { Endpoint, EndpointPort, EndpointSlice, Node, Pod, Service } from "../types";
import { ServiceLookup, ServiceMembers, type Member } from "./servicelookup";

const SYNC_DELAY_MS = 5;
/** kube-controller-manager --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
const MANAGED_BY = "endpointslice-controller.k8s.io";

const ZONE_LABEL = "topology.kubernetes.io/zone";

function zoneOf(node: Node | undefined): string | undefined {
  return node?.metadata.labels?.[ZONE_LABEL];
}

/** `sort.SliceStable` by address over pods in write order = by address, then write order. */
function byAddressThenWriteOrder(a: Member<DerivedEndpoint>, b: Member<DerivedEndpoint>): number {
  return byteCompare(a.entry.endpoint.addresses[0], b.entry.endpoint.addresses[0]) || a.rank - b.rank;
}

/** One slice's worth of a group: members `from` to `to` (exclusive). */
interface Chunk {
  ports: EndpointPort[];
  members: readonly Member<DerivedEndpoint>[];
  from: number;
  to: number;
}

function endpointsOf(c: Chunk): Endpoint[] {
  const out: Endpoint[] = [];
  for (let i = c.from; i < c.to; i++) out.push(c.members[i].entry.endpoint);
  return out;
}

/** `deepEqual(endpoints, endpointsOf(c))` without building the array (usually all identical). */
function sameEndpoints(endpoints: readonly Endpoint[] | undefined, c: Chunk): boolean {
  if (!Array.isArray(endpoints) || endpoints.length !== c.to - c.from) return false;
  for (let i = 0; i < endpoints.length; i++) {
    const want = c.members[c.from + i].entry.endpoint;
    if (endpoints[i] !== want && !deepEqual(endpoints[i], want)) return false;
  }
  return true;
}

/** The same objects (by identity), in any order. */
function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  if (a.every((x, i) => x === b[i])) return true;
  const set = new Set(b);
  return a.every((x) => set.has(x));
}

function sameDerived(a: DerivedEndpoint, b: DerivedEndpoint): boolean {
  return a.zone === b.zone && a.portsKey === b.portsKey && deepEqual(a.endpoint, b.endpoint);
}

/** What one pod contributes to one service's slices. */
interface DerivedEndpoint {
  zone: string | undefined;
  ports: EndpointPort[];
  /** The port group the endpoint belongs to. */
  portsKey: string;
  endpoint: Endpoint;
}

/**
 * The EndpointSlice controller (`staging/src/k8s.io/endpointslice`): for every Service with a
 * selector, the matching pods that have an IP become endpoints with ready/serving/terminating
 * conditions, grouped by their resolved ports, at most 100 per slice. Unchanged slices are not
 * rewritten, so views see no churn.
 *
 * A sync still computes the whole desired state from scratch in meaning, but not in work: the
 * services a pod event concerns come from a selector index, each service's endpoints are kept by
 * {@link ServiceMembers} (one pod event re-derives one endpoint), and a sync whose service,
 * members and slices are all as it last left them returns at once. Same writes, same order,
 * same timing as the straightforward algorithm (`endpointslice.test.ts` checks the result).
 */
export class EndpointSliceController implements Controller {
  readonly name = "endpointslice-controller";
  private queue!: WorkQueue;
  private lookup!: ServiceLookup;
  private members!: ServiceMembers<DerivedEndpoint>;
  /** Slice names per service key, kept from the watch (an informer index). */
  private readonly slices = new Map<string, Set<string>>();
  /** Per service key: what the last complete sync saw and left (for the no-op fast path). */
  private readonly synced = new Map<string, { svc: Service; version: number; slices: EndpointSlice[] }>();

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    this.lookup = ServiceLookup.of(rt.store);
    this.members = new ServiceMembers(this.lookup, this.pods, (svc, p) => this.endpointOf(rt, svc, p), byAddressThenWriteOrder, sameDerived);
    rt.store.watch("Service", (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    rt.store.watch("Pod", (e) => {
      const keys = this.lookup.servicesFor(e.old, e.type === "DELETED" ? undefined : e.object);
      this.members.touched(keys, e.object.metadata.name);
      for (const key of keys) this.queue.add(key);
    });
    // Endpoints carry their node's zone, read at sync time: a zone change re-derives them all
    // at their next sync (it queues nothing by itself, as before).
    rt.store.watch("Node", (e) => {
      if (zoneOf(e.old) !== zoneOf(e.type === "DELETED" ? undefined : e.object)) this.members.invalidate();
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

  /**
   * A pod's endpoint in a service's slices and the ports it serves (`podToEndpoint`), or null
   * when the pod has no address. The node's zone is read now: a node relabel writes neither
   * the pod nor the service (the Node watch above invalidates every derived endpoint).
   */
  private endpointOf(rt: Runtime, svc: Service, p: Pod): DerivedEndpoint | null {
    if (!podHasAddress(p)) return null;
    const zone = p.spec.nodeName ? zoneOf(rt.store.get("Node", undefined, p.spec.nodeName)) : undefined;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = resolveTargetPort(p, sp);
      if (port === undefined) continue;
      ports.push({ name: sp.name ?? "", port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    const { name, namespace: ns } = svc.metadata;
    const endpoint: Endpoint = {
      addresses: [p.status.podIP!],
      conditions: endpointConditions(svc, p),
      ...(p.spec.hostname && p.spec.subdomain === name ? { hostname: p.spec.hostname } : {}),
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: "Pod", namespace: ns!, name: p.metadata.name, uid: p.metadata.uid },
      ...(zone ? { zone } : {}),
    };
    return { zone, ports, portsKey: JSON.stringify(ports), endpoint };
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const svc = rt.store.get("Service", ns, name);
    const existing = [...(this.slices.get(key) ?? [])]
      .map((n) => rt.store.get("EndpointSlice", ns, n))
      .filter((s): s is EndpointSlice => !!s && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    if (!svc || !svc.spec.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") {
      this.members.forget(key);
      this.synced.delete(key);
      for (const s of existing) this.api.delete("EndpointSlice", ns, s.metadata.name);
      return;
    }
    // Nothing to do when the service, its members and its slices are all as the last sync left
    // them (the slices then already hold what this sync would compute).
    const version = this.members.update(key, svc);
    const last = this.synced.get(key);
    if (last && last.svc === svc && last.version === version && sameObjects(existing, last.slices)) return;
    this.synced.delete(key);
    const result: EndpointSlice[] = [];
    let complete = true;
    // Endpoints grouped by their resolved port list; each group sorted by IP (ties: write order),
    // cut into slices of 100. A chunk is a range of a group's members: its endpoint array is only
    // built when a slice has to be written.
    const desired: Chunk[] = [];
    for (const g of this.members.groups(key, svc)) {
      const ports = g.members[0].entry.ports;
      for (let i = 0; i < g.members.length; i += MAX_ENDPOINTS_PER_SLICE) {
        desired.push({ ports, members: g.members, from: i, to: Math.min(i + MAX_ENDPOINTS_PER_SLICE, g.members.length) });
      }
    }
    // A service with no endpoints still gets one placeholder slice (no endpoints, ports unset).
    if (desired.length === 0) desired.push({ ports: null as unknown as EndpointPort[], members: [], from: 0, to: 0 });
    const labels: Record<string, string> = { ...svc.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [SERVICE_NAME_LABEL]: name };
    if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    const ownerReferences = [{ apiVersion: "v1", kind: "Service", name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }];
    const remaining = [...existing].sort((a, b) => byteCompare(a.metadata.name, b.metadata.name));
    for (const want of desired) {
      const cur = remaining.shift();
      if (cur) {
        if (sameEndpoints(cur.endpoints, want) && deepEqual(cur.ports, want.ports) && deepEqual(cur.metadata.labels, labels)) {
          result.push(cur);
          continue;
        }
        // Only metadata needs a copy: endpoints and ports are replaced wholesale.
        const next: EndpointSlice = { ...cur, metadata: clone(cur.metadata), endpoints: endpointsOf(want), ports: want.ports };
        next.metadata.labels = labels;
        next.metadata.annotations = { ...next.metadata.annotations, "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(rt.clock.now) };
        result.push(this.api.write(next));
      } else {
        const r = this.api.create<EndpointSlice>({
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
          endpoints: endpointsOf(want),
          ports: want.ports,
        });
        if (r.ok) result.push(r.value);
        else complete = false;
      }
    }
    for (const s of remaining) this.api.delete("EndpointSlice", ns, s.metadata.name);
    // The next sync pairs slices with groups by slice name: only when the names already run in
    // group order (always, unless a slice was just created) would it find nothing to change.
    if (complete && result.every((x, i) => i === 0 || byteCompare(result[i - 1].metadata.name, x.metadata.name) < 0)) {
      this.synced.set(key, { svc, version, slices: result });
    }
  }
}
