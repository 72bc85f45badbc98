// `kubectl describe configmap` (describe.go `ConfigMapDescriber`): each key, a `----` rule, the
// value verbatim, then BinaryData sizes.
import type { ConfigMap } from "../../cluster/types";
import { goStringCompare } from "../../cluster/validation/field";
import { describeEvents, eventQueryFor, searchEvents } from "./events";
import { field, printAnnotationsMultiline, printLabelsMultiline } from "./format";
import type { DescribeEnv } from "./env";
import { LEVEL_0, tabbedString } from "./writer";

/** Bytes of base64-encoded binary data once decoded. */
function decodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  const pad = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function describeConfigMap(cm: ConfigMap, env: DescribeEnv): string {
  const events = env.showEvents ? searchEvents(env.store, eventQueryFor(cm)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cm.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
    w.write(LEVEL_0, "\nData\n====\n");
    const data = cm.data ?? {};
    for (const k of Object.keys(data).sort(goStringCompare)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k]}\n`);
      w.write(LEVEL_0, "\n");
    }
    w.write(LEVEL_0, "\nBinaryData\n====\n");
    const binary = field<Record<string, string>>(cm, "binaryData") ?? {};
    for (const k of Object.keys(binary).sort(goStringCompare)) w.write(LEVEL_0, `${k}: ${decodedLength(binary[k])} bytes\n`);
    w.write(LEVEL_0, "\n");
    if (events) describeEvents(events, w, env.now);
  });
}
