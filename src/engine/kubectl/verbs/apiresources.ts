import { apiVersionOf, RESOURCES, type ResourceInfo } from "../../cluster/resources";
import type { Command } from "../command";
import type { FlagSpec } from "../flags";
import { bool, list, str } from "../flags";
import { tabwrite } from "../printers";

const APIRES_HELP = {
  long: "Print the supported API resources on the server.",
  examples: "  # Print the supported API resources\n  kubectl api-resources\n  \n  # Print the supported API resources with more information\n  kubectl api-resources -o wide\n  \n  # Print the supported API resources sorted by a column\n  kubectl api-resources --sort-by=name\n  \n  # Print the supported namespaced resources\n  kubectl api-resources --namespaced=true\n  \n  # Print the supported non-namespaced resources\n  kubectl api-resources --namespaced=false\n  \n  # Print the supported API resources with a specific APIGroup\n  kubectl api-resources --api-group=rbac.authorization.k8s.io",
  usage: "kubectl api-resources [flags] [options]",
  flags: [{ name: "api-group", type: "string", default: "" }, { name: "cached", type: "bool", default: false }, { name: "categories", type: "stringSlice", default: [] }, { name: "namespaced", type: "bool", default: true }, { name: "no-headers", type: "bool", default: false }, { name: "output", short: "o", type: "string", default: "" }, { name: "sort-by", type: "string", default: "" }, { name: "verbs", type: "stringSlice", default: [] }] as FlagSpec[],
  flagHelp: {"api-group": "Limit to resources in the specified API group.", "cached": "Use the cached list of resources if available.", "categories": "Limit to resources that belong to the specified categories.", "namespaced": "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.", "no-headers": "When using the default or custom-column output format, don't print headers (default print headers).", "output": "Output format. One of: (wide, name).", "sort-by": "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.", "verbs": "Limit to resources that support the specified verbs."} as Record<string, string>,
};

/** Discovery categories of the built-in kinds we serve (`kubectl get all` is the `all` category). */
const CATEGORIES: Partial<Record<ResourceInfo["kind"], string[]>> = {
  Pod: ["all"],
  Service: ["all"],
  DaemonSet: ["all"],
  Deployment: ["all"],
  ReplicaSet: ["all"],
};

/** Go's byte-wise string order. */
const goLess = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `kubectl api-resources`: the resources Podflow's API server serves, in discovery order (core
 * group first), with kubectl's filters (`--namespaced`, `--api-group`, `--verbs`, `--categories`),
 * `--sort-by`, `-o wide` (VERBS, CATEGORIES) and `-o name`.
 */
export const apiResources: Command = {
  name: "api-resources",
  group: "Other Commands:",
  short: "Print the supported API resources on the server",
  ...APIRES_HELP,
  run(ctx) {
    const p = ctx.parsed;
    if (p.args.length > 0) return ctx.usage(`unexpected arguments: [${p.args.join(" ")}]`);
    const output = str(p, "output");
    if (output !== "" && output !== "wide" && output !== "name") return ctx.fail(`--output ${output} is not available`);
    const sortBy = str(p, "sort-by");
    if (sortBy !== "" && sortBy !== "name" && sortBy !== "kind") return ctx.fail("--sort-by accepts only name or kind");
    let rs = [...RESOURCES];
    if (p.set.has("api-group")) rs = rs.filter((r) => r.group === str(p, "api-group"));
    if (p.set.has("namespaced")) rs = rs.filter((r) => r.namespaced === bool(p, "namespaced"));
    const verbs = list(p, "verbs");
    if (verbs.length) rs = rs.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const categories = list(p, "categories");
    if (categories.length) rs = rs.filter((r) => categories.every((c) => CATEGORIES[r.kind]?.includes(c)));
    if (sortBy === "name") rs.sort((a, b) => goLess(a.plural, b.plural));
    if (sortBy === "kind") rs.sort((a, b) => goLess(a.kind, b.kind));
    if (output === "name") {
      for (const r of rs) ctx.line(r.group ? `${r.plural}.${r.group}` : r.plural);
      return;
    }
    const wide = output === "wide";
    const headers = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])];
    const rows = rs.map((r) => [r.plural, r.shortNames.join(","), apiVersionOf(r), String(r.namespaced), r.kind, ...(wide ? [r.verbs.join(","), (CATEGORIES[r.kind] ?? []).join(",")] : [])]);
    ctx.out(tabwrite(bool(p, "no-headers") ? rows : [headers, ...rows]));
  },
};
