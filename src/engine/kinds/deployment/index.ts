/**
 * Deployment (apps/v1): defaulting, validation (cluster/validation/apps.ts, shared with the other
 * apps kinds), status reset on create, generation and table.
 * Models pkg/apis/apps/v1/defaults.go `SetDefaults_Deployment`,
 * pkg/registry/apps/deployment/strategy.go and printers.go `printDeployment`.
 */
import { defaultPodTemplate } from "../pod/defaults";
import { validateDeployment } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age, workloadWideCells } from "../printing";
import { objectMeta, workloadSpec } from "../schema";
import type { Deployment } from "./types";

/** `SetDefaults_Deployment`: one replica, a 25%/25% rolling update, 10 revisions, a 600 s deadline. */
export function defaultDeployment(d: Deployment): void {
  const s = d.spec;
  s.replicas ??= 1;
  s.strategy ??= {} as Deployment["spec"]["strategy"];
  s.strategy.type ??= "RollingUpdate";
  if (s.strategy.type === "RollingUpdate") s.strategy.rollingUpdate ??= { maxSurge: "25%", maxUnavailable: "25%" };
  s.revisionHistoryLimit ??= 10;
  s.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(s.template);
  d.status ??= {};
}

export const deployment = defineKind({
  resource: { kind: "Deployment", plural: "deployments", singular: "deployment", shortNames: ["deploy"], group: "apps", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "Deployment", fields: { metadata: objectMeta, spec: workloadSpec("v1.DeploymentSpec") } },
  default(o) {
    o.spec ??= {} as Deployment["spec"];
    defaultDeployment(o);
  },
  prepareForCreate(o) {
    o.status = {};
  },
  validate: validateDeployment,
  desiredState: (o) => o.spec,
  gc: { owner: true },
  table: {
    headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wideHeaders: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now, wide) => {
      const row = [o.metadata.name, `${o.status.readyReplicas ?? 0}/${o.spec.replicas}`, String(o.status.updatedReplicas ?? 0), String(o.status.availableReplicas ?? 0), age(o.metadata.creationTimestamp, now)];
      if (wide) row.push(...workloadWideCells(o.spec.template, o.spec.selector));
      return row;
    },
  },
});
