// `kubectl describe namespace` (describe.go `describeNamespace`). Podflow serves no ResourceQuota
// or LimitRange objects, so both lists are empty, as in a fresh kubeadm cluster. The namespace
// describer shows no events.
import type { Namespace } from "../../cluster/types";
import { field, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from "./format";
import { LEVEL_0, LEVEL_1, tabbedString } from "./writer";

export function describeNamespace(ns: Namespace): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ns.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status.phase}\n`);
    const conditions = field<{ type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[]>(ns.status, "conditions") ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
      for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
    }
    w.write(LEVEL_0, "\n");
    w.write(LEVEL_0, "No resource quota.\n");
    w.write(LEVEL_0, "\n");
    w.write(LEVEL_0, "No LimitRange resource.\n");
  });
}
