/**
 * What the canvas remembers between snapshots so change can be seen, not spotted: a pod that was
 * deleted stays drawn where it was for a few seconds (fading), and a pod that a controller created
 * to stand in for a deleted one is marked as new, with the old pod's name and IP — never as if the
 * ReplicaSet reused either. Pure: the previous history, the two pod lists and the virtual time in,
 * the next history out. Times are virtual (the cluster's clock), so a paused lab holds them.
 */
import type { Pod } from "../engine/cluster/types";

/** How long a deleted pod stays drawn (virtual ms): long enough to be seen at 1×. */
export const GONE_MS = 6_000;
/** How long a replacement is marked as new (virtual ms). */
export const NEW_MS = 30_000;

/** The pod a new one stands in for. */
export interface Replaced {
  name: string;
  ip: string | undefined;
}

export interface PodHistory {
  /** Deleted pods still drawn, by "ns/name", with when they went. */
  gone: ReadonlyMap<string, { pod: Pod; at: number }>;
  /** New pods standing in for a deleted one, by "ns/name" of the new pod. */
  replaced: ReadonlyMap<string, Replaced & { at: number; uid: string }>;
  /** The next virtual time something here expires (Infinity: nothing will). */
  nextExpiry: number;
}

export const EMPTY_HISTORY: PodHistory = { gone: new Map(), replaced: new Map(), nextExpiry: Infinity };

const podKey = (p: Pod) => `${p.metadata.namespace ?? ""}/${p.metadata.name}`;
const controllerUid = (p: Pod) => (p.metadata.ownerReferences?.find((r) => r.controller) ?? p.metadata.ownerReferences?.[0])?.uid;

/** The history after the pods went from `before` to `after` at virtual time `now`. */
export function trackPods(prev: PodHistory, before: readonly Pod[], after: readonly Pod[], now: number): PodHistory {
  // The common case, one pod changed in place (a label, a status): the same pods in the same
  // order, nothing came or went. Only what expired needs dropping; no maps are built.
  if (before !== after && samePods(before, after)) {
    if (prev.gone.size === 0 && prev.replaced.size === 0) return EMPTY_HISTORY;
    if (now < prev.nextExpiry) return prev;
  }
  const nowByKey = new Map(after.map((p) => [podKey(p), p]));
  const gone = new Map<string, { pod: Pod; at: number }>();
  for (const [k, g] of prev.gone) if (now - g.at < GONE_MS && !nowByKey.has(k)) gone.set(k, g);
  const beforeUids = new Set<string>();
  if (before !== after) {
    for (const p of before) {
      beforeUids.add(p.metadata.uid ?? podKey(p));
      if (!nowByKey.has(podKey(p))) gone.set(podKey(p), { pod: p, at: now });
    }
  }
  const replaced = new Map<string, Replaced & { at: number; uid: string }>();
  for (const [k, r] of prev.replaced) if (now - r.at < NEW_MS && nowByKey.get(k)?.metadata.uid === r.uid) replaced.set(k, r);
  if (before !== after && before.length > 0) {
    const claimed = new Set([...replaced.values()].map((r) => r.name));
    // Candidates: pods of the same controller that are going (terminating now, or gone a moment ago).
    const going = [...gone.values()].map((g) => g.pod).concat(after.filter((p) => p.metadata.deletionTimestamp));
    for (const p of after) {
      const uid = p.metadata.uid ?? podKey(p);
      if (beforeUids.has(uid) || p.metadata.deletionTimestamp) continue;
      const owner = controllerUid(p);
      if (!owner) continue;
      const old = going.find((o) => controllerUid(o) === owner && o.metadata.namespace === p.metadata.namespace && !claimed.has(o.metadata.name) && o.metadata.name !== p.metadata.name);
      if (!old) continue;
      claimed.add(old.metadata.name);
      replaced.set(podKey(p), { name: old.metadata.name, ip: old.status.podIP, at: now, uid });
    }
  }
  let nextExpiry = Infinity;
  for (const g of gone.values()) nextExpiry = Math.min(nextExpiry, g.at + GONE_MS);
  for (const r of replaced.values()) nextExpiry = Math.min(nextExpiry, r.at + NEW_MS);
  if (gone.size === 0 && replaced.size === 0 && prev.gone.size === 0 && prev.replaced.size === 0) return EMPTY_HISTORY;
  return { gone, replaced, nextExpiry };
}

/** The same pods (by uid), in the same order. */
function samePods(a: readonly Pod[], b: readonly Pod[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i].metadata.uid !== b[i].metadata.uid) return false;
  return true;
}
