import { controllerRef } from "./podutil";
import type { ObjectStore } from "./store";
import type { Pod } from "./types";

/**
 * Informer-style indexes over pods, kept current from the store's watch, so that controllers
 * never list every pod to handle one event: pods by namespace, by controlling owner, and the
 * orphans of each namespace (candidates for adoption).
 */
export class PodIndex {
  private readonly byNs = new Map<string, Map<string, Pod>>();
  private readonly byOwner = new Map<string, Set<Pod>>();
  private readonly orphans = new Map<string, Set<Pod>>();

  constructor(store: ObjectStore) {
    store.watch("Pod", (e) => {
      if (e.old) this.remove(e.old);
      if (e.type !== "DELETED") this.add(e.object);
    });
  }

  inNamespace(ns: string): Iterable<Pod> {
    return this.byNs.get(ns)?.values() ?? [];
  }

  ownedBy(uid: string): Iterable<Pod> {
    return this.byOwner.get(uid) ?? [];
  }

  orphansIn(ns: string): Iterable<Pod> {
    return this.orphans.get(ns) ?? [];
  }

  private add(p: Pod): void {
    const ns = p.metadata.namespace!;
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(p.metadata.name, p);
    const ref = controllerRef(p);
    const bucket = ref ? this.byOwner : this.orphans;
    const k = ref ? ref.uid : ns;
    let s = bucket.get(k);
    if (!s) bucket.set(k, (s = new Set()));
    s.add(p);
  }

  private remove(p: Pod): void {
    const ns = p.metadata.namespace!;
    this.byNs.get(ns)?.delete(p.metadata.name);
    const ref = controllerRef(p);
    const bucket = ref ? this.byOwner : this.orphans;
    const k = ref ? ref.uid : ns;
    const s = bucket.get(k);
    if (s) {
      s.delete(p);
      if (s.size === 0) bucket.delete(k);
    }
  }
}
