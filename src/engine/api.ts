import type {
  AnyObject,
  ConfigMap,
  DaemonSet,
  Deployment,
  EndpointSlice,
  Endpoints,
  KEvent,
  Kind,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from "./cluster/types";
import type { FlowEvent } from "./cluster/net/network";
import type { ConntrackEntry } from "./cluster/net/types";

export type { ConntrackEntry } from "./cluster/net/types";
import type { TrafficGenerator, TrafficMetrics, TrafficSpec, TrafficStart } from "./cluster/net/traffic";

export type { FlowEvent, FlowOutcome, FlowPath } from "./cluster/net/network";
export type { TrafficGenerator, TrafficMetrics, TrafficSpec, TrafficStart, PodTraffic, ServiceTraffic, NodeTraffic } from "./cluster/net/traffic";

/** Options for {@link createCluster}. Every field is optional; defaults are kubeadm + Calico's. */
export interface ClusterOptions {
  /** Seed for every random choice (names, ClusterIPs, scheduling ties). Default 1. */
  seed?: number;
  /** Worker nodes beside the one control-plane node. Default 2 (node01, node02). */
  workers?: number;
  /** Service range, kubeadm `--service-cidr`. Default "10.96.0.0/12". */
  serviceCidr?: string;
  /** Pod range, kubeadm `--pod-network-cidr` and Calico's default IPv4 pool. Default "192.168.0.0/16". */
  podCidr?: string;
  /** Node (host) range. Default "172.30.1.0/24" (nodes get .2, .3, …). */
  nodeCidr?: string;
  /** kube-proxy mode, stored in the kube-proxy ConfigMap. Default "iptables". */
  proxyMode?: "iptables" | "ipvs";
  /** IPVS scheduler, stored in the kube-proxy ConfigMap. Default "" (kube-proxy then uses rr). */
  ipvsScheduler?: string;
  /** Virtual milliseconds from a container start to its Ready condition. Default 1000. */
  readinessDelayMs?: number;
  /**
   * kube-controller-manager's `--kube-api-qps` and `--kube-api-burst`: how fast its controllers
   * may write (a ReplicaSet makes pods at this rate). Defaults 20 and 30, as upstream. Not part of
   * a shared link: only a bench or a test building a large cluster quickly sets them.
   */
  controllerApiQps?: number;
  controllerApiBurst?: number;
}

export type ResolvedClusterOptions = Required<ClusterOptions>;

/** The result of one terminal line, as a real shell would give it. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** What a terminal shows: stdout and stderr interleaved in the order they were written. */
  output: string;
}

/** One IP-range view the UI draws (the three ranges of the article). */
export interface RangesView {
  nodeCidr: string;
  podCidr: string;
  serviceCidr: string;
  nodes: { name: string; ip: string }[];
  /** Calico /26 blocks, each affine to one node. */
  podBlocks: { cidr: string; node: string; used: number; size: number }[];
  /** Allocated ClusterIPs and their owners. */
  clusterIPs: { ip: string; namespace: string; name: string }[];
}

/**
 * An immutable picture of the cluster at one instant. Objects keep their identity between
 * snapshots while they are unchanged, so views can memoise on them.
 */
export interface ClusterSnapshot {
  /** Increases by one with every change. */
  version: number;
  /** Virtual time, milliseconds since the Unix epoch. */
  time: number;
  /**
   * Every kind the cluster serves, sorted by namespace then name: `objects.Pod`, `objects.Service`…
   * A list keeps its identity while no object of its kind changed. The named lists below are the
   * same arrays, for the kinds the views drew before this map existed.
   */
  objects: { readonly [K in Kind]?: readonly Extract<AnyObject, { kind: K }>[] };
  namespaces: readonly Namespace[];
  nodes: readonly Node[];
  pods: readonly Pod[];
  services: readonly Service[];
  endpoints: readonly Endpoints[];
  endpointSlices: readonly EndpointSlice[];
  deployments: readonly Deployment[];
  replicaSets: readonly ReplicaSet[];
  daemonSets: readonly DaemonSet[];
  configMaps: readonly ConfigMap[];
  events: readonly KEvent[];
  ranges: RangesView;
}

/**
 * Load generators and what they measure. Every request is routed like a `curl` from the source:
 * DNS, the source node's iptables/IPVS rules, conntrack, the backend pod's server (which logs it).
 */
export interface TrafficApi {
  /** Starts a generator; `{ ok: false, error }` for a bad spec (unknown pod, no NodePort…). */
  start(spec: TrafficSpec): TrafficStart;
  stop(id: number): boolean;
  running(): TrafficGenerator[];
  /** Per pod (active connections, total, errors) and per target (success rate, p50/p95 latency). */
  metrics(): TrafficMetrics;
  resetMetrics(): void;
  /** The last connections (generator requests, curl, wget…), oldest first, at most 2000. */
  flows(): readonly FlowEvent[];
  /**
   * Called when a connection opens and again when it closes: the second call passes the same
   * FlowEvent object, updated in place (`endTime` set, `outcome` possibly changed to `reset` or
   * `timeout`).
   */
  onFlow(listener: (e: FlowEvent) => void): () => void;
}

/** One node's kube-proxy as the UI shows it. */
export interface ProxyStatus {
  node: string;
  mode: "iptables" | "ipvs";
  /** The IPVS scheduler it runs with (IPVS mode; "" means kube-proxy's default, rr). */
  scheduler: string;
  /** Its pod is running (rules stay in the kernel when it is not). */
  running: boolean;
  /** A Service/EndpointSlice change has not reached this node's rules yet. */
  stale: boolean;
  /** Virtual time of its last sync. */
  lastSync: number;
}

/** A line of a node's rules, with the rule it shows (to highlight a flow's path). */
export interface RuleLine {
  text: string;
  table?: "nat" | "filter";
  chain?: string;
  index?: number;
}

/** A simulated kubeadm cluster. Create one with {@link createCluster}. */
export interface Cluster {
  /** The options in force, with defaults filled in. */
  readonly options: ResolvedClusterOptions;
  /**
   * Runs one terminal line (or a heredoc spanning several lines) exactly as a learner types it.
   * The shell is stateful: `ssh NODE` and `kubectl exec -it POD -- sh` change where the next lines
   * run until `exit`. Commands that block in real life advance virtual time until they return.
   */
  exec(line: string): ExecResult;
  /** Moves virtual time forward; controllers react with realistic latencies. */
  advance(ms: number): void;
  /** Virtual time, milliseconds since the Unix epoch. */
  now(): number;
  /** The prompt the terminal shows before the next line, e.g. `controlplane:~$ `. */
  prompt(): string;
  /** The current snapshot (cached: the same object until the next change). */
  snapshot(): ClusterSnapshot;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: ClusterSnapshot) => void): () => void;
  /** Traffic generators, their metrics, and every connection as an event. */
  readonly traffic: TrafficApi;
  /** kube-proxy on each node: mode, staleness. */
  proxies(): ProxyStatus[];
  /**
   * A node's rules as `iptables-save` prints them (iptables mode), or `ipvsadm -Ln` (IPVS mode),
   * line by line with the rule behind each line.
   */
  nodeRules(node: string): RuleLine[];
  /** A node's conntrack table now (what `conntrack -L` lists there), oldest first. */
  conntrack(node: string): ConntrackEntry[];
}
