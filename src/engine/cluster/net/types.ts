/**
 * The network as the tools inside pods and on nodes see it. `curl`, `wget`, `nslookup` and
 * `ping` (src/engine/shell/pod-net.ts) are written against {@link PodNetwork}; the cluster's
 * dataplane (kube-proxy rules, conntrack, CoreDNS) implements it.
 */

/** Where a connection starts. */
export type Endpoint =
  | { kind: "pod"; namespace: string; name: string }
  | { kind: "node"; name: string }
  /** A user outside the cluster, reaching a node's IP (NodePort). */
  | { kind: "external"; ip: string };

/** The answer of CoreDNS (through kube-dns's ClusterIP) to one lookup. */
export type DnsAnswer =
  | {
      kind: "answer";
      /** The fully qualified name that answered, e.g. `my-service.default.svc.cluster.local`. */
      name: string;
      /** ExternalName services: the CNAME chain (the target name). */
      cname?: string;
      /** A records (a ClusterIP, or pod IPs for a headless service). Empty for an external CNAME. */
      addresses: string[];
    }
  /** Every search-list candidate returned NXDOMAIN. */
  | { kind: "nxdomain"; name: string }
  /** kube-dns could not be reached (no endpoints → refused; nothing answers → timeout). */
  | { kind: "unreachable"; reason: "refused" | "timeout" };

/** What happened to a TCP connection attempt (or a UDP datagram). */
export type ConnectOutcome =
  | "ok"
  /** RST, or ICMP port-unreachable from a kube-proxy REJECT rule: fails at once. */
  | "refused"
  /** Nothing answers (a deleted pod's old IP, a DROP rule): fails after the client's timeout. */
  | "timeout"
  /** No route (an address outside every range). */
  | "unreachable";

export interface ConnectResult {
  outcome: ConnectOutcome;
  /** The pod that accepted the connection (after DNAT), if any. */
  backend?: { namespace: string; name: string; ip: string; port: number; node: string; container: string };
  /** The source address the server saw (the node's IP after SNAT, or the client's own). */
  clientIpSeen?: string;
  /** Virtual milliseconds the connect took (for curl -v / time_connect). */
  connectMs: number;
  /** An id the caller passes to {@link PodNetwork.close} when it is done with the connection. */
  id: number;
}

/** One HTTP request as curl/wget send it. */
export interface HttpRequest {
  method: string;
  path: string;
  host: string;
  userAgent: string;
  headers?: Record<string, string>;
}

/** What the server in the backend container answered. */
export type HttpReply =
  | { kind: "http"; status: number; reason: string; headers: [string, string][]; body: string; serviceMs: number }
  /** The port speaks another protocol (mysql's greeting on 3306): curl reports HTTP/0.9. */
  | { kind: "not-http"; banner: string }
  /** The server closed without answering. */
  | { kind: "empty" };

/** The network operations pod tools need. Every call advances nothing: the caller owns time. */
export interface PodNetwork {
  /** The pod's view of DNS: resolv.conf search list, ndots:5, CoreDNS at kube-dns's ClusterIP. */
  resolve(from: Endpoint, name: string): DnsAnswer;
  /** The nameserver address pods use (kube-dns's ClusterIP, e.g. 10.96.0.10). */
  nameserver(): string;
  /** Opens a TCP connection from `from` to `ip:port`, walking the source node's rules. */
  connect(from: Endpoint, ip: string, port: number): ConnectResult;
  /** Sends one HTTP request on an open connection; the server logs it (nginx access log). */
  http(connId: number, request: HttpRequest): HttpReply;
  /** Closes a connection (conntrack and IPVS counters move to TIME_WAIT / InActConn). */
  close(connId: number): void;
  /** ICMP echo: pods and nodes answer, ClusterIPs don't (no rule matches ICMP). */
  ping(from: Endpoint, ip: string): { reply: boolean; rttMs: number; ttl: number };
}

/** One conntrack entry, as `conntrack -L` prints it. */
export interface ConntrackEntry {
  protocol: "tcp" | "udp" | "icmp";
  /** TCP state (ESTABLISHED, TIME_WAIT, SYN_SENT…); absent for UDP. */
  state?: string;
  /** Seconds left before the entry expires (at the moment of the query). */
  timeoutSec: number;
  orig: { src: string; dst: string; sport: number; dport: number };
  reply: { src: string; dst: string; sport: number; dport: number };
  /** Seen traffic both ways; UDP without a reply shows `[UNREPLIED]` instead. */
  assured: boolean;
  unreplied?: boolean;
  mark: number;
}

/** A network interface on a node (`ip addr`). */
export interface NodeInterface {
  index: number;
  name: string;
  /** e.g. ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"]. */
  flags: string[];
  mtu: number;
  state: "UP" | "DOWN" | "UNKNOWN";
  /** "ether" with mac, "ipip" (tunl0), or "loopback". */
  linkType: "ether" | "ipip" | "loopback" | "none";
  mac?: string;
  /** For cali* veths: the peer's netns id (`link-netns cni-…`). */
  linkNetns?: string;
  addresses: { cidr: string; scope: "global" | "host" | "link"; broadcast?: string }[];
  /** Extra text some types print (e.g. `qdisc noqueue`). */
  qdisc: string;
}

/** A route on a node (`ip route`), already in ip's order and words. */
export interface NodeRoute {
  /** The line exactly as `ip route` prints it (e.g. `192.168.1.0/26 via 172.30.1.3 dev tunl0 proto bird onlink`). */
  text: string;
}

/** A container on a node (`crictl ps`). */
export interface NodeContainer {
  id: string;
  image: string;
  createdMs: number;
  state: "Running" | "Exited" | "Created";
  name: string;
  attempt: number;
  podId: string;
  pod: string;
  namespace: string;
}

/**
 * What the node tools (`iptables-save`, `iptables -L`, `ipvsadm`, `ip`, `conntrack`, `crictl`)
 * read on one node. Implemented by the node's kube-proxy and dataplane.
 */
export interface NodeView {
  name: string;
  /** kube-proxy's mode on this node, as it started (a ConfigMap change needs a restart). */
  proxyMode: "iptables" | "ipvs";
  /** The iptables tables as the kernel holds them (in IPVS mode: the short IPVS-mode set). */
  iptables(): import("../proxy/rules").RuleSet;
  counters(): import("../proxy/rules").RuleCounters;
  /** The IPVS table (empty in iptables mode). */
  ipvs(): import("../proxy/ipvs").IpvsTable;
  interfaces(): NodeInterface[];
  routes(): NodeRoute[];
  conntrack(): ConntrackEntry[];
  containers(): NodeContainer[];
  /** Virtual time now (ms since the epoch), for ages and rates. */
  now(): number;
}
