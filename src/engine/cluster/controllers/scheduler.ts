import { clone } from "../../util/clone";
import { rfc3339 } from "../clock";
import { recordEvent } from "../events";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { ApiServer } from "../apiserver";
import type { Node, Pod, Taint, Toleration } from "../types";

/** Milliseconds from a pod's creation to its binding. */
const SCHEDULE_DELAY_MS = 8;

/**
 * kube-scheduler, reduced to what decides placement in a kubeadm lab: node readiness,
 * `unschedulable`, taints and tolerations, nodeSelector; among the feasible nodes the one with
 * the fewest pods wins, ties broken by the seeded PRNG (the real scheduler also picks at random
 * among equal scores).
 */
export class Scheduler implements Controller {
  readonly name = "default-scheduler";
  private queue!: WorkQueue;
  private readonly attempts = new Map<string, number>();
  /** Bound, non-terminating pods per node, kept from the watch (no listing per decision). */
  private readonly load = new Map<string, number>();

  constructor(private readonly api: ApiServer) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SCHEDULE_DELAY_MS, (key) => this.sync(rt, key));
    // New pods enter the queue; pods that failed wait out a back-off (1 s doubling to 10 s, the
    // scheduling queue's defaults) or a node change, not their own status write.
    const counts = (p: Pod | undefined) => !!p && !!p.spec.nodeName && !p.metadata.deletionTimestamp;
    rt.store.watch("Pod", (e) => {
      if (counts(e.old)) this.load.set(e.old!.spec.nodeName!, (this.load.get(e.old!.spec.nodeName!) ?? 1) - 1);
      if (e.type !== "DELETED" && counts(e.object)) this.load.set(e.object.spec.nodeName!, (this.load.get(e.object.spec.nodeName!) ?? 0) + 1);
    });
    rt.store.watch("Pod", (e) => {
      const p = e.object;
      if (e.type === "ADDED" && !p.spec.nodeName && !p.metadata.deletionTimestamp) this.queue.add(`${p.metadata.namespace}/${p.metadata.name}`);
      if (e.type === "DELETED") this.attempts.delete(p.metadata.uid);
    });
    // A node that becomes schedulable may place pending pods.
    rt.store.watch("Node", () => {
      for (const p of rt.store.list("Pod")) if (!p.spec.nodeName && !p.metadata.deletionTimestamp) this.queue.add(`${p.metadata.namespace}/${p.metadata.name}`);
    });
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const pod = rt.store.get("Pod", ns, name);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    const nodes = rt.store.list("Node");
    const reasons = new Map<string, number>();
    const feasible = nodes.filter((n) => {
      const why = unfit(n, pod);
      if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
      return !why;
    });
    if (feasible.length === 0) {
      const detail = [...reasons.entries()].map(([r, c]) => `${c} ${r}`).sort().join(", ");
      const msg = `0/${nodes.length} nodes are available: ${detail}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      recordEvent(rt, pod, "Warning", "FailedScheduling", msg, "default-scheduler");
      const cond = pod.status.conditions?.find((c) => c.type === "PodScheduled");
      if (cond?.message !== msg) {
        const p = clone(pod);
        p.status.conditions = [
          { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: rfc3339(rt.clock.now), reason: "Unschedulable", message: msg },
        ];
        this.api.write(p);
      }
      const n = (this.attempts.get(pod.metadata.uid) ?? 0) + 1;
      this.attempts.set(pod.metadata.uid, n);
      this.queue.addAfter(key, Math.min(1000 * 2 ** (n - 1), 10_000));
      return;
    }
    const load = this.load;
    // The least loaded feasible nodes win, as the real scoring plugins tend to on an idle lab.
    const min = Math.min(...feasible.map((n) => load.get(n.metadata.name) ?? 0));
    const best = feasible.filter((n) => (load.get(n.metadata.name) ?? 0) === min);
    const node = rt.prng.pick(best);
    const p = clone(pod);
    p.spec.nodeName = node.metadata.name;
    p.status.conditions = [{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: rfc3339(rt.clock.now) }];
    this.api.write(p);
    recordEvent(rt, p, "Normal", "Scheduled", `Successfully assigned ${ns}/${name} to ${node.metadata.name}`, "default-scheduler");
  }
}

/** Why a pod cannot go on a node, as the scheduler's FailedScheduling message counts it. */
function unfit(node: Node, pod: Pod): string | undefined {
  if (node.spec.unschedulable && !tolerates(pod.spec.tolerations, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" })) return "node(s) were unschedulable";
  const ready = node.status.conditions.find((c) => c.type === "Ready")?.status === "True";
  if (!ready) return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
  for (const t of node.spec.taints ?? []) {
    if (t.effect === "PreferNoSchedule") continue;
    if (!tolerates(pod.spec.tolerations, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ""}}`;
  }
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    if (node.metadata.labels?.[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
  }
  return undefined;
}

function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (!t.key) return t.operator === "Exists";
    if (t.key !== taint.key) return false;
    return t.operator === "Exists" || (t.value ?? "") === (taint.value ?? "");
  });
}
