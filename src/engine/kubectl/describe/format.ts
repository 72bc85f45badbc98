// describe.go's shared printing helpers: times, multi-line label/annotation/taint/toleration
// blocks, `Controlled By`, `<none>` handling.
import { selectorFromLabelSelector } from "../../cluster/labels";
import { goStringCompare } from "../../cluster/validation/field";
import type { AnyObject, LabelSelector, Labels, Taint, Toleration } from "../../cluster/types";
import { humanDuration } from "../printers";
import { goSort } from "./gosort";
import { LEVEL_0, type PrefixWriter } from "./writer";
import { rfc1123 } from "../../util/time";
import { utf8Length } from "../../util/text";


/**
 * Go's `t.Format(time.RFC1123Z)` for an API timestamp (kubectl runs in UTC here):
 * `Mon, 12 May 2025 09:05:00 +0000`. A missing time is Go's zero time.
 */
export function rfc1123z(ts: string | undefined | null): string {
  if (!ts) return "Mon, 01 Jan 0001 00:00:00 +0000";
  return rfc1123(Date.parse(ts), "+0000");
}

/** `translateTimestampSince`: the age of a timestamp, `<unknown>` when unset. */
export function since(ts: string | undefined | null, now: number): string {
  if (!ts) return "<unknown>";
  return humanDuration(now - Date.parse(ts));
}

export function stringOrNone(s: string | undefined): string {
  return s ? s : "<none>";
}

/** `labels.FormatLabels`: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort(goStringCompare);
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

/** `printController`: `Kind/name` of the controlling owner, or "". */
export function controllerOf(o: AnyObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** `printLabelsMultilineWithIndent`: first label after the title, the rest under it. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Labels | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(goStringCompare);
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;


/** Go's `s[:max]` on bytes, as whole characters. */
function shorten(s: string, max: number): string {
  if (utf8Length(s) <= max) return s;
  let out = "";
  let n = 0;
  for (const ch of s) {
    const l = utf8Length(ch);
    if (n + l > max) break;
    out += ch;
    n += l;
  }
  return out + "...";
}

/**
 * `printAnnotationsMultiline`: `key: value`, one per line; long or multi-line values go below
 * their key, indented two spaces and cut at 138 bytes. The last-applied configuration is skipped.
 */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(goStringCompare);
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const indent = "\t";
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, "");
    if (utf8Length(value) + utf8Length(key) + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n")) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** `Taint.ToString()`. */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** `printNodeTaintsMultiline`: sorted by effect, then key. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const sorted = goSort([...taints], (a, b) => goStringCompare(`${a.effect},${a.key}`, `${b.effect},${b.key}`) < 0);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** `printTolerationsMultilineWithIndent`: sorted by key (Go's unstable sort). */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => goStringCompare(a.key ?? "", b.key ?? "") < 0);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** A loosely-typed read of fields the engine's types do not model (they may come from YAML). */
export function field<T = unknown>(o: unknown, ...path: string[]): T | undefined {
  let v: unknown = o;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v as T | undefined;
}

/** `labels.Selector.String()` of `metav1.LabelSelectorAsSelector`: requirements sorted by key. */
export function selectorString(sel: LabelSelector | undefined): string {
  return selectorFromLabelSelector(sel).toString();
}

/** `metav1.FormatLabelSelector`: the selector's canonical string, `<none>` when empty. */
export function selectorText(sel: LabelSelector | undefined): string {
  const s = selectorString(sel);
  return s === "" ? "<none>" : s;
}
