import type { Cluster, ClusterOptions, ClusterSnapshot, ExecResult, ProxyStatus, RangesView, ResolvedClusterOptions, RuleLine, TrafficApi } from "../api";
import { Traffic } from "./net/traffic";
import { CONTROLLER_CLIENT_BURST, CONTROLLER_CLIENT_QPS } from "./ratelimit";
import type { ConntrackEntry, PodNetwork } from "./net/types";
import { VirtualFs } from "../util/vfs";
import { ApiServer } from "./apiserver";
import { bootstrap } from "./bootstrap";
import { Kubelet } from "./controllers/kubelet";
import { KINDS } from "../kinds/registry";
import type { AnyObject, Kind, ObjectOfKind } from "./types";
import { CONTROLLERS } from "./controllers/registry";
import { CalicoIpam } from "./ipam/calico";
import { cidrsOverlap, parseCidr } from "./ipam/cidr";
import { ClusterIPAllocator, validateServiceCidr } from "./ipam/clusterip";
import { NodePortAllocator } from "./ipam/nodeport";
import { PodIndex } from "./podindex";
import { ContainerLogs } from "./logs";
import { Runtime } from "./runtime";
import { Network } from "./net/network";
import { appServers } from "./net/servers";
import { shellExtension, type ShellLike } from "./extensions";
import type { ExecRequest, KubeClient } from "./client";
import type { Res } from "../util/result";

/** When the simulated cluster was `kubeadm init`-ed (virtual time starts here). */
export const BOOT_TIME = Date.UTC(2025, 4, 12, 9, 0, 0);
/** How long the cluster has been up when a learner first sees it. */
export const SETTLE_MS = 5 * 60_000;

export const DEFAULT_OPTIONS: ResolvedClusterOptions = {
  seed: 1,
  workers: 2,
  serviceCidr: "10.96.0.0/12",
  podCidr: "192.168.0.0/16",
  nodeCidr: "172.30.1.0/24",
  proxyMode: "iptables",
  ipvsScheduler: "",
  readinessDelayMs: 1000,
  controllerApiQps: CONTROLLER_CLIENT_QPS,
  controllerApiBurst: CONTROLLER_CLIENT_BURST,
};

/** Fills defaults and checks the ranges; throws a clear Error on bad options. */
export function resolveOptions(options: ClusterOptions = {}): ResolvedClusterOptions {
  const o: ResolvedClusterOptions = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  if (!Number.isInteger(o.workers) || o.workers < 0 || o.workers > 20) throw new Error(`workers must be an integer from 0 to 20, got ${o.workers}`);
  const svc = validateServiceCidr(o.serviceCidr);
  if (!svc.ok) throw new Error(`invalid serviceCidr ${JSON.stringify(o.serviceCidr)}: ${svc.error}`);
  const pod = parseCidr(o.podCidr);
  if (!pod.ok) throw new Error(`invalid podCidr ${JSON.stringify(o.podCidr)}: ${pod.error}`);
  const node = parseCidr(o.nodeCidr);
  if (!node.ok) throw new Error(`invalid nodeCidr ${JSON.stringify(o.nodeCidr)}: ${node.error}`);
  if (node.value.size < o.workers + 3) throw new Error(`nodeCidr ${o.nodeCidr} is too small for ${o.workers + 1} nodes`);
  const ranges = [
    { name: "serviceCidr", text: o.serviceCidr, cidr: svc.value },
    { name: "podCidr", text: o.podCidr, cidr: pod.value },
    { name: "nodeCidr", text: o.nodeCidr, cidr: node.value },
  ];
  for (let i = 0; i < ranges.length; i++)
    for (let j = i + 1; j < ranges.length; j++) {
      const [a, b] = [ranges[i], ranges[j]];
      if (cidrsOverlap(a.cidr, b.cidr)) throw new Error(`${a.name} ${a.text} overlaps ${b.name} ${b.text}: the three ranges must not overlap`);
    }
  for (const k of ["controllerApiQps", "controllerApiBurst"] as const)
    if (!(typeof o[k] === "number" && o[k] >= 1 && o[k] <= 1e9)) throw new Error(`${k} must be a number from 1 to 1e9, got ${o[k]}`);
  if (o.proxyMode !== "iptables" && o.proxyMode !== "ipvs") throw new Error(`proxyMode must be "iptables" or "ipvs", got ${JSON.stringify(o.proxyMode)}`);
  return o;
}

/** The engine behind {@link Cluster}: control plane, kubelets and the shell on one virtual clock. */
export class ClusterImpl implements Cluster, KubeClient {
  readonly options: ResolvedClusterOptions;
  readonly rt: Runtime;
  readonly api: ApiServer;
  readonly calico: CalicoIpam;
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;
  readonly pods: PodIndex;
  readonly kubelet: Kubelet;
  /** kube-proxy on every node, conntrack, and the connections routed through them. */
  readonly network: Network;
  /** The network as the tools inside pods use it (curl, wget, nslookup, ping); tests may swap it. */
  net: PodNetwork;
  readonly generators: Traffic;
  readonly traffic: TrafficApi;
  /** Lines containers wrote beyond their start-up logs (access logs, later), for `kubectl logs`. */
  readonly logs = new ContainerLogs();
  /** The lab's files (`cat > f.yaml`, the YAML editor), read by `kubectl -f`. */
  readonly files = new VirtualFs();
  private shellInstance?: ShellLike;
  private readonly listeners = new Set<(s: ClusterSnapshot) => void>();
  private cached?: ClusterSnapshot;

  constructor(options: ClusterOptions = {}) {
    this.options = resolveOptions(options);
    const rt = (this.rt = new Runtime(this.options, BOOT_TIME));
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    this.clusterIPs = must(ClusterIPAllocator.create(this.options.serviceCidr, rt.prng));
    this.nodePorts = must(NodePortAllocator.create("30000-32767", rt.prng));
    this.calico = must(CalicoIpam.create({ poolCidr: this.options.podCidr }, rt.prng));
    this.api = new ApiServer(rt, { clusterIPs: this.clusterIPs, nodePorts: this.nodePorts });
    this.pods = new PodIndex(rt.store);
    const calico = this.calico;
    // calico-node on a new node claims its first block and gives tunl0 its first address.
    rt.store.watch("Node", (e) => {
      if (e.type === "ADDED") calico.ensureNode(e.object.metadata.name);
      if (e.type === "DELETED") calico.releaseNode(e.object.metadata.name);
    });
    this.kubelet = new Kubelet(this.api, {
      allocate(node, owner) {
        const r = calico.allocate(node, owner);
        return r.ok ? { ok: true, value: r.value.ip } : { ok: false, error: r.cniError };
      },
      release(ip) {
        calico.release(ip);
      },
    });
    const deps = { api: this.api, pods: this.pods, kubelet: this.kubelet };
    for (const make of CONTROLLERS) make(deps).register(rt);
    const servers = appServers(rt.store, () => this.network);
    this.network = new Network(rt, this.calico, servers);
    this.net = this.network;
    this.network.logs = (uid, container, time, line) => this.logs.append(uid, container, time, line);
    const generators = (this.generators = new Traffic(rt, this.network, servers));
    const network = this.network;
    this.traffic = {
      start: (spec) => {
        const r = generators.start(spec);
        this.notify();
        return r;
      },
      stop: (id) => {
        const r = generators.stop(id);
        this.notify();
        return r;
      },
      running: () => generators.running(),
      metrics: () => generators.metrics(),
      resetMetrics: () => generators.resetMetrics(),
      flows: () => network.flows(),
      onFlow: (l) => network.onFlow(l),
    };
    bootstrap(rt, this.api, this.kubelet, () => undefined);
    rt.clock.advance(SETTLE_MS);
  }

  /** The shell, created on first use (its half of the engine may load after the cluster). */
  private shell(): ShellLike {
    if (this.shellInstance) return this.shellInstance;
    const ext = shellExtension();
    if (!ext) throw new Error("Podflow: exec was called before the shell half of the engine loaded (await loadShell() from src/engine/core)");
    return (this.shellInstance = ext.createShell(this));
  }

  /** The store, for readers (kubectl's informer view: {@link KubeClient}). */
  get store() {
    return this.rt.store;
  }

  get clock() {
    return this.rt.clock;
  }

  get prng() {
    return this.rt.prng;
  }

  /** The exec subresource: through the kubelet to the container runtime of the shell half. */
  podExec(req: ExecRequest): Res {
    const ext = shellExtension();
    return this.kubelet.exec(req, ext && ((r) => ext.runInContainer(this, r)));
  }

  exec(line: string): ExecResult {
    const r = this.shell().exec(line);
    this.notify();
    return r;
  }

  advance(ms: number): void {
    this.rt.clock.advance(ms);
    this.notify();
  }

  now(): number {
    return this.rt.clock.now;
  }

  prompt(): string {
    // Before the terminal half has loaded, the prompt is where every session starts.
    return this.shellInstance ? this.shellInstance.prompt() : shellExtension() ? this.shell().prompt() : "controlplane:~$ ";
  }

  snapshot(): ClusterSnapshot {
    const store = this.rt.store;
    if (this.cached && this.cached.version === store.version && this.cached.time === this.rt.clock.now) return this.cached;
    if (this.cached && this.cached.version === store.version) {
      this.cached = { ...this.cached, time: this.rt.clock.now };
      return this.cached;
    }
    const objects: Partial<Record<Kind, readonly AnyObject[]>> = {};
    for (const k of KINDS) objects[k.resource.kind] = store.list(k.resource.kind);
    const list = <K extends Kind>(kind: K) => objects[kind] as readonly ObjectOfKind<K>[];
    this.cached = {
      version: store.version,
      time: this.rt.clock.now,
      objects: objects as ClusterSnapshot["objects"],
      namespaces: list("Namespace"),
      nodes: list("Node"),
      pods: list("Pod"),
      services: list("Service"),
      endpoints: list("Endpoints"),
      endpointSlices: list("EndpointSlice"),
      deployments: list("Deployment"),
      replicaSets: list("ReplicaSet"),
      daemonSets: list("DaemonSet"),
      configMaps: list("ConfigMap"),
      events: list("Event"),
      ranges: this.rangesView(),
    };
    return this.cached;
  }

  /** The ranges as the UI draws them; the previous object while nothing in them changed (views memoise on it). */
  private rangesView(): RangesView {
    const store = this.rt.store;
    const next: RangesView = {
      nodeCidr: this.options.nodeCidr,
      podCidr: this.options.podCidr,
      serviceCidr: this.options.serviceCidr,
      nodes: store.list("Node").map((n) => ({ name: n.metadata.name, ip: n.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "" })),
      podBlocks: this.calico.blocks().map((b) => ({ cidr: b.cidr, node: b.node ?? "", used: b.used, size: b.size })),
      clusterIPs: this.clusterIPs.allocations().map((a) => ({ ip: a.ip, namespace: a.namespace, name: a.name })),
    };
    const prev = this.cached?.ranges;
    return prev && sameRanges(prev, next) ? prev : next;
  }

  proxies(): ProxyStatus[] {
    return this.network.proxyStatus();
  }

  nodeRules(node: string): RuleLine[] {
    return shellExtension()?.nodeRuleLines(this, node) ?? [];
  }

  conntrack(node: string): ConntrackEntry[] {
    return this.network.conntrack(node);
  }

  subscribe(listener: (s: ClusterSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    if (this.listeners.size === 0) return;
    // Listeners hear about every step, even one where only time moved (ages change).
    const snap = this.snapshot();
    for (const l of this.listeners) l(snap);
  }
}

/** Two range views with the same content. */
function sameRanges(a: RangesView, b: RangesView): boolean {
  const rows = <T extends object>(x: readonly T[], y: readonly T[]) =>
    x.length === y.length && x.every((r, i) => (Object.keys(r) as (keyof T)[]).every((k) => r[k] === y[i][k]));
  return a.nodeCidr === b.nodeCidr && a.podCidr === b.podCidr && a.serviceCidr === b.serviceCidr && rows(a.nodes, b.nodes) && rows(a.podBlocks, b.podBlocks) && rows(a.clusterIPs, b.clusterIPs);
}
