import { clone } from "../../util/clone";
import { rfc3339 } from "../clock";
import { EventSeriesRecorder } from "../events";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { ApiServer } from "../apiserver";
import type { Node, Pod, Taint, Toleration } from "../types";

/** Milliseconds from a pod's creation to its binding. */
const SCHEDULE_DELAY_MS = 8;

/** A pod that failed is tried again at the latest after this long (podMaxInUnschedulablePodsDuration). */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
/** How often the queue looks for such pods (flushUnschedulablePodsLeftover). */
const FLUSH_PERIOD_MS = 30_000;

/**
 * kube-scheduler, reduced to what decides placement in a kubeadm lab: node readiness,
 * `unschedulable`, taints and tolerations, nodeSelector, the node's pod capacity
 * (`status.allocatable.pods`, 110 on kubeadm: NodeResourcesFit's "Too many pods"); among the
 * feasible nodes the one with the fewest pods wins, ties broken by the seeded PRNG (the real
 * scheduler also picks at random among equal scores).
 *
 * A pod that fits nowhere waits as in the real scheduling queue's unschedulable pods: it is
 * tried again when something that may make room happens (a node changes, a bound pod goes
 * away), after its back-off (1 s doubling to 10 s), and at the latest every 5 minutes, so
 * thousands of Pending pods cost nothing while nothing changes.
 */
export class Scheduler implements Controller {
  readonly name = "default-scheduler";
  private queue!: WorkQueue;
  private readonly attempts = new Map<string, number>();
  /** Bound, non-terminating pods per node, kept from the watch (no listing per decision). */
  private readonly load = new Map<string, number>();
  /** Every pod bound to a node, terminating ones too (they hold their slot until gone): NodeInfo's pods. */
  private readonly assigned = new Map<string, number>();
  /** Pods that fit nowhere, by key, with the time their back-off ends. */
  private readonly unschedulable = new Map<string, { since: number; backoffEnd: number }>();
  /** The 30-second flush is scheduled. */
  private flushArmed = false;
  /** A pass over the unschedulable pods is already scheduled (one per instant, however many events). */
  private moveScheduled = false;
  /** Bumped whenever a node or a node's pod count changes: what a failed attempt's answer depends on. */
  private fitVersion = 0;
  /**
   * Each unschedulable pod's last failure: the fit version and the pod's resourceVersion it saw,
   * its message and event key. A retry that sees the same answers it at once (a retry of
   * thousands of Pending pods every five minutes is then a counter, not a computation).
   */
  private readonly lastFailure = new Map<string, { version: number; rv: string; msg: string; eventKey: string }>();
  private events!: EventSeriesRecorder;

  constructor(private readonly api: ApiServer) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SCHEDULE_DELAY_MS, (key) => this.sync(rt, key));
    this.events = new EventSeriesRecorder(rt);
    // New pods enter the queue; pods that failed wait out a back-off (1 s doubling to 10 s, the
    // scheduling queue's defaults) or a node change, not their own status write.
    const counts = (p: Pod | undefined) => !!p && !!p.spec.nodeName && !p.metadata.deletionTimestamp;
    rt.store.watch("Pod", (e) => {
      if (counts(e.old)) this.load.set(e.old!.spec.nodeName!, (this.load.get(e.old!.spec.nodeName!) ?? 1) - 1);
      if (e.type !== "DELETED" && counts(e.object)) this.load.set(e.object.spec.nodeName!, (this.load.get(e.object.spec.nodeName!) ?? 0) + 1);
      const oldNode = e.old?.spec.nodeName;
      const newNode = e.type === "DELETED" ? undefined : e.object.spec.nodeName;
      if (oldNode !== newNode) {
        this.fitVersion++;
        if (oldNode) this.assigned.set(oldNode, (this.assigned.get(oldNode) ?? 1) - 1);
        if (newNode) this.assigned.set(newNode, (this.assigned.get(newNode) ?? 0) + 1);
        // AssignedPodDelete: a slot is free; pods waiting for one may fit now.
        if (oldNode && !newNode) this.moveAllToActive(rt);
      }
    });
    rt.store.watch("Pod", (e) => {
      const p = e.object;
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      if (e.type === "ADDED" && !p.spec.nodeName && !p.metadata.deletionTimestamp) this.queue.add(key);
      if (e.type === "DELETED") {
        this.attempts.delete(p.metadata.uid);
        this.unschedulable.delete(key);
        this.lastFailure.delete(key);
      }
    });
    // A node that changes (added, made schedulable, relabelled, untainted) may place pending pods.
    rt.store.watch("Node", () => {
      this.fitVersion++;
      this.moveAllToActive(rt);
    });
  }

  /**
   * MoveAllToActiveOrBackoffQueue: every unschedulable pod is tried again, once its back-off is
   * over. Coalesced: one pass per instant however many events asked for it.
   */
  private moveAllToActive(rt: Runtime): void {
    if (this.moveScheduled || this.unschedulable.size === 0) return;
    this.moveScheduled = true;
    rt.clock.schedule(0, () => {
      this.moveScheduled = false;
      const now = rt.clock.now;
      for (const [key, { backoffEnd }] of this.unschedulable) this.queue.add(key, Math.max(SCHEDULE_DELAY_MS, backoffEnd - now));
      this.unschedulable.clear();
    });
  }

  /** Parks a pod that fits nowhere: back-off, then a retry on a cluster change or after 5 minutes. */
  private unschedulableAgain(rt: Runtime, key: string, pod: Pod): void {
    const n = (this.attempts.get(pod.metadata.uid) ?? 0) + 1;
    this.attempts.set(pod.metadata.uid, n);
    // Re-inserted at the end: the Map stays in `since` order, oldest first.
    this.unschedulable.delete(key);
    this.unschedulable.set(key, { since: rt.clock.now, backoffEnd: rt.clock.now + Math.min(1000 * 2 ** (n - 1), 10_000) });
    if (!this.flushArmed) {
      this.flushArmed = true;
      rt.clock.schedule(FLUSH_PERIOD_MS, () => this.flush(rt));
    }
  }

  /**
   * flushUnschedulablePodsLeftover: every 30 s, pods unschedulable for 5 minutes are tried again.
   * One whose answer cannot have changed (same fit version, same pod) fails again at once, here.
   */
  private flush(rt: Runtime): void {
    this.flushArmed = false;
    const now = rt.clock.now;
    for (const [key, { since }] of this.unschedulable) {
      if (since + UNSCHEDULABLE_FLUSH_MS > now) break; // the rest (re-parked ones too) are younger
      this.unschedulable.delete(key);
      const last = this.lastFailure.get(key);
      const [ns, name] = key.split("/");
      const pod = last && last.version === this.fitVersion ? rt.store.get("Pod", ns, name) : undefined;
      if (pod && last && last.rv === pod.metadata.resourceVersion) {
        this.events.record(pod, "Warning", "FailedScheduling", last.msg, "default-scheduler", last.eventKey);
        this.unschedulableAgain(rt, key, pod);
      } else {
        this.queue.add(key, 0);
      }
    }
    if (this.unschedulable.size > 0 && !this.flushArmed) {
      this.flushArmed = true;
      rt.clock.schedule(FLUSH_PERIOD_MS, () => this.flush(rt));
    }
  }

  /** NodeResourcesFit's pod count: a node that already holds its `allocatable.pods` is full. */
  private full(node: Node): string | undefined {
    const allowed = Number(node.status.allocatable?.pods ?? Infinity);
    return (this.assigned.get(node.metadata.name) ?? 0) >= allowed ? TOO_MANY_PODS : undefined;
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const pod = rt.store.get("Pod", ns, name);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    this.unschedulable.delete(key);
    const last = this.lastFailure.get(key);
    if (last && last.version === this.fitVersion && last.rv === pod.metadata.resourceVersion) {
      this.events.record(pod, "Warning", "FailedScheduling", last.msg, "default-scheduler", last.eventKey);
      this.unschedulableAgain(rt, key, pod);
      return;
    }
    const nodes = rt.store.list("Node");
    const reasons = new Map<string, number>();
    const preemption = new Map<string, number>();
    const feasible = nodes.filter((n) => {
      const why = unfit(n, pod) ?? this.full(n);
      if (why) {
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
        // Only a resource shortage can be helped by preemption, and every pod here has the same
        // priority, so no pod is a victim (DefaultPreemption's two answers).
        const p = why === TOO_MANY_PODS ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling";
        preemption.set(p, (preemption.get(p) ?? 0) + 1);
      }
      return !why;
    });
    if (feasible.length === 0) {
      const histogram = (m: Map<string, number>) => [...m.entries()].map(([r, c]) => `${c} ${r}`).sort().join(", ");
      // FitError.Error(): "0/N nodes are available: <filter reasons>. <post-filter message>." —
      // the post-filter (preemption) message is itself a FitError ending in ".", hence "..".
      const msg = `0/${nodes.length} nodes are available: ${histogram(reasons)}. preemption: 0/${nodes.length} nodes are available: ${histogram(preemption)}..`;
      const eventKey = this.events.keyOf(pod, "FailedScheduling", msg, "default-scheduler");
      this.events.record(pod, "Warning", "FailedScheduling", msg, "default-scheduler", eventKey);
      const cond = pod.status.conditions?.find((c) => c.type === "PodScheduled");
      let current = pod;
      if (cond?.message !== msg) {
        const p = clone(pod);
        p.status.conditions = [
          { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: rfc3339(rt.clock.now), reason: "Unschedulable", message: msg },
        ];
        current = this.api.write(p);
      }
      this.lastFailure.set(key, { version: this.fitVersion, rv: current.metadata.resourceVersion, msg, eventKey });
      this.unschedulableAgain(rt, key, current);
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
    this.lastFailure.delete(key);
    this.events.record(p, "Normal", "Scheduled", `Successfully assigned ${ns}/${name} to ${node.metadata.name}`, "default-scheduler");
  }
}

/** NodeResourcesFit's reason when a node already holds `allocatable.pods` pods. */
const TOO_MANY_PODS = "Too many pods";

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
