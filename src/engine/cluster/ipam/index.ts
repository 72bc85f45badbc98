/** Address management: IPv4 helpers, Service ClusterIPs, NodePorts and Calico pod IPAM. */
export * from "./cidr";
export * from "./clusterip";
export * from "./nodeport";
export * from "./calico";
export { OffsetAllocationMap } from "./offset-map";
