/**
 * Pod (core/v1): defaulting, the admission plugins' additions and a Pending status on create,
 * validation, graceful deletion (a pod on a node gets a deletionTimestamp and its grace period;
 * the kubelet finishes the delete), and the table.
 * Models pkg/registry/core/pod/strategy.go (PrepareForCreate, CheckGracefulDelete) and
 * pkg/apis/core/v1/defaults.go.
 */
import { rfc3339 } from "../../cluster/clock";
import { ok } from "../../cluster/errors";
import { clone } from "../../util/clone";
import { ALL_VERBS, defineKind } from "../kind";
import { objectMeta, podSpec } from "../schema";
import { addDefaultTolerations, mountServiceAccountToken, qosClass } from "./admission";
import { defaultPodSpec } from "./defaults";
import { podTable } from "./table";
import { validatePod } from "./validation";

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
  // Models pkg/registry/core/pod/strategy.go ToSelectableFields (the fields Podflow reads).
  selectableFields: {
    "status.phase": (o) => o.status.phase,
    "spec.nodeName": (o) => o.spec.nodeName ?? "",
    "status.podIP": (o) => o.status.podIP ?? "",
  },
  gc: { dependent: true },
  table: podTable,
});
