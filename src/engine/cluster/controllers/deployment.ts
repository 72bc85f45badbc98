import { clone, deepEqual } from "../../util/clone";
import { rfc3339 } from "../clock";
import { recordEvent } from "../events";
import type { ApiServer } from "../apiserver";
import { controllerRef } from "../podutil";
import type { Controller, Runtime } from "../runtime";
import { WorkQueue } from "../runtime";
import type { Deployment, DeploymentCondition, IntOrString, PodTemplateSpec, ReplicaSet } from "../types";

const SYNC_DELAY_MS = 10;
export const REVISION = "deployment.kubernetes.io/revision";

/**
 * The Deployment controller (`pkg/controller/deployment`): one ReplicaSet per pod template,
 * named `<deployment>-<pod-template-hash>`; template changes roll out by the strategy; replica
 * changes scale the current ReplicaSet; status and conditions summarise the ReplicaSets.
 */
export class DeploymentController implements Controller {
  readonly name = "deployment-controller";
  private queue!: WorkQueue;
  /** ReplicaSets by controlling owner uid (an informer index): no listing on every sync. */
  private readonly byOwner = new Map<string, Map<string, ReplicaSet>>();

  constructor(private readonly api: ApiServer) {}

  register(rt: Runtime): void {
    this.queue = new WorkQueue(rt, SYNC_DELAY_MS, (key) => this.sync(rt, key));
    rt.store.watch("ReplicaSet", (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      const oldUid = e.old && controllerRef(e.old)?.uid;
      if (oldUid) this.byOwner.get(oldUid)?.delete(key);
      const uid = e.type === "DELETED" ? undefined : controllerRef(e.object)?.uid;
      if (uid) {
        let m = this.byOwner.get(uid);
        if (!m) this.byOwner.set(uid, (m = new Map()));
        m.set(key, e.object);
      }
      if (oldUid && this.byOwner.get(oldUid)?.size === 0) this.byOwner.delete(oldUid);
    });
    rt.store.watch("Deployment", (e) => {
      if (e.type !== "DELETED") this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    rt.store.watch("ReplicaSet", (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === "Deployment") this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  /** The ReplicaSets a Deployment controls, by name (as `store.list` would order them). */
  private owned(ns: string, uid: string): ReplicaSet[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])]
      .filter((rs) => rs.metadata.namespace === ns)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  private sync(rt: Runtime, key: string): void {
    const [ns, name] = key.split("/");
    const d = rt.store.get("Deployment", ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const owned = this.owned(ns, d.metadata.uid);
    const hash = podTemplateHash(d.spec.template, d.status.collisionCount);
    let newRS = owned.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    const olds = owned.filter((rs) => rs !== newRS);
    const maxRevision = Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)));

    if (!newRS) {
      // A paused Deployment does not roll out template changes (scaling still applies below).
      if (d.spec.paused) {
        this.writeStatus(rt, ns, name);
        return;
      }
      newRS = this.createReplicaSet(rt, d, hash, maxRevision + 1, olds);
      if (!newRS) return;
    } else if (olds.length > 0 && Number(newRS.metadata.annotations?.[REVISION] ?? 0) < maxRevision) {
      // Rolling back to an older template: that ReplicaSet becomes the newest revision.
      newRS = this.patchRS(rt, newRS, (rs) => (rs.metadata.annotations = { ...rs.metadata.annotations, [REVISION]: String(maxRevision + 1) }));
    }
    const desired = d.spec.replicas;
    const revision = newRS.metadata.annotations?.[REVISION] ?? "1";
    if (d.metadata.annotations?.[REVISION] !== revision) {
      const next = clone(d);
      next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: revision };
      this.api.write(next);
    }

    const activeOlds = olds.filter((rs) => rs.spec.replicas > 0);
    if (d.spec.strategy.type === "Recreate") {
      for (const rs of activeOlds) this.scale(rt, d, rs, 0);
      const oldPods = olds.reduce((n, rs) => n + rs.status.replicas, 0);
      if (oldPods === 0 && newRS.spec.replicas !== desired) this.scale(rt, d, newRS, desired);
    } else if (activeOlds.length === 0) {
      if (newRS.spec.replicas !== desired) this.scale(rt, d, newRS, desired);
    } else {
      this.rollingUpdate(rt, d, newRS, activeOlds);
    }
    this.cleanup(rt, d, olds);
    this.writeStatus(rt, ns, name);
  }

  private createReplicaSet(rt: Runtime, d: Deployment, hash: string, revision: number, olds: ReplicaSet[]): ReplicaSet | undefined {
    const template = clone(d.spec.template);
    template.metadata.labels = { ...template.metadata.labels, "pod-template-hash": hash };
    const selector = clone(d.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, "pod-template-hash": hash };
    const surge = d.spec.strategy.type === "RollingUpdate" ? resolve(d.spec.strategy.rollingUpdate?.maxSurge ?? "25%", d.spec.replicas, true) : 0;
    const current = olds.reduce((n, rs) => n + rs.spec.replicas, 0);
    let initial: number;
    if (d.spec.strategy.type === "Recreate") initial = current === 0 ? d.spec.replicas : 0;
    else if (current === 0) initial = d.spec.replicas;
    else initial = Math.max(0, Math.min(d.spec.replicas, d.spec.replicas + surge - current));
    const r = this.api.create<ReplicaSet>({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        annotations: {
          ...copiedAnnotations(d),
          "deployment.kubernetes.io/desired-replicas": String(d.spec.replicas),
          "deployment.kubernetes.io/max-replicas": String(d.spec.replicas + surge),
          [REVISION]: String(revision),
        },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
      } as unknown as ReplicaSet["metadata"],
      spec: { replicas: initial, selector, template, minReadySeconds: d.spec.minReadySeconds },
      status: { replicas: 0 },
    });
    if (!r.ok) return undefined;
    if (initial > 0) recordEvent(rt, d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${r.value.metadata.name} from 0 to ${initial}`, "deployment-controller");
    this.setProgressing(rt, d, "NewReplicaSetCreated", `Created new replica set "${r.value.metadata.name}"`);
    return r.value;
  }

  /** `reconcileNewReplicaSet` + `reconcileOldReplicaSets`, one step toward the new template. */
  private rollingUpdate(rt: Runtime, d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): void {
    const desired = d.spec.replicas;
    const ru = d.spec.strategy.rollingUpdate ?? { maxSurge: "25%", maxUnavailable: "25%" };
    let surge = resolve(ru.maxSurge, desired, true);
    let unavailable = resolve(ru.maxUnavailable, desired, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    if (desired === 0) surge = 0;
    const all = [newRS, ...olds];
    const total = all.reduce((n, rs) => n + rs.spec.replicas, 0);
    if (newRS.spec.replicas < desired) {
      const up = Math.min(desired + surge - total, desired - newRS.spec.replicas);
      if (up > 0) newRS = this.scale(rt, d, newRS, newRS.spec.replicas + up);
    } else if (newRS.spec.replicas > desired) {
      newRS = this.scale(rt, d, newRS, desired);
    }
    // reconcileOldReplicaSets: first old replicas that are not available, then available ones,
    // never going below desired − maxUnavailable available pods.
    const allPods = all.reduce((n, rs) => n + rs.status.replicas, 0);
    const minAvailable = desired - unavailable;
    const newUnavailable = newRS.spec.replicas - (newRS.status.availableReplicas ?? 0);
    let maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    const oldest = [...olds].sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
    const replicasNow = new Map(oldest.map((rs) => [rs, rs.spec.replicas]));
    for (const rs of oldest) {
      if (maxScaledDown <= 0) break;
      const unhealthy = rs.spec.replicas - (rs.status.availableReplicas ?? 0);
      const down = Math.min(maxScaledDown, unhealthy);
      if (down <= 0) continue;
      replicasNow.set(rs, rs.spec.replicas - down);
      maxScaledDown -= down;
    }
    const available = all.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
    let budget = available - minAvailable;
    for (const rs of oldest) {
      const now = replicasNow.get(rs)!;
      if (budget > 0 && now > 0) {
        const down = Math.min(budget, now);
        replicasNow.set(rs, now - down);
        budget -= down;
      }
      if (replicasNow.get(rs) !== rs.spec.replicas) this.scale(rt, d, rs, replicasNow.get(rs)!);
    }
  }

  private scale(rt: Runtime, d: Deployment, rs: ReplicaSet, to: number): ReplicaSet {
    if (rs.spec.replicas === to) return rs;
    const from = rs.spec.replicas;
    const next = this.patchRS(rt, rs, (x) => {
      x.spec.replicas = to;
      x.metadata.annotations = { ...x.metadata.annotations, "deployment.kubernetes.io/desired-replicas": String(d.spec.replicas) };
    });
    recordEvent(rt, d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`, "deployment-controller");
    return next;
  }

  private patchRS(rt: Runtime, rs: ReplicaSet, mutate: (rs: ReplicaSet) => void): ReplicaSet {
    const next = clone(rs);
    mutate(next);
    const r = this.api.update(next);
    return r.ok ? r.value : (rt.store.get("ReplicaSet", rs.metadata.namespace, rs.metadata.name) ?? rs);
  }

  /** Old ReplicaSets beyond `revisionHistoryLimit` with no pods are deleted. */
  private cleanup(_rt: Runtime, d: Deployment, olds: ReplicaSet[]): void {
    const idle = olds.filter((rs) => rs.spec.replicas === 0 && rs.status.replicas === 0);
    const extra = idle.length - d.spec.revisionHistoryLimit;
    if (extra <= 0) return;
    const byRevision = [...idle].sort((a, b) => Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0));
    for (const rs of byRevision.slice(0, extra)) this.api.delete("ReplicaSet", rs.metadata.namespace, rs.metadata.name);
  }

  private setProgressing(rt: Runtime, d: Deployment, reason: string, message: string): void {
    const cur = rt.store.get("Deployment", d.metadata.namespace, d.metadata.name);
    if (!cur) return;
    const next = clone(cur);
    upsertCondition(next, "Progressing", "True", reason, message, rt.clock.now);
    this.api.write(next);
  }

  private writeStatus(rt: Runtime, ns: string, name: string): void {
    const d = rt.store.get("Deployment", ns, name);
    if (!d) return;
    const owned = this.owned(ns, d.metadata.uid);
    const hash = podTemplateHash(d.spec.template, d.status.collisionCount);
    const newRS = owned.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    const replicas = owned.reduce((n, rs) => n + rs.status.replicas, 0);
    const ready = owned.reduce((n, rs) => n + (rs.status.readyReplicas ?? 0), 0);
    const available = owned.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
    const updated = newRS?.status.replicas ?? 0;
    const next = clone(d);
    const unavailable = Math.max(0, d.spec.replicas - available);
    next.status = {
      ...next.status,
      observedGeneration: d.metadata.generation,
      replicas: replicas || undefined,
      updatedReplicas: updated || undefined,
      readyReplicas: ready || undefined,
      availableReplicas: available || undefined,
      unavailableReplicas: unavailable || undefined,
    };
    for (const k of Object.keys(next.status) as (keyof Deployment["status"])[]) if (next.status[k] === undefined) delete next.status[k];
    const maxUnavailable = d.spec.strategy.type === "RollingUpdate" ? resolve(d.spec.strategy.rollingUpdate?.maxUnavailable ?? "25%", d.spec.replicas, false) : 0;
    const isAvailable = available >= d.spec.replicas - maxUnavailable;
    upsertCondition(next, "Available", isAvailable ? "True" : "False", isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", isAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", rt.clock.now);
    const complete = newRS && updated === d.spec.replicas && replicas === d.spec.replicas && available === d.spec.replicas;
    if (complete) upsertCondition(next, "Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`, rt.clock.now);
    else if (newRS) upsertCondition(next, "Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${newRS.metadata.name}" is progressing.`, rt.clock.now);
    // Conditions print Available first, then Progressing, as real Deployments do.
    next.status.conditions?.sort((a, b) => (a.type === b.type ? 0 : a.type === "Available" ? -1 : 1));
    if (!deepEqual(next.status, d.status)) this.api.write(next);
  }
}

/**
 * `copyDeploymentAnnotationsToReplicaSet`: the Deployment's annotations travel to its new
 * ReplicaSet (so `kubernetes.io/change-cause` shows in `rollout history`), except kubectl's
 * last-applied configuration and the controller's own bookkeeping.
 */
function copiedAnnotations(d: Deployment): Record<string, string> {
  const skip = new Set(["kubectl.kubernetes.io/last-applied-configuration", REVISION, "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas"]);
  return Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !skip.has(k)));
}

function upsertCondition(d: Deployment, type: DeploymentCondition["type"], status: "True" | "False", reason: string, message: string, now: number): void {
  const t = rfc3339(now);
  d.status.conditions ??= [];
  const c = d.status.conditions.find((x) => x.type === type);
  if (!c) {
    d.status.conditions.push({ type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message });
    return;
  }
  if (c.status === status && c.reason === reason && c.message === message) return;
  if (c.status !== status) c.lastTransitionTime = t;
  c.status = status;
  c.reason = reason;
  c.message = message;
  c.lastUpdateTime = t;
}

/** maxSurge rounds percentages up, maxUnavailable down (`intstr.GetScaledValueFromIntOrPercent`). */
export function resolve(v: IntOrString, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * pod-template-hash: fnv32a of the template, the decimal digits mapped through
 * `rand.SafeEncodeString` (so only 4-9, b, c, d, f appear, as on real clusters). Upstream hashes
 * a spew dump of the Go struct; we hash canonical JSON, so the value differs from a real cluster
 * for the same template but has the same shape.
 */
export function podTemplateHash(t: PodTemplateSpec, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const s = canonical(t) + (collisionCount ? `#${collisionCount}` : "");
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return String(h >>> 0)
    .split("")
    .map((c) => alphabet[c.charCodeAt(0) % alphabet.length])
    .join("");
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined && k !== "creationTimestamp")
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(",")}}`;
}
