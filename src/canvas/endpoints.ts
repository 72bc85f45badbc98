/**
 * Which pods back which Service, read from the EndpointSlices (what kube-proxy reads), never
 * recomputed from selectors: the canvas shows what the cluster decided.
 */
import type { EndpointSlice } from "../engine/cluster/types";

/** How one pod sits in one Service's slices. */
export type EndpointState = "ready" | "not-ready" | "terminating";

export interface EndpointRef {
  /** "ns/pod", or "" for an address that is not a pod (the API server behind `kubernetes`). */
  pod: string;
  ip: string;
  state: EndpointState;
}

/** Endpoints by Service key ("ns/name"), in slice order. */
export type EndpointIndex = ReadonlyMap<string, readonly EndpointRef[]>;

const SERVICE_NAME = "kubernetes.io/service-name";

/** Builds the index from every EndpointSlice of a snapshot. */
export function indexEndpoints(slices: readonly EndpointSlice[]): EndpointIndex {
  const out = new Map<string, EndpointRef[]>();
  for (const slice of slices) {
    const svc = slice.metadata.labels?.[SERVICE_NAME];
    if (!svc) continue;
    const key = `${slice.metadata.namespace ?? ""}/${svc}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    for (const ep of slice.endpoints) {
      const state: EndpointState = ep.conditions.terminating ? "terminating" : ep.conditions.ready ? "ready" : "not-ready";
      const pod = ep.targetRef?.kind === "Pod" ? `${ep.targetRef.namespace}/${ep.targetRef.name}` : "";
      list.push({ pod, ip: ep.addresses[0] ?? "", state });
    }
  }
  return out;
}
