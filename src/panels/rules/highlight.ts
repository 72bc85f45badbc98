/**
 * Pure helpers of the rules viewer: which printed lines a connection walked (matched by table,
 * chain and rule index, as the engine recorded the walk — DESIGN.md principle 3), the chains a
 * rule set has, and the last connection a node's rules translated.
 */
import type { FlowEvent, RuleLine } from "../../engine/api";

/** A rules line with the table it sits in (declarations `:CHAIN …` included) and its chain. */
export interface Line extends RuleLine {
  /** Position in the full listing (stable id for jumps). */
  n: number;
  /** Table of the section the line is in (also for `:CHAIN` declarations and headers). */
  section?: "nat" | "filter";
  /** The chain a rule or a declaration belongs to. */
  of?: string;
}

/** Adds section and chain to every line (`*nat` / `*filter` open a section, `:CHAIN` declares one). */
export function annotate(lines: readonly RuleLine[]): Line[] {
  let section: Line["section"];
  return lines.map((l, n) => {
    if (l.text.startsWith("*")) {
      const t = l.text.slice(1);
      section = t === "nat" || t === "filter" ? t : undefined;
    }
    const decl = /^:(\S+) /.exec(l.text)?.[1];
    return { ...l, n, section: l.table ?? section, of: l.chain ?? decl };
  });
}

/** `nat KUBE-SERVICES`: a chain in its table, as the chain filter names it. */
export const chainKey = (table: string | undefined, chain: string) => `${table ?? ""} ${chain}`;

/** The chains in order of first appearance, with their rule counts. */
export function chainsOf(lines: readonly Line[]): { key: string; table: string; chain: string; rules: number }[] {
  const out = new Map<string, { key: string; table: string; chain: string; rules: number }>();
  for (const l of lines) {
    if (!l.of || !l.section) continue;
    const key = chainKey(l.section, l.of);
    let c = out.get(key);
    if (!c) out.set(key, (c = { key, table: l.section, chain: l.of, rules: 0 }));
    if (l.chain) c.rules++;
  }
  return [...out.values()];
}

/**
 * Line numbers (`n`) the connection walked, in walk order: its iptables steps, and in IPVS mode
 * the virtual server and the real server it was scheduled to.
 */
export function pathLines(lines: readonly Line[], e: FlowEvent | undefined): number[] {
  if (!e || e.path.kind === "direct") return [];
  const byRule = new Map<string, number>();
  for (const l of lines) if (l.table && l.chain && l.index !== undefined) byRule.set(`${l.table}/${l.chain}/${l.index}`, l.n);
  const out: number[] = [];
  if (e.path.kind === "ipvs") {
    const [proto, vip] = e.path.service.split(/\s+/);
    const dest = e.path.dest;
    let inService = false;
    for (const l of lines) {
      if (l.table) break; // the iptables part follows the ipvsadm listing
      const words = l.text.trim().split(/\s+/);
      if (words[0] === "TCP" || words[0] === "UDP" || words[0] === "SCTP") {
        inService = words[0] === proto && words[1] === vip;
        if (inService) out.push(l.n);
      } else if (inService && words[0] === "->" && words[1] === dest) out.push(l.n);
    }
  }
  for (const s of e.path.steps) {
    const n = byRule.get(`${s.table}/${s.chain}/${s.index}`);
    if (n !== undefined && !out.includes(n)) out.push(n);
  }
  return out;
}

/** The newest connection node `node`'s rules translated (not a pod talking to itself). */
export function lastFlowThrough(flows: readonly FlowEvent[], node: string): FlowEvent | undefined {
  for (let i = flows.length - 1; i >= 0; i--) {
    const e = flows[i];
    if (e.node === node && e.path.kind !== "direct") return e;
  }
  return undefined;
}


/**
 * Reads something from the live cluster as of `_version`: the argument only keys a memo (the
 * engine mutates in place, so React cannot see when its answer changes), e.g.
 * `useMemo(() => asOf(rules, tick), [rules, tick])`.
 */
export function asOf<T>(read: () => T, _version: unknown): T {
  return read();
}
