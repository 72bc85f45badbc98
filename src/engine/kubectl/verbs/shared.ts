import { parseSelector } from "../../cluster/labels";
import type { ResourceInfo } from "../../cluster/resources";
import type { AnyObject, Kind } from "../../cluster/types";
import type { Ctx } from "../command";
import { bool, str } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { qualifiedSingular, resourceOf } from "../../cluster/resources";
import { klogPrefix } from "../../util/klog";
import { KINDS, kindDef } from "../../kinds/registry";

export type DryRun = "none" | "client" | "server";

export const ENDPOINTS_WARNING = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

/** A field of an object for `--field-selector`: metadata's, or one its kind makes selectable. */
function fieldValue(o: AnyObject, key: string): string | undefined {
  if (key === "metadata.name") return o.metadata.name;
  if (key === "metadata.namespace") return o.metadata.namespace;
  return (kindDef(o.kind as string)?.selectableFields?.[key] as ((o: AnyObject) => string) | undefined)?.(o);
}

/** Every field label some kind can select on (an unknown one is refused whatever the kind). */
const FIELD_LABELS = new Set(["metadata.name", "metadata.namespace", ...KINDS.flatMap((k) => Object.keys(k.selectableFields ?? {}))]);

/** `--field-selector`: the few fields the API server indexes, with =, == and !=. */
export function filterByFieldSelector(objects: AnyObject[], text: string): { ok: true; value: AnyObject[] } | { ok: false; error: string } {
  if (!text) return { ok: true, value: objects };
  const reqs: { key: string; neg: boolean; value: string }[] = [];
  for (const part of text.split(",")) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    if (!FIELD_LABELS.has(m[1])) return { ok: false, error: `field label not supported: ${m[1]}` };
    reqs.push({ key: m[1], neg: m[2] === "!=", value: m[3] });
  }
  return { ok: true, value: objects.filter((o) => reqs.every((r) => (fieldValue(o, r.key) === r.value) !== r.neg)) };
}

/**
 * Blocks the way kubectl does by moving virtual time until `done` holds or `limitMs` passes.
 * Returns whether the condition held.
 */
export function waitFor(ctx: Ctx, done: () => boolean, limitMs: number): boolean {
  return ctx.cluster.clock.advanceUntil(done, limitMs);
}

export function exists(ctx: Ctx, kind: Kind, ns: string | undefined, name: string, uid: string): boolean {
  const o = ctx.store.get(kind, ns, name);
  return !!o && o.metadata.uid === uid;
}

/** kubectl's usage hint when a command needs resources and got none. */
export const RESOURCE_HINT = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export interface Target {
  r: ResourceInfo;
  obj: AnyObject;
}

/**
 * The resource builder most verbs share: `TYPE NAME…`, `TYPE/NAME…`, or a type with `-l` (and,
 * when `requireNameOrAll`, `--all`). Errors are printed with kubectl's texts; undefined means stop.
 */
export function resourceTargets(ctx: Ctx, args: string[], opts: { emptyError?: string; requireNameOrAll?: boolean; reportNone?: boolean } = {}): Target[] | undefined {
  const p = ctx.parsed;
  if (args.length === 0) {
    ctx.fail(opts.emptyError ?? RESOURCE_HINT);
    return undefined;
  }
  const resolved = resolveResourceArgs(args);
  if (!resolved.ok) {
    ctx.fail(resolved.error);
    return undefined;
  }
  const selText = str(p, "selector");
  const named = resolved.requests.some((q) => q.names.length > 0);
  if (named && selText) {
    ctx.fail(resolved.slashForm ? "selectors and the all flag cannot be used when passing resource/name arguments" : "name cannot be provided when a selector is specified");
    return undefined;
  }
  if (opts.requireNameOrAll && !named && !selText && !(p.flags.has("all") && bool(p, "all"))) {
    ctx.fail("resource(s) were provided, but no name was specified");
    return undefined;
  }
  const sel = parseSelector(selText);
  if (!sel.ok) {
    ctx.stderr += `Error from server (BadRequest): ${sel.error}\n`;
    ctx.exitCode = 1;
    return undefined;
  }
  const out: Target[] = [];
  for (const q of resolved.requests) {
    const ns = q.resource.namespaced ? ctx.namespace : undefined;
    if (q.names.length === 0) {
      for (const o of ctx.store.list(q.resource.kind, ns)) if (sel.selector.matches(o.metadata.labels)) out.push({ r: q.resource, obj: o });
      continue;
    }
    for (const name of q.names) {
      const got = ctx.api.get(q.resource.kind, ns, name);
      if (!got.ok) {
        ctx.apiError(got.error);
        return undefined;
      }
      out.push({ r: q.resource, obj: got.value });
    }
  }
  if (opts.reportNone && out.length === 0 && !named) ctx.stderr += `No resources found in ${ctx.namespace} namespace.\n`;
  return out;
}

/** `--dry-run`: kubectl's values and its error for anything else. */
export function dryRunOf(ctx: Ctx): DryRun | undefined {
  const v = str(ctx.parsed, "dry-run");
  if (v === "none" || v === "client" || v === "server") return v;
  if (v === "unchanged") {
    // cmdutil.GetDryRunStrategy: a bare --dry-run still means client, with a klog warning
    // (the source line number in the header is UNVERIFIED).
    ctx.warn(`${klogPrefix("W", ctx.now)} helpers.go:628] --dry-run is deprecated and can be replaced with --dry-run=client.`);
    return "client";
  }
  ctx.fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  return undefined;
}

/**
 * Deletes one object and, like kubectl's default `--wait=true`, moves virtual time until it is
 * really gone (a pod terminates first). Prints `kind "name" deleted`.
 */
export function deleteAndWait(ctx: Ctx, kind: Kind, ns: string | undefined, name: string, opts: { gracePeriodSeconds?: number; force?: boolean; wait?: boolean; ignoreNotFound?: boolean }): boolean {
  const r = resourceOf(kind);
  const namespace = r.namespaced ? ns : undefined;
  const res = ctx.api.delete(kind, namespace, name, { gracePeriodSeconds: opts.gracePeriodSeconds });
  if (!res.ok) {
    if (res.error.reason === "NotFound" && opts.ignoreNotFound) return true;
    ctx.apiError(res.error);
    return false;
  }
  ctx.line(`${qualifiedSingular(r)} "${name}" ${opts.force ? "force deleted" : "deleted"}`);
  if (opts.wait !== false) {
    const uid = res.value.metadata.uid;
    const grace = kind === "Pod" ? (res.value.metadata.deletionGracePeriodSeconds ?? 30) : 30;
    waitFor(ctx, () => !exists(ctx, kind, namespace, name, uid), (grace + 60) * 1000);
  }
  return true;
}
