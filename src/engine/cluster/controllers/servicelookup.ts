import { SelectorIndex, selectorFromMap, type Selector } from "../labels";
import type { PodIndex } from "../podindex";
import type { ObjectStore } from "../store";
import type { Labels, Pod, Service } from "../types";

/**
 * Which services care about a pod, and which pods a service selects, without scanning
 * everything: service selectors sit in a {@link SelectorIndex} per namespace (a pod's labels
 * find the services that select them), and pods come from the {@link PodIndex}'s label index.
 * Kept current from the store's watch, so it is up to date before any controller's queued
 * sync runs.
 */
export class ServiceLookup {
  /** Service names by selector, per namespace (services without a selector: `Nothing()`). */
  private readonly byNs = new Map<string, SelectorIndex<string>>();
  /** "ns/name" → rank when the service first appeared: the order services are reported in. */
  private readonly rank = new Map<string, number>();
  private nextRank = 0;

  constructor(store: ObjectStore) {
    store.watch("Service", (e) => {
      const ns = e.object.metadata.namespace!;
      const name = e.object.metadata.name;
      const key = `${ns}/${name}`;
      let idx = this.byNs.get(ns);
      if (!idx) this.byNs.set(ns, (idx = new SelectorIndex()));
      if (e.type === "DELETED") {
        idx.remove(name);
        this.rank.delete(key);
        return;
      }
      if (!this.rank.has(key)) this.rank.set(key, this.nextRank++);
      idx.add(name, selectorFromMap(e.object.spec.selector));
    });
  }

  /**
   * Keys ("ns/name") of services whose selector matches the old or the new version of a pod,
   * each once, in the order the services were created.
   */
  servicesFor(old: Pod | undefined, cur: Pod | undefined): string[] {
    const ns = (cur ?? old)!.metadata.namespace!;
    const idx = this.byNs.get(ns);
    if (!idx) return [];
    const a = old ? idx.matching(old.metadata.labels) : [];
    const b = cur && !(old && sameLabels(old.metadata.labels, cur.metadata.labels)) ? idx.matching(cur.metadata.labels) : [];
    const names = b.length === 0 ? a : a.length === 0 ? b : [...new Set([...a, ...b])];
    const keys = names.map((n) => `${ns}/${n}`);
    if (a.length > 0 && b.length > 0) keys.sort((x, y) => this.rank.get(x)! - this.rank.get(y)!);
    return keys;
  }

  /** The selector the controllers use for a service (`Nothing()` when it has none). */
  selectorOf(svc: Service): Selector {
    return this.byNs.get(svc.metadata.namespace!)?.get(svc.metadata.name) ?? selectorFromMap(svc.spec.selector);
  }

  /** The pods a service selects, the most recently written last. */
  podsFor(svc: Service, pods: PodIndex): Pod[] {
    return pods.selectedBy(svc.metadata.namespace!, this.selectorOf(svc));
  }
}

function sameLabels(a: Labels | undefined, b: Labels | undefined): boolean {
  if (a === b) return true;
  const ak = Object.keys(a ?? {});
  if (ak.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ak) if (a![k] !== b?.[k]) return false;
  return true;
}
