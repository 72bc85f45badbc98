/**
 * ReplicaSet (apps/v1): defaulting, validation (cluster/validation/apps.ts, shared with the other
 * apps kinds), status reset on create, generation and table. Deployments own ReplicaSets; the
 * garbage collector removes them with their owner.
 * Models pkg/apis/apps/v1/defaults.go `SetDefaults_ReplicaSet`,
 * pkg/registry/apps/replicaset/strategy.go and printers.go `printReplicaSet`.
 */
import { defaultPodTemplate } from "../pod/defaults";
import { validateReplicaSet } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age, workloadWideCells } from "../printing";
import { objectMeta, workloadSpec } from "../schema";
import type { ReplicaSet } from "./types";

/** `SetDefaults_ReplicaSet`. */
export function defaultReplicaSet(rs: ReplicaSet): void {
  rs.spec.replicas ??= 1;
  defaultPodTemplate(rs.spec.template);
  rs.status ??= { replicas: 0 };
}

export const replicaSet = defineKind({
  resource: { kind: "ReplicaSet", plural: "replicasets", singular: "replicaset", shortNames: ["rs"], group: "apps", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "ReplicaSet", fields: { metadata: objectMeta, spec: workloadSpec("v1.ReplicaSetSpec") } },
  default: defaultReplicaSet,
  prepareForCreate(o) {
    o.status = { replicas: 0 };
  },
  validate: validateReplicaSet,
  desiredState: (o) => o.spec,
  gc: { dependent: true, owner: true },
  table: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wideHeaders: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now, wide) => {
      const row = [o.metadata.name, String(o.spec.replicas), String(o.status.replicas), String(o.status.readyReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
      if (wide) row.push(...workloadWideCells(o.spec.template, o.spec.selector));
      return row;
    },
  },
});
