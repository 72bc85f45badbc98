/**
 * What the API server's JSON decoder does before anything else: an object whose fields have the
 * wrong JSON type is refused with Go's `encoding/json` message (`json: cannot unmarshal string
 * into Go struct field PodSpec.spec.containers of type []v1.Container`), and JSON `null` becomes
 * the zero value. Only the fields Podflow models are described; others pass untouched.
 *
 * Without this, a manifest such as `spec:` with nothing under it, or `containers: x`, would reach
 * defaulting and validation in a shape they cannot read.
 */
import type { AnyObject } from "./types";
import { badRequest, type ApiError } from "./errors";
import { kindDef } from "../kinds/registry";
import type { SchemaType as T } from "../kinds/schema";
import { setOwn } from "../util/clone";

function jsonType(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

function goName(t: T): string {
  switch (t.k) {
    case "map":
    case "list":
    case "struct":
      return t.go;
    case "intOrString":
      return "intstr.IntOrString";
    default:
      return t.k;
  }
}

class DecodeError {
  constructor(
    readonly found: string,
    readonly owner: string,
    readonly path: string,
    readonly type: T,
  ) {}
}

/** Zero value of a type (what Go decodes `null` into). */
function zero(t: T): unknown {
  return t.k === "string" ? "" : t.k === "bool" ? false : t.k === "int32" || t.k === "int64" ? 0 : undefined;
}

/** Checks `v` against `t`; returns the value with nulls in lists/maps as Go leaves them. */
function check(v: unknown, t: T, owner: string, path: string): unknown {
  if (v === null || v === undefined) return undefined; // null: the zero value (fields left unset)
  const bad = () => new DecodeError(jsonType(v), owner, path, t);
  switch (t.k) {
    case "any":
      return v;
    case "string":
      if (typeof v !== "string") throw bad();
      return v;
    case "bool":
      if (typeof v !== "boolean") throw bad();
      return v;
    case "int32":
    case "int64":
      if (typeof v !== "number") throw bad();
      if (!Number.isInteger(v)) throw new DecodeError(`number ${v}`, owner, path, t);
      return v;
    case "intOrString":
      if (typeof v !== "string" && typeof v !== "number") throw bad();
      return v;
    case "map": {
      if (jsonType(v) !== "object") throw bad();
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) setOwn(out, k, x === null ? zero(t.of) : check(x, t.of, owner, path));
      return out;
    }
    case "list": {
      if (!Array.isArray(v)) throw bad();
      return v.map((x) => (x === null ? (t.of.k === "struct" ? {} : zero(t.of)) : check(x, t.of, owner, path)));
    }
    case "struct": {
      if (jsonType(v) !== "object") throw bad();
      const fields = t.fields();
      const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      const goStruct = t.go.replace(/^v1\./, "");
      for (const [name, ft] of Object.entries(fields)) {
        if (out[name] === undefined || out[name] === null) {
          // Value structs exist even when the request leaves them out (Go's zero value).
          if (ft.k === "struct" && !ft.ptr) out[name] = check({}, ft, goStruct, path ? `${path}.${name}` : name);
          else delete out[name];
          continue;
        }
        const checked = check(out[name], ft, goStruct, path ? `${path}.${name}` : name);
        if (checked === undefined) delete out[name];
        else out[name] = checked;
      }
      return out;
    }
  }
}

/**
 * Decodes a request body as the API server would; `{ ok: false }` carries the 400 kubectl prints:
 * `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal …`.
 */
export function decodeObject<O extends AnyObject>(obj: O): { ok: true; value: O } | { ok: false; error: ApiError } {
  const spec = kindDef(obj.kind)?.schema;
  if (!spec) return { ok: true, value: obj };
  try {
    const out = { ...(obj as unknown as Record<string, unknown>) };
    for (const [name, t] of Object.entries(spec.fields)) {
      if (out[name] === undefined || out[name] === null) {
        if (t.k === "struct" && !t.ptr) out[name] = check({}, t, spec.go, name);
        else delete out[name];
        continue;
      }
      const checked = check(out[name], t, spec.go, name);
      if (checked === undefined) delete out[name];
      else out[name] = checked;
    }
    return { ok: true, value: out as unknown as O };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    const version = (obj.apiVersion ?? "v1").split("/").pop();
    const what = e.found.startsWith("number ") ? e.found : e.found;
    return {
      ok: false,
      error: badRequest(`${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: json: cannot unmarshal ${what} into Go struct field ${e.owner}.${e.path} of type ${goName(e.type)}`),
    };
  }
}
