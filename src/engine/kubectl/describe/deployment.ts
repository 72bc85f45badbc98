// `kubectl describe deployment` (describe.go `describeDeployment`).
import type { Deployment, IntOrString, PodTemplateSpec, ReplicaSet } from "../../cluster/types";
import { clone, deepEqual } from "../../util/clone";
import { selectorFromLabelSelector } from "../../cluster/labels";
import { describePodTemplate } from "./containers";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from "./format";
import { goSort } from "./gosort";
import type { DescribeEnv } from "./env";
import { LEVEL_0, LEVEL_1, tabbedString } from "./writer";

/** `EqualIgnoreHash`: templates equal once the pod-template-hash label is dropped. */
function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const strip = (t: PodTemplateSpec) => {
    const c = clone(t);
    if (c.metadata?.labels) {
      delete c.metadata.labels["pod-template-hash"];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    return c;
  };
  return deepEqual(strip(a), strip(b));
}

/**
 * `deploymentutil.GetAllReplicaSets`: the ReplicaSets the deployment's selector matches and it
 * controls, sorted by creation time; the new one is the oldest whose template equals the
 * deployment's; every other is old (scaled to zero or not).
 */
export function replicaSetsOf(d: Deployment, env: DescribeEnv): { olds: ReplicaSet[]; newRS?: ReplicaSet } {
  const sel = selectorFromLabelSelector(d.spec.selector);
  const owned = env.store
    .list("ReplicaSet", d.metadata.namespace)
    .filter((rs) => sel.matches(rs.metadata.labels) && rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid));
  const sorted = goSort([...owned], (a, b) => (a.metadata.creationTimestamp === b.metadata.creationTimestamp ? a.metadata.name < b.metadata.name : Date.parse(a.metadata.creationTimestamp) < Date.parse(b.metadata.creationTimestamp)));
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  return { olds: sorted.filter((rs) => rs !== newRS), newRS };
}

function rsList(list: ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status.replicas ?? 0}/${rs.spec.replicas} replicas created)`).join(", ");
  return s === "" ? "<none>" : s;
}

const intOrString = (v: IntOrString | undefined): string => (v === undefined ? "0" : String(v));

export function describeDeployment(d: Deployment, env: DescribeEnv): string {
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(d)) : undefined;
  const { olds, newRS } = replicaSetsOf(d, env);
  return tabbedString((w) => {
    const st = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", d.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(d.spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${d.spec.replicas} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${d.spec.strategy.type}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
    const ru = d.spec.strategy.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    describePodTemplate(d.spec.template, w);
    if (st.conditions && st.conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(LEVEL_1, "----\t------\t------\n");
      for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason}\n`);
    }
    if (olds.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${rsList(olds)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
    }
    if (events) describeEvents(events, w, env.now);
  });
}
