// `kubectl describe replicaset` (describe.go `describeReplicaSet`, `getPodStatusForController`).
import { selectorFromLabelSelector } from "../../cluster/labels";
import type { LabelSelector, ReplicaSet } from "../../cluster/types";
import { describePodTemplate } from "./containers";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { controllerOf, field, printAnnotationsMultiline, printLabelsMultiline, selectorText } from "./format";
import type { DescribeEnv } from "./env";
import { LEVEL_0, LEVEL_1, tabbedString } from "./writer";

/** `getPodStatusForController`: phases of the selected pods this controller owns. */
export function podStatusFor(env: DescribeEnv, namespace: string | undefined, selector: LabelSelector, uid: string): string {
  const sel = selectorFromLabelSelector(selector);
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of env.store.list("Pod", namespace)) {
    if (!sel.matches(p.metadata.labels)) continue;
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== uid) continue;
    if (p.status.phase === "Running") running++;
    else if (p.status.phase === "Pending") waiting++;
    else if (p.status.phase === "Succeeded") succeeded++;
    else if (p.status.phase === "Failed") failed++;
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

export function describeReplicaSet(rs: ReplicaSet, env: DescribeEnv): string {
  const pods = podStatusFor(env, rs.metadata.namespace, rs.spec.selector, rs.metadata.uid);
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(rs)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorText(rs.spec.selector)}\n`);
    printLabelsMultiline(w, "Labels", rs.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
    const controlledBy = controllerOf(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status.replicas ?? 0} current / ${rs.spec.replicas} desired\n`);
    w.write(LEVEL_0, "Pods Status:\t");
    w.write(LEVEL_0, `${pods}\n`);
    describePodTemplate(rs.spec.template, w);
    const conditions = field<{ type: string; status: string; reason?: string }[]>(rs.status, "conditions") ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(LEVEL_1, "----\t------\t------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
    }
    if (events) describeEvents(events, w, env.now);
  });
}
