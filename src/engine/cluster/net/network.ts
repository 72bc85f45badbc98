/**
 * The cluster's network: a kube-proxy per node, conntrack, and connections that are routed by
 * walking the source node's rules (iptables chains, or IPVS-mode rules + the IPVS table). It
 * implements {@link PodNetwork} for the pod tools and {@link NodeView} for the node tools, and
 * records every connection as a {@link FlowEvent} the canvas can animate.
 */
import type { Runtime } from "../runtime";
import type { EndpointSlice, Pod, Service } from "../types";
import type { CalicoIpam } from "../ipam/calico";
import { SERVICE_NAME_LABEL } from "../controllers/endpointslice";
import { Prng } from "../../util/prng";
import { KubeProxy, MIN_SYNC_PERIOD_MS, type ProxyInputs, type ProxyMode } from "../proxy/kubeproxy";
import { walkHook, type Packet, type RuleStep, type WalkEnv } from "../proxy/dataplane";
import type { Protocol } from "../proxy/rules";
import { proxyModeFrom } from "../kubeproxy-config";
import type { ConnectResult, ConntrackEntry, DnsAnswer, Endpoint, HttpReply, HttpRequest, PodNetwork } from "./types";
import type { IpvsDest, IpvsService } from "../proxy/ipvs";

/** What the images in pods serve (src/engine/cluster/net/apps.ts). */
export interface AppServers {
  /** The container that listens on `port` and has finished starting, if any. */
  listener(pod: Pod, port: number, protocol: Protocol, nowMs: number): string | undefined;
  serve(pod: Pod, container: string, port: number, request: HttpRequest, ctx: { nowMs: number; clientIp: string; clientPort: number }): { reply: HttpReply; accessLog?: string };
  /** CoreDNS's answer (the caller has checked that kube-dns is reachable). */
  resolve(fromNamespace: string, name: string): DnsAnswer;
}

/** How the packet got through the source node. */
export type FlowPath =
  | { kind: "iptables"; steps: { table: string; chain: string; index: number }[] }
  | { kind: "ipvs"; service: string; dest?: string; steps: { table: string; chain: string; index: number }[] }
  | { kind: "direct" };

export type FlowOutcome = "ok" | "refused" | "timeout" | "reset" | "unreachable";

/** One connection, as the canvas animates it. */
export interface FlowEvent {
  id: number;
  /** Virtual ms when the connection was opened. */
  time: number;
  /** When it ended (undefined while open). */
  endTime?: number;
  protocol: Protocol;
  source: { kind: Endpoint["kind"]; namespace?: string; name: string; ip: string; node?: string };
  /** The address and port the client dialled (a ClusterIP, a NodePort, a pod IP). */
  dst: { ip: string; port: number };
  /** The Service the dialled address belongs to, if any (`ns/name`). */
  service?: string;
  /** The node whose rules translated the connection. */
  node?: string;
  path: FlowPath;
  backend?: { namespace: string; name: string; ip: string; port: number; node: string };
  /** The backend is on another node than the rules' node (the packet crossed tunl0). */
  crossNode: boolean;
  /** Source address the server saw. */
  clientIpSeen?: string;
  outcome: FlowOutcome;
  /** HTTP status when the exchange got that far. */
  status?: number;
}

interface Conn {
  event: FlowEvent;
  srcNode?: string;
  ipvs?: { node: string; connId: number };
  conntrack: { node: string; entry: ConntrackEntry & { expiresAt: number } }[];
  backendPod?: Pod;
  container?: string;
  sport: number;
}

/** TCP conntrack timeouts (nf_conntrack_tcp_timeout_established is set to 86400 by kube-proxy). */
const CT_ESTABLISHED_S = 86_400;
const CT_TIME_WAIT_S = 120;
const CT_UDP_S = 30;
/** A SYN to nothing is retried for about 130 s before connect() gives up (tcp_syn_retries=6). */
export const SYN_TIMEOUT_MS = 130_000;
/** Informer + iptables-restore latency per node, so the stale window is visible (ms). */
const PROPAGATION_MS = [40, 80, 120, 160];
const MAX_EVENTS = 2000;

export class Network implements PodNetwork {
  readonly proxies = new Map<string, KubeProxy>();
  /** Traffic's own random stream (statistic matches), apart from names and IPs. */
  readonly prng: Prng;
  private readonly slicesByService = new Map<string, Set<string>>();
  /** The sorted slices of a Service as kube-proxy reads them, until the next change. */
  private readonly sliceLists = new Map<string, readonly EndpointSlice[]>();
  private readonly conns = new Map<number, Conn>();
  private readonly conntrackByNode = new Map<string, Map<number, ConntrackEntry & { expiresAt: number }>>();
  private readonly events: FlowEvent[] = [];
  private readonly listeners = new Set<(e: FlowEvent) => void>();
  private nextId = 1;
  private nextPort = 0;
  private tracked = 0;
  private readonly syncScheduled = new Set<string>();

  constructor(
    private readonly rt: Runtime,
    private readonly calico: CalicoIpam,
    private readonly apps: AppServers,
  ) {
    this.prng = new Prng((rt.options.seed ^ 0x5eed_7aff) >>> 0);
    const store = rt.store;
    store.watch("Service", (e) => {
      if (e.old) this.unindexService(e.old);
      if (e.type !== "DELETED") this.indexService(e.object);
      this.touch(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    store.watch("EndpointSlice", (e) => {
      const ns = e.object.metadata.namespace;
      const old = e.old?.metadata.labels?.[SERVICE_NAME_LABEL];
      const now = e.type === "DELETED" ? undefined : e.object.metadata.labels?.[SERVICE_NAME_LABEL];
      if (old) this.slicesByService.get(`${ns}/${old}`)?.delete(e.object.metadata.name);
      if (now) {
        const k = `${ns}/${now}`;
        if (!this.slicesByService.has(k)) this.slicesByService.set(k, new Set());
        this.slicesByService.get(k)!.add(e.object.metadata.name);
      }
      if (old) this.touch(`${ns}/${old}`);
      if (now && now !== old) this.touch(`${ns}/${now}`);
    });
    store.watch("Node", (e) => {
      if (e.type === "DELETED") this.proxies.delete(e.object.metadata.name);
      else this.proxyFor(e.object.metadata.name);
    });
    store.watch("Pod", (e) => {
      const p = e.object;
      if (p.metadata.namespace !== "kube-system" || p.metadata.labels?.["k8s-app"] !== "kube-proxy" || !p.spec.nodeName) return;
      const proxy = this.proxyFor(p.spec.nodeName);
      const running = e.type !== "DELETED" && p.status.phase === "Running" && !!p.status.containerStatuses?.[0]?.state.running;
      const wasRunning = !!e.old && e.old.status.phase === "Running" && !!e.old.status.containerStatuses?.[0]?.state.running && e.old.metadata.uid === p.metadata.uid;
      if (running && !wasRunning) {
        const conf = store.get("ConfigMap", "kube-system", "kube-proxy")?.data?.["config.conf"] ?? "";
        const mode = proxyModeFrom(conf);
        const scheduler = /^\s+scheduler: "?([a-z]*)"?$/m.exec(conf)?.[1] ?? "";
        proxy.start(mode === "ipvs" ? "ipvs" : "iptables", scheduler, this.rt.clock.now);
        this.scheduleSync(proxy);
      } else if (!running && (e.type === "DELETED" || p.metadata.deletionTimestamp)) {
        proxy.stop();
      }
    });
  }

  // ------------------------------------------------------------------ kube-proxy

  /** Join order of the nodes (their informer latency grows with it). */
  private readonly nodeIndex = new Map<string, number>();

  private proxyFor(node: string): KubeProxy {
    let p = this.proxies.get(node);
    if (!p) {
      if (!this.nodeIndex.has(node)) this.nodeIndex.set(node, this.nodeIndex.size);
      p = new KubeProxy(node, this.rt.options.podCidr, this.addressesOf(node));
      this.proxies.set(node, p);
    } else p.setAddresses(this.addressesOf(node));
    return p;
  }

  private addressesOf(node: string): { nodeIP: string; tunnelIP?: string } {
    const n = this.rt.store.get("Node", undefined, node);
    const nodeIP = n?.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "";
    return { nodeIP, tunnelIP: this.calico.tunnelAddress(node) ?? undefined };
  }

  private touch(key: string): void {
    this.sliceLists.delete(key);
    for (const p of this.proxies.values()) {
      p.touch(key);
      this.scheduleSync(p);
    }
  }

  private readonly inputs: ProxyInputs = {
    service: (key) => {
      const [ns, name] = key.split("/");
      return this.rt.store.get("Service", ns, name);
    },
    slices: (key) => {
      // One list per change, shared by every node's kube-proxy (touch() forgets it).
      const known = this.sliceLists.get(key);
      if (known) return known;
      const ns = key.split("/")[0];
      const out = [];
      for (const name of this.slicesByService.get(key) ?? []) {
        const s = this.rt.store.get("EndpointSlice", ns, name);
        if (s) out.push(s);
      }
      out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      this.sliceLists.set(key, out);
      return out;
    },
    serviceKeys: () => this.rt.store.list("Service").map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
  };

  /** kube-proxy's BoundedFrequencyRunner: at most one sync per minSyncPeriod, after the informers' latency. */
  private scheduleSync(p: KubeProxy): void {
    if (!p.running || this.syncScheduled.has(p.node)) return;
    this.syncScheduled.add(p.node);
    const index = this.nodeIndex.get(p.node) ?? 0;
    const now = this.rt.clock.now;
    const delay = Math.max(PROPAGATION_MS[Math.min(index, PROPAGATION_MS.length - 1)], p.lastSync + MIN_SYNC_PERIOD_MS - now);
    this.rt.clock.schedule(delay, () => {
      this.syncScheduled.delete(p.node);
      p.sync(this.inputs, this.rt.clock.now);
    });
  }


  // ------------------------------------------------------------------ addresses

  private podByIP(ip: string): Pod | undefined {
    // Calico's handle for a pod's address is the kubelet's `namespace/name` (no scan of every pod).
    const owner = this.calico.allocationOf(ip);
    if (!owner || owner.kind !== "pod") return undefined;
    const slash = owner.handle.indexOf("/");
    const p = this.rt.store.get("Pod", owner.handle.slice(0, slash), owner.handle.slice(slash + 1));
    return p && p.status.podIP === ip && !p.spec.hostNetwork ? p : undefined;
  }

  private nodeByIP(ip: string): string | undefined {
    for (const n of this.rt.store.list("Node")) if (n.status.addresses.some((a) => a.address === ip)) return n.metadata.name;
    for (const n of this.proxies.keys()) if (this.calico.tunnelAddress(n) === ip) return n;
    return undefined;
  }

  /** Services by ClusterIP and by NodePort (informer indexes: connections look them up). */
  private readonly byClusterIP = new Map<string, Service>();
  private readonly byNodePort = new Map<number, Service>();

  private indexService(svc: Service): void {
    if (svc.spec.clusterIP && svc.spec.clusterIP !== "None") this.byClusterIP.set(svc.spec.clusterIP, svc);
    for (const p of svc.spec.ports ?? []) if (p.nodePort) this.byNodePort.set(p.nodePort, svc);
  }

  private unindexService(svc: Service): void {
    if (svc.spec.clusterIP && this.byClusterIP.get(svc.spec.clusterIP)?.metadata.uid === svc.metadata.uid) this.byClusterIP.delete(svc.spec.clusterIP);
    for (const p of svc.spec.ports ?? []) if (p.nodePort && this.byNodePort.get(p.nodePort)?.metadata.uid === svc.metadata.uid) this.byNodePort.delete(p.nodePort);
  }

  /** The Service whose ClusterIP is `ip` (and which has `port`, when given), as `ns/name`. */
  serviceByClusterIP(ip: string, port?: number): string | undefined {
    const s = this.byClusterIP.get(ip);
    if (!s || (port !== undefined && !s.spec.ports?.some((p) => p.port === port))) return undefined;
    return `${s.metadata.namespace}/${s.metadata.name}`;
  }

  /** The Service a dialled `ip:port` belongs to: its ClusterIP, or a NodePort on a node's address. */
  private serviceOf(ip: string, port: number, fromHost: boolean): string | undefined {
    const byIP = this.serviceByClusterIP(ip, port);
    if (byIP) return byIP;
    const s = this.byNodePort.get(port);
    // A node's own loopback is one of its addresses too (kube-proxy's localhost NodePorts).
    return s && (this.nodeByIP(ip) || (fromHost && ip.startsWith("127."))) ? `${s.metadata.namespace}/${s.metadata.name}` : undefined;
  }


  private sourceOf(from: Endpoint): { ip: string; node?: string; host: boolean; namespace?: string; name: string } | undefined {
    if (from.kind === "pod") {
      const p = this.rt.store.get("Pod", from.namespace, from.name);
      if (!p?.status.podIP || !p.spec.nodeName) return undefined;
      return { ip: p.status.podIP, node: p.spec.nodeName, host: !!p.spec.hostNetwork, namespace: from.namespace, name: from.name };
    }
    if (from.kind === "node") return { ip: this.addressesOf(from.name).nodeIP, node: from.name, host: true, name: from.name };
    return { ip: from.ip, host: false, name: from.ip };
  }

  // ------------------------------------------------------------------ connections

  /** Ephemeral source ports, deterministic (Linux picks from 32768–60999). */
  private ephemeralPort(): number {
    this.nextPort = (this.nextPort + 7919) % 28232;
    return 32768 + this.nextPort;
  }

  connect(from: Endpoint, ip: string, port: number, protocol: Protocol = "tcp"): ConnectResult {
    const now = this.rt.clock.now;
    const id = this.nextId++;
    const src = this.sourceOf(from);
    const sport = this.ephemeralPort();
    const event: FlowEvent = {
      id,
      time: now,
      protocol,
      source: { kind: from.kind, namespace: src?.namespace, name: src?.name ?? "", ip: src?.ip ?? "", node: src?.node },
      dst: { ip, port },
      service: this.serviceOf(ip, port, !!src?.host && from.kind !== "external"),
      path: { kind: "direct" },
      crossNode: false,
      outcome: "unreachable",
    };
    const conn: Conn = { event, conntrack: [], sport };
    const fail = (outcome: FlowOutcome, connectMs: number): ConnectResult => {
      event.outcome = outcome;
      event.endTime = now + connectMs;
      this.record(event);
      return { outcome: outcome === "reset" ? "refused" : outcome, connectMs, id };
    };
    if (!src) return fail("unreachable", 0);

    // Inside its own network namespace a pod reaches its containers directly (no node rules).
    if (from.kind === "pod" && !src.host && (ip.startsWith("127.") || ip === src.ip)) {
      const self = this.rt.store.get("Pod", from.namespace, from.name)!;
      const container = this.apps.listener(self, port, protocol, now);
      event.backend = { namespace: from.namespace, name: from.name, ip: src.ip, port, node: src.node! };
      if (!container) return fail("refused", 0);
      event.outcome = "ok";
      event.clientIpSeen = ip.startsWith("127.") ? "127.0.0.1" : src.ip;
      Object.assign(conn, { backendPod: self, container, srcNode: src.node });
      this.conns.set(id, conn);
      this.record(event);
      return { outcome: "ok", connectMs: 0, id, clientIpSeen: event.clientIpSeen, backend: { ...event.backend, container } };
    }

    // External clients enter the node they dialled; so does a packet from a node or a pod to
    // another node's address (routed there, it meets that node's PREROUTING rules: a NodePort
    // answers on every node). Everything else is translated by the source's own node.
    const dialled = this.nodeByIP(ip);
    const entersOther = from.kind !== "external" && dialled !== undefined && dialled !== src.node;
    const ruleNode = from.kind === "external" || entersOther ? dialled : src.node;
    const outbound = src.host && from.kind !== "external" && !entersOther;
    if (!ruleNode) return fail("timeout", SYN_TIMEOUT_MS);
    event.node = ruleNode;
    const proxy = this.proxies.get(ruleNode);
    // A host process dialling 127.x leaves from the loopback address (the kernel's source choice),
    // so the "block incoming localnet connections" rule does not drop it; kube-proxy's
    // masquerade later gives it the node's IP (iptables mode's localhost NodePorts).
    const loopback = src.host && from.kind !== "external" && ip.startsWith("127.");
    const p: Packet = { src: loopback ? "127.0.0.1" : src.ip, dst: ip, protocol, sport, dport: port, mark: 0 };
    const path: RuleStep[] = [];
    const env: WalkEnv | undefined = proxy && {
      isLocal: (a) => proxy.isLocal(a),
      prng: this.prng,
      recent: proxy.recent,
      nowMs: now,
      counters: proxy.counters,
      ipset: (name, flags, pk) => proxy.ipsetHas(name, flags, pk),
    };
    let dnat: string | undefined;
    let ipvsPick: { svc: IpvsService; dest: IpvsDest } | undefined;
    if (proxy && env) {
      const rs = proxy.rules();
      const natHook = outbound ? "OUTPUT" : "PREROUTING";
      const nat = walkHook(rs, "nat", natHook, p, env, path);
      if (nat.kind === "dnat") dnat = nat.to;
      const toLocal = !dnat && proxy.isLocal(p.dst);
      const filterHook = toLocal ? "INPUT" : outbound ? "OUTPUT" : "FORWARD";
      // The filter table sees the packet as nat left it: translated, in conntrack state DNAT.
      const filter = walkHook(rs, "filter", filterHook, dnat ? { ...p, ...splitHostPort(dnat), dnat: true } : p, env, path);
      event.path = { kind: "iptables", steps: path.map((s) => ({ table: s.table, chain: s.chain, index: s.index })) };
      if (filter.kind === "reject") return fail("refused", 1);
      if (filter.kind === "drop") return fail("timeout", SYN_TIMEOUT_MS);
      if (proxy.mode === "ipvs" && toLocal) {
        const svc = proxy.ipvs.find(protocol.toUpperCase() as "TCP", p.dst, port);
        if (svc) {
          const pick = proxy.ipvs.schedule(svc, p.src, now);
          event.path = { kind: "ipvs", service: `${svc.protocol} ${svc.address}:${svc.port}`, steps: event.path.steps };
          // No real server: the kernel answers ICMP port unreachable (ip_vs_leave).
          if ("error" in pick) return fail("refused", 1);
          ipvsPick = { svc, dest: pick.dest };
          dnat = `${pick.dest.address}:${pick.dest.port}`;
          event.path.dest = dnat;
        }
      }
    }
    const { dst: dstIp, dport: dstPort } = dnat ? splitHostPort(dnat) : { dst: ip, dport: port };

    // Where the (translated) packet goes.
    const backendPod = this.podByIP(dstIp);
    const backendNode = backendPod?.spec.nodeName ?? (loopback && dstIp.startsWith("127.") ? ruleNode : this.nodeByIP(dstIp));
    if (!backendNode) return fail("timeout", SYN_TIMEOUT_MS); // a dead pod IP: a blackhole route, or nowhere
    event.crossNode = backendNode !== ruleNode;

    // POSTROUTING: masquerade marked packets (off-pod sources, hairpin, external).
    if (proxy && env) {
      const post: RuleStep[] = [];
      const pk: Packet = { ...p, dst: dstIp, dport: dstPort };
      const v = walkHook(proxy.rules(), "nat", "POSTROUTING", pk, env, post);
      if (event.path.kind !== "direct") event.path.steps.push(...post.map((s) => ({ table: s.table, chain: s.chain, index: s.index })));
      if (v.kind === "masquerade") {
        const a = this.addressesOf(ruleNode);
        event.clientIpSeen = event.crossNode ? (a.tunnelIP ?? a.nodeIP) : a.nodeIP;
      }
    }
    event.clientIpSeen ??= src.ip;

    let container: string | undefined;
    if (backendPod) {
      container = this.apps.listener(backendPod, dstPort, protocol, now);
      event.backend = { namespace: backendPod.metadata.namespace!, name: backendPod.metadata.name, ip: dstIp, port: dstPort, node: backendNode };
      if (!container) return fail(protocol === "udp" ? "timeout" : "refused", event.crossNode ? 2 : 1);
    } else if (!this.hostListens(backendNode, dstPort)) {
      return fail("refused", loopback ? 0 : 1);
    }

    const connectMs = event.crossNode ? 2 : 1;
    event.outcome = "ok";
    conn.backendPod = backendPod;
    conn.container = container;
    conn.srcNode = src.node;
    if (ipvsPick && proxy) conn.ipvs = { node: ruleNode, connId: proxy.ipvs.open(ipvsPick.svc, ipvsPick.dest, { ip: src.ip, port: sport }, now) };
    this.track(conn, ruleNode, protocol, src.ip, sport, ip, port, dstIp, dstPort, event.clientIpSeen, now);
    if (event.crossNode) this.track(conn, backendNode, protocol, event.clientIpSeen, sport, dstIp, dstPort, dstIp, dstPort, event.clientIpSeen, now);
    this.conns.set(id, conn);
    this.record(event);
    return { outcome: "ok", connectMs, id, clientIpSeen: event.clientIpSeen, backend: event.backend && { ...event.backend, container: container ?? "" } };
  }

  /** Host processes: the API server on the control plane, the kubelet everywhere. */
  private hostListens(node: string, port: number): boolean {
    if (port === 10250) return true;
    if (port === 6443 || port === 2379 || port === 2380) return node === "controlplane";
    return false;
  }

  private track(conn: Conn, node: string, protocol: Protocol, src: string, sport: number, dst: string, dport: number, rdst: string, rport: number, seen: string, now: number): void {
    let table = this.conntrackByNode.get(node);
    if (!table) this.conntrackByNode.set(node, (table = new Map()));
    const udp = protocol === "udp";
    const entry: ConntrackEntry & { expiresAt: number } = {
      protocol: udp ? "udp" : "tcp",
      state: udp ? undefined : "ESTABLISHED",
      timeoutSec: udp ? CT_UDP_S : CT_ESTABLISHED_S,
      expiresAt: now + (udp ? CT_UDP_S : CT_ESTABLISHED_S) * 1000,
      orig: { src, dst, sport, dport },
      reply: { src: rdst, dst: seen, sport: rport, dport: sport },
      assured: !udp,
      mark: 0,
    };
    table.set(conn.event.id, entry);
    conn.conntrack.push({ node, entry });
    // The kernel's GC: expired entries go (here every 256 new ones, so long traffic runs stay bounded).
    if (++this.tracked % 256 === 0) for (const [id, e] of table) if (e.expiresAt <= now) table.delete(id);
  }

  http(connId: number, request: HttpRequest): HttpReply {
    const conn = this.conns.get(connId);
    if (!conn?.backendPod || !conn.container) return { kind: "empty" };
    const now = this.rt.clock.now;
    const pod = this.rt.store.get("Pod", conn.backendPod.metadata.namespace!, conn.backendPod.metadata.name);
    if (!pod || pod.metadata.uid !== conn.backendPod.metadata.uid) return { kind: "empty" };
    const r = this.apps.serve(pod, conn.container, conn.event.backend!.port, request, { nowMs: now, clientIp: conn.event.clientIpSeen ?? "", clientPort: conn.sport });
    if (r.accessLog !== undefined) {
      // nginx writes its access line when the response is done.
      const at = now + (r.reply.kind === "http" ? r.reply.serviceMs : 0);
      for (const line of r.accessLog.split("\n")) this.logs?.(pod.metadata.uid!, conn.container, at, line);
    }
    if (r.reply.kind === "http") {
      conn.event.status = r.reply.status;
      if (conn.ipvs) {
        const reqBytes = request.method.length + request.path.length + request.host.length + request.userAgent.length + 60;
        const respBytes = r.reply.body.length + r.reply.headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 20);
        this.proxies.get(conn.ipvs.node)?.ipvs.transfer(conn.ipvs.connId, reqBytes, respBytes, now);
      }
    }
    return r.reply;
  }

  /** Where access-log lines go (the cluster's ContainerLogs). */
  logs?: (uid: string, container: string, timeMs: number, line: string) => void;

  /** Is the backend of an open connection still there (conntrack keeps it; a deleted pod breaks it)? */
  alive(connId: number): boolean {
    const conn = this.conns.get(connId);
    if (!conn?.backendPod) return !!conn;
    const pod = this.rt.store.get("Pod", conn.backendPod.metadata.namespace!, conn.backendPod.metadata.name);
    return !!pod && pod.metadata.uid === conn.backendPod.metadata.uid && pod.status.phase === "Running" && !!conn.container && !!pod.status.containerStatuses?.find((c) => c.name === conn.container)?.state.running;
  }

  close(connId: number, outcome?: FlowOutcome): void {
    const conn = this.conns.get(connId);
    if (!conn) return;
    const now = this.rt.clock.now;
    this.conns.delete(connId);
    for (const { entry } of conn.conntrack) {
      if (entry.protocol === "tcp") {
        entry.state = "TIME_WAIT";
        entry.expiresAt = now + CT_TIME_WAIT_S * 1000;
      }
    }
    if (conn.ipvs) this.proxies.get(conn.ipvs.node)?.ipvs.close(conn.ipvs.connId, now);
    conn.event.endTime = now;
    if (outcome) conn.event.outcome = outcome;
    for (const l of this.listeners) l(conn.event);
  }


  // ------------------------------------------------------------------ DNS, ping

  nameserver(): string {
    return this.rt.store.get("Service", "kube-system", "kube-dns")?.spec.clusterIP ?? "10.96.0.10";
  }

  resolve(from: Endpoint, name: string): DnsAnswer {
    // A node's resolver is systemd-resolved, which knows nothing of cluster.local.
    if (from.kind !== "pod") return { kind: "nxdomain", name };
    // The query itself is a UDP datagram to kube-dns's ClusterIP through the node's rules.
    const c = this.connect(from, this.nameserver(), 53, "udp");
    if (c.outcome !== "ok") return { kind: "unreachable", reason: c.outcome === "refused" ? "refused" : "timeout" };
    this.close(c.id);
    const ns = from.kind === "pod" ? from.namespace : "default";
    return this.apps.resolve(ns, name);
  }

  ping(from: Endpoint, ip: string): { reply: boolean; rttMs: number; ttl: number } {
    const src = this.sourceOf(from);
    if (!src) return { reply: false, rttMs: 0, ttl: 0 };
    const proxy = src.node ? this.proxies.get(src.node) : undefined;
    // IPVS binds every VIP to kube-ipvs0: the node itself answers.
    if (proxy?.mode === "ipvs" && proxy.isLocal(ip)) return { reply: true, rttMs: 0.05, ttl: 64 };
    const pod = this.podByIP(ip);
    const node = pod?.spec.nodeName ?? this.nodeByIP(ip);
    if (!node) return { reply: false, rttMs: 0, ttl: 0 };
    const cross = node !== src.node;
    const rtt = (cross ? 0.6 : 0.08) + ((ip.length * 37 + (this.nextId++ % 13)) % 10) / 100;
    return { reply: true, rttMs: rtt, ttl: pod ? (cross ? 62 : 63) : 64 };
  }

  // ------------------------------------------------------------------ views

  conntrack(node: string): ConntrackEntry[] {
    const now = this.rt.clock.now;
    const table = this.conntrackByNode.get(node);
    if (!table) return [];
    const out: ConntrackEntry[] = [];
    // A read changes nothing (views read this without being replayed): expired entries are skipped.
    for (const e of table.values()) {
      if (e.expiresAt <= now) continue;
      out.push({ ...e, timeoutSec: Math.max(0, Math.floor((e.expiresAt - now) / 1000)) });
    }
    return out;
  }

  /** Recent connections, oldest first (at most the last 2000). */
  flows(): readonly FlowEvent[] {
    return this.events;
  }

  /** Called when a connection opens (and again when it ends). */
  onFlow(listener: (e: FlowEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(e: FlowEvent): void {
    this.events.push(e);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    for (const l of this.listeners) l(e);
  }

  /** For tests and the API server's view: the node a kube-proxy runs on and whether it is stale. */
  proxyStatus(): { node: string; mode: ProxyMode; scheduler: string; running: boolean; stale: boolean; lastSync: number }[] {
    return [...this.proxies.values()].map((p) => ({ node: p.node, mode: p.mode, scheduler: p.scheduler, running: p.running, stale: p.stale, lastSync: p.lastSync }));
  }
}

/** `10.1.2.3:80` as the packet fields it rewrites. */
function splitHostPort(to: string): { dst: string; dport: number } {
  const i = to.lastIndexOf(":");
  return { dst: to.slice(0, i), dport: Number(to.slice(i + 1)) };
}
