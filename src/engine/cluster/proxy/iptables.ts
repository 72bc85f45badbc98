/**
 * kube-proxy's iptables proxier (pkg/proxy/iptables/proxier.go `syncProxyRules`): from the
 * service ports and their endpoints, the nat and filter rules a node holds.
 *
 * Each service port's rules are computed once and cached by the identity of its
 * {@link ProxyServicePort} (rebuilt only when its Service or slices change), so a sync after
 * one endpoint change redoes one service; the tables are then re-assembled from the cached
 * pieces, in the same order a full regeneration gives.
 *
 * Order: real kube-proxy writes services in Go map order (arbitrary); Podflow writes them
 * sorted by service port name, so dumps are stable and diffable.
 */
import type { ProxyEndpoint, ProxyServicePort } from "./model";
import { endpointChains, serviceChain } from "./hash";
import { BUILTIN_CHAINS, MASQ_MARK, type Match, type Rule, type RuleSet, type TableName } from "./rules";

/** kube-proxy drops per-endpoint comments above this many endpoints ("large cluster mode"). */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

export interface IptablesContext {
  /** kube-proxy's `clusterCIDR` (the pod range): traffic from outside it to a ClusterIP is masqueraded. */
  clusterCidr: string;
  /** `--masquerade-all`. */
  masqueradeAll?: boolean;
}

/** The rules one service port contributes to the shared chains and its own chains. */
interface Contribution {
  natServices: Rule[];
  natNodePorts: Rule[];
  filterServices: Rule[];
  filterExternal: Rule[];
  filterNodePorts: Rule[];
  /** Its own chains (KUBE-SVC-, KUBE-SVL-, KUBE-EXT-, KUBE-SEP-) with their rules. */
  own: [string, Rule[]][];
}

const comment = (text: string): Match => ({ kind: "comment", comment: text });
const jump = (chain: string): Rule["target"] => (chain === "KUBE-MARK-MASQ" ? JUMP_MARK_MASQ : { kind: "jump", chain });
// Immutable pieces shared by many rules (fewer allocations on a full generation).
const JUMP_MARK_MASQ: Rule["target"] = { kind: "jump", chain: "KUBE-MARK-MASQ" };
const NO_PORT: Record<string, Match> = { tcp: { kind: "proto", protocol: "tcp" }, udp: { kind: "proto", protocol: "udp" }, sctp: { kind: "proto", protocol: "sctp" } };
const statistics = new Map<number, Match>();
function statistic(remaining: number): Match {
  let m = statistics.get(remaining);
  if (!m) statistics.set(remaining, (m = { kind: "statistic", probability: probability(remaining) }));
  return m;
}
const host = (ip: string) => ({ cidr: `${ip}/32` });

/** The probability kube-proxy writes for rule i of n (`computeProbability`, %0.10f). */
export function probability(remaining: number): number {
  return 1 / remaining;
}

function serviceToEndpointRules(sp: ProxyServicePort, endpoints: readonly ProxyEndpoint[], large: boolean, sepName: (e: ProxyEndpoint) => string): Rule[] {
  const rules: Rule[] = [];
  const epComment = (e: ProxyEndpoint): Match[] => (large ? [] : [comment(`${sp.spn} -> ${e.endpoint}`)]);
  if (sp.affinitySeconds !== undefined) {
    for (const e of endpoints) {
      const sep = sepName(e);
      rules.push({ matches: [...epComment(e), { kind: "recent", mode: "rcheck", name: sep, seconds: sp.affinitySeconds, reap: true }], target: jump(sep) });
    }
  }
  const n = endpoints.length;
  endpoints.forEach((e, i) => {
    const matches = epComment(e);
    if (i < n - 1) matches.push(statistic(n - i));
    rules.push({ matches, target: jump(sepName(e)) });
  });
  return rules;
}

/**
 * Contributions per port object and context: nodes that share a port object (services without a
 * Local policy) share its rules too, computed once.
 */
const contributions = new WeakMap<ProxyServicePort, Map<string, Contribution>>();

function cachedContribution(sp: ProxyServicePort, ctx: IptablesContext, large: boolean): Contribution {
  const key = `${ctx.clusterCidr}|${ctx.masqueradeAll ? 1 : 0}|${large ? 1 : 0}`;
  let byCtx = contributions.get(sp);
  if (!byCtx) contributions.set(sp, (byCtx = new Map()));
  let c = byCtx.get(key);
  if (!c) byCtx.set(key, (c = contribution(sp, ctx, large)));
  return c;
}

/** The rules of one service port, as `syncProxyRules` writes them. */
function contribution(sp: ProxyServicePort, ctx: IptablesContext, large: boolean): Contribution {
  const c: Contribution = { natServices: [], natNodePorts: [], filterServices: [], filterExternal: [], filterNodePorts: [], own: [] };
  const proto = sp.protocol;
  const svcChain = serviceChain("KUBE-SVC-", sp.spn, proto);
  const svlChain = serviceChain("KUBE-SVL-", sp.spn, proto);
  const extChain = serviceChain("KUBE-EXT-", sp.spn, proto);
  const sepOf = endpointChains(sp.spn, proto);
  const sepName = (e: ProxyEndpoint) => sepOf(e.endpoint);
  const usesClusterChain = sp.clusterEndpoints.length > 0 && sp.usesCluster;
  const usesLocalChain = sp.localEndpoints.length > 0 && sp.usesLocal;
  const internalChain = sp.internalLocal ? svlChain : svcChain;
  const hasInternal = sp.hasEndpoints && (!sp.internalLocal || sp.localEndpoints.length > 0);
  const externalPolicyChain = sp.externalLocal ? svlChain : svcChain;
  const hasExternal = sp.hasEndpoints && (!sp.externalLocal || sp.localEndpoints.length > 0);
  const usesExtChain = sp.hasEndpoints && sp.externallyAccessible;

  let internalFilter: { target: "REJECT" | "DROP"; comment: string } | undefined;
  let externalFilter: { target: "REJECT" | "DROP"; comment: string } | undefined;
  if (!sp.hasEndpoints) {
    internalFilter = externalFilter = { target: "REJECT", comment: `${sp.spn} has no endpoints` };
  } else {
    if (!hasInternal) internalFilter = { target: "DROP", comment: `${sp.spn} has no local endpoints` };
    if (!hasExternal) externalFilter = { target: "DROP", comment: `${sp.spn} has no local endpoints` };
  }
  const portMatch = (dport?: number): Match => ({ kind: "proto", protocol: proto, dport });
  const filterTarget = (t: "REJECT" | "DROP"): Rule["target"] => (t === "REJECT" ? { kind: "REJECT" } : { kind: "DROP" });

  // Capture the ClusterIP.
  const clusterIPRule = (target: Rule["target"], commentText: string): Rule => ({ destination: host(sp.clusterIP), protocol: proto, matches: [comment(commentText), portMatch(sp.port)], target });
  if (hasInternal) c.natServices.push(clusterIPRule(jump(internalChain), `${sp.spn} cluster IP`));
  else c.filterServices.push(clusterIPRule(filterTarget(internalFilter!.target), internalFilter!.comment));

  // Capture externalIPs.
  for (const ip of sp.externalIPs) {
    const rule = (target: Rule["target"], text: string): Rule => ({ destination: host(ip), protocol: proto, matches: [comment(text), portMatch(sp.port)], target });
    if (usesExtChain) c.natServices.push(rule(jump(extChain), `${sp.spn} external IP`));
    if (!hasExternal) c.filterExternal.push(rule(filterTarget(externalFilter!.target), externalFilter!.comment));
  }

  // Capture NodePorts.
  if (sp.nodePort) {
    if (sp.hasEndpoints) c.natNodePorts.push({ protocol: proto, matches: [comment(sp.spn), portMatch(sp.nodePort)], target: jump(extChain) });
    if (!hasExternal) {
      c.filterExternal.push({
        protocol: proto,
        matches: [comment(externalFilter!.comment), { kind: "addrtype", dstType: "LOCAL" }, portMatch(sp.nodePort)],
        target: filterTarget(externalFilter!.target),
      });
    }
  }

  const own = new Map<string, Rule[]>();
  // Internal traffic: masquerade what does not come from a pod (the SVC/SVL chain's first rule).
  if (hasInternal) {
    const r: Rule = { destination: host(sp.clusterIP), protocol: proto, matches: [comment(`${sp.spn} cluster IP`), portMatch(sp.port)], target: jump("KUBE-MARK-MASQ") };
    if (!ctx.masqueradeAll) r.source = { cidr: ctx.clusterCidr, negate: true };
    own.set(internalChain, [r]);
  }

  // External traffic enters through the EXT chain.
  if (usesExtChain) {
    const ext: Rule[] = [];
    if (!sp.externalLocal) {
      ext.push({ matches: [comment(`masquerade traffic for ${sp.spn} external destinations`)], target: jump("KUBE-MARK-MASQ") });
    } else {
      ext.push({ source: { cidr: ctx.clusterCidr }, matches: [comment(`pod traffic for ${sp.spn} external destinations`)], target: jump(svcChain) });
      ext.push({ matches: [comment(`masquerade LOCAL traffic for ${sp.spn} external destinations`), { kind: "addrtype", srcType: "LOCAL" }], target: jump("KUBE-MARK-MASQ") });
      ext.push({ matches: [comment(`route LOCAL traffic for ${sp.spn} external destinations`), { kind: "addrtype", srcType: "LOCAL" }], target: jump(svcChain) });
    }
    if (hasExternal) ext.push({ matches: [], target: jump(externalPolicyChain) });
    own.set(extChain, ext);
  }

  if (usesClusterChain) own.set(svcChain, [...(own.get(svcChain) ?? []), ...serviceToEndpointRules(sp, sp.clusterEndpoints, large, sepName)]);
  if (usesLocalChain) own.set(svlChain, [...(own.get(svlChain) ?? []), ...serviceToEndpointRules(sp, sp.localEndpoints, large, sepName)]);
  // A masquerade rule alone (no endpoints for that policy) does not make a chain.
  if (!usesClusterChain) own.delete(svcChain);
  if (!usesLocalChain) own.delete(svlChain);

  const text = large ? [] : [comment(sp.spn)];
  const plainDnat = [...text, NO_PORT[proto]];
  for (const e of sp.reachableEndpoints) {
    const sep = sepName(e);
    let dnatMatches = plainDnat;
    if (sp.affinitySeconds !== undefined) dnatMatches = [...text, { kind: "recent", mode: "set", name: sep }, NO_PORT[proto]];
    own.set(sep, [
      { source: host(e.ip), matches: text, target: JUMP_MARK_MASQ },
      { protocol: proto, matches: dnatMatches, target: { kind: "DNAT", toDestination: e.endpoint } },
    ]);
  }
  c.own = [...own.entries()];
  return c;
}

/** Rules that do not depend on services, in the order kube-proxy (and kubelet) install them. */
function fixedRules(): { nat: [string, Rule[]][]; filter: [string, Rule[]][] } {
  const ctNew: Match = { kind: "conntrack", ctstate: ["NEW"] };
  return {
    nat: [
      ["PREROUTING", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
      ["OUTPUT", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
      ["POSTROUTING", [{ matches: [comment("kubernetes postrouting rules")], target: jump("KUBE-POSTROUTING") }]],
      ["KUBE-KUBELET-CANARY", []],
      ["KUBE-MARK-MASQ", [{ matches: [], target: { kind: "MARK", op: "or", value: MASQ_MARK } }]],
      [
        "KUBE-POSTROUTING",
        [
          { matches: [{ kind: "mark", mark: MASQ_MARK, mask: MASQ_MARK, negate: true }], target: { kind: "RETURN" } },
          { matches: [], target: { kind: "MARK", op: "xor", value: MASQ_MARK } },
          { matches: [comment("kubernetes service traffic requiring SNAT")], target: { kind: "MASQUERADE", randomFully: true } },
        ],
      ],
      ["KUBE-PROXY-CANARY", []],
    ],
    filter: [
      [
        "INPUT",
        [
          { matches: [ctNew, comment("kubernetes load balancer firewall")], target: jump("KUBE-PROXY-FIREWALL") },
          { matches: [comment("kubernetes health check service ports")], target: jump("KUBE-NODEPORTS") },
          { matches: [ctNew, comment("kubernetes externally-visible service portals")], target: jump("KUBE-EXTERNAL-SERVICES") },
          { matches: [], target: jump("KUBE-FIREWALL") },
        ],
      ],
      [
        "FORWARD",
        [
          { matches: [ctNew, comment("kubernetes load balancer firewall")], target: jump("KUBE-PROXY-FIREWALL") },
          { matches: [comment("kubernetes forwarding rules")], target: jump("KUBE-FORWARD") },
          { matches: [ctNew, comment("kubernetes service portals")], target: jump("KUBE-SERVICES") },
          { matches: [ctNew, comment("kubernetes externally-visible service portals")], target: jump("KUBE-EXTERNAL-SERVICES") },
        ],
      ],
      [
        "OUTPUT",
        [
          { matches: [ctNew, comment("kubernetes load balancer firewall")], target: jump("KUBE-PROXY-FIREWALL") },
          { matches: [ctNew, comment("kubernetes service portals")], target: jump("KUBE-SERVICES") },
          { matches: [], target: jump("KUBE-FIREWALL") },
        ],
      ],
      [
        "KUBE-FIREWALL",
        [
          {
            source: { cidr: "127.0.0.0/8", negate: true },
            destination: { cidr: "127.0.0.0/8" },
            matches: [comment("block incoming localnet connections"), { kind: "conntrack", ctstate: ["RELATED", "ESTABLISHED", "DNAT"], negate: true }],
            target: { kind: "DROP" },
          },
        ],
      ],
      [
        "KUBE-FORWARD",
        [
          { matches: [{ kind: "conntrack", ctstate: ["INVALID"] }], target: { kind: "DROP" } },
          { matches: [comment("kubernetes forwarding rules"), { kind: "mark", mark: MASQ_MARK, mask: MASQ_MARK }], target: { kind: "ACCEPT" } },
          { matches: [comment("kubernetes forwarding conntrack rule"), { kind: "conntrack", ctstate: ["RELATED", "ESTABLISHED"] }], target: { kind: "ACCEPT" } },
        ],
      ],
      ["KUBE-KUBELET-CANARY", []],
      ["KUBE-PROXY-CANARY", []],
      ["KUBE-PROXY-FIREWALL", []],
    ],
  };
}

/** Inserts `x` into the sorted array `a` (no duplicates). */
function insertSorted(a: string[], x: string): void {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (a[lo] !== x) a.splice(lo, 0, x);
}


function removeSorted(a: string[], x: string): void {
  const i = a.indexOf(x);
  if (i >= 0) a.splice(i, 1);
}

const BUILTINS: Record<TableName, Set<string>> = { nat: new Set(BUILTIN_CHAINS.nat), filter: new Set(BUILTIN_CHAINS.filter) };

const portKey = (p: ProxyServicePort) => `${p.spn}\u0000${p.protocol}`;

/**
 * One node's iptables proxier. `sync(servicePorts)` programs the rules. The tables are kept
 * between syncs and patched: a service port whose object is unchanged keeps its chains, so a
 * sync after one endpoint change touches one service (the shared chains are re-joined from the
 * per-service pieces, cheap). The result is identical to a fresh full generation.
 *
 * The returned {@link RuleSet} is a view of the live tables: read it before the next sync.
 */
export class IptablesProxier {
  private large = false;
  private readonly ports = new Map<string, { port: ProxyServicePort; c: Contribution }>();
  private readonly keys: string[] = [];
  private readonly nat = new Map<string, Rule[]>();
  private readonly filter = new Map<string, Rule[]>();
  /** Sorted user-chain lists, dropped when a chain is added or removed. */
  private readonly sorted: Partial<Record<TableName, string[]>> = {};
  private current?: RuleSet;

  constructor(private readonly ctx: IptablesContext) {
    const fixed = fixedRules();
    for (const [chain, rules] of fixed.nat) this.setChain("nat", chain, rules);
    for (const [chain, rules] of fixed.filter) this.setChain("filter", chain, rules);
    for (const c of ["KUBE-SERVICES", "KUBE-NODEPORTS"]) this.setChain("nat", c, []);
    for (const c of ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-NODEPORTS"]) this.setChain("filter", c, []);
  }

  /** The rules as last synced (no services before the first sync). */
  rules(): RuleSet {
    return (this.current ??= this.sync([]));
  }

  /** Programs the rules for exactly `ports` (any order). */
  sync(ports: readonly ProxyServicePort[]): RuleSet {
    let total = 0;
    for (const p of ports) total += p.endpoints.length;
    const large = total > LARGE_CLUSTER_ENDPOINTS;
    if (large !== this.large) {
      // Comments change on every endpoint rule: start over.
      this.large = large;
      for (const key of [...this.ports.keys()]) this.drop(key);
    }
    const seen = new Set<string>();
    let shapeChanged = false;
    for (const p of ports) {
      const key = portKey(p);
      seen.add(key);
      const old = this.ports.get(key);
      if (old?.port === p) continue;
      shapeChanged = true;
      if (old) this.dropChains(old.c);
      else insertSorted(this.keys, key);
      const c = cachedContribution(p, this.ctx, large);
      this.ports.set(key, { port: p, c });
      for (const [chain, rules] of c.own) this.setChain("nat", chain, rules);
    }
    if (seen.size !== this.ports.size) {
      for (const key of [...this.ports.keys()]) if (!seen.has(key)) this.drop(key);
      shapeChanged = true;
    }
    if (shapeChanged || !this.current) this.joinSharedChains();
    if (!this.current) {
      const chainsOf = (t: TableName) => this.chainsOf(t);
      this.current = {
        nat: { name: "nat", builtins: BUILTIN_CHAINS.nat, get chains() { return chainsOf("nat"); }, rules: this.nat },
        filter: { name: "filter", builtins: BUILTIN_CHAINS.filter, get chains() { return chainsOf("filter"); }, rules: this.filter },
      };
    }
    return this.current;
  }

  private setChain(table: TableName, chain: string, rules: Rule[]): void {
    const map = table === "nat" ? this.nat : this.filter;
    if (!map.has(chain) && !BUILTINS[table].has(chain)) this.sorted[table] = undefined;
    map.set(chain, rules);
  }

  /** User chains of a table, sorted by name (computed when a printer asks, not on every sync). */
  private chainsOf(table: TableName): string[] {
    let c = this.sorted[table];
    if (!c) {
      const b = BUILTINS[table];
      c = [...(table === "nat" ? this.nat : this.filter).keys()].filter((k) => !b.has(k)).sort();
      this.sorted[table] = c;
    }
    return c;
  }

  private dropChains(c: Contribution): void {
    for (const [chain] of c.own) this.nat.delete(chain);
    if (c.own.length) this.sorted.nat = undefined;
  }

  private drop(key: string): void {
    const old = this.ports.get(key);
    if (!old) return;
    this.dropChains(old.c);
    this.ports.delete(key);
    removeSorted(this.keys, key);
  }

  /** KUBE-SERVICES, KUBE-NODEPORTS and friends: every service's piece, in service order. */
  private joinSharedChains(): void {
    const natServices: Rule[] = [];
    const natNodePorts: Rule[] = [];
    const filterServices: Rule[] = [];
    const filterExternal: Rule[] = [];
    const filterNodePorts: Rule[] = [];
    for (const key of this.keys) {
      const c = this.ports.get(key)!.c;
      for (const r of c.natServices) natServices.push(r);
      for (const r of c.natNodePorts) natNodePorts.push(r);
      for (const r of c.filterServices) filterServices.push(r);
      for (const r of c.filterExternal) filterExternal.push(r);
      for (const r of c.filterNodePorts) filterNodePorts.push(r);
    }
    natServices.push(NODEPORTS_JUMP);
    this.nat.set("KUBE-SERVICES", natServices);
    this.nat.set("KUBE-NODEPORTS", natNodePorts);
    this.filter.set("KUBE-SERVICES", filterServices);
    this.filter.set("KUBE-EXTERNAL-SERVICES", filterExternal);
    this.filter.set("KUBE-NODEPORTS", filterNodePorts);
  }
}

const NODEPORTS_JUMP: Rule = {
  matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), { kind: "addrtype", dstType: "LOCAL" }],
  target: jump("KUBE-NODEPORTS"),
};
