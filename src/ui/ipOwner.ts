/**
 * "Whose IP is this?" for the hover card: node InternalIPs, pod IPs (host-network pods share
 * their node's), ClusterIPs, and the CIDRs of the three ranges and of Calico's blocks.
 */
import type { ClusterSnapshot } from "../engine/api";
import { internalIP } from "../store/selectors";

/** One line per owner of `ip` (an address or a CIDR), or [] when nothing in the cluster owns it. */
export function ipOwners(s: Pick<ClusterSnapshot, "nodes" | "pods" | "services" | "ranges">, ip: string): string[] {
  const out: string[] = [];
  const r = s.ranges;
  if (ip === r.nodeCidr) out.push("Node range: the hosts' own network (not managed by Kubernetes).");
  if (ip === r.podCidr) out.push("Pod range: Calico's IP pool, handed to nodes in /26 blocks (kubeadm --pod-network-cidr).");
  if (ip === r.serviceCidr) out.push("Service range: the API server allocates ClusterIPs from it (kube-apiserver --service-cluster-ip-range).");
  for (const b of r.podBlocks) if (b.cidr === ip) out.push(`Calico block of node ${b.node}: ${b.used} of ${b.size} addresses in use.`);
  for (const n of s.nodes) if (internalIP(n) === ip) out.push(`InternalIP of node ${n.metadata.name}.`);
  for (const svc of s.services) {
    if (svc.spec.clusterIP === ip) out.push(`ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name}, allocated by the API server.`);
  }
  for (const p of s.pods) {
    if (p.status.podIP !== ip) continue;
    const where = p.spec.nodeName ? ` on ${p.spec.nodeName}` : "";
    out.push(p.spec.hostNetwork ? `Pod ${p.metadata.namespace}/${p.metadata.name}${where} (host network: it uses the node's IP).` : `Pod ${p.metadata.namespace}/${p.metadata.name}${where}.`);
  }
  return out;
}
