import { parseSelector } from "../../cluster/labels";
import { qualifiedSingular, resourceOf } from "../../cluster/resources";
import type { Kind } from "../../cluster/types";
import type { Command } from "../command";
import { bool, int, list, str } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { applyManifests } from "./manifests";
import { dryRunOf, exists, RESOURCE_HINT, waitFor } from "./shared";

export const del: Command = {
  name: "delete",
  group: "Basic Commands (Intermediate):",
  short: "Delete resources by file names, stdin, resources and names, or by resources and label selector",
  long: "Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.\n\n Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.\n\n After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run \"kubectl api-resources\" to refresh the discovery cache.",
  examples: `  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json

  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all`,
  usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
  flags: [
    { name: "filename", short: "f", type: "stringSlice", default: [] },
    { name: "selector", short: "l", type: "string", default: "" },
    { name: "all", type: "bool", default: false },
    { name: "all-namespaces", short: "A", type: "bool", default: false },
    { name: "grace-period", type: "int", default: -1 },
    { name: "force", type: "bool", default: false },
    { name: "now", type: "bool", default: false },
    { name: "wait", type: "bool", default: true },
    { name: "ignore-not-found", type: "bool", default: false },
    { name: "cascade", type: "string", default: "background", noOptDefault: "background" },
    { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" },
  ],
  flagHelp: {
    all: "Delete all resources, in the namespace of the specified resource types.",
    force: "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.",
    "grace-period": "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).",
    now: "If true, resources are signaled for immediate shutdown (same as --grace-period=1).",
    wait: "If true, wait for resources to be gone before returning. This waits for finalizers.",
    selector: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  },
  run(ctx) {
    const p = ctx.parsed;
    const files = list(p, "filename");
    if (files.length > 0) return applyManifests(ctx, files, "delete");
    if (p.args.length === 0) {
      return ctx.fail(RESOURCE_HINT);
    }
    let grace = int(p, "grace-period");
    const force = bool(p, "force");
    if (bool(p, "now")) {
      if (grace >= 0) return ctx.fail("--now and --grace-period cannot be specified together");
      grace = 1;
    }
    if (force && grace < 0) grace = 0;
    if (grace === 0 && !force) grace = 1; // kubectl: 0 without --force means 1
    if (force) ctx.stderr += "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";
    const resolved = resolveResourceArgs(p.args);
    if (!resolved.ok) return ctx.fail(resolved.error);
    const selText = str(p, "selector");
    const all = bool(p, "all");
    const named = resolved.requests.some((r) => r.names.length > 0);
    if (named && (selText || all)) return ctx.fail("name cannot be provided when a selector is specified");
    if (!named && !selText && !all) return ctx.fail("resource(s) were provided, but no name was specified");
    const sel = parseSelector(selText);
    if (!sel.ok) {
      ctx.stderr += `Error from server (BadRequest): ${sel.error}\n`;
      ctx.exitCode = 1;
      return;
    }
    const opts = { gracePeriodSeconds: grace >= 0 ? grace : undefined, force, wait: bool(p, "wait"), ignoreNotFound: bool(p, "ignore-not-found") };
    let any = false;
    // Issue every delete first, then wait for all of them (kubectl deletes, then waits).
    const pending: { kind: Kind; ns?: string; name: string }[] = [];
    for (const req of resolved.requests) {
      const r = req.resource;
      if (req.names.length > 0) {
        for (const name of req.names) pending.push({ kind: r.kind, ns: ctx.namespace, name });
      } else {
        const objs = ctx.store.list(r.kind, r.namespaced && !bool(p, "all-namespaces") ? ctx.namespace : undefined).filter((o) => sel.selector.matches(o.metadata.labels));
        for (const o of objs) pending.push({ kind: r.kind, ns: o.metadata.namespace, name: o.metadata.name });
      }
    }
    const dry = dryRunOf(ctx);
    if (!dry) return;
    if (dry !== "none") {
      // A dry run checks that each object exists and says what would happen.
      for (const t of pending) {
        const got = ctx.api.get(t.kind, t.ns, t.name);
        if (!got.ok) {
          if (!(got.error.reason === "NotFound" && opts.ignoreNotFound)) ctx.apiError(got.error);
          continue;
        }
        ctx.line(`${qualifiedSingular(resourceOf(t.kind))} "${t.name}" deleted (${dry === "client" ? "dry run" : "server dry run"})`);
      }
      return;
    }
    const uids: { kind: Kind; ns?: string; name: string; uid: string; grace: number }[] = [];
    for (const t of pending) {
      const res = ctx.api.delete(t.kind, t.ns, t.name, { gracePeriodSeconds: opts.gracePeriodSeconds });
      if (!res.ok) {
        if (!(res.error.reason === "NotFound" && opts.ignoreNotFound)) ctx.apiError(res.error);
        continue;
      }
      any = true;
      ctx.line(`${qualifiedSingular(resourceOf(t.kind))} "${t.name}" ${force ? "force deleted" : "deleted"}`);
      uids.push({ ...t, ns: resourceOf(t.kind).namespaced ? t.ns : undefined, uid: res.value.metadata.uid, grace: res.value.metadata.deletionGracePeriodSeconds ?? 0 });
    }
    if (!named && !any && pending.length === 0) ctx.out("No resources found\n");
    if (opts.wait && uids.length > 0) {
      const limit = (Math.max(...uids.map((u) => u.grace)) + 60) * 1000;
      waitFor(ctx, () => uids.every((u) => !exists(ctx, u.kind, u.ns, u.name, u.uid)), limit);
    }
  },
};
