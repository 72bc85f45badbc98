import { clone, deepEqual } from "../../util/clone";
import type { ApiServer } from "../apiserver";
import { podTemplateHash } from "./deployment";
import type { PodIndex } from "../podindex";
import { isPodActive, isPodReady } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { DaemonSet, Pod } from "../types";

const SYNC_DELAY_MS = 15;

const hashes = new WeakMap<object, string>();

/** The template's hash, computed once per template object (syncs are frequent, changes rare). */
function templateHash(ds: DaemonSet): string {
  let h = hashes.get(ds.spec.template);
  if (h === undefined) hashes.set(ds.spec.template, (h = podTemplateHash(ds.spec.template)));
  return h;
}

/**
 * The DaemonSet controller: one pod per node (kube-proxy and calico-node in a kubeadm cluster).
 * Pods are bound to their node directly. (Since v1.12 the real controller lets the scheduler
 * bind them through node affinity; the result — one pod on each node — is the same.)
 */
export class DaemonSetController implements Controller {
  readonly name = "daemonset-controller";
  private queue!: WorkQueue;

  constructor(
    private readonly api: ApiServer,
    private readonly pods: PodIndex,
  ) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    rt.store.watch("DaemonSet", (e) => {
      if (e.type !== "DELETED") this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    rt.store.watch("Pod", (e) => {
      const ref = e.object.metadata.ownerReferences?.find((r) => r.controller && r.kind === "DaemonSet");
      if (ref) this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
    rt.store.watch("Node", () => {
      for (const ds of rt.store.list("DaemonSet")) this.queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    });
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const ds = rt.store.get("DaemonSet", ns, name);
    if (!ds) return;
    const all = [...this.pods.ownedBy(ds.metadata.uid)];
    const owned = all.filter(isPodActive);
    const nodes = rt.store.list("Node");
    for (const node of nodes) {
      const mine = owned.filter((p) => p.spec.nodeName === node.metadata.name);
      // maxSurge 0: a node gets its new pod once the old one is completely gone.
      const leaving = all.some((p) => p.spec.nodeName === node.metadata.name && p.metadata.deletionTimestamp);
      if (mine.length === 0 && !leaving) this.createPod(ds, node.metadata.name);
      for (const extra of mine.slice(1)) this.api.delete("Pod", ns, extra.metadata.name);
    }
    this.rollingUpdate(ds, nodes.length, owned);
    const names = new Set(nodes.map((n) => n.metadata.name));
    for (const p of owned) if (!names.has(p.spec.nodeName ?? "")) this.api.delete("Pod", ns, p.metadata.name);
    const ready = owned.filter(isPodReady).length;
    const status: DaemonSet["status"] = {
      currentNumberScheduled: nodes.length,
      desiredNumberScheduled: nodes.length,
      numberMisscheduled: 0,
      numberReady: ready,
      ...(ready ? { numberAvailable: ready } : {}),
      observedGeneration: ds.metadata.generation,
      // Pods of the current template only: `kubectl rollout status` waits on this during a restart.
      updatedNumberScheduled: owned.filter((p) => p.metadata.labels?.["controller-revision-hash"] === templateHash(ds)).length,
    };
    if (!deepEqual(status, ds.status)) {
      const next = clone(ds);
      next.status = status;
      this.api.write(next);
    }
  }

  /**
   * RollingUpdate with maxUnavailable 1, maxSurge 0 (the defaults): while every node has a
   * ready pod, delete one pod of an older template; its replacement comes when it is gone.
   * This is how `kubectl rollout restart daemonset kube-proxy` restarts kube-proxy node by node.
   */
  private rollingUpdate(ds: DaemonSet, nodes: number, owned: Pod[]): void {
    const hash = templateHash(ds);
    const old = owned.filter((p) => p.metadata.labels?.["controller-revision-hash"] !== hash).sort((a, b) => (a.spec.nodeName! < b.spec.nodeName! ? -1 : 1));
    if (old.length === 0) return;
    const readyNodes = new Set(owned.filter(isPodReady).map((p) => p.spec.nodeName));
    const unavailable = nodes - readyNodes.size;
    // Old pods that are not ready anyway go first (they cost no availability).
    const notReady = old.find((p) => !isPodReady(p));
    if (notReady) this.api.delete("Pod", ds.metadata.namespace!, notReady.metadata.name);
    else if (unavailable < 1) this.api.delete("Pod", ds.metadata.namespace!, old[0].metadata.name);
  }

  private createPod(ds: DaemonSet, node: string): void {
    const t = clone(ds.spec.template);
    this.api.create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: { ...t.metadata.labels, "controller-revision-hash": templateHash(ds), "pod-template-generation": String(ds.metadata.generation ?? 1) },
        annotations: t.metadata.annotations,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
      } as unknown as Pod["metadata"],
      spec: { ...t.spec, nodeName: node },
      status: { phase: "Pending" },
    });
  }
}
