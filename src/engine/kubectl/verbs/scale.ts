import { qualifiedSingular } from "../../cluster/resources";
import type { Deployment, ReplicaSet } from "../../cluster/types";
import type { Command } from "../command";
import { int } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { RESOURCE_HINT } from "./shared";

export const scale: Command = {
  name: "scale",
  group: "Deploy Commands:",
  short: "Set a new size for a deployment, replica set, or replication controller",
  long: "Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n Scale also allows users to specify one or more preconditions for the scale action.\n\n If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.",
  examples: `  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # Scale a resource identified by type and name specified in "foo.yaml" to 3
  kubectl scale --replicas=3 -f foo.yaml

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql`,
  usage: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
  flags: [
    { name: "replicas", type: "int", default: -1 },
    { name: "current-replicas", type: "int", default: -1 },
  ],
  flagHelp: { replicas: "The new desired number of replicas. Required.", "current-replicas": "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition." },
  run(ctx) {
    const p = ctx.parsed;
    if (!p.set.has("replicas")) return ctx.fail('required flag(s) "replicas" not set');
    const replicas = int(p, "replicas");
    if (replicas < 0) return ctx.fail("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    if (p.args.length === 0) {
      return ctx.fail(RESOURCE_HINT);
    }
    const resolved = resolveResourceArgs(p.args);
    if (!resolved.ok) return ctx.fail(resolved.error);
    for (const req of resolved.requests) {
      if (req.resource.kind !== "Deployment" && req.resource.kind !== "ReplicaSet") {
        return ctx.fail(`cannot use scale on ${req.resource.plural}.${req.resource.group ? req.resource.group : ""}`.replace(/\.$/, ""));
      }
      if (req.names.length === 0) return ctx.fail("resource(s) were provided, but no name was specified");
      for (const name of req.names) {
        const got = ctx.api.get(req.resource.kind, ctx.namespace, name);
        if (!got.ok) {
          ctx.apiError(got.error);
          continue;
        }
        const obj = got.value as Deployment | ReplicaSet;
        const cur = int(p, "current-replicas");
        if (cur >= 0 && obj.spec.replicas !== cur) {
          ctx.fail(`Expected replicas to be ${cur}, was ${obj.spec.replicas}`);
          continue;
        }
        const next = { ...obj, spec: { ...obj.spec, replicas } } as typeof obj;
        const r = ctx.api.update(next);
        if (!r.ok) {
          ctx.apiError(r.error);
          continue;
        }
        ctx.line(`${qualifiedSingular(req.resource)}/${name} scaled`);
      }
    }
  },
};
