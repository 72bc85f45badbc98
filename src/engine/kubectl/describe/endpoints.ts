// `kubectl describe endpoints` (describe.go `describeEndpoints`).
import type { Endpoints } from "../../cluster/types";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { printAnnotationsMultiline, printLabelsMultiline } from "./format";
import type { DescribeEnv } from "./env";
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from "./writer";

export function describeEndpoints(ep: Endpoints, env: DescribeEnv): string {
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(ep)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", ep.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
    w.write(LEVEL_0, "Subsets:\n");
    for (const subset of ep.subsets ?? []) {
      const ready = (subset.addresses ?? []).map((a) => a.ip).join(",");
      w.write(LEVEL_1, `Addresses:\t${ready || "<none>"}\n`);
      const notReady = (subset.notReadyAddresses ?? []).map((a) => a.ip).join(",");
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || "<none>"}\n`);
      if (subset.ports && subset.ports.length > 0) {
        w.write(LEVEL_1, "Ports:\n");
        w.write(LEVEL_2, "Name\tPort\tProtocol\n");
        w.write(LEVEL_2, "----\t----\t--------\n");
        for (const p of subset.ports) w.write(LEVEL_2, `${p.name ? p.name : "<unset>"}\t${p.port}\t${p.protocol}\n`);
      }
      w.write(LEVEL_0, "\n");
    }
    if (events) describeEvents(events, w, env.now);
  });
}
