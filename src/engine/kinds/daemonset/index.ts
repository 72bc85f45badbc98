/**
 * DaemonSet (apps/v1): defaulting, validation (shared with the other apps kinds in
 * cluster/validation/apps.ts, as upstream's apps validation is one file), generation and table.
 * Models pkg/apis/apps/v1/defaults.go `SetDefaults_DaemonSet`,
 * pkg/registry/apps/daemonset/strategy.go and printers.go `printDaemonSet`.
 */
import { defaultPodTemplate } from "../pod/defaults";
import { validateDaemonSet } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age, formatMap, workloadWideCells } from "../printing";
import { objectMeta, workloadSpec } from "../schema";
import type { DaemonSet } from "./types";

/** `SetDefaults_DaemonSet`. Unlike the other workloads, a client's status is kept on create. */
export function defaultDaemonSet(ds: DaemonSet): void {
  ds.spec.updateStrategy ??= { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  ds.spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(ds.spec.template);
  ds.status ??= { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
}

export const daemonSet = defineKind({
  resource: { kind: "DaemonSet", plural: "daemonsets", singular: "daemonset", shortNames: ["ds"], group: "apps", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "DaemonSet", fields: { metadata: objectMeta, spec: workloadSpec("v1.DaemonSetSpec") } },
  default: defaultDaemonSet,
  validate: validateDaemonSet,
  desiredState: (o) => o.spec,
  gc: { owner: true },
  table: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    wideHeaders: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now, wide) => {
      const st = o.status;
      const row = [o.metadata.name, String(st.desiredNumberScheduled), String(st.currentNumberScheduled), String(st.numberReady), String(st.updatedNumberScheduled ?? 0), String(st.numberAvailable ?? 0), formatMap(o.spec.template.spec.nodeSelector), age(o.metadata.creationTimestamp, now)];
      if (wide) row.push(...workloadWideCells(o.spec.template, o.spec.selector));
      return row;
    },
  },
});
