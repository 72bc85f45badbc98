import { clone, deepEqual } from "../../util/clone";
import { recordEvent } from "../events";
import { SelectorIndex, selectorFromLabelSelector } from "../labels";
import type { ApiServer } from "../apiserver";
import type { PodIndex } from "../podindex";
import { controllerRef, isPodActive, isPodReady } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { Pod, ReplicaSet } from "../types";
import { TokenBucket } from "../ratelimit";

const SYNC_DELAY_MS = 10;
/** `BurstReplicas`: at most this many pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;
/** The workqueue's per-item back-off after a failed sync: 5 ms doubling, at most 1000 s. */
const FAILURE_BACKOFF_MS = 5;
const FAILURE_BACKOFF_MAX_MS = 1_000_000;

/**
 * The ReplicaSet controller (`pkg/controller/replicaset/replica_set.go`): claims pods by selector
 * (adopts matching orphans, releases pods relabelled out of the selector), then creates or deletes
 * pods to match `spec.replicas`, and writes status.
 */
export class ReplicaSetController implements Controller {
  readonly name = "replicaset-controller";
  private queue!: WorkQueue;
  /** ReplicaSet selectors per namespace: which ReplicaSets an orphan's labels match. */
  private readonly selectors = new Map<string, SelectorIndex<string>>();
  /** The controller's API client budget: creates and deletes wait for a token. */
  private client!: TokenBucket;
  /** Until when the client is out of tokens: syncs before then create and delete nothing. */
  private blockedUntil = 0;
  /** ReplicaSets waiting for tokens, and when each was last served: they take turns. */
  private readonly waiting = new Set<string>();
  private readonly served = new Map<string, number>();
  private wakeArmed = false;
  /** Failed syncs in a row per key (the rate-limited requeue's back-off). */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    this.client = new TokenBucket(rt.clock, rt.options.controllerApiQps, rt.options.controllerApiBurst);
    rt.store.watch("ReplicaSet", (e) => {
      if (e.type === "DELETED") {
        const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
        this.failures.delete(key);
        this.served.delete(key);
        this.waiting.delete(key);
      }
      const ns = e.object.metadata.namespace!;
      let idx = this.selectors.get(ns);
      if (!idx) this.selectors.set(ns, (idx = new SelectorIndex()));
      if (e.type === "DELETED") idx.remove(e.object.metadata.name);
      else idx.add(e.object.metadata.name, selectorFromLabelSelector(e.object.spec.selector));
    });
    rt.store.watch("ReplicaSet", (e) => {
      if (e.type !== "DELETED") this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    rt.store.watch("Pod", (e) => {
      const p = e.object;
      const ns = p.metadata.namespace!;
      // A write that changes nothing a sync reads (the scheduler's PodScheduled=False, a
      // container's start time) wakes nobody: thousands of Pending pods must not cost a sync each.
      if (e.type === "MODIFIED" && e.old && !relevantChange(e.old, p)) return;
      for (const o of [e.old, e.type === "DELETED" ? undefined : p]) {
        if (!o) continue;
        const ref = controllerRef(o);
        if (ref?.kind === "ReplicaSet") this.queue.add(`${ns}/${ref.name}`);
      }
      // An orphan (new, or just released) may be adopted by a ReplicaSet whose selector matches.
      if (e.type !== "DELETED" && !controllerRef(p) && isPodActive(p)) {
        const names = this.selectors.get(ns)?.matching(p.metadata.labels) ?? [];
        for (const rs of names.sort()) this.queue.add(`${ns}/${rs}`);
      }
    });
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const rs = rt.store.get("ReplicaSet", ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const selector = selectorFromLabelSelector(rs.spec.selector);
    const uid = rs.metadata.uid;

    // ClaimPods: owned pods that still match are kept; owned pods that don't are released;
    // matching orphans are adopted.
    const claimed: Pod[] = [];
    for (const p of [...this.pods.ownedBy(uid)]) {
      if (!isPodActive(p)) continue;
      if (selector.matches(p.metadata.labels)) {
        claimed.push(p);
      } else {
        const released = clone(p);
        released.metadata.ownerReferences = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (released.metadata.ownerReferences.length === 0) delete released.metadata.ownerReferences;
        this.api.write(released);
      }
    }
    for (const p of [...this.pods.orphansIn(ns)]) {
      if (!isPodActive(p) || !selector.matches(p.metadata.labels)) continue;
      const adopted = clone(p);
      adopted.metadata.ownerReferences = [
        ...(p.metadata.ownerReferences ?? []),
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid, controller: true, blockOwnerDeletion: true },
      ];
      claimed.push(this.api.write(adopted));
    }

    // manageReplicas: at most BurstReplicas creates or deletes per sync, each through the client's
    // rate limiter. Where the real controller's client blocks for a token, this one stops and
    // syncs again once a burst of tokens is back: the same 20 pods a second, in bounded steps.
    const diff = claimed.length - rs.spec.replicas;
    // The real client blocks until its tokens are back, and the sync with it; here the sync
    // comes back then (below), and syncs in between only claim and write status.
    let throttled = diff !== 0 && rt.clock.now < this.blockedUntil;
    let failed = false;
    if (diff < 0 && !throttled) {
      // slowStartBatch: batches of 1, 2, 4, …; a batch with a failed create ends the sync, so a
      // quota or admission error costs a few calls, not 500.
      const want = Math.min(-diff, BURST_REPLICAS);
      let done = 0;
      for (let batch = 1; done < want && !failed && !throttled; batch *= 2) {
        for (let i = Math.min(batch, want - done); i > 0; i--) {
          if (!this.client.tryTake()) {
            throttled = true;
            break;
          }
          if (!this.createPod(rt, rs)) failed = true;
          this.served.set(key, rt.clock.now);
          done++;
        }
      }
    } else if (diff > 0 && !throttled) {
      const victims = [...claimed].sort(deletionOrder(claimed)).slice(0, Math.min(diff, BURST_REPLICAS));
      for (const v of victims) {
        if (!this.client.tryTake()) {
          throttled = true;
          break;
        }
        this.served.set(key, rt.clock.now);
        const r = this.api.delete("Pod", ns, v.metadata.name);
        if (r.ok) recordEvent(rt, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${v.metadata.name}`, "replicaset-controller");
      }
    }
    this.writeStatus(rt, ns, name);
    if (failed) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.queue.addAfter(key, Math.min(FAILURE_BACKOFF_MS * 2 ** (n - 1), FAILURE_BACKOFF_MAX_MS));
    } else {
      this.failures.delete(key);
      if (throttled) {
        const wait = this.client.msUntil(this.client.burst);
        this.blockedUntil = Math.max(this.blockedUntil, rt.clock.now + wait);
        this.waiting.add(key);
        if (!this.wakeArmed) {
          this.wakeArmed = true;
          rt.clock.schedule(this.blockedUntil - rt.clock.now, () => this.wake(rt));
        }
      }
    }
  }

  /**
   * The client has tokens again: the waiting ReplicaSets sync, the one served longest ago first,
   * as goroutines blocked on a token bucket are served in turn (a ReplicaSet making a million pods
   * must not starve one that wants three).
   */
  private wake(rt: Runtime): void {
    this.wakeArmed = false;
    const keys = [...this.waiting].sort((a, b) => (this.served.get(a) ?? -1) - (this.served.get(b) ?? -1) || (a < b ? -1 : a > b ? 1 : 0));
    // As many as there are tokens (each needs one at least); the rest keep waiting their turn.
    const n = Math.max(1, this.client.burst - Math.ceil((this.client.msUntil(this.client.burst) * this.client.qps) / 1000));
    for (const k of keys.slice(0, n)) {
      this.waiting.delete(k);
      this.queue.add(k, 0);
    }
    if (this.waiting.size > 0) {
      this.wakeArmed = true;
      rt.clock.schedule(Math.max(SYNC_DELAY_MS, this.client.msUntil(this.client.burst)), () => this.wake(rt));
    }
  }

  /** Creates one pod from the template; false when the API server refused it. */
  private createPod(rt: Runtime, rs: ReplicaSet): boolean {
    const t = clone(rs.spec.template);
    const r = this.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: t.metadata.labels,
        annotations: t.metadata.annotations,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: t.spec,
    } as Pod);
    if (r.ok) recordEvent(rt, rs, "Normal", "SuccessfulCreate", `Created pod: ${r.value.metadata.name}`, "replicaset-controller");
    else recordEvent(rt, rs, "Warning", "FailedCreate", `Error creating: ${r.error.message}`, "replicaset-controller");
    return r.ok;
  }

  private writeStatus(rt: Runtime, ns: string, name: string): void {
    const rs = rt.store.get("ReplicaSet", ns, name);
    if (!rs) return;
    const selector = selectorFromLabelSelector(rs.spec.selector);
    const owned = [...this.pods.ownedBy(rs.metadata.uid)].filter(isPodActive);
    const ready = owned.filter(isPodReady).length;
    const status: ReplicaSet["status"] = {
      replicas: owned.length,
      fullyLabeledReplicas: owned.filter((p) => selector.matches(p.metadata.labels)).length,
      ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rs.metadata.generation,
    };
    if (status.fullyLabeledReplicas === 0) delete status.fullyLabeledReplicas;
    if (deepEqual(status, rs.status)) return;
    const next = clone(rs);
    next.status = status;
    this.api.write(next);
  }
}

/** Whether a pod update changes what a sync reads: ownership, labels, activity, readiness. */
function relevantChange(a: Pod, b: Pod): boolean {
  return (
    a.metadata.labels !== b.metadata.labels && !deepEqual(a.metadata.labels, b.metadata.labels) ||
    a.metadata.ownerReferences !== b.metadata.ownerReferences && !deepEqual(a.metadata.ownerReferences, b.metadata.ownerReferences) ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    a.status.phase !== b.status.phase ||
    isPodReady(a) !== isPodReady(b)
  );
}

/**
 * `ActivePodsWithRanks.Less`: which pods go first when scaling down. Unassigned before assigned,
 * Pending before Running, not ready before ready, more pods on the same node first, more
 * recently ready first, more restarts first, newer first.
 */
function deletionOrder(pods: Pod[]): (a: Pod, b: Pod) => number {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const phaseRank = (p: Pod) => (p.status.phase === "Pending" ? 0 : p.status.phase === "Unknown" ? 1 : 2);
  const readySince = (p: Pod) => p.status.conditions?.find((c) => c.type === "Ready" && c.status === "True")?.lastTransitionTime ?? "";
  const restarts = (p: Pod) => (p.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  return (a, b) => {
    if (!a.spec.nodeName !== !b.spec.nodeName) return a.spec.nodeName ? 1 : -1;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
    const ca = perNode.get(a.spec.nodeName ?? "") ?? 0;
    const cb = perNode.get(b.spec.nodeName ?? "") ?? 0;
    if (ca !== cb) return cb - ca;
    if (readySince(a) !== readySince(b)) return readySince(a) > readySince(b) ? -1 : 1;
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ta = a.metadata.creationTimestamp;
    const tb = b.metadata.creationTimestamp;
    if (ta !== tb) return ta > tb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? 1 : -1;
  };
}
