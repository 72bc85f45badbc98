import type { AnyObject, OwnerReference, Pod } from "./types";

/** The controlling owner reference, if any (`metav1.GetControllerOf`). */
export function controllerRef(o: AnyObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

/** Active = counted by controllers: not finished and not being deleted (`controller.IsPodActive`). */
export function isPodActive(p: Pod): boolean {
  return p.status.phase !== "Succeeded" && p.status.phase !== "Failed" && !p.metadata.deletionTimestamp;
}

export function isPodReady(p: Pod): boolean {
  return p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export function podKey(p: Pod): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

/** The STATUS column of `kubectl get pods` (`printPod`'s reason logic). */
export function podStatusReason(p: Pod): string {
  if (p.metadata.deletionTimestamp) return "Terminating";
  let reason: string = p.status.phase;
  for (const cs of p.status.containerStatuses ?? []) {
    if (cs.state.waiting?.reason) reason = cs.state.waiting.reason;
    else if (cs.state.terminated) reason = cs.state.terminated.reason || `ExitCode:${cs.state.terminated.exitCode}`;
  }
  if (p.status.phase === "Pending" && !p.status.containerStatuses && !p.spec.nodeName) reason = "Pending";
  return reason;
}
