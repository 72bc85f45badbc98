/** The pods and Services the traffic controls offer (narrow selections of the snapshot). */
import { useMemo } from "react";
import type { Pod, Service } from "../../engine/cluster/types";
import { useLab } from "../../store";
import { SYSTEM_NAMESPACE } from "../../store/selectors";

/** `ns/name` of a pod or Service: the value of the pickers' options. */
export const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? "default"}/${o.metadata.name}`;

/** Workload pods that have an IP and are not being deleted: possible clients and backends. */
export function useLivePods(): Pod[] {
  const pods = useLab((s) => s.snapshot.pods);
  return useMemo(
    () => pods.filter((p) => p.metadata.namespace !== SYSTEM_NAMESPACE && p.status.podIP && !p.metadata.deletionTimestamp).sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
    [pods],
  );
}

/** Services outside kube-system, by namespace and name; those with a selector (workloads) first. */
export function useServices(): Service[] {
  const services = useLab((s) => s.snapshot.services);
  return useMemo(() => {
    const rank = (s: Service) => (s.spec.selector && Object.keys(s.spec.selector).length > 0 ? 0 : 1);
    return services.filter((s) => s.metadata.namespace !== SYSTEM_NAMESPACE).sort((a, b) => rank(a) - rank(b) || keyOf(a).localeCompare(keyOf(b)));
  }, [services]);
}

/** A pod's label, as the pickers show it: the name, with its namespace when not default. */
export function podLabel(p: Pod): string {
  const ns = p.metadata.namespace ?? "default";
  return ns === "default" ? p.metadata.name : `${p.metadata.name} (${ns})`;
}
