import { selectorFromSet } from "./labels";
import type { Pod, Service, ServicePort } from "./types";
import { isPodReady } from "./podutil";

/** Selector of a Service: nil or empty selects no pods (the controllers skip such services). */
export function serviceSelects(svc: Service, pod: Pod): boolean {
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  if (pod.metadata.namespace !== svc.metadata.namespace) return false;
  return selectorFromSet(sel).matches(pod.metadata.labels);
}

/**
 * The port a Service port reaches on a pod (`podutil.FindPort`): numbers as they are; names
 * looked up among the pod's container ports with the same name and protocol. Undefined when a
 * named port does not resolve (the pod is then left out of that port group).
 */
export function resolveTargetPort(pod: Pod, sp: ServicePort): number | undefined {
  if (typeof sp.targetPort === "number") return sp.targetPort;
  const asNum = /^\d+$/.test(sp.targetPort) ? Number(sp.targetPort) : undefined;
  if (asNum !== undefined) return asNum;
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) if (p.name === sp.targetPort && (p.protocol ?? "TCP") === sp.protocol) return p.containerPort;
  }
  return undefined;
}

/** `ShouldPodBeInEndpoints`: finished pods and pods without an IP never are. */
export function podHasAddress(p: Pod): boolean {
  return !!p.status.podIP && p.status.phase !== "Succeeded" && p.status.phase !== "Failed";
}

export interface EndpointConditions {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** Conditions per endpoint (`podToEndpoint`). */
export function endpointConditions(svc: Service, p: Pod): EndpointConditions {
  const serving = isPodReady(p);
  const terminating = !!p.metadata.deletionTimestamp;
  return { ready: !!svc.spec.publishNotReadyAddresses || (serving && !terminating), serving, terminating };
}

/** Byte-wise string comparison, as Go sorts strings (IPs sort as strings: "10.0.0.10" < "10.0.0.9"). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
