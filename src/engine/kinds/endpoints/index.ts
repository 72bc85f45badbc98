/**
 * Endpoints (core/v1), written by the endpoints controller beside the EndpointSlices.
 * Models pkg/registry/core/endpoint/strategy.go and printers.go `printEndpoints`.
 */
import { nameIsDNSSubdomain, validateObjectMeta } from "../../cluster/validation";
import { ALL_VERBS, defineKind } from "../kind";
import { age } from "../printing";
import { objectMeta } from "../schema";

/** `formatEndpoints`: ready addresses × ports, at most 3, `<none>` only without subsets. */
export function formatEndpoints(subsets: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined): string {
  if (!subsets || subsets.length === 0) return "<none>";
  const items: string[] = [];
  for (const s of subsets) {
    if (!s.ports || s.ports.length === 0) {
      for (const a of s.addresses ?? []) items.push(a.ip);
      continue;
    }
    // printers.go formatEndpoints: ports are the outer loop, addresses the inner one.
    for (const p of s.ports) for (const a of s.addresses ?? []) items.push(`${a.ip}:${p.port}`);
  }
  if (items.length > 3) return `${items.slice(0, 3).join(",")} + ${items.length - 3} more...`;
  return items.join(",");
}

export const endpoints = defineKind({
  resource: { kind: "Endpoints", plural: "endpoints", singular: "endpoints", shortNames: ["ep"], group: "", version: "v1", namespaced: true, verbs: ALL_VERBS },
  schema: { go: "Endpoints", fields: { metadata: objectMeta } },
  validate: (o) => validateObjectMeta(o.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain }),
  table: {
    headers: ["NAME", "ENDPOINTS", "AGE"],
    wideHeaders: [],
    row: (o, now) => [o.metadata.name, formatEndpoints(o.subsets), age(o.metadata.creationTimestamp, now)],
  },
});
