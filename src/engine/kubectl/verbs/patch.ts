import { parse as parseYaml } from "yaml";
import { qualifiedSingular, resourceOf } from "../../cluster/resources";
import type { AnyObject } from "../../cluster/types";
import { clone, deepEqual, getOwn, setOwn } from "../../util/clone";
import type { Command, Ctx } from "../command";
import { str } from "../flags";
import { resolveResourceArgs } from "../resolve";
import { parseOutput, printStructured } from "../output";
import { mergeKeyFor } from "./manifests";
import { decodeObject } from "../../cluster/decode";
import { RESOURCE_HINT } from "./shared";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** RFC 7386 JSON merge patch: objects merge, `null` deletes, everything else (lists too) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatch((getOwn(out, k) ?? null) as Json, v));
  }
  return out;
}

/**
 * Strategic merge patch as the API server applies it to built-in types: like a merge patch, but
 * lists with a merge key (`containers` by name, `ports` by port…) merge element by element, and
 * an element carrying `$patch: delete` is removed.
 */
export function strategicPatch(target: Json, patch: Json, field = ""): Json {
  if (Array.isArray(patch) && Array.isArray(target)) {
    const key = mergeKeyFor(field, [...patch, ...target]);
    if (!key) return clone(patch).filter((x) => !(isObj(x) && x.$patch === "delete"));
    const out = target.map((x) => clone(x));
    for (const p of patch) {
      if (!isObj(p)) continue;
      const i = out.findIndex((x) => isObj(x) && x[key] === p[key]);
      if (p.$patch === "delete") {
        if (i >= 0) out.splice(i, 1);
        continue;
      }
      if (i >= 0) out[i] = strategicPatch(out[i], p, field);
      else out.push(clone(p));
    }
    return out;
  }
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, strategicPatch((getOwn(out, k) ?? null) as Json, v, k));
  }
  return out;
}

/** RFC 6902 JSON patch. Returns the patched document or kubectl's error text. */
export function jsonPatch(doc: Json, ops: Json): { ok: true; value: Json } | { ok: false; error: string } {
  if (!Array.isArray(ops)) return { ok: false, error: "json: cannot unmarshal object into Go value of type jsonpatch.Patch" };
  let cur = clone(doc);
  const pointer = (path: string) =>
    path
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const parentOf = (root: Json, parts: string[]): Json | undefined => {
    let node: Json | undefined = root;
    for (const part of parts.slice(0, -1)) {
      if (Array.isArray(node)) node = node[Number(part)];
      else if (isObj(node)) node = node[part];
      else return undefined;
    }
    return node;
  };
  for (const op of ops) {
    if (!isObj(op) || typeof op.op !== "string" || typeof op.path !== "string") return { ok: false, error: "Unexpected kind: missing op or path" };
    if (op.path !== "" && !op.path.startsWith("/")) return { ok: false, error: `${op.op} operation does not apply: doc is missing path: "${op.path}": missing value` };
    const parts = pointer(op.path);
    const last = parts[parts.length - 1];
    const parent = parentOf(cur, parts);
    const missing = { ok: false as const, error: `replace operation does not apply: doc is missing path: ${op.path}: missing value` };
    switch (op.op) {
      case "add":
      case "replace": {
        if (parts.length === 0) {
          cur = clone(op.value ?? null);
          break;
        }
        if (Array.isArray(parent)) {
          const i = last === "-" ? parent.length : Number(last);
          if (!(i >= 0 && i <= parent.length)) return { ok: false, error: `${op.op} operation does not apply: doc is missing path: ${op.path}: missing value` };
          if (op.op === "add") parent.splice(i, 0, clone(op.value ?? null));
          else if (i < parent.length) parent[i] = clone(op.value ?? null);
          else return missing;
        } else if (isObj(parent)) {
          if (op.op === "replace" && !(last in parent)) return missing;
          parent[last] = clone(op.value ?? null);
        } else return { ok: false, error: `${op.op} operation does not apply: doc is missing path: ${op.path}: missing value` };
        break;
      }
      case "remove": {
        if (Array.isArray(parent) && Number(last) < parent.length) parent.splice(Number(last), 1);
        else if (isObj(parent) && last in parent) delete parent[last];
        else return { ok: false, error: `remove operation does not apply: doc is missing path: ${op.path}: missing value` };
        break;
      }
      case "test": {
        const v = Array.isArray(parent) ? parent[Number(last)] : isObj(parent) ? parent[last] : undefined;
        if (!deepEqual(v, op.value)) return { ok: false, error: `testing value ${op.path} failed: test failed` };
        break;
      }
      default:
        return { ok: false, error: `Unexpected kind: ${op.op}` };
    }
  }
  return { ok: true, value: cur };
}

const PATCH_TYPES = ["json", "merge", "strategic"];

/** `kubectl patch` (`cmd/patch/patch.go`): fetch, patch on the server's side, update. */
export const patch: Command = {
  name: "patch",
  group: "Advanced Commands:",
  short: "Update fields of a resource",
  long: "",
  examples: "",
  usage: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
  flags: [
    { name: "patch", short: "p", type: "string", default: "" },
    { name: "patch-file", type: "string", default: "" },
    { name: "type", type: "string", default: "strategic" },
    { name: "output", short: "o", type: "string", default: "" },
    { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" },
    { name: "filename", short: "f", type: "stringSlice", default: [] },
    { name: "local", type: "bool", default: false },
    { name: "subresource", type: "string", default: "" },
    { name: "field-manager", type: "string", default: "kubectl-patch" },
    { name: "allow-missing-template-keys", type: "bool", default: true },
    { name: "show-managed-fields", type: "bool", default: false },
    { name: "template", type: "string", default: "" },
    { name: "kustomize", short: "k", type: "string", default: "" },
    { name: "recursive", short: "R", type: "bool", default: false },
  ],
  flagHelp: {},
  run(ctx) {
    const p = ctx.parsed;
    let text = str(p, "patch");
    const file = str(p, "patch-file");
    if (text && file) return ctx.fail("cannot specify --patch and --patch-file together");
    if (!text && !file) return ctx.fail("must specify --patch or --patch-file containing the contents of the patch");
    const type = str(p, "type");
    if (!PATCH_TYPES.includes(type.toLowerCase())) return ctx.fail(`--type must be one of [json merge strategic], not "${type}"`);
    if (file) {
      const content = ctx.cluster.files.read(file);
      if (content === undefined) return ctx.fail(`unable to read patch file: open ${file}: no such file or directory`);
      text = content;
    }
    let body: Json;
    try {
      body = parseYaml(text) as Json;
    } catch (e) {
      return ctx.fail(`unable to parse "${text}": yaml: ${e instanceof Error ? e.message.split("\n")[0].replace(/ at line.*$/, "") : "invalid"}`);
    }
    const out = parseOutput(str(p, "output"));
    if (!out.ok) return ctx.fail(out.error);
    const dry = str(p, "dry-run");
    if (p.args.length === 0) return ctx.fail(RESOURCE_HINT);
    const resolved = resolveResourceArgs(p.args);
    if (!resolved.ok) return ctx.fail(resolved.error);
    for (const req of resolved.requests) {
      if (req.names.length === 0) return ctx.fail("resource(s) were provided, but no name was specified");
      for (const name of req.names) patchOne(ctx, req.resource.kind, name, type.toLowerCase(), body, dry, out.value);
    }
  },
};

function patchOne(ctx: Ctx, kind: AnyObject["kind"], name: string, type: string, body: Json, dry: string, fmt: Parameters<typeof printStructured>[1]): void {
  const got = ctx.api.get(kind, ctx.namespace, name);
  if (!got.ok) {
    ctx.apiError(got.error);
    return;
  }
  const live = got.value as unknown as Json;
  let next: Json;
  if (type === "json") {
    const r = jsonPatch(live, body);
    if (!r.ok) {
      ctx.stderr += `The request is invalid: ${r.error}\n`;
      ctx.exitCode = 1;
      return;
    }
    next = r.value;
  } else {
    if (!isObj(body)) {
      ctx.stderr += `Error from server (BadRequest): json: cannot unmarshal ${Array.isArray(body) ? "array" : typeof body} into Go value of type map[string]interface {}\n`;
      ctx.exitCode = 1;
      return;
    }
    next = type === "merge" ? mergePatch(live, body) : strategicPatch(live, body);
  }
  const label = `${qualifiedSingular(resourceOf(kind))}/${name}`;
  const suffix = dry === "client" ? " (dry run)" : dry === "server" ? " (server dry run)" : "";
  if (deepEqual(next, live)) {
    if (fmt.kind !== "table") printStructured(ctx, fmt, [got.value], true);
    else ctx.line(`${label} patched (no change)${suffix}`);
    return;
  }
  // The patched document is decoded like any request body, and may not change what it is.
  if (!isObj(next) || next.kind !== got.value.kind || !isObj(next.metadata) || next.metadata.name !== name) {
    ctx.stderr += `Error from server (BadRequest): the patch changed the object's kind or name, or removed its metadata\n`;
    ctx.exitCode = 1;
    return;
  }
  const decoded = decodeObject(next as unknown as AnyObject);
  if (!decoded.ok) {
    ctx.apiError(decoded.error);
    return;
  }
  let result = decoded.value;
  if (dry === "none") {
    const r = ctx.api.update(result);
    if (!r.ok) {
      ctx.apiError(r.error);
      return;
    }
    result = r.value;
  }
  if (fmt.kind !== "table") printStructured(ctx, fmt, [result], true);
  else ctx.line(`${label} patched${suffix}`);
}
