// `kubectl describe daemonset` (describe.go `describeDaemonSet`). The "Number of Nodes …" lines
// have no tab, so they end the alignment block, as in real output.
import type { DaemonSet } from "../../cluster/types";
import { describePodTemplate } from "./containers";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { formatLabels, printAnnotationsMultiline, printLabelsMultiline, selectorString } from "./format";
import type { DescribeEnv } from "./env";
import { podStatusFor } from "./replicaset";
import { LEVEL_0, tabbedString } from "./writer";

export function describeDaemonSet(ds: DaemonSet, env: DescribeEnv): string {
  const pods = podStatusFor(env, ds.metadata.namespace, ds.spec.selector, ds.metadata.uid);
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(ds)) : undefined;
  return tabbedString((w) => {
    const st = ds.status;
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
    printLabelsMultiline(w, "Labels", ds.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(ds.spec.template, w);
    if (events) describeEvents(events, w, env.now);
  });
}
