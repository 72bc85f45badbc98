import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../clock";
import type { ApiServer } from "../apiserver";
import { byteCompare, PairMemo, podHasAddress, resolveTargetPort } from "../endpointutil";
import type { PodIndex } from "../podindex";
import { isPodReady } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { EndpointAddress, EndpointSubset, Endpoints, Pod, Service } from "../types";
import { ServiceLookup, ServiceMembers, type Member } from "./servicelookup";

const SYNC_DELAY_MS = 5;

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
 */
export class EndpointsController implements Controller {
  readonly name = "endpoint-controller";
  private queue!: WorkQueue;
  private lookup!: ServiceLookup;
  private members!: ServiceMembers<DerivedAddress>;
  private readonly derived = new PairMemo<DerivedAddress | null>();

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    this.lookup = new ServiceLookup(rt.store);
    this.members = new ServiceMembers(this.lookup, this.pods, (svc, p) => this.addressOf(svc, p), byAddressThenUid);
    rt.store.watch("Service", (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    rt.store.watch("Pod", (e) => {
      const keys = this.lookup.servicesFor(e.old, e.type === "DELETED" ? undefined : e.object);
      this.members.touched(keys, e.object.metadata.name);
      for (const key of keys) this.queue.add(key);
    });
  }

  /**
   * A pod's address in a service's Endpoints, its ports and whether it is ready; null when the
   * pod is left out (no IP, finished, terminating, or none of the ports resolve). Remembered per
   * (service, pod) version.
   */
  private addressOf(svc: Service, p: Pod): DerivedAddress | null {
    const known = this.derived.get(svc, p);
    if (known !== undefined) return known;
    if (!podHasAddress(p) || (p.metadata.deletionTimestamp && !svc.spec.publishNotReadyAddresses)) return this.derived.set(svc, p, null);
    const ports = (svc.spec.ports ?? []).flatMap((sp) => {
      const port = resolveTargetPort(p, sp);
      return port === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol }];
    });
    if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) return this.derived.set(svc, p, null);
    const address: EndpointAddress = {
      ip: p.status.podIP!,
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: "Pod", namespace: svc.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid },
    };
    const ready = isPodReady(p) || !!svc.spec.publishNotReadyAddresses;
    return this.derived.set(svc, p, { ports, portsKey: JSON.stringify(ports), address, ready });
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const svc = rt.store.get("Service", ns, name);
    const cur = rt.store.get("Endpoints", ns, name);
    if (!svc) {
      this.members.forget(key);
      if (cur) this.api.delete("Endpoints", ns, name);
      return;
    }
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") {
      this.members.forget(key);
      return;
    }

    // Subsets by resolved port list; addresses sorted by IP, then uid (ready and not ready apart).
    const list: EndpointSubset[] = [];
    for (const g of this.members.groups(key, svc)) {
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
      list.push(s);
    }
    const labels = { ...svc.metadata.labels };
    if (cur) {
      if (deepEqual(cur.subsets ?? [], list) && deepEqual(cur.metadata.labels ?? {}, labels)) return;
      // Only metadata needs a copy: subsets are replaced wholesale.
      const next: Endpoints = { ...cur, metadata: clone(cur.metadata), subsets: list.length ? list : undefined };
      next.metadata.labels = Object.keys(labels).length ? labels : undefined;
      next.metadata.annotations = { ...next.metadata.annotations, "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(rt.clock.now) };
      this.api.write(next);
    } else {
      this.api.create<Endpoints>({
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
    }
  }
}
