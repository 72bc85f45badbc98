import { parseAllDocuments } from "yaml";
import { decodeObject } from "../../cluster/decode";
import type { ApiError } from "../../cluster/errors";
import { apiVersionOf, lookupResource, qualifiedSingular, resourceOf } from "../../cluster/resources";
import type { AnyObject } from "../../cluster/types";
import { clone, getOwn, setOwn } from "../../util/clone";
import type { Ctx } from "../command";
import { formatApiError } from "../command";
import { parseOutput, printStructured, type OutputFormat } from "../output";
import { deleteAndWait, dryRunOf } from "./shared";
import { nestingError } from "../depth";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

interface Doc {
  obj: AnyObject;
  source: string;
}

/** Reads `-f` sources (files of the lab's file system, or `-` for stdin) into objects. */
export function loadManifests(ctx: Ctx, files: string[]): Doc[] | undefined {
  const docs: Doc[] = [];
  for (const f of files) {
    const source = f === "-" ? "STDIN" : f;
    const text = f === "-" ? ctx.stdin : ctx.cluster.files.read(f);
    if (text === undefined) {
      ctx.fail(f === "-" ? "no objects passed to create" : `the path "${f}" does not exist`);
      return undefined;
    }
    const tooDeep = nestingError(text);
    if (tooDeep) {
      ctx.fail(`error parsing ${source}: ${tooDeep}`);
      return undefined;
    }
    const parsed = parseAllDocuments(text);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    for (const d of list) {
      if (d.errors.length > 0) {
        const e = d.errors[0];
        const line = e.linePos?.[0]?.line ?? 1;
        ctx.fail(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(e.code)}`);
        return undefined;
      }
      let value: unknown;
      try {
        value = d.toJS();
      } catch {
        // The parser's alias limit (a "billion laughs" document): go-yaml's own refusal.
        ctx.fail(`error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`);
        return undefined;
      }
      if (value === null || value === undefined) continue;
      if (typeof value !== "object" || Array.isArray(value)) {
        ctx.fail(`error validating "${source}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`);
        return undefined;
      }
      const obj = value as Record<string, unknown>;
      if (obj.kind === "List" && Array.isArray(obj.items)) {
        for (const item of obj.items) docs.push({ obj: item as AnyObject, source });
        continue;
      }
      const missing = [!obj.apiVersion ? "apiVersion not set" : "", !obj.kind ? "kind not set" : ""].filter(Boolean);
      if (missing.length) {
        ctx.fail(`error validating "${source}": error validating data: ${missing.length > 1 ? `[${missing.join(", ")}]` : missing[0]}; if you choose to ignore these errors, turn validation off with --validate=false`);
        return undefined;
      }
      docs.push({ obj: obj as unknown as AnyObject, source });
    }
  }
  if (docs.length === 0) {
    ctx.fail("no objects passed to " + (ctx.path.split(" ")[1] ?? "create"));
    return undefined;
  }
  return docs;
}

/** go-yaml's wording for the parse errors learners make most. */
function goYamlMessage(code: string): string {
  switch (code) {
    case "TAB_AS_INDENT":
      return "found character that cannot start any token";
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
    case "UNEXPECTED_TOKEN":
      return "mapping values are not allowed in this context";
    case "MISSING_CHAR":
    case "BAD_INDENT":
      return "did not find expected key";
    case "DUPLICATE_KEY":
      return "mapping key already defined";
    default:
      return "did not find expected key";
  }
}

/** Checks the object's type is one the server knows, as kubectl's REST mapper does. */
function mapping(ctx: Ctx, d: Doc): boolean {
  const o = d.obj as unknown as Record<string, unknown>;
  const r = lookupResource(String(o.kind));
  if (!r || r.kind !== o.kind || apiVersionOf(r) !== o.apiVersion) {
    const meta = (o.metadata ?? {}) as Record<string, unknown>;
    ctx.stderr += `error: resource mapping not found for name: "${meta.name ?? ""}" namespace: "${meta.namespace ?? ""}" from "${d.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first\n`;
    ctx.exitCode = 1;
    return false;
  }
  return true;
}

/** Fills the namespace from -n, refusing a manifest whose namespace contradicts an explicit -n. */
function placeNamespace(ctx: Ctx, obj: AnyObject): boolean {
  if (!resourceOf(obj.kind).namespaced) return true;
  obj.metadata ??= {} as AnyObject["metadata"];
  const explicit = ctx.parsed.set.has("namespace");
  if (obj.metadata.namespace && explicit && obj.metadata.namespace !== ctx.namespace) {
    ctx.fail(`the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.`);
    return false;
  }
  obj.metadata.namespace ??= ctx.namespace;
  return true;
}

/** `kubectl create|apply|delete -f`: every object in the sources, in order. */
export function applyManifests(ctx: Ctx, files: string[], mode: "create" | "apply" | "delete" | "replace"): void {
  const docs = loadManifests(ctx, files);
  if (!docs) return;
  const dry = mode === "delete" ? "none" : dryRunOf(ctx);
  if (!dry) return;
  const out = parseOutput(mode === "delete" ? "" : (ctx.parsed.flags.get("output") as string) ?? "");
  if (!out.ok) return ctx.fail(out.error);
  const printed: AnyObject[] = [];
  for (const d of docs) {
    if (!mapping(ctx, d)) continue;
    // The API server's JSON decoding comes first: wrong types are a 400, nulls become zero values.
    const decoded = mode === "delete" ? { ok: true as const, value: d.obj } : decodeObject(d.obj);
    if (!decoded.ok) {
      ctx.stderr += formatApiError(decoded.error, (m) => `error when creating "${d.source}": ${m}`) + "\n";
      ctx.exitCode = 1;
      continue;
    }
    d.obj = decoded.value;
    const obj = clone(d.obj);
    if (!placeNamespace(ctx, obj)) return;
    const label = `${qualifiedSingular(resourceOf(obj.kind))}/${obj.metadata.name}`;
    const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
    if (mode === "delete") {
      deleteAndWait(ctx, obj.kind, obj.metadata.namespace, obj.metadata.name, {});
      continue;
    }
    if (mode === "replace") {
      // PUT: the object as written replaces the stored one (fields left out are gone).
      const live = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
      if (!live) {
        ctx.stderr += formatApiError(notFoundError(obj), (m) => `error when replacing "${d.source}": ${m}`) + "\n";
        ctx.exitCode = 1;
        continue;
      }
      if (dry === "client") {
        report(ctx, out.value, label, "replaced" + suffix, obj, printed);
        continue;
      }
      const next = { ...obj, status: (live as { status?: unknown }).status } as AnyObject;
      const r = dry === "server" ? { ok: true as const, value: next } : ctx.api.update(next);
      if (!r.ok) {
        ctx.stderr += (r.error.reason === "Invalid" ? formatApiError(r.error) : formatApiError(r.error, (m) => `error when replacing "${d.source}": ${m}`)) + "\n";
        ctx.exitCode = 1;
        continue;
      }
      report(ctx, out.value, label, "replaced" + suffix, r.value, printed);
      continue;
    }
    if (mode === "create") {
      if (ctx.parsed.flags.get("save-config") === true) setLastApplied(obj, d.obj);
      createOne(ctx, d.source, obj, dry, (o) => report(ctx, out.value, label, "created" + suffix, o, printed));
      continue;
    }
    // apply: create with the last-applied annotation, or a three-way merge into the live object.
    const live = ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const applied = clone(d.obj);
    applied.metadata.namespace ??= obj.metadata.namespace;
    // kubectl's "modified" configuration always carries an annotations map (it strips only the
    // last-applied key), so annotations the server or controllers added are kept.
    applied.metadata.annotations ??= {};
    if (!live) {
      setLastApplied(obj, applied);
      createOne(ctx, d.source, obj, dry, (o) => report(ctx, out.value, label, "created" + suffix, o, printed));
      continue;
    }
    const lastText = live.metadata.annotations?.[LAST_APPLIED];
    if (!lastText) {
      ctx.stderr += `Warning: resource ${resourceOf(obj.kind).plural}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
    }
    const last = lastText ? (JSON.parse(lastText) as Record<string, unknown>) : {};
    const merged = threeWayMerge(live as unknown as Record<string, unknown>, last, withoutStatus(applied)) as unknown as AnyObject;
    setLastApplied(merged, applied);
    if (dry !== "none") {
      report(ctx, out.value, label, "configured" + suffix, merged, printed);
      continue;
    }
    const r = ctx.api.update(merged);
    if (!r.ok) {
      if (r.error.reason === "Invalid") ctx.stderr += formatApiError(r.error) + "\n";
      else ctx.stderr += formatApiError(r.error, (m) => `error when applying patch:\n${JSON.stringify(applied)}\nto:\nResource: "${resourceOf(obj.kind).group ? `${resourceOf(obj.kind).group}/` : "/"}${resourceOf(obj.kind).version}, Resource=${resourceOf(obj.kind).plural}", GroupVersionKind: "${apiVersionOf(resourceOf(obj.kind))}, Kind=${obj.kind}"\nName: "${obj.metadata.name}", Namespace: "${obj.metadata.namespace}"\nfor: "${d.source}": ${m}`) + "\n";
      ctx.exitCode = 1;
      continue;
    }
    // The API server hands back the stored object untouched when the merge changed nothing.
    report(ctx, out.value, label, r.value === live ? "unchanged" : "configured", r.value, printed);
  }
  if (out.value.kind !== "table" && printed.length > 0) printStructured(ctx, out.value, printed, printed.length === 1);
}

function notFoundError(obj: AnyObject): ApiError {
  const r = resourceOf(obj.kind);
  return { reason: "NotFound", code: 404, message: `${r.group ? `${r.plural}.${r.group}` : r.plural} "${obj.metadata.name}" not found` };
}

/** Sends one manifest's object (or only reports it for --dry-run=client), with kubectl's error wording. */
function createOne(ctx: Ctx, source: string, obj: AnyObject, dry: "none" | "client" | "server", done: (o: AnyObject) => void): void {
  if (dry === "client") return done(obj);
  const r = ctx.api.create(obj, { dryRun: dry === "server" });
  if (r.ok) return done(r.value);
  if (r.error.reason === "Invalid") ctx.stderr += formatApiError(r.error) + "\n";
  else ctx.stderr += formatApiError(r.error, (m) => `error when creating "${source}": ${m}`) + "\n";
  ctx.exitCode = 1;
}

function report(ctx: Ctx, fmt: OutputFormat, label: string, verb: string, obj: AnyObject, printed: AnyObject[]): void {
  if (fmt.kind === "table") ctx.line(`${label} ${verb}`);
  else printed.push(obj);
}

function withoutStatus(o: AnyObject): Record<string, unknown> {
  const c = clone(o) as unknown as Record<string, unknown>;
  delete c.status;
  return c;
}

/** Records what was applied, as compact JSON with sorted keys and a trailing newline. */
function setLastApplied(target: AnyObject, applied: AnyObject): void {
  const a = clone(applied) as unknown as Record<string, unknown>;
  const meta = { ...(a.metadata as Record<string, unknown>) };
  const ann = { ...((meta.annotations as Record<string, string>) ?? {}) };
  delete ann[LAST_APPLIED];
  meta.annotations = ann;
  a.metadata = meta;
  target.metadata.annotations = { ...target.metadata.annotations, [LAST_APPLIED]: sortedJson(a) + "\n" };
}

export function sortedJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
    .join(",")}}`;
}

/**
 * Strategic-merge keys of the list fields learners edit: such lists merge element by element
 * (`containers` by name, `ports` by number…) instead of being replaced, so fields the server
 * added to an element (a container's volumeMounts, a port's nodePort) survive a re-apply.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  volumes: "name",
  env: "name",
  volumeMounts: "mountPath",
  ports: "port",
};

export function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  const key = MERGE_KEYS[field];
  if (!key || !items.every((x) => x && typeof x === "object")) return undefined;
  // Container ports are keyed by containerPort, Service ports by port.
  if (field === "ports" && items.some((x) => "containerPort" in (x as object))) return "containerPort";
  return key;
}

/**
 * A three-way merge in the spirit of kubectl's client-side apply: fields in the new manifest
 * win; fields that were in the last applied manifest but are gone from the new one are removed;
 * fields nobody applied (defaults, status, controller-set values) stay. Known lists merge by key.
 */
export function threeWayMerge(live: Record<string, unknown>, last: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = clone(live);
  for (const k of Object.keys(last)) if (!Object.hasOwn(next, k)) delete out[k];
  for (const [k, v] of Object.entries(next)) setOwn(out, k, mergeValue(k, getOwn(out, k), getOwn(last, k), v));
  return out;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function mergeValue(field: string, live: unknown, last: unknown, next: unknown): unknown {
  if (isObj(next) && isObj(live)) return threeWayMerge(live, isObj(last) ? last : {}, next);
  if (Array.isArray(next) && Array.isArray(live)) {
    const key = mergeKeyFor(field, [...next, ...live]);
    if (key) {
      const lastItems = Array.isArray(last) ? (last as Record<string, unknown>[]) : [];
      const keyOf = (x: unknown) => (x as Record<string, unknown>)[key];
      const out: unknown[] = [];
      for (const n of next as Record<string, unknown>[]) {
        const l = (live as Record<string, unknown>[]).find((x) => keyOf(x) === keyOf(n));
        const prev = lastItems.find((x) => keyOf(x) === keyOf(n));
        out.push(l ? threeWayMerge(l, prev ?? {}, n) : clone(n));
      }
      // Elements only the server added stay; elements the user removed from the manifest go.
      for (const l of live as Record<string, unknown>[]) {
        if (out.some((x) => keyOf(x) === keyOf(l))) continue;
        if (!lastItems.some((x) => keyOf(x) === keyOf(l))) out.push(clone(l));
      }
      return out;
    }
  }
  return clone(next);
}
