import type { Command } from "../command";
import { list } from "../flags";
import { DRY_RUN_FLAGS } from "./create";
import { applyManifests } from "./manifests";

/** `kubectl replace -f`: the object as written replaces the stored one (a PUT). */
export const replace: Command = {
  name: "replace",
  group: "Advanced Commands:",
  short: "Replace a resource by file name or stdin",
  long: "",
  examples: "",
  usage: "kubectl replace -f FILENAME",
  flags: [...DRY_RUN_FLAGS.filter((f) => f.name !== "field-manager"), { name: "filename", short: "f", type: "stringSlice", default: [] }, { name: "field-manager", type: "string", default: "kubectl-replace" }, { name: "force", type: "bool", default: false }, { name: "grace-period", type: "int", default: -1 }, { name: "cascade", type: "string", default: "background", noOptDefault: "background" }, { name: "wait", type: "bool", default: false }],
  flagHelp: {},
  run(ctx) {
    const files = list(ctx.parsed, "filename");
    if (files.length === 0) return ctx.fail("must specify --filename to replace");
    applyManifests(ctx, files, "replace");
  },
};
