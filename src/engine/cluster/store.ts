import type { AnyObject, Kind, ObjectOfKind } from "./types";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent<T extends AnyObject = AnyObject> {
  type: WatchEventType;
  object: T;
  /** The previous version, for MODIFIED and DELETED. */
  old?: T;
}

export type WatchHandler<T extends AnyObject = AnyObject> = (event: WatchEvent<T>) => void;

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function objectKey(o: AnyObject): string {
  return keyOf(o.metadata.namespace, o.metadata.name);
}

/**
 * The API object store (etcd's role). Objects are immutable once stored: writers put a new
 * object, so views can compare by identity. Every write bumps the global resourceVersion and
 * notifies watchers of that kind synchronously (watchers only enqueue work, never write back
 * inside the callback).
 */
export class ObjectStore {
  private readonly maps = new Map<Kind, Map<string, AnyObject>>();
  private readonly watchers = new Map<Kind, Set<WatchHandler>>();
  /** The last sorted list handed out per kind (never mutated once handed out). */
  private readonly listCache = new Map<Kind, readonly AnyObject[]>();
  /** Keys written since that list was built: `list` patches a copy instead of re-sorting. */
  private readonly listDirty = new Map<Kind, Set<string>>();
  /** etcd's revision: the last resourceVersion handed out. */
  revision: number;
  /** Bumped on every write; the snapshot cache key. */
  version = 0;

  constructor(startRevision = 1) {
    this.revision = startRevision;
  }

  private map(kind: Kind): Map<string, AnyObject> {
    let m = this.maps.get(kind);
    if (!m) {
      m = new Map();
      this.maps.set(kind, m);
    }
    return m;
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): ObjectOfKind<K> | undefined {
    return this.map(kind).get(keyOf(namespace, name)) as ObjectOfKind<K> | undefined;
  }

  /** All objects of a kind (in one namespace if given), sorted by namespace then name. */
  list<K extends Kind>(kind: K, namespace?: string): readonly ObjectOfKind<K>[] {
    let all = this.listCache.get(kind);
    const dirty = this.listDirty.get(kind);
    if (!all || (dirty && dirty.size * 16 > all.length)) {
      all = [...this.map(kind).values()].sort(compareObjects);
      this.listCache.set(kind, all);
    } else if (dirty && dirty.size > 0) {
      all = patchSorted(all, dirty, this.map(kind));
      this.listCache.set(kind, all);
    }
    dirty?.clear();
    const items = all as readonly ObjectOfKind<K>[];
    return namespace === undefined ? items : items.filter((o) => o.metadata.namespace === namespace);
  }

  count(kind: Kind): number {
    return this.map(kind).size;
  }

  /** Objects of every kind. */
  size(): number {
    let n = 0;
    for (const m of this.maps.values()) n += m.size;
    return n;
  }

  /** Stores a new object or a new version of one; sets its resourceVersion. */
  put<T extends AnyObject>(obj: T): T {
    const m = this.map(obj.kind);
    const key = objectKey(obj);
    const old = m.get(key) as T | undefined;
    obj.metadata.resourceVersion = String(++this.revision);
    m.set(key, obj);
    this.changed(obj.kind, key);
    this.emit({ type: old ? "MODIFIED" : "ADDED", object: obj, old });
    return obj;
  }

  /** Removes an object; returns what was removed. */
  remove<K extends Kind>(kind: K, namespace: string | undefined, name: string): ObjectOfKind<K> | undefined {
    const m = this.map(kind);
    const key = keyOf(namespace, name);
    const old = m.get(key) as ObjectOfKind<K> | undefined;
    if (!old) return undefined;
    m.delete(key);
    ++this.revision;
    this.changed(kind, key);
    this.emit({ type: "DELETED", object: old, old });
    return old;
  }

  watch<K extends Kind>(kind: K, handler: WatchHandler<ObjectOfKind<K>>): () => void {
    let set = this.watchers.get(kind);
    if (!set) {
      set = new Set();
      this.watchers.set(kind, set);
    }
    set.add(handler as WatchHandler);
    return () => set.delete(handler as WatchHandler);
  }

  private changed(kind: Kind, key: string): void {
    this.version++;
    if (!this.listCache.has(kind)) return;
    let dirty = this.listDirty.get(kind);
    if (!dirty) this.listDirty.set(kind, (dirty = new Set()));
    dirty.add(key);
  }

  private emit(event: WatchEvent): void {
    const set = this.watchers.get(event.object.kind);
    if (set) for (const h of set) h(event);
  }
}

/**
 * A new sorted list from the previous one and the keys written since: a copy, then each key
 * replaced, inserted or removed at its binary-searched place (O(n + k log n) instead of a sort).
 */
function patchSorted(prev: readonly AnyObject[], keys: Set<string>, current: Map<string, AnyObject>): AnyObject[] {
  const out = prev.slice();
  for (const key of keys) {
    const slash = key.indexOf("/");
    const ns = slash < 0 ? "" : key.slice(0, slash);
    const name = slash < 0 ? key : key.slice(slash + 1);
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKey(out[mid], ns, name) < 0) lo = mid + 1;
      else hi = mid;
    }
    const found = lo < out.length && compareKey(out[lo], ns, name) === 0;
    const obj = current.get(key);
    if (obj && found) out[lo] = obj;
    else if (obj) out.splice(lo, 0, obj);
    else if (found) out.splice(lo, 1);
  }
  return out;
}

function compareKey(a: AnyObject, ns: string, name: string): number {
  const an = a.metadata.namespace ?? "";
  if (an !== ns) return an < ns ? -1 : 1;
  return a.metadata.name < name ? -1 : a.metadata.name > name ? 1 : 0;
}

function compareObjects(a: AnyObject, b: AnyObject): number {
  const an = a.metadata.namespace ?? "";
  const bn = b.metadata.namespace ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
