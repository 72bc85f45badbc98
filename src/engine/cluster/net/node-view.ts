/**
 * A node as its own tools see it after `ssh NODE`: the kernel's tables as that node's kube-proxy
 * programmed them, its interfaces and routes as Calico set them up, its conntrack table and the
 * containers containerd runs there.
 */
import type { ClusterImpl } from "../cluster";
import type { Pod } from "../types";
import type { NodeContainer, NodeView } from "./types";
import { nodeInterfaces, nodeRoutes, type NodeNetworkInput } from "./node-network";
import { IpvsTable } from "../proxy/ipvs";
import { IptablesProxier } from "../proxy/iptables";
import { Counters } from "../proxy/dataplane";

const EMPTY_IPVS = new IpvsTable();

function networkInput(cluster: ClusterImpl, node: string): NodeNetworkInput {
  const store = cluster.rt.store;
  const n = store.get("Node", undefined, node);
  const nodeIp = n?.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "";
  const nodeIps = new Map(store.list("Node").map((x) => [x.metadata.name, x.status.addresses.find((a) => a.type === "InternalIP")?.address ?? ""]));
  const pods = store
    .list("Pod")
    .filter((p: Pod) => p.spec.nodeName === node && p.status.podIP && !p.spec.hostNetwork)
    .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : 0))
    .map((p) => ({ namespace: p.metadata.namespace!, name: p.metadata.name, ip: p.status.podIP!, uid: p.metadata.uid }));
  const blocks = cluster.calico
    .blocks()
    .filter((b) => b.node)
    .map((b) => ({ cidr: b.cidr, node: b.node!, nodeIp: nodeIps.get(b.node!) ?? "" }));
  const proxy = cluster.network.proxies.get(node);
  return {
    nodeName: node,
    nodeIp,
    nodeCidr: cluster.options.nodeCidr,
    pods,
    blocks,
    tunnelIp: cluster.calico.tunnelAddress(node) ?? undefined,
    ipvsVips: proxy?.mode === "ipvs" ? proxy.ipvsAddresses() : undefined,
  };
}

function containersOn(cluster: ClusterImpl, node: string): NodeContainer[] {
  const out: NodeContainer[] = [];
  for (const p of cluster.rt.store.list("Pod")) {
    if (p.spec.nodeName !== node) continue;
    const podId = (p.metadata.uid ?? "").replace(/-/g, "") + "0".repeat(32);
    for (const cs of p.status.containerStatuses ?? []) {
      if (!cs.containerID) continue;
      const state = cs.state.running ? "Running" : cs.state.terminated ? "Exited" : "Created";
      const created = cs.state.running?.startedAt ?? cs.state.terminated?.startedAt;
      out.push({
        id: cs.containerID.replace(/^containerd:\/\//, ""),
        image: cs.image,
        createdMs: created ? Date.parse(created) : cluster.now(),
        state,
        name: cs.name,
        attempt: cs.restartCount,
        podId: podId.slice(0, 64),
        pod: p.metadata.name,
        namespace: p.metadata.namespace!,
      });
    }
  }
  return out.sort((a, b) => b.createdMs - a.createdMs);
}

/** The view the node tools read for `node`. */
export function nodeView(cluster: ClusterImpl, node: string): NodeView {
  const proxy = cluster.network.proxies.get(node);
  return {
    name: node,
    proxyMode: proxy?.mode ?? "iptables",
    iptables: () => proxy?.rules() ?? new IptablesProxier({ clusterCidr: cluster.options.podCidr }).rules(),
    counters: () => proxy?.counters ?? new Counters(),
    ipvs: () => (proxy && proxy.mode === "ipvs" ? proxy.ipvs : EMPTY_IPVS),
    interfaces: () => nodeInterfaces(networkInput(cluster, node)),
    routes: () => nodeRoutes(networkInput(cluster, node)),
    conntrack: () => cluster.network.conntrack(node),
    containers: () => containersOn(cluster, node),
    now: () => cluster.now(),
  };
}
