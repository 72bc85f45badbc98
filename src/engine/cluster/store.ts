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
  private readonly listCache = new Map<Kind, readonly AnyObject[]>();
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
    if (!all) {
      all = [...this.map(kind).values()].sort(compareObjects);
      this.listCache.set(kind, all);
    }
    const items = all as readonly ObjectOfKind<K>[];
    return namespace === undefined ? items : items.filter((o) => o.metadata.namespace === namespace);
  }

  count(kind: Kind): number {
    return this.map(kind).size;
  }

  /** Stores a new object or a new version of one; sets its resourceVersion. */
  put<T extends AnyObject>(obj: T): T {
    const m = this.map(obj.kind);
    const key = objectKey(obj);
    const old = m.get(key) as T | undefined;
    obj.metadata.resourceVersion = String(++this.revision);
    m.set(key, obj);
    this.changed(obj.kind);
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
    this.changed(kind);
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

  private changed(kind: Kind): void {
    this.version++;
    this.listCache.delete(kind);
  }

  private emit(event: WatchEvent): void {
    const set = this.watchers.get(event.object.kind);
    if (set) for (const h of set) h(event);
  }
}

function compareObjects(a: AnyObject, b: AnyObject): number {
  const an = a.metadata.namespace ?? "";
  const bn = b.metadata.namespace ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
