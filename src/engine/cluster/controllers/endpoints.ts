import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../clock";
import type { ApiServer } from "../apiserver";
import { byteCompare, podHasAddress, resolveTargetPort } from "../endpointutil";
import type { PodIndex } from "../podindex";
import { isPodReady } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { EndpointAddress, EndpointSubset, Endpoints } from "../types";
import { ServiceLookup } from "./servicelookup";

const SYNC_DELAY_MS = 5;

/**
 * The legacy Endpoints controller (`pkg/controller/endpoint`): one Endpoints object per Service
 * with a selector. Terminating pods are left out; not-ready pods go to `notReadyAddresses`;
 * addresses are sorted as strings. Deprecated in v1.33 but still running, as on real clusters.
 */
export class EndpointsController implements Controller {
  readonly name = "endpoint-controller";
  private queue!: WorkQueue;
  private lookup!: ServiceLookup;

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
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const svc = rt.store.get("Service", ns, name);
    const cur = rt.store.get("Endpoints", ns, name);
    if (!svc) {
      if (cur) this.api.delete("Endpoints", ns, name);
      return;
    }
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") return;

    const subsets = new Map<string, EndpointSubset>();
    for (const p of this.lookup.podsFor(svc, this.pods)) {
      if (!podHasAddress(p)) continue;
      if (p.metadata.deletionTimestamp && !svc.spec.publishNotReadyAddresses) continue;
      const ports = (svc.spec.ports ?? []).flatMap((sp) => {
        const port = resolveTargetPort(p, sp);
        return port === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol }];
      });
      if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) continue;
      const k = JSON.stringify(ports);
      let s = subsets.get(k);
      if (!s) subsets.set(k, (s = { ports }));
      const addr: EndpointAddress = {
        ip: p.status.podIP!,
        ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
        targetRef: { kind: "Pod", namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      };
      if (isPodReady(p) || svc.spec.publishNotReadyAddresses) (s.addresses ??= []).push(addr);
      else (s.notReadyAddresses ??= []).push(addr);
    }
    const list = [...subsets.values()];
    for (const s of list) {
      s.addresses?.sort((a, b) => byteCompare(a.ip, b.ip) || byteCompare(a.targetRef!.uid, b.targetRef!.uid));
      s.notReadyAddresses?.sort((a, b) => byteCompare(a.ip, b.ip) || byteCompare(a.targetRef!.uid, b.targetRef!.uid));
      if (s.ports && s.ports.length === 0) delete s.ports;
    }
    const labels = { ...svc.metadata.labels };
    if (cur) {
      if (deepEqual(cur.subsets ?? [], list) && deepEqual(cur.metadata.labels ?? {}, labels)) return;
      const next = clone(cur);
      next.subsets = list.length ? list : undefined;
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
