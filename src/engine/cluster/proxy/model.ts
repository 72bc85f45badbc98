/**
 * kube-proxy's view of the cluster: one {@link ProxyServicePort} per Service port, with the
 * endpoints from the Service's EndpointSlices (pkg/proxy/servicechangetracker.go,
 * endpointslicecache.go, topology.go). Both proxiers (iptables and IPVS) are built from it.
 *
 * Objects are immutable and rebuilt only for services whose Service or slices changed, so the
 * rule generators can cache per service port by identity.
 */
import type { EndpointSlice, Service } from "../types";
import { servicePortName } from "./hash";
import type { Protocol } from "./rules";

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** `ip:port`, what kube-proxy sorts by and hashes into KUBE-SEP names. */
  endpoint: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  /**
   * The endpoint's pod runs on the node this kube-proxy serves. Only computed for services with a
   * Local traffic policy (elsewhere no rule depends on it, and every node shares one object).
   */
  isLocal: boolean;
  pod?: { namespace: string; name: string };
}

export interface ProxyServicePort {
  /** `ns/name:portName` or `ns/name` (pkg/proxy ServicePortName.String). */
  spn: string;
  namespace: string;
  name: string;
  portName?: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalIPs: readonly string[];
  /** ClientIP affinity timeout in seconds; undefined for sessionAffinity None. */
  affinitySeconds?: number;
  internalLocal: boolean;
  externalLocal: boolean;
  /** Every endpoint of this port, sorted by `ip:port` as strings (kube-proxy's byEndpoint). */
  endpoints: readonly ProxyEndpoint[];
  /** Endpoints used for Cluster-policy traffic (topology.go CategorizeEndpoints). */
  clusterEndpoints: readonly ProxyEndpoint[];
  /** Node-local endpoints used for Local-policy traffic (empty unless a policy is Local). */
  localEndpoints: readonly ProxyEndpoint[];
  /** Endpoints this node may DNAT to: the union of the two lists (one KUBE-SEP chain each). */
  reachableEndpoints: readonly ProxyEndpoint[];
  /** Any endpoint ready, or serving while terminating. */
  hasEndpoints: boolean;
  /** NodePort, LoadBalancer or externalIPs. */
  externallyAccessible: boolean;
  /** Cluster endpoints are needed: internal policy Cluster, or externally accessible. */
  usesCluster: boolean;
  usesLocal: boolean;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ready endpoints if there are any, otherwise the ones still serving while terminating
 * (KEP-1669 ProxyTerminatingEndpoints, GA in 1.28).
 */
function usable(eps: readonly ProxyEndpoint[]): ProxyEndpoint[] {
  const ready = eps.filter((e) => e.ready);
  if (ready.length > 0) return ready;
  return eps.filter((e) => e.serving && e.terminating);
}

/** Services kube-proxy programs: a ClusterIP (not headless, not ExternalName). */
export function isProxied(svc: Service): boolean {
  if (svc.spec.type === "ExternalName") return false;
  const ip = svc.spec.clusterIP;
  if (!ip || ip === "None") return false;
  // `service.kubernetes.io/service-proxy-name` hands a Service to another proxy.
  return !svc.metadata.labels?.["service.kubernetes.io/service-proxy-name"];
}


/** kube-proxy's service ports for one Service as seen from `nodeName`. */
export function buildServicePorts(svc: Service, slices: readonly EndpointSlice[], nodeName: string): ProxyServicePort[] {
  if (!isProxied(svc)) return [];
  const ns = svc.metadata.namespace!;
  const out: ProxyServicePort[] = [];
  const internalLocal = svc.spec.internalTrafficPolicy === "Local";
  const externallyAccessible = svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer" || (svc.spec.externalIPs?.length ?? 0) > 0;
  const externalLocal = externallyAccessible && svc.spec.externalTrafficPolicy === "Local";
  const affinitySeconds = svc.spec.sessionAffinity === "ClientIP" ? (svc.spec.sessionAffinityConfig?.clientIP.timeoutSeconds ?? 10800) : undefined;
  for (const sp of svc.spec.ports ?? []) {
    const protocol = sp.protocol.toLowerCase() as Protocol;
    const byEndpoint = new Map<string, ProxyEndpoint>();
    for (const slice of slices) {
      if (slice.addressType !== "IPv4") continue;
      const port = slice.ports?.find((p) => (p.name ?? "") === (sp.name ?? "") && p.protocol === sp.protocol);
      if (!port) continue;
      for (const e of slice.endpoints) {
        const ip = e.addresses[0];
        if (!ip) continue;
        const endpoint = `${ip}:${port.port}`;
        if (byEndpoint.has(endpoint)) continue; // duplicates across slices: first wins
        byEndpoint.set(endpoint, {
          ip,
          port: port.port,
          endpoint,
          ready: e.conditions.ready,
          serving: e.conditions.serving,
          terminating: e.conditions.terminating,
          nodeName: e.nodeName,
          isLocal: e.nodeName === nodeName,
          pod: e.targetRef?.kind === "Pod" ? { namespace: e.targetRef.namespace, name: e.targetRef.name } : undefined,
        });
      }
    }
    const endpoints = [...byEndpoint.values()].sort((a, b) => compareStrings(a.endpoint, b.endpoint));
    const usesCluster = !internalLocal || externallyAccessible;
    const usesLocal = internalLocal || externalLocal;
    const clusterEndpoints = usesCluster ? usable(endpoints) : [];
    const localEndpoints = usesLocal ? usable(endpoints.filter((e) => e.isLocal)) : [];
    const hasAny = clusterEndpoints.length > 0 || endpoints.some((e) => e.ready || (e.serving && e.terminating));
    let reachableEndpoints: ProxyEndpoint[] = usesCluster ? clusterEndpoints : localEndpoints;
    if (usesCluster && usesLocal) {
      const seen = new Set(clusterEndpoints.map((e) => e.endpoint));
      reachableEndpoints = [...clusterEndpoints, ...localEndpoints.filter((e) => !seen.has(e.endpoint))].sort((a, b) => compareStrings(a.endpoint, b.endpoint));
    }
    out.push({
      spn: servicePortName(ns, svc.metadata.name, sp.name),
      namespace: ns,
      name: svc.metadata.name,
      portName: sp.name || undefined,
      protocol,
      clusterIP: svc.spec.clusterIP!,
      port: sp.port,
      nodePort: sp.nodePort || undefined,
      externalIPs: svc.spec.externalIPs ?? [],
      affinitySeconds,
      internalLocal,
      externalLocal,
      endpoints,
      clusterEndpoints,
      localEndpoints,
      reachableEndpoints,
      hasEndpoints: hasAny,
      externallyAccessible,
      usesCluster,
      usesLocal,
    });
  }
  return out;
}

const shared = new WeakMap<Service, { slices: readonly EndpointSlice[]; ports: ProxyServicePort[] }>();

/**
 * {@link buildServicePorts}, shared between nodes where it can be: a Service without a Local
 * traffic policy gives every node the same rules, so its ports are built once per change of the
 * Service or its slices and handed to every node's kube-proxy (the iptables proxier then also
 * computes its rules once: it caches per port object).
 */
export function servicePortsFor(svc: Service, slices: readonly EndpointSlice[], nodeName: string): ProxyServicePort[] {
  const local = svc.spec.internalTrafficPolicy === "Local" || svc.spec.externalTrafficPolicy === "Local";
  if (local) return buildServicePorts(svc, slices, nodeName);
  const hit = shared.get(svc);
  if (hit && hit.slices.length === slices.length && hit.slices.every((s, i) => s === slices[i])) return hit.ports;
  const ports = buildServicePorts(svc, slices, "");
  shared.set(svc, { slices: [...slices], ports });
  return ports;
}
