import { lookupResource, type ResourceInfo } from "../cluster/resources";

/** What `TYPE NAME…`, `TYPE/NAME…` or `TYPE1,TYPE2` arguments name. */
export interface ResourceRequest {
  resource: ResourceInfo;
  /** Empty: all objects of the type. */
  names: string[];
}

export type ResolveResult = { ok: true; requests: ResourceRequest[]; slashForm: boolean } | { ok: false; error: string };

/** `kubectl get all`: what "all" expands to (the `all` category of the built-in types we serve). */
const ALL: string[] = ["pods", "services", "daemonsets", "deployments", "replicasets"];

/**
 * kubectl's resource builder argument forms. Errors are kubectl's own: an unknown type is
 * `the server doesn't have a resource type "x"`.
 */
export function resolveResourceArgs(args: string[]): ResolveResult {
  if (args.length === 0) return { ok: true, requests: [], slashForm: false };
  const slash = args.some((a) => a.includes("/"));
  if (slash) {
    if (!args.every((a) => a.includes("/"))) {
      return {
        ok: false,
        error:
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      };
    }
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const [type, name] = [a.slice(0, a.indexOf("/")), a.slice(a.indexOf("/") + 1)];
      const r = lookupResource(type);
      if (!r) return { ok: false, error: `the server doesn't have a resource type "${type}"` };
      if (!name) return { ok: false, error: `arguments in resource/name form must have a single resource and name` };
      const existing = requests.find((q) => q.resource === r);
      if (existing) existing.names.push(name);
      else requests.push({ resource: r, names: [name] });
    }
    return { ok: true, requests, slashForm: true };
  }
  const types = args[0].split(",").flatMap((t) => (t.toLowerCase() === "all" ? ALL : [t]));
  const names = args.slice(1);
  const requests: ResourceRequest[] = [];
  for (const t of types) {
    if (t === "") continue;
    const r = lookupResource(t);
    if (!r) return { ok: false, error: `the server doesn't have a resource type "${t}"` };
    if (!requests.some((q) => q.resource === r)) requests.push({ resource: r, names: [...names] });
  }
  return { ok: true, requests, slashForm: false };
}
