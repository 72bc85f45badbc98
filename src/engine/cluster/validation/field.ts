/**
 * Field errors as apimachinery's `k8s.io/apimachinery/pkg/util/validation/field` renders them in
 * Kubernetes v1.33 (`errors.go` `Error()` / `ErrorBody()`, `path.go`), and the text kubectl prints
 * for a 422 Invalid (`kubectl/pkg/cmd/util/helpers.go` `checkErr`).
 *
 * Value rendering is the v1.33 one (≤ v1.33): ints, floats and bools bare, strings Go-quoted
 * (`strconv.Quote`), everything else with Go's `%#v` (`[]string{"a", "b"}`,
 * `map[string]string{"a":"b"}`, `v1.LabelSelector{…}`). v1.34 switched the fallback to JSON; we do
 * not. Because a JS value cannot say which Go type it was, non-scalar values that need a Go type
 * name are passed as a {@link GoValue} built with the `go*` helpers below.
 */

import type { IntOrString, LabelSelector, LabelSelectorRequirement } from "../types";

// ---------------------------------------------------------------- paths

/** `field.Path`: `spec.ports[0].port`, map keys as `[key]`; `FieldPath.nil` prints `<nil>`. */
export class FieldPath {
  private constructor(private readonly text: string | null) {}

  /** The nil `*field.Path`: it stringifies to `<nil>` (used by `labels.Parse`). */
  static readonly nil = new FieldPath(null);

  static of(name: string, ...more: string[]): FieldPath {
    return new FieldPath([name, ...more].join("."));
  }

  /** `Child`: on the nil path this starts a new root (as in Go). */
  child(name: string, ...more: string[]): FieldPath {
    const tail = [name, ...more].join(".");
    return new FieldPath(this.text === null || this.text === "" ? tail : `${this.text}.${tail}`);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text ?? ""}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text ?? ""}[${k}]`);
  }

  toString(): string {
    return this.text === null ? "<nil>" : this.text;
  }
}

// ---------------------------------------------------------------- errors

export type FieldErrorType =
  | "Invalid"
  | "Required"
  | "Duplicate"
  | "Unsupported"
  | "Forbidden"
  | "TooLong"
  | "NotFound"
  | "TooMany"
  | "Internal";

export interface FieldError {
  type: FieldErrorType;
  /** The rendered path, e.g. `spec.ports[0].port` (or `<nil>`). */
  field: string;
  /** The bad value (ignored for Required, Forbidden, TooLong, Internal). */
  value?: unknown;
  detail?: string;
}

type PathLike = FieldPath | string;
const p = (path: PathLike): string => (typeof path === "string" ? path : path.toString());

export function invalid(path: PathLike, value: unknown, detail: string): FieldError {
  return { type: "Invalid", field: p(path), value, detail };
}

export function required(path: PathLike, detail = ""): FieldError {
  return { type: "Required", field: p(path), value: "", detail };
}

export function duplicate(path: PathLike, value: unknown): FieldError {
  return { type: "Duplicate", field: p(path), value };
}

export function notFound(path: PathLike, value: unknown): FieldError {
  return { type: "NotFound", field: p(path), value };
}

export function forbidden(path: PathLike, detail: string): FieldError {
  return { type: "Forbidden", field: p(path), value: "", detail };
}

/** `field.NotSupported`: `supported values: "a", "b"` in the order given (callers sort when Go does). */
export function notSupported(path: PathLike, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? "supported values: " + validValues.map(goQuote).join(", ") : "";
  return { type: "Unsupported", field: p(path), value, detail };
}

/** `field.TooLong` (v1.33 wording `may not be more than N bytes`). */
export function tooLong(path: PathLike, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? "byte" : "bytes"}` : "value is too long";
  return { type: "TooLong", field: p(path), value: "<value omitted>", detail };
}

export function internalError(path: PathLike, message: string): FieldError {
  return { type: "Internal", field: p(path), detail: message };
}

const TYPE_STRING: Record<FieldErrorType, string> = {
  Invalid: "Invalid value",
  Required: "Required value",
  Duplicate: "Duplicate value",
  Unsupported: "Unsupported value",
  Forbidden: "Forbidden",
  TooLong: "Too long",
  NotFound: "Not found",
  TooMany: "Too many",
  Internal: "Internal error",
};

/** `(*field.Error).ErrorBody()` — the message without the field path (a StatusCause's message). */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case "Required":
    case "Forbidden":
    case "TooLong":
    case "Internal":
      s = TYPE_STRING[e.type];
      break;
    default:
      s = `${TYPE_STRING[e.type]}: ${renderGoValue(e.value)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `(*field.Error).Error()`: `<field>: <body>`. */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * `utilerrors.Aggregate.Error()` over `field.ErrorList.ToAggregate()`: duplicates removed, one
 * error prints bare, several print as `[a, b]`. Used in the API server's own Status message
 * (`Deployment.apps "x" is invalid: [a, b]`) and in `labels.Parse` errors.
 */
export function aggregateMessage(messages: readonly string[]): string {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const m of messages) {
    if (!seen.has(m)) {
      seen.add(m);
      unique.push(m);
    }
  }
  if (unique.length === 1) return unique[0];
  return `[${unique.join(", ")}]`;
}

/** The API server's Status.message for a 422: `<Kind[.group]> "<name>" is invalid: <aggregate>`. */
export function invalidStatusMessage(qualifiedKind: string, name: string, errors: readonly FieldError[]): string {
  return `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregateMessage(errors.map(renderFieldError))}`;
}

/** Status causes in the shape `errors.ts` uses: the path plus the whole rendered error. */
export function fieldErrorsToCauses(errors: readonly FieldError[]): { field: string; text: string }[] {
  return errors.map((e) => ({ field: e.field, text: renderFieldError(e) }));
}

/**
 * What kubectl prints for a 422 Invalid (`checkErr` → `MultilineError`), without the final newline:
 * one cause → `The Service "x" is invalid: <field>: <msg>`; several → first line
 * `The Service "x" is invalid: ` (trailing space kept) then `* <field>: <msg>` per distinct cause.
 * `kind` is the bare Kind (`Deployment`, never `Deployment.apps`). With no causes kubectl prints
 * just `The Service "x" is invalid`.
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const head = `The ${kind} ${goQuote(name)} is invalid`;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of errors) {
    const msg = renderFieldError(e);
    if (!seen.has(msg)) {
      seen.add(msg);
      lines.push(msg);
    }
  }
  if (lines.length === 0) return head;
  if (lines.length === 1) return `${head}: ${lines[0]}`;
  return [`${head}: `, ...lines.map((l) => `* ${l}`)].join("\n");
}

// ---------------------------------------------------------------- Go value rendering

/** A value already rendered the way Go's `%#v` prints it (see the `go*` helpers). */
export class GoValue {
  constructor(readonly repr: string) {}
  toString(): string {
    return this.repr;
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `strconv.Quote` (`%q`): `unicode.IsPrint` runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate cannot come out of Go's JSON decoder: it becomes U+FFFD.
      out += "\ufffd";
    } else if (cp === 0x20 || PRINTABLE.test(ch)) {
      out += ch;
    } else if (cp < 0x20 || cp === 0x7f) {
      out += "\\x" + cp.toString(16).padStart(2, "0");
    } else if (cp < 0x10000) {
      out += "\\u" + cp.toString(16).padStart(4, "0");
    } else {
      out += "\\U" + cp.toString(16).padStart(8, "0");
    }
  }
  return out + '"';
}

/** Go `%v` of an int or float64. */
function goNumber(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) {
    if (n === Infinity) return "+Inf";
    if (n === -Infinity) return "-Inf";
    if (Number.isNaN(n)) return "NaN";
    if (Math.abs(n) < 1e21) return String(n);
  }
  // %v of float64 is %g with the shortest representation; exponents have at least two digits.
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** `%#v` of `[]string` (undefined/null → `[]string(nil)`). */
export function goStringSlice(values: readonly string[] | undefined | null): GoValue {
  if (values == null) return new GoValue("[]string(nil)");
  return new GoValue(`[]string{${values.map(goQuote).join(", ")}}`);
}

/** `%#v` of a named string slice type, e.g. `[]core.IPFamily{"IPv4"}`. */
export function goNamedStringSlice(typeName: string, values: readonly string[] | undefined | null): GoValue {
  if (values == null) return new GoValue(`[]${typeName}(nil)`);
  return new GoValue(`[]${typeName}{${values.map(goQuote).join(", ")}}`);
}

/** Go sorts map keys (by byte order) when printing. */
export function goStringCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return fixup(ca) - fixup(cb);
  }
  return a.length - b.length;
}

/** Map UTF-16 code units so that comparing them orders strings by code point (= UTF-8 bytes). */
function fixup(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
  if (c >= 0xe000) return c - 0x800;
  return c;
}

/** `%#v` of `map[string]string` (sorted keys; undefined/null → `map[string]string(nil)`). */
export function goStringMap(map: Readonly<Record<string, string>> | undefined | null): GoValue {
  if (map == null) return new GoValue("map[string]string(nil)");
  const keys = Object.keys(map).sort(goStringCompare);
  return new GoValue(`map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(map[k])}`).join(", ")}}`);
}

function goLabelSelectorRequirement(r: LabelSelectorRequirement): string {
  return `v1.LabelSelectorRequirement{Key:${goQuote(r.key)}, Operator:${goQuote(r.operator)}, Values:${goStringSlice(r.values).repr}}`;
}

/** `%#v` of a `metav1.LabelSelector` (what a `*LabelSelector` bad value prints as in v1.33). */
export function goLabelSelector(ls: LabelSelector): GoValue {
  const exprs =
    ls.matchExpressions == null
      ? "[]v1.LabelSelectorRequirement(nil)"
      : `[]v1.LabelSelectorRequirement{${ls.matchExpressions.map(goLabelSelectorRequirement).join(", ")}}`;
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(ls.matchLabels).repr}, MatchExpressions:${exprs}}`);
}

/** `%#v` of `intstr.IntOrString` (it has no value-receiver String(), so the struct prints). */
export function goIntOrString(v: IntOrString): GoValue {
  if (typeof v === "number") return new GoValue(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`);
  return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
}

/**
 * `%#v` of the internal `core.ServicePort` key used by the duplicate (port, protocol) check:
 * only Protocol and Port set. The field list is that of the internal type (UNVERIFIED in the
 * reference, §10: taken from `pkg/apis/core/types.go`).
 */
export function goServicePortKey(protocol: string, port: number): GoValue {
  return new GoValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
      `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

/**
 * Render a bad value as v1.33's `ErrorBody` does: nil → `"null"` (it substitutes the string
 * "null", which then prints quoted), numbers/bools bare, strings quoted, {@link GoValue} as given.
 * Plain string arrays and string maps are taken as `[]string` / `map[string]string`.
 */
export function renderGoValue(v: unknown): string {
  if (v === undefined || v === null) return goQuote("null");
  if (v instanceof GoValue) return v.repr;
  switch (typeof v) {
    case "number":
      return goNumber(v);
    case "bigint":
      return v.toString();
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return goQuote(v);
  }
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return goStringSlice(v as string[]).repr;
  if (typeof v === "object" && Object.values(v as object).every((x) => typeof x === "string")) {
    return goStringMap(v as Record<string, string>).repr;
  }
  return JSON.stringify(v) ?? String(v);
}
