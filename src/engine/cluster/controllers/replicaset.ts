import { clone, deepEqual } from "../../util/clone";
import { recordEvent } from "../events";
import { SelectorIndex, selectorFromLabelSelector } from "../labels";
import type { ApiServer } from "../apiserver";
import type { PodIndex } from "../podindex";
import { controllerRef, isPodActive, isPodReady } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { Pod, ReplicaSet } from "../types";

const SYNC_DELAY_MS = 10;

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

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    rt.store.watch("ReplicaSet", (e) => {
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

    const diff = claimed.length - rs.spec.replicas;
    if (diff < 0) {
      for (let i = 0; i < Math.min(-diff, 500); i++) this.createPod(rt, rs);
    } else if (diff > 0) {
      const victims = [...claimed].sort(deletionOrder(claimed)).slice(0, diff);
      for (const v of victims) {
        const r = this.api.delete("Pod", ns, v.metadata.name);
        if (r.ok) recordEvent(rt, rs, "Normal", "SuccessfulDelete", `Deleted pod: ${v.metadata.name}`, "replicaset-controller");
      }
    }
    this.writeStatus(rt, ns, name);
  }

  private createPod(rt: Runtime, rs: ReplicaSet): void {
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
