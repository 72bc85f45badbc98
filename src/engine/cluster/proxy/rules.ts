/**
 * iptables rules as data. kube-proxy (iptables mode) produces a {@link RuleSet} per node; the
 * same structure is printed by `iptables-save` / `iptables -L` and walked by the dataplane, so
 * the rules a learner reads are the rules that route (DESIGN principle 3).
 *
 * A rule keeps the parts in the order `iptables-save` prints them: the address/protocol
 * options first (`[!] -s`, `[!] -d`, `-i`, `-o`, `-p`), then the `-m` matches in the order
 * kube-proxy wrote them, then `-j TARGET` with its options.
 */

export type Protocol = "tcp" | "udp" | "sctp";

/** An address option: `-s 192.168.1.10/32` or `! -s 192.168.0.0/16`. Always with a mask. */
export interface AddressMatch {
  cidr: string;
  negate?: boolean;
}

export type Match =
  /** `-m comment --comment TEXT` (quoted on output unless it is only `[A-Za-z0-9_-]`). */
  | { kind: "comment"; comment: string }
  /** `-m tcp [--dport N]` / `-m udp` / `-m sctp`. */
  | { kind: "proto"; protocol: Protocol; dport?: number }
  /**
   * `-m statistic --mode random --probability P`. `probability` is kube-proxy's value
   * (1/(n−i)); the kernel stores round(P·2³¹), which is what `iptables-save` prints.
   */
  | { kind: "statistic"; probability: number }
  /**
   * `-m recent`: ClientIP session affinity. `set` is written in the SEP chain
   * (`--set --name KUBE-SEP-X --mask 255.255.255.255 --rsource`), `rcheck` in the SVC chain
   * (`--rcheck --seconds T --reap --name KUBE-SEP-X --mask 255.255.255.255 --rsource`).
   */
  | { kind: "recent"; mode: "set" | "rcheck"; name: string; seconds?: number; reap?: boolean }
  /** `-m addrtype [!] --dst-type LOCAL` or `-m addrtype --src-type LOCAL`. */
  | { kind: "addrtype"; dstType?: "LOCAL"; srcType?: "LOCAL"; negate?: boolean }
  /** `-m mark [!] --mark 0x4000/0x4000`. */
  | { kind: "mark"; mark: number; mask: number; negate?: boolean }
  /** `-m conntrack [!] --ctstate NEW` (states joined by commas). */
  | { kind: "conntrack"; ctstate: string[]; negate?: boolean }
  /** `-m set --match-set KUBE-CLUSTER-IP dst,dst` (IPVS mode's ipset matches). */
  | { kind: "set"; name: string; flags: string };

/** Where a rule sends a packet that matches it. */
export type Target =
  /** Jump to a user chain (KUBE-SVC-…, KUBE-SEP-…, KUBE-MARK-MASQ, …). */
  | { kind: "jump"; chain: string }
  | { kind: "DNAT"; toDestination: string }
  /** kube-proxy writes `--or-mark` / `--xor-mark`; iptables-save prints `--set-xmark V/M`. */
  | { kind: "MARK"; op: "or" | "xor"; value: number }
  | { kind: "MASQUERADE"; randomFully?: boolean }
  /** Always printed with `--reject-with icmp-port-unreachable`. */
  | { kind: "REJECT" }
  | { kind: "DROP" }
  | { kind: "ACCEPT" }
  | { kind: "RETURN" };

export interface Rule {
  source?: AddressMatch;
  destination?: AddressMatch;
  protocol?: Protocol;
  matches: Match[];
  target: Target;
}

export type TableName = "nat" | "filter";

/** One table: its chains in `iptables-save` order (built-ins first), and their rules. */
export interface Table {
  name: TableName;
  /** Built-in chains with their policy (`ACCEPT`), in kernel order. */
  builtins: string[];
  /** User chains (sorted by name, as `iptables-save` lists them). */
  chains: string[];
  rules: ReadonlyMap<string, readonly Rule[]>;
}

/** Everything kube-proxy (iptables mode) has programmed on one node. */
export interface RuleSet {
  nat: Table;
  filter: Table;
}

/** Built-in chains per table, in the order the kernel (and `iptables-save`) lists them. */
export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  filter: ["INPUT", "FORWARD", "OUTPUT"],
};

/** kube-proxy's masquerade mark: bit 14 (`--iptables-masquerade-bit`). */
export const MASQ_MARK = 0x4000;

/**
 * Packet/byte counters per rule, kept by the dataplane as connections walk the rules (the
 * `[pkts:bytes]` of `iptables-save -c` and the first columns of `iptables -L -v`). Keyed by
 * `table/chain`, one entry per rule index.
 */
export interface RuleCounters {
  get(table: TableName, chain: string, index: number): { packets: number; bytes: number };
  /** Chain policy counters for built-in chains. */
  policy(table: TableName, chain: string): { packets: number; bytes: number };
}
