/**
 * How a pod reads on a card: one status word and a tone. Tone is never shown alone (colour is
 * backed by the word), so the card stays readable in greyscale and for colour-blind learners.
 */
import type { Pod } from "../engine/cluster/types";
import { isPodReady, podStatus } from "../store/selectors";

export type Tone = "ok" | "warn" | "bad" | "off";

export interface PodLook {
  /** kubectl's STATUS word: Running, ContainerCreating, Terminating, CrashLoopBackOff… */
  status: string;
  /** "ready" / "not ready" beside the status, only for running pods. */
  readiness: "ready" | "not ready" | "";
  tone: Tone;
}

/** The status word, readiness and tone of one pod. */
export function podLook(pod: Pod): PodLook {
  const status = podStatus(pod);
  if (pod.metadata.deletionTimestamp) return { status, readiness: "", tone: "off" };
  if (pod.status.phase === "Failed" || /BackOff|Err|Invalid|Error/.test(status)) return { status, readiness: "", tone: "bad" };
  if (pod.status.phase === "Running") {
    const ready = isPodReady(pod);
    return { status, readiness: ready ? "ready" : "not ready", tone: ready ? "ok" : "warn" };
  }
  return { status, readiness: "", tone: "warn" };
}

/** The name of the Deployment a pod belongs to, by its ReplicaSet's owner (undefined for orphans). */
export function podOwnerRef(pod: Pod): { kind: string; name: string } | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}
