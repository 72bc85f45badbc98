import { LabelIndex, type Selector } from "./labels";
import { controllerRef } from "./podutil";
import type { ObjectStore } from "./store";
import type { Pod } from "./types";

/**
 * Informer-style indexes over pods, kept current from the store's watch, so that controllers
 * never list every pod to handle one event: pods by namespace, by controlling owner, by label
 * (which pods a selector selects), and the orphans of each namespace (candidates for adoption).
 */
export class PodIndex {
  private readonly byNs = new Map<string, Map<string, Pod>>();
  /** Per namespace, pod name → when it was last written (a counter): `inNamespace`'s order. */
  private readonly rank = new Map<string, Map<string, number>>();
  private nextRank = 0;
  /** Pod names by label, per namespace. */
  private readonly labelsByNs = new Map<string, LabelIndex<string>>();
  private readonly byOwner = new Map<string, Set<Pod>>();
  private readonly orphans = new Map<string, Set<Pod>>();

  constructor(store: ObjectStore) {
    store.watch("Pod", (e) => {
      if (e.old) this.remove(e.old);
      if (e.type !== "DELETED") this.add(e.object);
    });
  }

  get(ns: string, name: string): Pod | undefined {
    return this.byNs.get(ns)?.get(name);
  }

  /**
   * Where a pod stands in its namespace's write order (bigger = written later), the order of
   * {@link inNamespace}; undefined for a pod that is not stored.
   */
  writeRank(ns: string, name: string): number | undefined {
    return this.rank.get(ns)?.get(name);
  }

  /** Every pod of a namespace, the most recently written last. */
  inNamespace(ns: string): Iterable<Pod> {
    return this.byNs.get(ns)?.values() ?? [];
  }

  /**
   * The pods of `ns` that `selector` selects, in the same order as {@link inNamespace} (the most
   * recently written last), found through the label index: the cost follows the size of the
   * selector's smallest equality bucket, not the number of pods in the namespace.
   */
  selectedBy(ns: string, selector: Selector): Pod[] {
    const labels = this.labelsByNs.get(ns);
    const pods = this.byNs.get(ns);
    const rank = this.rank.get(ns);
    if (!labels || !pods || !rank) return [];
    const out: Pod[] = [];
    let sorted = true;
    let last = -1;
    for (const name of labels.candidates(selector)) {
      const p = pods.get(name)!;
      if (!selector.matches(p.metadata.labels)) continue;
      const r = rank.get(name)!;
      if (r < last) sorted = false;
      last = r;
      out.push(p);
    }
    // Candidates from one label bucket already come in write order (a pod is re-inserted on
    // every write); only a union of buckets (an `in` requirement) needs sorting.
    if (!sorted) out.sort((a, b) => rank.get(a.metadata.name)! - rank.get(b.metadata.name)!);
    return out;
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
    let r = this.rank.get(ns);
    if (!r) this.rank.set(ns, (r = new Map()));
    r.set(p.metadata.name, this.nextRank++);
    let li = this.labelsByNs.get(ns);
    if (!li) this.labelsByNs.set(ns, (li = new LabelIndex()));
    // Removed in `remove` first, so the label buckets, like `byNs`, hold pods in write order.
    li.add(p.metadata.name, p.metadata.labels);
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
    this.rank.get(ns)?.delete(p.metadata.name);
    this.labelsByNs.get(ns)?.remove(p.metadata.name);
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
