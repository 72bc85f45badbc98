import type { AnyObject, Kind } from "../../cluster/types";
import type { Ctx } from "../command";

export const ENDPOINTS_WARNING = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

const FIELDS: Record<string, (o: AnyObject) => string | undefined> = {
  "metadata.name": (o) => o.metadata.name,
  "metadata.namespace": (o) => o.metadata.namespace,
  "status.phase": (o) => (o.kind === "Pod" ? o.status.phase : o.kind === "Namespace" ? o.status.phase : undefined),
  "spec.nodeName": (o) => (o.kind === "Pod" ? (o.spec.nodeName ?? "") : undefined),
  "status.podIP": (o) => (o.kind === "Pod" ? (o.status.podIP ?? "") : undefined),
  "spec.type": (o) => (o.kind === "Service" ? o.spec.type : undefined),
  "involvedObject.name": (o) => (o.kind === "Event" ? o.involvedObject.name : undefined),
  "involvedObject.kind": (o) => (o.kind === "Event" ? o.involvedObject.kind : undefined),
  type: (o) => (o.kind === "Event" ? o.type : undefined),
  reason: (o) => (o.kind === "Event" ? o.reason : undefined),
};

/** `--field-selector`: the few fields the API server indexes, with =, == and !=. */
export function filterByFieldSelector(objects: AnyObject[], text: string): { ok: true; value: AnyObject[] } | { ok: false; error: string } {
  if (!text) return { ok: true, value: objects };
  const reqs: { key: string; neg: boolean; value: string }[] = [];
  for (const part of text.split(",")) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    if (!FIELDS[m[1]]) return { ok: false, error: `field label not supported: ${m[1]}` };
    reqs.push({ key: m[1], neg: m[2] === "!=", value: m[3] });
  }
  return { ok: true, value: objects.filter((o) => reqs.every((r) => (FIELDS[r.key](o) === r.value) !== r.neg)) };
}

/**
 * Blocks the way kubectl does by moving virtual time until `done` holds or `limitMs` passes.
 * Returns whether the condition held.
 */
export function waitFor(ctx: Ctx, done: () => boolean, limitMs: number): boolean {
  return ctx.cluster.rt.clock.advanceUntil(done, limitMs);
}

export function exists(ctx: Ctx, kind: Kind, ns: string | undefined, name: string, uid: string): boolean {
  const o = ctx.store.get(kind, ns, name);
  return !!o && o.metadata.uid === uid;
}
