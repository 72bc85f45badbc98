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
  /** The last `servicesFor` question and answer (both endpoint controllers ask about each event). */
  private last?: { old: Pod | undefined; cur: Pod | undefined; keys: readonly string[] };

  /** One lookup per store, shared by the controllers that need it. */
  static of(store: ObjectStore): ServiceLookup {
    let l = shared.get(store);
    if (!l) shared.set(store, (l = new ServiceLookup(store)));
    return l;
  }

  constructor(store: ObjectStore) {
    store.watch("Service", (e) => {
      this.last = undefined;
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
  servicesFor(old: Pod | undefined, cur: Pod | undefined): readonly string[] {
    if (this.last && this.last.old === old && this.last.cur === cur) return this.last.keys;
    const keys = this.compute(old, cur);
    this.last = { old, cur, keys };
    return keys;
  }

  private compute(old: Pod | undefined, cur: Pod | undefined): string[] {
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

const shared = new WeakMap<ObjectStore, ServiceLookup>();

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
  byName: Map<string, Slot<E>>;
  groups: Map<string, MemberGroup<E>>;
  /** The groups in output order (first appearance in write order). */
  ordered: MemberGroup<E>[];
  /** Pods written since the last update whose membership may have changed. */
  dirty: Set<string>;
  /** Changes whenever the output does (unique across services and rebuilds). */
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
 *
 * The version tells a controller whether its output can have changed: it moves when a member
 * comes or goes, gets a different entry (see `same`), changes place, or the groups reorder; a
 * pod write that changes nothing the controller derives leaves it alone.
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
    /**
     * Whether a re-derived entry equals the one it replaces; the old object is then kept, so
     * objects already written (which hold it) still compare by identity.
     */
    private readonly same: (a: E, b: E) => boolean = () => false,
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
   * the same groups, with the same entries in the same order, as the last time.
   */
  update(key: string, svc: Service): number {
    return this.current(key, svc).version;
  }

  /** The service's groups as of now: see the class comment for the order. Do not modify. */
  groups(key: string, svc: Service): readonly MemberGroup<E>[] {
    return this.current(key, svc).ordered;
  }

  private current(key: string, svc: Service): MembersState<E> {
    let st = this.states.get(key);
    if (!st || st.svc !== svc || st.epoch !== this.epoch) {
      st = this.rebuild(svc);
      this.states.set(key, st);
      return st;
    }
    if (st.dirty.size === 0) return st;
    const ns = svc.metadata.namespace!;
    const selector = this.lookup.selectorOf(svc);
    let changed = false;
    for (const name of st.dirty) {
      const was = st.byName.get(name);
      const pod = this.pods.get(ns, name);
      let entry = pod && selector.matches(pod.metadata.labels) ? this.derive(svc, pod) : null;
      if (!was && !entry) continue;
      if (was && entry && entry !== was.member.entry && this.same(was.member.entry, entry)) entry = was.member.entry;
      const member = entry ? { name, rank: this.pods.writeRank(ns, name)!, entry } : undefined;
      // The usual case, a write that changes nothing derived: the member keeps its place.
      if (was && member && member.entry === was.member.entry && this.replace(st, was, member)) continue;
      const removed = was ? this.remove(st, was) : undefined;
      const placed = member ? this.insert(st, member) : undefined;
      if (!removed || !placed || placed.member.entry !== removed.member.entry || placed.group !== removed.group || placed.index !== removed.index) changed = true;
    }
    st.dirty.clear();
    const ordered = this.order(st);
    if (changed || ordered.length !== st.ordered.length || ordered.some((g, i) => g !== st.ordered[i])) st.version = ++this.nextVersion;
    st.ordered = ordered;
    return st;
  }

  /** Groups by first appearance in write order = by the smallest rank among their members. */
  private order(st: MembersState<E>): MemberGroup<E>[] {
    const groups = [...st.groups.values()];
    if (groups.length < 2) return groups;
    const first = new Map<MemberGroup<E>, number>();
    for (const g of groups) {
      let min = Infinity;
      for (const m of g.members) if (m.rank < min) min = m.rank;
      first.set(g, min);
    }
    return groups.sort((a, b) => first.get(a)! - first.get(b)!);
  }

  private rebuild(svc: Service): MembersState<E> {
    const st: MembersState<E> = { svc, epoch: this.epoch, byName: new Map(), groups: new Map(), ordered: [], dirty: new Set(), version: ++this.nextVersion };
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
    st.ordered = this.order(st);
    return st;
  }

  /** Puts `member` where `at.member` is, if the order allows it there; false otherwise. */
  private replace(st: MembersState<E>, at: Slot<E>, member: Member<E>): boolean {
    const list = at.group.members;
    const i = this.indexOf(list, at.member);
    if ((i > 0 && this.compare(list[i - 1], member) >= 0) || (i + 1 < list.length && this.compare(member, list[i + 1]) >= 0)) return false;
    list[i] = member;
    st.byName.set(member.name, { member, group: at.group });
    return true;
  }

  private insert(st: MembersState<E>, member: Member<E>): Placed<E> {
    const key = member.entry.portsKey;
    let group = st.groups.get(key);
    if (!group) st.groups.set(key, (group = { portsKey: key, members: [] }));
    const index = this.search(group.members, member);
    group.members.splice(index, 0, member);
    st.byName.set(member.name, { member, group });
    return { member, group, index };
  }

  private remove(st: MembersState<E>, at: Slot<E>): Placed<E> {
    st.byName.delete(at.member.name);
    const list = at.group.members;
    const index = this.indexOf(list, at.member);
    list.splice(index, 1);
    if (list.length === 0) st.groups.delete(at.group.portsKey);
    return { member: at.member, group: at.group, index };
  }

  private indexOf(list: Member<E>[], m: Member<E>): number {
    const i = this.search(list, m);
    if (list[i] !== m) throw new Error(`ServiceMembers: ${m.name} is not where its order puts it`);
    return i;
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

interface Slot<E> {
  member: Member<E>;
  group: MemberGroup<E>;
}

/** Where a member sits (or sat). */
interface Placed<E> {
  member: Member<E>;
  group: MemberGroup<E>;
  index: number;
}
