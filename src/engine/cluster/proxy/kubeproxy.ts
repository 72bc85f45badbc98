/**
 * One node's kube-proxy: it watches Services and EndpointSlices and, shortly after a change,
 * reprograms the node (iptables rules, or IPVS virtual servers plus a few iptables rules and
 * ipsets). Until that sync runs the node's rules are stale — a real window a learner can see.
 *
 * Mode and scheduler are read from the `kube-system/kube-proxy` ConfigMap when the node's
 * kube-proxy pod starts, so switching mode is done as on a real cluster: edit the ConfigMap,
 * restart the DaemonSet's pods.
 */
import type { EndpointSlice, Service } from "../types";
import { servicePortsFor, type ProxyServicePort } from "./model";
import { IptablesProxier } from "./iptables";
import { ipvsModeRules } from "./ipvs-iptables";
import { IpvsTable, type IpvsProtocol, type IpvsServiceSpec } from "./ipvs";
import { Counters, RecentLists, type Packet } from "./dataplane";
import type { RuleSet } from "./rules";

export type ProxyMode = "iptables" | "ipvs";

/** What kube-proxy reads from its informers. */
export interface ProxyInputs {
  service(key: string): Service | undefined;
  slices(key: string): readonly EndpointSlice[];
  serviceKeys(): Iterable<string>;
}

export interface NodeAddresses {
  nodeIP: string;
  /** Calico's tunl0 address (NodePorts also listen there in IPVS mode). */
  tunnelIP?: string;
}

/** kube-proxy's `minSyncPeriod` (kubeadm default KubeProxyConfiguration: 1s). */
export const MIN_SYNC_PERIOD_MS = 1000;

export class KubeProxy {
  /** Running: its pod is up. Rules stay in the kernel when it stops, as on a real node. */
  running = false;
  mode: ProxyMode = "iptables";
  scheduler = "";
  lastSync = -Infinity;
  /** A change arrived that the node's rules do not show yet. */
  stale = false;
  /**
   * Service ports as of the last sync. Listed when first read after a sync (the rules, a test),
   * not at every sync: a big cluster's eleven nodes would each copy a thousand entries per second.
   */
  get ports(): readonly ProxyServicePort[] {
    if (!this.portList) {
      const ports: ProxyServicePort[] = [];
      for (const list of this.byService.values()) for (const p of list) ports.push(p);
      this.portList = ports;
    }
    return this.portList;
  }
  private portList: readonly ProxyServicePort[] | undefined = [];
  readonly counters = new Counters();
  readonly recent = new RecentLists();
  readonly ipvs = new IpvsTable();
  private iptables: IptablesProxier;
  private ipvsRules: RuleSet;
  private readonly byService = new Map<string, ProxyServicePort[]>();
  private readonly dirty = new Set<string>();
  private all = true;
  private ipsets = new Map<string, Set<string>>();

  constructor(
    readonly node: string,
    private readonly clusterCidr: string,
    private addresses: NodeAddresses,
  ) {
    this.iptables = new IptablesProxier({ clusterCidr });
    this.ipvsRules = ipvsModeRules(clusterCidr, false);
  }

  setAddresses(a: NodeAddresses): void {
    this.addresses = a;
  }

  /** The kube-proxy pod started (again): re-read the configuration and program everything. */
  start(mode: ProxyMode, scheduler: string, nowMs: number): void {
    if (mode !== this.mode) {
      // The new proxier cleans up what the other mode left behind.
      this.iptables = new IptablesProxier({ clusterCidr: this.clusterCidr });
      this.tablesDirty = true;
      this.ipvs.sync([], nowMs);
      const asOfLastSync = this.ports; // still what the node holds until its next sync
      this.byService.clear();
      this.portList = asOfLastSync;
    }
    this.mode = mode;
    this.scheduler = scheduler;
    this.running = true;
    this.all = true;
    this.stale = true;
  }

  stop(): void {
    this.running = false;
  }

  /** A Service or its slices changed. */
  touch(key: string): void {
    this.dirty.add(key);
    this.stale = true;
  }

  /**
   * The node's iptables tables as the kernel holds them now. They are a pure function of the
   * service ports of the last sync, so they are materialised when first read after a sync (a
   * connection from this node, a printer): eleven idle nodes do not rebuild tables nobody reads.
   */
  rules(): RuleSet {
    if (this.mode === "ipvs") return this.ipvsRules;
    if (this.tablesDirty) {
      this.iptables.sync(this.ports);
      this.tablesDirty = false;
    }
    return this.iptables.rules();
  }

  private tablesDirty = false;

  /** ipset membership for IPVS mode's `-m set` matches. */
  ipsetHas(name: string, flags: string, p: Packet): boolean {
    const s = this.ipsets.get(name);
    if (!s) return false;
    const key = flags === "dst" ? (name === "KUBE-NODE-PORT-TCP" ? `${p.dport}` : p.dst) : flags === "dst,dst" ? `${p.dst},${p.protocol}:${p.dport}` : `${p.dst},${p.protocol}:${p.dport},${p.src}`;
    return s.has(key);
  }

  /** Every address of the node (addrtype LOCAL): its IP, tunl0, loopback, and IPVS VIPs. */
  isLocal(ip: string): boolean {
    if (ip === this.addresses.nodeIP || ip === this.addresses.tunnelIP || ip.startsWith("127.")) return true;
    return this.mode === "ipvs" && (this.ipsets.get("KUBE-IPVS-IPS")?.has(ip) ?? false);
  }

  /** The VIPs bound to kube-ipvs0 (IPVS mode). */
  ipvsAddresses(): string[] {
    return this.mode === "ipvs" ? [...(this.ipsets.get("KUBE-IPVS-IPS") ?? [])] : [];
  }

  /** Programs the node from the informers' current state. */
  sync(inputs: ProxyInputs, nowMs: number): void {
    if (!this.running) return;
    const keys = this.all ? [...inputs.serviceKeys()] : [...this.dirty];
    if (this.all) this.byService.clear();
    for (const key of keys) {
      const svc = inputs.service(key);
      if (!svc) this.byService.delete(key);
      else this.byService.set(key, servicePortsFor(svc, inputs.slices(key), this.node));
    }
    this.all = false;
    this.dirty.clear();
    this.stale = false;
    this.lastSync = nowMs;
    this.portList = undefined;
    if (this.mode === "iptables") {
      this.tablesDirty = true;
      this.ipsets = new Map();
    } else {
      this.syncIpvs(this.ports, nowMs);
    }
  }

  private syncIpvs(ports: readonly ProxyServicePort[], nowMs: number): void {
    const scheduler = this.scheduler || "rr";
    const specs: IpvsServiceSpec[] = [];
    const clusterIPs = new Set<string>();
    const vips = new Set<string>();
    const loopBack = new Set<string>();
    const nodePorts = new Set<string>();
    for (const p of ports) {
      const protocol = p.protocol.toUpperCase() as IpvsProtocol;
      const internal = p.internalLocal ? p.localEndpoints : p.clusterEndpoints;
      const external = p.externalLocal ? p.localEndpoints : p.clusterEndpoints;
      const dests = (eps: typeof internal) => eps.map((e) => ({ address: e.ip, port: e.port, weight: 1 }));
      const base = { protocol, scheduler, persistentTimeoutSec: p.affinitySeconds };
      specs.push({ ...base, address: p.clusterIP, port: p.port, dests: dests(internal) });
      clusterIPs.add(`${p.clusterIP},${p.protocol}:${p.port}`);
      vips.add(p.clusterIP);
      for (const ip of p.externalIPs) specs.push({ ...base, address: ip, port: p.port, dests: dests(external) });
      if (p.nodePort) {
        if (p.protocol === "tcp") nodePorts.add(`${p.nodePort}`);
        for (const ip of [this.addresses.nodeIP, this.addresses.tunnelIP]) if (ip) specs.push({ ...base, address: ip, port: p.nodePort, dests: dests(external) });
      }
      for (const e of p.reachableEndpoints) loopBack.add(`${e.ip},${p.protocol}:${e.port},${e.ip}`);
    }
    this.ipvs.sync(specs, nowMs);
    this.ipsets = new Map([
      ["KUBE-CLUSTER-IP", clusterIPs],
      ["KUBE-IPVS-IPS", vips],
      ["KUBE-LOOP-BACK", loopBack],
      ["KUBE-NODE-PORT-TCP", nodePorts],
    ]);
    this.ipvsRules = ipvsModeRules(this.clusterCidr, nodePorts.size > 0);
  }
}
