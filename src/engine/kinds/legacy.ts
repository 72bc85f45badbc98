/**
 * Kinds not yet moved to a folder of their own: their definitions, built from the code that
 * served them before the registry. Each move takes one kind out of here into `kinds/<kind>/`.
 */
import { rfc3339 } from "../cluster/clock";
import { defaultPodSpec } from "../cluster/defaults";
import { ok } from "../cluster/errors";
import { podStatusReason } from "../cluster/podutil";
import type { Pod } from "../cluster/types";
import { validatePod } from "../cluster/validation";
import { clone } from "../util/clone";
import { ALL_VERBS, defineKind, type TableDef } from "./kind";
import { age } from "./printing";
import { objectMeta, podSpec } from "./schema";

// ---------------------------------------------------------------- Pod

/**
 * The DefaultTolerationSeconds admission plugin: pods that do not already tolerate the
 * not-ready / unreachable NoExecute taints get them for 300 s.
 */
function addDefaultTolerations(pod: Pod): void {
  const tol = (pod.spec.tolerations ??= []);
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    const covered = tol.some((t) => (t.effect === "NoExecute" || !t.effect) && (t.key === key || (!t.key && t.operator === "Exists")));
    if (!covered) tol.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
  }
}

/** `qos.GetPodQOS`: Guaranteed when every container's cpu and memory limits equal its requests. */
function qosClass(pod: Pod): string {
  const res = pod.spec.containers.map((c) => (c.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> });
  if (res.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0)) return "BestEffort";
  const guaranteed = res.every((r) => ["cpu", "memory"].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]));
  return guaranteed ? "Guaranteed" : "Burstable";
}

/**
 * The ServiceAccount admission plugin: every pod (but static mirror pods) gets the projected
 * `kube-api-access-xxxxx` volume with the token, the CA and its namespace, mounted read-only.
 */
function mountServiceAccountToken(pod: Pod, rngName: () => string): void {
  if (pod.metadata.annotations?.["kubernetes.io/config.source"] === "file") return;
  if (pod.spec.volumes?.some((v) => String(v.name).startsWith("kube-api-access-"))) return;
  const name = `kube-api-access-${rngName()}`;
  pod.spec.volumes = [
    ...(pod.spec.volumes ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
        ],
      },
    },
  ];
  for (const c of pod.spec.containers) {
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name, readOnly: true }];
  }
}

function podRow(p: Pod, now: number, wide: boolean): string[] {
  const statuses = p.status.containerStatuses ?? [];
  const total = p.spec.containers.length;
  const ready = statuses.filter((c) => c.ready).length;
  let restarts = String(statuses.reduce((n, c) => n + c.restartCount, 0));
  const last = statuses
    .map((c) => (c.lastState as { terminated?: { finishedAt?: string } }).terminated?.finishedAt)
    .filter((t): t is string => !!t)
    .sort()
    .pop();
  if (last && restarts !== "0") restarts += ` (${age(last, now)} ago)`;
  const row = [p.metadata.name, `${ready}/${total}`, podStatusReason(p), restarts, age(p.metadata.creationTimestamp, now)];
  if (wide) row.push(p.status.podIP ?? "<none>", p.spec.nodeName ?? "<none>", "<none>", "<none>");
  return row;
}

export const pod = defineKind({
  resource: { kind: "Pod", plural: "pods", singular: "pod", shortNames: ["po"], group: "", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "Pod", fields: { metadata: objectMeta, spec: podSpec } },
  default(o) {
    o.spec ??= { containers: [] };
    defaultPodSpec(o.spec);
  },
  prepareForCreate(o, ctx) {
    o.spec.enableServiceLinks ??= true;
    o.spec.preemptionPolicy ??= "PreemptLowerPriority";
    // The Priority admission plugin resolves the built-in priority classes.
    o.spec.priority ??= o.spec.priorityClassName === "system-node-critical" ? 2000001000 : o.spec.priorityClassName === "system-cluster-critical" ? 2000000000 : 0;
    o.spec.serviceAccountName ??= "default";
    o.spec.serviceAccount ??= o.spec.serviceAccountName;
    addDefaultTolerations(o);
    o.status = { phase: "Pending", qosClass: qosClass(o) };
    mountServiceAccountToken(o, () => ctx.uids.k8sString(5));
  },
  validate: validatePod,
  beforeDelete(p, ctx, opts) {
    const grace = opts.gracePeriodSeconds ?? p.spec.terminationGracePeriodSeconds ?? 30;
    if (!p.spec.nodeName || grace <= 0 || p.status.phase === "Succeeded" || p.status.phase === "Failed") return undefined;
    // A second delete may only shorten the grace period.
    if (p.metadata.deletionTimestamp && grace >= (p.metadata.deletionGracePeriodSeconds ?? grace)) return ok(p);
    const next = clone(p);
    next.metadata.deletionTimestamp = rfc3339(ctx.clock.now + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    return ok(ctx.store.put(next));
  },
  gc: { dependent: true },
  table: { headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], wideHeaders: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"], row: podRow },
});

export type { TableDef };
