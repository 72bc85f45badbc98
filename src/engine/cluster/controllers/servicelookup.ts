import { serviceSelects } from "../endpointutil";
import type { PodIndex } from "../podindex";
import type { ObjectStore } from "../store";
import type { Pod, Service } from "../types";

/**
 * Which services care about a pod, and which pods a service may select, without scanning
 * everything: services are indexed by namespace, pods come from the pod index.
 */
export class ServiceLookup {
  private readonly byNs = new Map<string, Map<string, Service>>();

  constructor(store: ObjectStore) {
    store.watch("Service", (e) => {
      const ns = e.object.metadata.namespace!;
      let m = this.byNs.get(ns);
      if (!m) this.byNs.set(ns, (m = new Map()));
      if (e.type === "DELETED") m.delete(e.object.metadata.name);
      else m.set(e.object.metadata.name, e.object);
    });
  }

  /** Keys of services whose selector matches the old or the new version of a pod. */
  servicesFor(old: Pod | undefined, cur: Pod | undefined): string[] {
    const ns = (cur ?? old)!.metadata.namespace!;
    const out: string[] = [];
    for (const svc of this.byNs.get(ns)?.values() ?? []) {
      if ((old && serviceSelects(svc, old)) || (cur && serviceSelects(svc, cur))) out.push(`${ns}/${svc.metadata.name}`);
    }
    return out;
  }

  podsFor(svc: Service, pods: PodIndex): Iterable<Pod> {
    return pods.inNamespace(svc.metadata.namespace!);
  }
}
