/**
 * Pure derivations from engine objects to what the lists show. No React here, so each one can be
 * unit-tested and memoised by the components that use it.
 */
import type { ClusterSnapshot } from "../engine/api";
import type { EndpointSlice, Endpoints, Labels, Node, Pod, Service } from "../engine/cluster/types";

export const SYSTEM_NAMESPACE = "kube-system";
const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

export function nodeRole(node: Node): "control-plane" | "worker" {
  return node.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined ? "control-plane" : "worker";
}

export function internalIP(node: Node): string {
  return node.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "";
}

/** "Ready", "NotReady" or "Unknown", plus ",SchedulingDisabled" when cordoned, like kubectl. */
export function nodeStatus(node: Node): string {
  const ready = node.status.conditions.find((c) => c.type === "Ready");
  const base = ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown";
  return node.spec.unschedulable ? `${base},SchedulingDisabled` : base;
}

/** The Calico blocks affine to a node, falling back to the node's podCIDR. */
export function nodePodBlocks(snapshot: Pick<ClusterSnapshot, "ranges">, node: Node): string[] {
  const blocks = snapshot.ranges.podBlocks.filter((b) => b.node === node.metadata.name).map((b) => b.cidr);
  if (blocks.length > 0) return blocks;
  return node.spec.podCIDRs ?? (node.spec.podCIDR ? [node.spec.podCIDR] : []);
}

/** kubectl's READY column: ready containers / containers. */
export function podReady(pod: Pod): string {
  const statuses = pod.status.containerStatuses ?? [];
  const ready = statuses.filter((s) => s.ready).length;
  return `${ready}/${pod.spec.containers.length}`;
}

/** kubectl's STATUS column (simplified): Terminating, a waiting reason, or the phase. */
export function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return "Terminating";
  for (const s of pod.status.containerStatuses ?? []) {
    if (s.state.waiting?.reason) return s.state.waiting.reason;
    if (s.state.terminated?.reason) return s.state.terminated.reason;
  }
  return pod.status.phase;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export interface PodGroup {
  /** The node name, or undefined for pods not scheduled yet. */
  node: string | undefined;
  pods: Pod[];
  systemPods: Pod[];
}

/** Pods grouped by node in node order (unscheduled last), kube-system pods kept apart. */
export function groupPodsByNode(nodes: readonly Node[], pods: readonly Pod[]): PodGroup[] {
  const groups = new Map<string | undefined, PodGroup>();
  for (const node of nodes) groups.set(node.metadata.name, { node: node.metadata.name, pods: [], systemPods: [] });
  for (const pod of pods) {
    const key = pod.spec.nodeName;
    let group = groups.get(key);
    if (!group) {
      group = { node: key, pods: [], systemPods: [] };
      groups.set(key, group);
    }
    (pod.metadata.namespace === SYSTEM_NAMESPACE ? group.systemPods : group.pods).push(pod);
  }
  const byName = (a: Pod, b: Pod) =>
    (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") ||
    a.metadata.name.localeCompare(b.metadata.name);
  const result = [...groups.values()];
  for (const g of result) {
    g.pods.sort(byName);
    g.systemPods.sort(byName);
  }
  // Unscheduled pods go last; an empty unscheduled group is not shown at all.
  return result
    .filter((g) => g.node !== undefined || g.pods.length + g.systemPods.length > 0)
    .sort((a, b) => (a.node === undefined ? 1 : 0) - (b.node === undefined ? 1 : 0));
}

/** `10.96.0.10:53→53/UDP` for each port of a Service. */
export function servicePorts(svc: Service): string[] {
  const ip = svc.spec.clusterIP ?? "";
  return (svc.spec.ports ?? []).map((p) => {
    const nodePort = p.nodePort ? ` (node port ${p.nodePort})` : "";
    return `${ip}:${p.port}→${p.targetPort}/${p.protocol}${nodePort}`;
  });
}

export function formatLabels(labels: Labels | undefined): string[] {
  return Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
}

export interface EndpointView {
  address: string;
  ready: boolean;
  /** The pod behind the address, when known. */
  target?: string;
}

/**
 * A Service's endpoints from its EndpointSlices (what kube-proxy reads), or from the legacy
 * Endpoints object when no slice exists.
 */
export function serviceEndpoints(
  svc: Service,
  slices: readonly EndpointSlice[],
  endpoints: readonly Endpoints[],
): EndpointView[] {
  const ns = svc.metadata.namespace;
  const name = svc.metadata.name;
  const mine = slices.filter(
    (s) => s.metadata.namespace === ns && s.metadata.labels?.["kubernetes.io/service-name"] === name,
  );
  const result: EndpointView[] = [];
  if (mine.length > 0) {
    for (const slice of mine) {
      // With one port, "ip:port" reads like kubectl's ENDPOINTS column; with several, the ports
      // are already listed beside the ClusterIP.
      const port = slice.ports?.length === 1 ? slice.ports[0].port : undefined;
      for (const ep of slice.endpoints) {
        for (const ip of ep.addresses) {
          result.push({
            address: port !== undefined ? `${ip}:${port}` : ip,
            ready: ep.conditions.ready,
            target: ep.targetRef?.name,
          });
        }
      }
    }
    return result;
  }
  const legacy = endpoints.find((e) => e.metadata.namespace === ns && e.metadata.name === name);
  for (const subset of legacy?.subsets ?? []) {
    const port = subset.ports?.length === 1 ? subset.ports[0].port : undefined;
    const at = (ip: string) => (port !== undefined ? `${ip}:${port}` : ip);
    for (const a of subset.addresses ?? []) result.push({ address: at(a.ip), ready: true, target: a.targetRef?.name });
    for (const a of subset.notReadyAddresses ?? [])
      result.push({ address: at(a.ip), ready: false, target: a.targetRef?.name });
  }
  return result;
}

/** "00:01:05" for 65 000 ms. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}
