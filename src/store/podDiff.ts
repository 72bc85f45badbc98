/**
 * Two pod lists compared the cheap way. Snapshots keep the identity of every object that did not
 * change, so when the same pods are listed in the same order (a label set, a status update: the
 * common case) the pods that changed are the few whose object is new, found without building a
 * map of either list. Used by the canvas and the narration on every snapshot.
 */
import type { Pod } from "../engine/cluster/types";

/** One pod that changed in place: the same pod (uid, namespace, name), a new object. */
export interface PodChange {
  before: Pod;
  after: Pod;
}

const samePod = (a: Pod, b: Pod) => a.metadata.uid === b.metadata.uid && a.metadata.name === b.metadata.name && a.metadata.namespace === b.metadata.namespace;

/**
 * The pods that changed in place from `before` to `after`, or `undefined` when the lists do not
 * hold the same pods in the same order (a pod came, went, or was replaced): callers then compare
 * the long way.
 */
export function changedInPlace(before: readonly Pod[], after: readonly Pod[]): PodChange[] | undefined {
  if (before === after) return [];
  if (before.length !== after.length) return undefined;
  const out: PodChange[] = [];
  for (let i = 0; i < after.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b) continue;
    if (!samePod(a, b)) return undefined;
    out.push({ before: a, after: b });
  }
  return out;
}
