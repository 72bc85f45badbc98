import { parseSelector } from "../../cluster/labels";
import { RESOURCES, qualifiedPlural, type ResourceInfo } from "../../cluster/resources";
import type { AnyObject } from "../../cluster/types";
import type { Command, Ctx } from "../command";
import { describeObject, type DescribeEnv } from "../describe";
import { bool, list, str } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { loadManifests } from "./manifests";
import { ENDPOINTS_WARNING } from "./shared";

const NO_TYPE = 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n';

/** One object the builder found, or the error it hit looking for one. */
type Found = { ok: true; obj: AnyObject } | { ok: false; notFound: boolean; message: string };

function notFound(r: ResourceInfo, name: string): Found {
  return { ok: false, notFound: true, message: `Error from server (NotFound): ${qualifiedPlural(r)} "${name}" not found` };
}

/**
 * `kubectl describe` (`cmd/describe/describe.go`): the resource builder's argument forms, then one
 * describer per object. Several objects are separated by a blank line pair ("\n\n" before each
 * but the first); `TYPE NAME` that names nothing falls back to every object whose name starts
 * with NAME, each followed by an extra newline — kubectl's own quirks, kept.
 */
export const describe: Command = {
  name: "describe",
  group: "Troubleshooting and Debugging Commands:",
  short: "Show details of a specific resource or group of resources",
  long: 'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:\n\n        $ kubectl describe TYPE NAME_PREFIX\n\n will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  examples: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

  # Describe a pod
  kubectl describe pods/nginx

  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json

  # Describe all pods
  kubectl describe pods

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend`,
  usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
  flags: [
    { name: "all-namespaces", short: "A", type: "bool", default: false },
    { name: "chunk-size", type: "int", default: 500 },
    { name: "filename", short: "f", type: "stringSlice", default: [] },
    { name: "kustomize", short: "k", type: "string", default: "" },
    { name: "recursive", short: "R", type: "bool", default: false },
    { name: "selector", short: "l", type: "string", default: "" },
    { name: "show-events", type: "bool", default: true },
  ],
  flagHelp: {
    "all-namespaces": "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
    "chunk-size": "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.",
    filename: "Filename, directory, or URL to files containing the resource to describe",
    kustomize: "Process the kustomization directory. This flag can't be used together with -f or -R.",
    recursive: "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
    selector: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    "show-events": "If true, display events related to the described object.",
  },
  run(ctx) {
    const p = ctx.parsed;
    const args = p.args;
    const files = list(p, "filename");
    const kustomize = str(p, "kustomize");
    if (args.length === 0 && files.length === 0 && !kustomize) {
      ctx.stderr += `error: ${NO_TYPE}`;
      ctx.exitCode = 1;
      return;
    }
    if (kustomize) return ctx.fail(`must build at directory: not a valid directory: evalsymlink failure on '${kustomize}' : lstat ${kustomize}: no such file or directory`);
    const found = files.length > 0 ? fromFiles(ctx, files, args) : fromArgs(ctx, args);
    if (!found) return;
    const env: DescribeEnv = { store: ctx.store, now: ctx.now, showEvents: bool(p, "show-events") };

    const errors = found.filter((f): f is Extract<Found, { ok: false }> => !f.ok);
    const infos = found.filter((f): f is Extract<Found, { ok: true }> => f.ok).map((f) => f.obj);
    // A lone NotFound for `TYPE NAME` (two arguments) turns into a prefix search.
    if (errors.length === 1 && errors[0].notFound && args.length === 2 && files.length === 0) {
      return describeMatching(ctx, env, args[0], args[1], errors[0].message);
    }
    let first = true;
    for (const obj of infos) {
      const s = describeObject(obj, env);
      ctx.out(first ? s : `\n\n${s}`);
      first = false;
    }
    if (infos.length === 0 && errors.length === 0) {
      ctx.stderr += bool(p, "all-namespaces") ? "No resources found\n" : `No resources found in ${ctx.namespace} namespace.\n`;
    }
    for (const e of errors) ctx.stderr += e.message + "\n";
    if (errors.length > 0) ctx.exitCode = 1;
  },
};

/** The resource builder over `TYPE [NAME…]`, `TYPE/NAME…` and `-l`: what it finds, or undefined after an error. */
function fromArgs(ctx: Ctx, args: string[]): Found[] | undefined {
  const p = ctx.parsed;
  const allNs = bool(p, "all-namespaces");
  const selText = str(p, "selector");
  const slash = args.some((a) => a.includes("/"));
  const resolved = resolveResourceArgs(args);
  if (slash && !resolved.ok) {
    ctx.fail(resolved.error);
    return undefined;
  }
  const names = slash ? [] : args.slice(1);
  // A selector — or a bare TYPE, which selects everything — lists; otherwise objects are named.
  if (selText || (!slash && args.length === 1)) {
    if (names.length > 0) return void ctx.fail("name cannot be provided when a selector is specified");
    if (slash) return void ctx.fail("selectors and the all flag cannot be used when passing resource/name arguments");
  } else if (!slash && (resolved.ok ? resolved.requests.length : args[0].split(",").filter(Boolean).length) > 1) {
    return void ctx.fail("you must specify only one resource");
  }
  if (!resolved.ok) return void ctx.fail(resolved.error);
  const sel = parseSelector(selText);
  if (!sel.ok) {
    ctx.stderr += `Error from server (BadRequest): ${sel.error}\n`;
    ctx.exitCode = 1;
    return undefined;
  }
  const named = slash || names.length > 0;
  if (named && allNs && resolved.requests.some((r) => r.resource.namespaced)) {
    return void ctx.fail("a resource cannot be retrieved by name across all namespaces");
  }
  const found: Found[] = [];
  let warned = false;
  for (const req of resolved.requests) {
    const r = req.resource;
    if (r.kind === "Endpoints" && !warned) {
      ctx.stderr += ENDPOINTS_WARNING;
      warned = true;
    }
    if (named) {
      for (const name of req.names) {
        const obj = ctx.store.get(r.kind, r.namespaced ? ctx.namespace : undefined, name);
        found.push(obj ? { ok: true, obj } : notFound(r, name));
      }
    } else {
      const objs = ctx.store.list(r.kind, r.namespaced && !allNs ? ctx.namespace : undefined);
      for (const obj of objs) if (sel.selector.matches(obj.metadata.labels)) found.push({ ok: true, obj });
    }
  }
  return found;
}

/** `-f FILE`: the objects the manifests name, looked up on the server. */
function fromFiles(ctx: Ctx, files: string[], args: string[]): Found[] | undefined {
  if (args.length > 0) return void ctx.fail("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
  const docs = loadManifests(ctx, files);
  if (!docs) return undefined;
  const found: Found[] = [];
  for (const { obj, source } of docs) {
    const r = RESOURCES.find((x) => x.kind === obj.kind);
    if (!r) {
      ctx.fail(`resource mapping not found for name: "${obj.metadata?.name ?? ""}" namespace: "${obj.metadata?.namespace ?? ""}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
      return undefined;
    }
    if (r.kind === "Endpoints") ctx.stderr += ENDPOINTS_WARNING;
    const ns = r.namespaced ? (obj.metadata?.namespace ?? ctx.namespace) : undefined;
    const got = ctx.store.get(r.kind, ns, obj.metadata?.name ?? "");
    found.push(got ? { ok: true, obj: got } : notFound(r, obj.metadata?.name ?? ""));
  }
  return found;
}

/**
 * `DescribeMatchingResources`: every object of the type in the namespace whose name starts with
 * the prefix (no selector, no --all-namespaces), each printed with a newline after it; the
 * original NotFound when none matches.
 */
function describeMatching(ctx: Ctx, env: DescribeEnv, typeArg: string, prefix: string, originalError: string): void {
  const resolved = resolveResourceArgs([typeArg]);
  if (!resolved.ok) return ctx.fail(resolved.error);
  const req = resolved.requests[0];
  const r = req.resource;
  let candidates: readonly AnyObject[];
  if (req.names.length > 0) {
    // `TYPE/NAME PREFIX`: the builder fetches that one object first.
    const obj = ctx.store.get(r.kind, r.namespaced ? ctx.namespace : undefined, req.names[0]);
    if (!obj) {
      ctx.stderr += `Error from server (NotFound): ${qualifiedPlural(r)} "${req.names[0]}" not found\n`;
      ctx.exitCode = 1;
      return;
    }
    candidates = [obj];
  } else {
    candidates = ctx.store.list(r.kind, r.namespaced ? ctx.namespace : undefined);
  }
  let isFound = false;
  for (const obj of candidates) {
    if (!obj.metadata.name.startsWith(prefix)) continue;
    isFound = true;
    ctx.out(`${describeObject(obj, env)}\n`);
  }
  if (!isFound) {
    ctx.stderr += originalError + "\n";
    ctx.exitCode = 1;
  }
}
