import type { Kind } from "./types";

/** One API resource, as `kubectl api-resources` lists it. */
export interface ResourceInfo {
  kind: Kind;
  /** Lower-case plural, the REST resource name: "pods". */
  plural: string;
  singular: string;
  shortNames: string[];
  /** "" for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
}

const all = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** The resources Podflow serves, in `kubectl api-resources` order (core group first, then by group). */
export const RESOURCES: readonly ResourceInfo[] = [
  { kind: "ConfigMap", plural: "configmaps", singular: "configmap", shortNames: ["cm"], group: "", version: "v1", namespaced: true, verbs: all },
  { kind: "Endpoints", plural: "endpoints", singular: "endpoints", shortNames: ["ep"], group: "", version: "v1", namespaced: true, verbs: all },
  { kind: "Event", plural: "events", singular: "event", shortNames: ["ev"], group: "", version: "v1", namespaced: true, verbs: all },
  { kind: "Namespace", plural: "namespaces", singular: "namespace", shortNames: ["ns"], group: "", version: "v1", namespaced: false, verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] },
  { kind: "Node", plural: "nodes", singular: "node", shortNames: ["no"], group: "", version: "v1", namespaced: false, verbs: all },
  { kind: "Pod", plural: "pods", singular: "pod", shortNames: ["po"], group: "", version: "v1", namespaced: true, verbs: all },
  { kind: "Service", plural: "services", singular: "service", shortNames: ["svc"], group: "", version: "v1", namespaced: true, verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] },
  { kind: "DaemonSet", plural: "daemonsets", singular: "daemonset", shortNames: ["ds"], group: "apps", version: "v1", namespaced: true, verbs: all },
  { kind: "Deployment", plural: "deployments", singular: "deployment", shortNames: ["deploy"], group: "apps", version: "v1", namespaced: true, verbs: all },
  { kind: "ReplicaSet", plural: "replicasets", singular: "replicaset", shortNames: ["rs"], group: "apps", version: "v1", namespaced: true, verbs: all },
  { kind: "EndpointSlice", plural: "endpointslices", singular: "endpointslice", shortNames: [], group: "discovery.k8s.io", version: "v1", namespaced: true, verbs: all },
];

const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));

export function resourceOf(kind: Kind): ResourceInfo {
  return byKind.get(kind)!;
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
