/**
 * The netfilter walk: a new connection's first packet traverses a node's tables rule by rule,
 * exactly the rules `iptables-save` prints (DESIGN principle 3). The walk records every rule that
 * matched, so the UI can highlight the path, and counts packets per rule for `iptables -L -v`.
 *
 * Only what kube-proxy's rules use is evaluated: addresses, protocol/port, comment, statistic,
 * recent, addrtype, mark, conntrack state (a first packet is NEW), and ipset matches.
 */
import { cidrContains, mustParseCidr, parseIPv4 } from "../ipam/cidr";
import type { Prng } from "../../util/prng";
import type { Match, Protocol, Rule, RuleCounters, RuleSet, TableName } from "./rules";

/** The first packet of a connection. */
export interface Packet {
  src: string;
  dst: string;
  protocol: Protocol;
  sport: number;
  dport: number;
  mark: number;
  /** The nat table translated the destination (conntrack state DNAT, seen by the filter table). */
  dnat?: boolean;
}

/** One rule that matched on the way. */
export interface RuleStep {
  table: TableName;
  chain: string;
  /** 0-based index of the rule in its chain (`--line-numbers` shows index + 1). */
  index: number;
  rule: Rule;
}

/** Where the walk ended in one hook. */
export type Verdict =
  | { kind: "accept" }
  | { kind: "dnat"; to: string }
  | { kind: "masquerade" }
  | { kind: "reject" }
  | { kind: "drop" };

/** What a node's tables need from the world to evaluate matches. */
export interface WalkEnv {
  /** Addresses of the node itself (addrtype LOCAL). */
  isLocal(ip: string): boolean;
  /** 31-bit uniform draws for `-m statistic --mode random`. */
  prng: Prng;
  recent: RecentLists;
  nowMs: number;
  counters?: Counters;
  /** ipset membership (IPVS mode): `set` with flags like `dst,dst`. */
  ipset?(name: string, flags: string, p: Packet): boolean;
}

/**
 * xt_recent lists (ClientIP affinity): per list name, source IP → last time seen. Plain data so a
 * node's state can be inspected.
 */
export class RecentLists {
  readonly lists = new Map<string, Map<string, number>>();

  seen(name: string, ip: string, nowMs: number): void {
    let l = this.lists.get(name);
    if (!l) this.lists.set(name, (l = new Map()));
    l.set(ip, nowMs);
  }

  /** `--rcheck --seconds S --reap`: seen within S seconds; `--reap` drops older entries. */
  check(name: string, ip: string, nowMs: number, seconds: number | undefined, reap: boolean): boolean {
    const l = this.lists.get(name);
    if (!l) return false;
    if (reap && seconds !== undefined) for (const [k, t] of l) if (nowMs - t > seconds * 1000) l.delete(k);
    const t = l.get(ip);
    if (t === undefined) return false;
    return seconds === undefined || nowMs - t <= seconds * 1000;
  }
}

/** Packet and byte counters per rule (`iptables -L -v`, `iptables-save -c`). */
export class Counters implements RuleCounters {
  private readonly rules = new Map<string, { packets: number; bytes: number }[]>();
  private readonly policies = new Map<string, { packets: number; bytes: number }>();

  add(table: TableName, chain: string, index: number, bytes: number): void {
    const key = `${table}/${chain}`;
    let list = this.rules.get(key);
    if (!list) this.rules.set(key, (list = []));
    const c = (list[index] ??= { packets: 0, bytes: 0 });
    c.packets++;
    c.bytes += bytes;
  }

  addPolicy(table: TableName, chain: string, bytes: number): void {
    const key = `${table}/${chain}`;
    const c = this.policies.get(key) ?? { packets: 0, bytes: 0 };
    c.packets++;
    c.bytes += bytes;
    this.policies.set(key, c);
  }

  get(table: TableName, chain: string, index: number): { packets: number; bytes: number } {
    return this.rules.get(`${table}/${chain}`)?.[index] ?? { packets: 0, bytes: 0 };
  }

  policy(table: TableName, chain: string): { packets: number; bytes: number } {
    return this.policies.get(`${table}/${chain}`) ?? { packets: 0, bytes: 0 };
  }

  /** Rules were rewritten: counters of user chains start again from zero, as after iptables-restore. */
  resetChain(table: TableName, chain: string): void {
    this.rules.delete(`${table}/${chain}`);
  }
}

/** A SYN's size on the wire, for byte counters. */
export const SYN_BYTES = 60;

const cidrCache = new Map<string, ReturnType<typeof mustParseCidr>>();
function inCidr(ip: string, cidr: string): boolean {
  let c = cidrCache.get(cidr);
  if (!c) cidrCache.set(cidr, (c = mustParseCidr(cidr)));
  const n = parseIPv4(ip);
  return n !== null && cidrContains(c, n);
}

/** The kernel's stored probability: round(p · 2³¹) (libxt_statistic), drawn against 31 bits. */
function statisticMatches(p: number, prng: Prng): boolean {
  const stored = Math.round(p * 0x80000000);
  return Math.floor(prng.next() * 0x80000000) < stored;
}

function matchOne(m: Match, p: Packet, env: WalkEnv): boolean {
  switch (m.kind) {
    case "comment":
      return true;
    case "proto":
      return p.protocol === m.protocol && (m.dport === undefined || p.dport === m.dport);
    case "statistic":
      return statisticMatches(m.probability, env.prng);
    case "recent":
      if (m.mode === "set") {
        env.recent.seen(m.name, p.src, env.nowMs);
        return true;
      }
      return env.recent.check(m.name, p.src, env.nowMs, m.seconds, !!m.reap);
    case "addrtype": {
      let ok = true;
      if (m.dstType) ok &&= env.isLocal(p.dst);
      if (m.srcType) ok &&= env.isLocal(p.src);
      return m.negate ? !ok : ok;
    }
    case "mark": {
      const ok = (p.mark & m.mask) === m.mark;
      return m.negate ? !ok : ok;
    }
    case "conntrack": {
      // The first packet of a connection is NEW (never RELATED or ESTABLISHED), and DNAT once the
      // nat table has translated its destination.
      const ok = m.ctstate.includes("NEW") || (!!p.dnat && m.ctstate.includes("DNAT"));
      return m.negate ? !ok : ok;
    }
    case "set":
      return env.ipset ? env.ipset(m.name, m.flags, p) : false;
  }
}

function ruleMatches(r: Rule, p: Packet, env: WalkEnv): boolean {
  if (r.source && inCidr(p.src, r.source.cidr) === !!r.source.negate) return false;
  if (r.destination && inCidr(p.dst, r.destination.cidr) === !!r.destination.negate) return false;
  if (r.protocol && r.protocol !== p.protocol) return false;
  for (const m of r.matches) if (!matchOne(m, p, env)) return false;
  return true;
}

type ChainResult = { kind: "return" } | { kind: "final"; verdict: Verdict };

function walkChain(rs: RuleSet, table: TableName, chain: string, p: Packet, env: WalkEnv, path: RuleStep[], depth: number): ChainResult {
  if (depth > 32) return { kind: "final", verdict: { kind: "drop" } }; // a loop: iptables refuses these
  const rules = rs[table].rules.get(chain) ?? [];
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (!ruleMatches(r, p, env)) continue;
    path.push({ table, chain, index: i, rule: r });
    env.counters?.add(table, chain, i, SYN_BYTES);
    const t = r.target;
    switch (t.kind) {
      case "jump": {
        const res = walkChain(rs, table, t.chain, p, env, path, depth + 1);
        if (res.kind === "final") return res;
        continue;
      }
      case "RETURN":
        return { kind: "return" };
      case "MARK":
        p.mark = t.op === "or" ? p.mark | t.value : p.mark ^ t.value;
        continue;
      case "DNAT":
        return { kind: "final", verdict: { kind: "dnat", to: t.toDestination } };
      case "MASQUERADE":
        return { kind: "final", verdict: { kind: "masquerade" } };
      case "REJECT":
        return { kind: "final", verdict: { kind: "reject" } };
      case "DROP":
        return { kind: "final", verdict: { kind: "drop" } };
      case "ACCEPT":
        return { kind: "final", verdict: { kind: "accept" } };
    }
  }
  return { kind: "return" };
}

/**
 * Walks one built-in chain (a netfilter hook) of `table`. A built-in chain that ends without a
 * verdict applies its policy (ACCEPT). `p.mark` is updated in place (MARK targets).
 */
export function walkHook(rs: RuleSet, table: TableName, hook: string, p: Packet, env: WalkEnv, path: RuleStep[]): Verdict {
  const res = walkChain(rs, table, hook, p, env, path, 0);
  if (res.kind === "final") return res.verdict;
  env.counters?.addPolicy(table, hook, SYN_BYTES);
  return { kind: "accept" };
}
