/**
 * Cell formats shared by the kinds' `kubectl get` tables (`pkg/printers/internalversion/printers.go`).
 */
import type { LabelSelector } from "./meta";
import { humanDuration } from "../util/duration";

/** The AGE column: `translateTimestampSince`. */
export function age(created: string | undefined, now: number): string {
  if (!created) return "<unknown>";
  return humanDuration(now - Date.parse(created));
}

/** `metav1.FormatLabelSelector`. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return "<none>";
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels![k]}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === "In") parts.push(`${e.key} in (${(e.values ?? []).join(",")})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${(e.values ?? []).join(",")})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(",") : "<none>";
}

/** `labels.FormatLabels`: `k=v,k2=v2` sorted, `<none>` when empty. */
export function formatMap(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

/** The CONTAINERS, IMAGES and SELECTOR cells of a workload's `-o wide` row. */
export function workloadWideCells(template: { spec: { containers: { name: string; image?: string }[] } }, selector: LabelSelector | undefined): string[] {
  const cs = template.spec.containers;
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image).join(","), formatLabelSelector(selector)];
}
