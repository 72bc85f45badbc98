import type { Command } from "../command";
import { list } from "../flags";
import { DRY_RUN_FLAGS } from "./create";
import { applyManifests } from "./manifests";

export const apply: Command = {
  name: "apply",
  group: "Advanced Commands:",
  short: "Apply a configuration to a resource by file name or stdin",
  long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.\n\n Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.",
  examples: `  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -`,
  usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
  flags: [...DRY_RUN_FLAGS.filter((f) => f.name !== "field-manager"), { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "field-manager", type: "string", default: "kubectl-client-side-apply" }],
  flagHelp: { filename: "The files that contain the configurations to apply." },
  run(ctx) {
    const files = list(ctx.parsed, "filename");
    if (files.length === 0) return ctx.fail("must specify one of -f and -k");
    applyManifests(ctx, files, "apply");
  },
};
