import type { ApiError } from "./errors";
import type { ObjectStore } from "./store";

/**
 * How many objects (Events aside) the lab's etcd holds before it refuses new ones. A real etcd
 * stops at its space quota (2 GiB by default: `etcdserver: mvcc: database space exceeded`); the
 * lab's is smaller, so a browser tab keeps its memory: `kubectl scale --replicas=2147483647`
 * makes pods at the controller's 20 a second until this many objects exist, then the ReplicaSet
 * records FailedCreate with etcd's error, as it would on a full real cluster. Room for the
 * engine benchmark's 10,000-pod cluster (about 15,000 objects) and much more than a lab uses.
 * Events are left out: the event TTL and the recorder's rate bound them.
 */
export const STORAGE_OBJECT_QUOTA = 20_000;

/** etcd's error for a write past the quota, as the API server passes it on (reason unknown, 500). */
export function storageQuotaExceeded(store: ObjectStore): ApiError | undefined {
  if (store.size() - store.count("Event") < STORAGE_OBJECT_QUOTA) return undefined;
  return { reason: "Unknown", code: 500, message: "etcdserver: mvcc: database space exceeded" };
}
