import { KINDS, kindDef } from "../kinds/registry";
import type { ResourceInfo } from "../kinds/kind";
import type { Kind } from "./types";

export type { ResourceInfo } from "../kinds/kind";

/** The resources Podflow serves, in `kubectl api-resources` order (from the kind registry). */
export const RESOURCES: readonly ResourceInfo[] = KINDS.map((k) => k.resource);

export function resourceOf(kind: Kind): ResourceInfo {
  return kindDef(kind).resource;
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** "pods", "deployments.apps": how kubectl names a resource in errors and `-o name`. */
export function qualifiedPlural(r: ResourceInfo): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** "pod", "deployment.apps": the prefix of `kubectl get -o name` and create/delete messages. */
export function qualifiedSingular(r: ResourceInfo): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/**
 * Resolves what a learner types as a resource: plural, singular, short name, Kind, or any of those
 * with a group suffix (`deployments.apps`, `deploy.apps`). Case-insensitive like kubectl.
 */
export function lookupResource(text: string): ResourceInfo | undefined {
  const t = text.toLowerCase();
  const dot = t.indexOf(".");
  const name = dot < 0 ? t : t.slice(0, dot);
  const group = dot < 0 ? undefined : t.slice(dot + 1);
  for (const r of RESOURCES) {
    if (group !== undefined && group !== r.group && group !== `${r.version}.${r.group}`) continue;
    if (r.plural === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name)) return r;
  }
  return undefined;
}
