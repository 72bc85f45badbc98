import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../clock";
import type { ApiServer } from "../apiserver";
import { byteCompare, podHasAddress, resolveTargetPort } from "../endpointutil";
import type { PodIndex } from "../podindex";
import { isPodReady } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { EndpointAddress, EndpointSubset, Endpoints, Pod, Service } from "../types";
import { ServiceLookup, ServiceMembers, type Member, type MemberGroup } from "./servicelookup";

const SYNC_DELAY_MS = 5;

type Group = MemberGroup<DerivedAddress>;

function subsetOf(g: Group): EndpointSubset {
  const s: EndpointSubset = { ports: g.members[0].entry.ports };
  // The field seen first in write order comes first in the object (and in -o json).
  let first = g.members[0];
  for (const m of g.members) if (m.rank < first.rank) first = m;
  if (first.entry.ready) s.addresses = [];
  else s.notReadyAddresses = [];
  for (const m of g.members) {
    if (m.entry.ready) (s.addresses ??= []).push(m.entry.address);
    else (s.notReadyAddresses ??= []).push(m.entry.address);
  }
  if (s.ports && s.ports.length === 0) delete s.ports;
  return s;
}

/**
 * `deepEqual(subsets, groups.map(subsetOf))` without building the subsets: the stored addresses
 * are usually the very objects the members hold, so this is a walk over identities.
 */
function sameSubsets(subsets: readonly EndpointSubset[], groups: readonly Group[]): boolean {
  if (!Array.isArray(subsets) || subsets.length !== groups.length) return false;
  return groups.every((g, i) => sameSubset(subsets[i], g));
}

function sameSubset(s: EndpointSubset, g: Group): boolean {
  if (s === null || typeof s !== "object" || Array.isArray(s)) return false;
  const ports = g.members[0].entry.ports;
  let ready = 0;
  for (const m of g.members) if (m.entry.ready) ready++;
  const notReady = g.members.length - ready;
  // Same defined fields: each expected one is checked below, so equal counts mean equal sets.
  const fields = Object.keys(s).filter((k) => (s as Record<string, unknown>)[k] !== undefined).length;
  if (fields !== (ports.length ? 1 : 0) + (ready ? 1 : 0) + (notReady ? 1 : 0)) return false;
  if (!deepEqual(s.ports, ports.length ? ports : undefined)) return false;
  const addresses = s.addresses;
  const notReadyAddresses = s.notReadyAddresses;
  if (ready && (!Array.isArray(addresses) || addresses.length !== ready)) return false;
  if (notReady && (!Array.isArray(notReadyAddresses) || notReadyAddresses.length !== notReady)) return false;
  let r = 0;
  let n = 0;
  for (const m of g.members) {
    const got = m.entry.ready ? addresses![r++] : notReadyAddresses![n++];
    if (got !== m.entry.address && !deepEqual(got, m.entry.address)) return false;
  }
  return true;
}

function sameDerived(a: DerivedAddress, b: DerivedAddress): boolean {
  return a.ready === b.ready && a.portsKey === b.portsKey && deepEqual(a.address, b.address);
}

function byAddressThenUid(a: Member<DerivedAddress>, b: Member<DerivedAddress>): number {
  return byteCompare(a.entry.address.ip, b.entry.address.ip) || byteCompare(a.entry.address.targetRef!.uid, b.entry.address.targetRef!.uid) || a.rank - b.rank;
}

/** What one pod contributes to one service's Endpoints. */
interface DerivedAddress {
  ports: NonNullable<EndpointSubset["ports"]>;
  /** The subset the address belongs to. */
  portsKey: string;
  address: EndpointAddress;
  ready: boolean;
}

/**
 * The legacy Endpoints controller (`pkg/controller/endpoint`): one Endpoints object per Service
 * with a selector. Terminating pods are left out; not-ready pods go to `notReadyAddresses`;
 * addresses are sorted as strings. Deprecated in v1.33 but still running, as on real clusters.
 * Incremental like the EndpointSlice controller: {@link ServiceMembers} keeps each service's
 * addresses, and an unchanged service is compared by identity, not rebuilt.
 */
export class EndpointsController implements Controller {
  readonly name = "endpoint-controller";
  private queue!: WorkQueue;
  private lookup!: ServiceLookup;
  private members!: ServiceMembers<DerivedAddress>;
  /** Per service key: what the last sync saw or left (for the no-op fast path). */
  private readonly synced = new Map<string, { svc: Service; version: number; endpoints: Endpoints }>();

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    this.lookup = ServiceLookup.of(rt.store);
    this.members = new ServiceMembers(this.lookup, this.pods, (svc, p) => this.addressOf(svc, p), byAddressThenUid, sameDerived);
    rt.store.watch("Service", (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    rt.store.watch("Pod", (e) => {
      const keys = this.lookup.servicesFor(e.old, e.type === "DELETED" ? undefined : e.object);
      this.members.touched(keys, e.object.metadata.name);
      for (const key of keys) this.queue.add(key);
    });
  }

  /**
   * A pod's address in a service's Endpoints, its ports and whether it is ready; null when the
   * pod is left out (no IP, finished, terminating, or none of the ports resolve).
   */
  private addressOf(svc: Service, p: Pod): DerivedAddress | null {
    if (!podHasAddress(p) || (p.metadata.deletionTimestamp && !svc.spec.publishNotReadyAddresses)) return null;
    const ports = (svc.spec.ports ?? []).flatMap((sp) => {
      const port = resolveTargetPort(p, sp);
      return port === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol }];
    });
    if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) return null;
    const address: EndpointAddress = {
      ip: p.status.podIP!,
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: "Pod", namespace: svc.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid },
    };
    const ready = isPodReady(p) || !!svc.spec.publishNotReadyAddresses;
    return { ports, portsKey: JSON.stringify(ports), address, ready };
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const svc = rt.store.get("Service", ns, name);
    const cur = rt.store.get("Endpoints", ns, name);
    if (!svc) {
      this.members.forget(key);
      this.synced.delete(key);
      if (cur) this.api.delete("Endpoints", ns, name);
      return;
    }
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") {
      this.members.forget(key);
      this.synced.delete(key);
      return;
    }
    // Nothing to do when the service, its members and the Endpoints object are all as the last
    // sync saw or left them.
    const version = this.members.update(key, svc);
    const last = this.synced.get(key);
    if (last && last.svc === svc && last.version === version && last.endpoints === cur) return;
    this.synced.delete(key);

    // Subsets by resolved port list; addresses sorted by IP, then uid (ready and not ready apart).
    const groups = this.members.groups(key, svc);
    const labels = { ...svc.metadata.labels };
    if (cur && sameSubsets(cur.subsets ?? [], groups) && deepEqual(cur.metadata.labels ?? {}, labels)) {
      this.synced.set(key, { svc, version, endpoints: cur });
      return;
    }
    const list = groups.map(subsetOf);
    if (cur) {
      // Only metadata needs a copy: subsets are replaced wholesale.
      const next: Endpoints = { ...cur, metadata: clone(cur.metadata), subsets: list.length ? list : undefined };
      next.metadata.labels = Object.keys(labels).length ? labels : undefined;
      next.metadata.annotations = { ...next.metadata.annotations, "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(rt.clock.now) };
      this.synced.set(key, { svc, version, endpoints: this.api.write(next) });
    } else {
      const r = this.api.create<Endpoints>({
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: {
          name,
          namespace: ns,
          ...(Object.keys(labels).length ? { labels } : {}),
          annotations: { "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(rt.clock.now) },
        } as unknown as Endpoints["metadata"],
        ...(list.length ? { subsets: list } : {}),
      });
      if (r.ok) this.synced.set(key, { svc, version, endpoints: r.value });
    }
  }
}
