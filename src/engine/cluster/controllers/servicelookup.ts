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

/** One selected pod's contribution to a service, as a controller derives it. */
export interface Member<E> {
  name: string;
  /** The pod's place in its namespace's write order when the entry was derived. */
  rank: number;
  entry: E;
}

/** Members that share a port list, in the controller's order. */
export interface MemberGroup<E> {
  portsKey: string;
  members: Member<E>[];
}

interface MembersState<E> {
  svc: Service;
  epoch: number;
  byName: Map<string, { member: Member<E>; group: MemberGroup<E> }>;
  groups: Map<string, MemberGroup<E>>;
  /** Pods written since the last update whose membership may have changed. */
  dirty: Set<string>;
  /** Changes whenever the groups do (unique across services and rebuilds). */
  version: number;
}

/**
 * The pods a service selects, with what the controller derives from each (its endpoint or
 * address), grouped by port list, kept up to date **incrementally**: a pod event only re-derives
 * that pod (O(log n) to move it), so a sync no longer rebuilds every endpoint of a big service.
 *
 * It returns exactly what a full recomputation over `ServiceLookup.podsFor` (pods in write
 * order) would: groups in the order their first member appears in write order, members sorted
 * by `compare` (which must be a total order; break ties on `rank` to mean "write order", as a
 * stable sort of the write-ordered list would). A new version of the Service, or `invalidate()`
 * (something every entry depends on changed), rebuilds that service from scratch.
 */
export class ServiceMembers<E extends { portsKey: string }> {
  private readonly states = new Map<string, MembersState<E>>();
  private epoch = 0;
  private nextVersion = 0;

  constructor(
    private readonly lookup: ServiceLookup,
    private readonly pods: PodIndex,
    /** The pod's entry, or null when the pod is selected but contributes nothing. */
    private readonly derive: (svc: Service, pod: Pod) => E | null,
    private readonly compare: (a: Member<E>, b: Member<E>) => number,
  ) {}

  /** A pod event concerned these services (from the pod watch, before their sync). */
  touched(keys: readonly string[], podName: string): void {
    for (const k of keys) this.states.get(k)?.dirty.add(podName);
  }

  /** Everything will be derived again (e.g. a node's zone changed: no pod or service event). */
  invalidate(): void {
    this.epoch++;
  }

  /** Drops a service's state (deleted, or no longer selecting). */
  forget(key: string): void {
    this.states.delete(key);
  }

  /**
   * Brings a service's members up to date and returns their version: the same version means
   * the same groups as the last time (no member came, went or changed).
   */
  update(key: string, svc: Service): number {
    return this.current(key, svc).version;
  }

  /** The service's groups as of now: see the class comment for the order. */
  groups(key: string, svc: Service): MemberGroup<E>[] {
    const st = this.current(key, svc);
    const groups = [...st.groups.values()];
    if (groups.length > 1) {
      // First appearance in write order = the smallest rank among the group's members.
      const first = new Map<MemberGroup<E>, number>();
      for (const g of groups) {
        let min = Infinity;
        for (const m of g.members) if (m.rank < min) min = m.rank;
        first.set(g, min);
      }
      groups.sort((a, b) => first.get(a)! - first.get(b)!);
    }
    return groups;
  }

  private current(key: string, svc: Service): MembersState<E> {
    let st = this.states.get(key);
    if (!st || st.svc !== svc || st.epoch !== this.epoch) {
      st = this.rebuild(svc);
      this.states.set(key, st);
    } else if (st.dirty.size > 0) {
      const ns = svc.metadata.namespace!;
      const selector = this.lookup.selectorOf(svc);
      for (const name of st.dirty) {
        const was = st.byName.get(name)?.member;
        this.remove(st, name);
        const pod = this.pods.get(ns, name);
        const now = pod && selector.matches(pod.metadata.labels) ? this.insert(st, pod) : undefined;
        if (was !== now) st.version = ++this.nextVersion;
      }
      st.dirty.clear();
    }
    return st;
  }

  private rebuild(svc: Service): MembersState<E> {
    const st: MembersState<E> = { svc, epoch: this.epoch, byName: new Map(), groups: new Map(), dirty: new Set(), version: ++this.nextVersion };
    const ns = svc.metadata.namespace!;
    for (const pod of this.lookup.podsFor(svc, this.pods)) {
      const entry = this.derive(svc, pod);
      if (!entry) continue;
      const member: Member<E> = { name: pod.metadata.name, rank: this.pods.writeRank(ns, pod.metadata.name)!, entry };
      let g = st.groups.get(entry.portsKey);
      if (!g) st.groups.set(entry.portsKey, (g = { portsKey: entry.portsKey, members: [] }));
      g.members.push(member);
      st.byName.set(member.name, { member, group: g });
    }
    for (const g of st.groups.values()) g.members.sort(this.compare);
    return st;
  }

  private insert(st: MembersState<E>, pod: Pod): Member<E> | undefined {
    const entry = this.derive(st.svc, pod);
    if (!entry) return undefined;
    const member: Member<E> = { name: pod.metadata.name, rank: this.pods.writeRank(pod.metadata.namespace!, pod.metadata.name)!, entry };
    let g = st.groups.get(entry.portsKey);
    if (!g) st.groups.set(entry.portsKey, (g = { portsKey: entry.portsKey, members: [] }));
    g.members.splice(this.search(g.members, member), 0, member);
    st.byName.set(member.name, { member, group: g });
    return member;
  }

  private remove(st: MembersState<E>, name: string): void {
    const at = st.byName.get(name);
    if (!at) return;
    st.byName.delete(name);
    const list = at.group.members;
    const i = this.search(list, at.member);
    if (list[i] !== at.member) throw new Error(`ServiceMembers: ${name} is not where its order puts it`);
    list.splice(i, 1);
    if (list.length === 0) st.groups.delete(at.group.portsKey);
  }

  /** The first index whose member does not sort before `m`. */
  private search(list: Member<E>[], m: Member<E>): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(list[mid], m) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
