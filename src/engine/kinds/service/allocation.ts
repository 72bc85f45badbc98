import { fail, ok, type Result } from "../../cluster/errors";
import { clusterIPAllocationError } from "../../cluster/ipam/clusterip";
import { nodePortAllocationError } from "../../cluster/ipam/nodeport";
import type { Service } from "./types";

/** What the API server needs from an allocator (ClusterIPs or NodePorts). */
export interface AddressAllocator<A> {
  /** A free address chosen the way the real allocator chooses; error text is the sentinel. */
  allocateNext(owner: string): { ok: true; value: A } | { ok: false; error: string };
  /** A requested address. */
  allocate(value: A, owner: string): { ok: true } | { ok: false; error: string };
  release(value: A): void;
}

export interface ServiceIpam {
  clusterIPs: AddressAllocator<string>;
  nodePorts: AddressAllocator<number>;
}

const needsClusterIP = (s: Service) => s.spec.type !== "ExternalName" && s.spec.clusterIP !== "None";
const needsNodePorts = (s: Service) => s.spec.type === "NodePort" || s.spec.type === "LoadBalancer";

/**
 * `pkg/registry/core/service/storage/alloc.go`: keeps addresses already allocated to the old
 * object (a re-applied manifest without clusterIP keeps its IP), allocates requested ones, and
 * picks new ones. On failure, everything this call allocated is released again.
 */
export function allocateServiceAddresses(ipam: ServiceIpam, svc: Service, old: Service | undefined, dryRun: boolean): Result<Service> {
  const spec = svc.spec;
  const owner = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const taken: (() => void)[] = [];
  const undo = () => taken.forEach((f) => f());

  if (old && needsClusterIP(old) && needsClusterIP(svc)) {
    // patchAllocatedValues: an update that leaves clusterIP(s) out keeps the old ones.
    if (!spec.clusterIP && !spec.clusterIPs) {
      spec.clusterIP = old.spec.clusterIP;
      spec.clusterIPs = old.spec.clusterIPs;
    } else if (spec.clusterIP && !spec.clusterIPs) {
      spec.clusterIPs = spec.clusterIP === old.spec.clusterIP ? old.spec.clusterIPs : [spec.clusterIP];
    }
  }
  if (spec.clusterIP === "None") spec.clusterIPs = ["None"];
  if (spec.type === "ExternalName") {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }

  if (needsClusterIP(svc)) {
    const requested = spec.clusterIPs?.[0] ?? spec.clusterIP;
    const had = old && needsClusterIP(old) ? old.spec.clusterIPs?.[0] : undefined;
    if (requested && had) {
      // Already ours; a changed IP is refused by validation (`may not change once set`).
    } else if (requested) {
      const r = dryRun ? { ok: true as const } : ipam.clusterIPs.allocate(requested, owner);
      if (!r.ok) return fail(clusterIPAllocationError(svc.metadata.name, r, { ip: requested, clusterIPs: spec.clusterIPs ?? [requested] }));
      if (!dryRun) taken.push(() => ipam.clusterIPs.release(requested));
      spec.clusterIP = requested;
      spec.clusterIPs = spec.clusterIPs ?? [requested];
    } else {
      const r = ipam.clusterIPs.allocateNext(owner);
      if (!r.ok) return fail(clusterIPAllocationError(svc.metadata.name, r));
      if (dryRun) ipam.clusterIPs.release(r.value);
      else taken.push(() => ipam.clusterIPs.release(r.value));
      spec.clusterIP = r.value;
      spec.clusterIPs = [r.value];
    }
  }

  if (needsNodePorts(svc)) {
    const oldPorts = new Map<string, number>();
    if (old && needsNodePorts(old)) for (const p of old.spec.ports ?? []) if (p.nodePort) oldPorts.set(`${p.protocol}/${p.port}`, p.nodePort);
    const ports = spec.ports ?? [];
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      const had = oldPorts.get(`${p.protocol}/${p.port}`);
      if (!p.nodePort && had) p.nodePort = had;
      if (p.nodePort && p.nodePort === had) continue;
      if (p.nodePort) {
        const np = p.nodePort;
        const r = dryRun ? { ok: true as const } : ipam.nodePorts.allocate(np, owner);
        if (!r.ok) {
          undo();
          return fail(nodePortAllocationError(svc.metadata.name, r, { portIndex: i, port: np }));
        }
        if (!dryRun) taken.push(() => ipam.nodePorts.release(np));
      } else {
        const r = ipam.nodePorts.allocateNext(owner);
        if (!r.ok) {
          undo();
          return fail(nodePortAllocationError(svc.metadata.name, r));
        }
        if (dryRun) ipam.nodePorts.release(r.value);
        else taken.push(() => ipam.nodePorts.release(r.value));
        p.nodePort = r.value;
      }
    }
  } else {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  return ok(svc);
}

/** Releases the addresses `from` holds that `keep` does not (all of them when `keep` is undefined). */
export function releaseServiceAddresses(ipam: ServiceIpam, from: Service, keep: Service | undefined): void {
  const ip = from.spec.clusterIPs?.[0];
  if (ip && ip !== "None" && ip !== keep?.spec.clusterIPs?.[0]) ipam.clusterIPs.release(ip);
  const kept = new Set((keep?.spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
  for (const p of from.spec.ports ?? []) if (p.nodePort && !kept.has(p.nodePort)) ipam.nodePorts.release(p.nodePort);
}
