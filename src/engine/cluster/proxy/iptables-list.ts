/**
 * `iptables [-t TABLE] -L [CHAIN [RULENUM]] [-n] [-v] [-x] [--line-numbers]` and
 * `iptables -S [CHAIN [RULENUM]] [-v]` as iptables v1.8.9 (nf_tables backend) prints them.
 *
 * Layout from the iptables userspace source (read, not copied): `xshared.c` `print_header`,
 * `print_rule_details`, `print_fragment`, `print_ifaces`, `print_ipv4_addresses`;
 * `nft-ipv4.c` `nft_ipv4_print_rule`; `nft.c` `nft_rule_list` (a blank line between chains,
 * `Chain X (N references)` where N counts the rules jumping to X), `nft_rule_list_save` (`-S`);
 * `libxtables` `xtables_print_num` (K/M/G/T rounding unless `-x`). Matches and targets print with
 * each extension's `print` function: `/* comment *\/`, `tcp dpt:http`, `statistic mode random
 * probability 0.50000000000`, `recent: CHECK seconds: 10800 reap name: … side: source mask:
 * 255.255.255.255`, `ADDRTYPE match dst-type LOCAL`, `mark match ! 0x4000/0x4000`,
 * `ctstate NEW`, `match-set KUBE-CLUSTER-IP dst,dst`, `to:IP:PORT`, `MARK or 0x4000`,
 * `random-fully`, `reject-with icmp-port-unreachable`.
 *
 * Name resolution without `-n`: 0.0.0.0/0 prints `anywhere`; ports become service names from
 * the node's /etc/services (netbase); 127.0.0.1 is `localhost` and the networks 127.0.0.0 and
 * 169.254.0.0 are `loopback` and `link-local` (/etc/networks). Other addresses stay numeric: the
 * node's resolver has no PTR records for pod, service or node addresses (an assumption: a node
 * whose /etc/hosts names its peers would print their names).
 */
import {
  chainRules,
  commentText,
  ctStates,
  kernelProbability,
  markValue,
  numToIp,
  parseCidr,
  policyCounters,
  ruleCounters,
  ruleSpec,
  tableChains,
  targetName,
  type XtTable,
} from "./iptables-save";
import type { Match, Rule, RuleCounters, Target } from "./rules";

// FMT_* flags as libxtables defines them; the layout code below follows the C code's branches.
const FMT_NUMERIC = 0x1;
const FMT_NOCOUNTS = 0x2;
const FMT_KILOMEGAGIGA = 0x4;
const FMT_OPTIONS = 0x8;
const FMT_VIA = 0x40;
const FMT_LINENUMBERS = 0x100;

/** printf `%-Ns`. */
const left = (s: string, n: number) => s.padEnd(n);
/** printf `%Ns`. */
const right = (s: string, n: number) => s.padStart(n);

/** `xtables_print_num` in table form: `%5llu ` or `%4lluK ` …, `%8llu ` with `-x`. */
export function printNum(n: number, exact: boolean): string {
  if (exact) return `${right(String(n), 8)} `;
  if (n <= 99999) return `${right(String(n), 5)} `;
  let v = n;
  for (const unit of ["K", "M", "G"]) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return `${right(String(v), 4)}${unit} `;
  }
  v = Math.floor((v + 500) / 1000);
  return `${right(String(v), 4)}T `;
}

/** `xtables_print_num` with FMT_NOTABLE (the policy counters in a chain header): `%llu ` / `%lluK `. */
function printNumNoTable(n: number, exact: boolean): string {
  return printNum(n, exact).trimStart();
}

/**
 * Service names of the ports a lab touches, from Ubuntu's /etc/services (netbase), per protocol.
 * Ports not listed print as numbers (e.g. 9153, 6443, 30080).
 */
const SERVICES: Record<"tcp" | "udp" | "sctp", Record<number, string>> = {
  tcp: {
    7: "echo", 21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 53: "domain", 80: "http", 88: "kerberos", 110: "pop3", 111: "sunrpc",
    143: "imap2", 179: "bgp", 389: "ldap", 443: "https", 465: "submissions", 587: "submission", 636: "ldaps", 873: "rsync",
    993: "imaps", 995: "pop3s", 1080: "socks", 1433: "ms-sql-s", 2049: "nfs", 3260: "iscsi-target", 3306: "mysql",
    3389: "ms-wbt-server", 4369: "epmd", 5432: "postgresql", 5671: "amqps", 5672: "amqp", 6000: "x11", 6379: "redis",
    6444: "sge-qmaster", 6445: "sge-execd", 6446: "mysql-proxy", 6667: "ircd", 8080: "http-alt", 8081: "tproxy",
    8088: "omniorb", 8140: "puppet", 9101: "bacula-dir", 9102: "bacula-fd", 9103: "bacula-sd", 9418: "git", 10000: "webmin",
    10050: "zabbix-agent", 10051: "zabbix-trapper", 10080: "amanda", 11371: "hkp",
  },
  udp: {
    7: "echo", 53: "domain", 67: "bootps", 68: "bootpc", 69: "tftp", 88: "kerberos", 111: "sunrpc", 123: "ntp", 137: "netbios-ns",
    138: "netbios-dgm", 161: "snmp", 162: "snmp-trap", 443: "https", 500: "isakmp", 514: "syslog", 1194: "openvpn", 1812: "radius",
    2049: "nfs", 4500: "ipsec-nat-t", 5060: "sip", 5353: "mdns",
  },
  sctp: { 5672: "amqp" },
};

function port(proto: "tcp" | "udp" | "sctp", n: number, numeric: boolean): string {
  return (!numeric && SERVICES[proto][n]) || String(n);
}

/** Names the node's /etc/hosts and /etc/networks give (`xtables_ipaddr_to_anyname`). */
const HOSTS: Record<string, string> = { "127.0.0.1": "localhost" };
const NETWORKS: Record<string, string> = { "127.0.0.0": "loopback", "169.254.0.0": "link-local" };

/** `ipv4_addr_to_string`: `anywhere`, or the address (a name without -n) and `/len` unless /32. */
function addrToString(a: Rule["source"], numeric: boolean): string {
  const { addr, bits } = a ? parseCidr(a.cidr) : { addr: 0, bits: 0 };
  if (bits === 0 && !numeric) return "anywhere";
  const ip = numToIp(addr);
  const name = numeric ? ip : (HOSTS[ip] ?? NETWORKS[ip] ?? ip);
  return bits === 32 ? name : `${name}/${bits}`;
}

/** One match's `print` output (leading space). */
function printMatch(m: Match, numeric: boolean): string {
  switch (m.kind) {
    case "comment":
      return ` /* ${commentText(m)} */`;
    case "proto":
      return ` ${m.protocol}${m.dport !== undefined ? ` dpt:${port(m.protocol, m.dport, numeric)}` : ""}`;
    case "statistic":
      return ` statistic mode random probability ${kernelProbability(m.probability)}`;
    case "recent": {
      let s = ` recent: ${m.mode === "set" ? "SET" : "CHECK"}`;
      if (m.seconds) s += ` seconds: ${m.seconds}`;
      if (m.reap) s += " reap";
      return `${s} name: ${m.name} side: source mask: 255.255.255.255`;
    }
    case "addrtype": {
      let s = " ADDRTYPE match";
      if (m.srcType) s += ` src-type ${m.negate && !m.dstType ? "!" : ""}${m.srcType}`;
      if (m.dstType) s += ` dst-type ${m.negate ? "!" : ""}${m.dstType}`;
      return s;
    }
    case "mark":
      return ` mark match${m.negate ? " !" : ""} ${markValue(m.mark, m.mask)}`;
    case "conntrack":
      return `${m.negate ? " !" : ""} ctstate ${ctStates(m.ctstate)}`;
    case "set":
      return ` match-set ${m.name} ${m.flags}`;
  }
}

/** The target's `print` output (leading space); nothing for chains and verdicts. */
function printTarget(t: Target): string {
  switch (t.kind) {
    case "DNAT":
      return ` to:${t.toDestination}`;
    case "MARK":
      return ` MARK ${t.op} 0x${t.value.toString(16)}`;
    case "MASQUERADE":
      return t.randomFully ? " random-fully" : "";
    case "REJECT":
      return " reject-with icmp-port-unreachable";
    default:
      return "";
  }
}

export interface ListOptions {
  /** `-L CHAIN`: one chain (the caller checks that it exists, see {@link hasChain}). */
  chain?: string;
  /** `-L CHAIN N`: only rule N (1-based), printed without a header. */
  rulenum?: number;
  numeric?: boolean;
  verbose?: boolean;
  exact?: boolean;
  lineNumbers?: boolean;
  counters?: RuleCounters;
}

/** Whether a table has the chain (base chains always exist, iptables-nft fakes them). */
export function hasChain(t: XtTable, chain: string): boolean {
  return t.builtins.includes(chain) || t.chains.includes(chain);
}

/** How many rules of the table jump to `chain` (`Chain X (N references)`). */
function references(t: XtTable, chain: string): number {
  let n = 0;
  for (const c of tableChains(t)) for (const r of chainRules(t, c)) if (r.target.kind === "jump" && r.target.chain === chain) n++;
  return n;
}

function header(t: XtTable, chain: string, format: number, o: ListOptions): string {
  let s = `Chain ${chain}`;
  if (t.builtins.includes(chain)) {
    s += " (policy ACCEPT";
    if (!(format & FMT_NOCOUNTS)) {
      const pc = policyCounters(t, chain, o.counters);
      s += ` ${printNumNoTable(pc.packets, !!o.exact)}packets, ${printNumNoTable(pc.bytes, !!o.exact)}bytes`;
    }
    s += ")\n";
  } else {
    s += ` (${references(t, chain)} references)\n`;
  }
  if (format & FMT_LINENUMBERS) s += `${left("num", 4)} `;
  if (!(format & FMT_NOCOUNTS)) {
    if (format & FMT_KILOMEGAGIGA) s += `${right("pkts", 5)} ${right("bytes", 5)} `;
    else s += `${right("pkts", 8)} ${right("bytes", 10)} `;
  }
  s += `${left("target", 9)} `;
  s += " prot ";
  if (format & FMT_OPTIONS) s += "opt";
  if (format & FMT_VIA) s += ` ${left("in", 6)} ${left("out", 6)} `;
  s += ` ${left("source", 19)} `;
  s += ` ${left("destination", 19)} `;
  return s + "\n";
}

function ruleLine(t: XtTable, chain: string, rule: Rule, index: number, format: number, o: ListOptions): string {
  const numeric = !!(format & FMT_NUMERIC);
  let s = "";
  if (format & FMT_LINENUMBERS) s += `${left(String(index + 1), 4)} `;
  if (!(format & FMT_NOCOUNTS)) {
    const rc = ruleCounters(t, chain, index, o.counters);
    s += printNum(rc.packets, !(format & FMT_KILOMEGAGIGA)) + printNum(rc.bytes, !(format & FMT_KILOMEGAGIGA));
  }
  s += `${left(targetName(rule.target), 9)} `;
  s += ` ${left(rule.protocol ?? "all", 4)} `;
  if (format & FMT_OPTIONS) s += "-- ";
  if (format & FMT_VIA) {
    const any = numeric ? "*" : "any";
    s += ` ${left(any, 6)} ${left(any, 6)} `;
  }
  s += `${rule.source?.negate ? "!" : " "}${left(addrToString(rule.source, numeric), 19)} `;
  s += `${rule.destination?.negate ? "!" : " "}${left(addrToString(rule.destination, numeric), 19)} `;
  for (const m of rule.matches) s += printMatch(m, numeric);
  s += printTarget(rule.target);
  return s + "\n";
}

/**
 * The text of `iptables -L` for one table (all chains, or `o.chain`). The caller has checked
 * that `o.chain` exists ({@link hasChain}); otherwise iptables prints
 * `iptables: No chain/target/match by that name.`
 */
export function renderIptablesList(t: XtTable, o: ListOptions = {}): string {
  let format = FMT_OPTIONS;
  format |= o.verbose ? FMT_VIA : FMT_NOCOUNTS;
  if (o.numeric) format |= FMT_NUMERIC;
  if (!o.exact) format |= FMT_KILOMEGAGIGA;
  if (o.lineNumbers) format |= FMT_LINENUMBERS;

  const chains = o.chain !== undefined ? [o.chain] : tableChains(t);
  if (o.chain !== undefined && o.rulenum) {
    // `-L CHAIN N`: the one rule, no header (iptables prints nothing for a rule that is not there).
    const r = chainRules(t, o.chain)[o.rulenum - 1];
    return r ? ruleLine(t, o.chain, r, o.rulenum - 1, format, o) : "";
  }
  return chains
    .map((c) => header(t, c, format, o) + chainRules(t, c).map((r, i) => ruleLine(t, c, r, i, format, o)).join(""))
    .join("\n");
}

export interface ListRulesOptions {
  chain?: string;
  rulenum?: number;
  /** `-S -v`: `-c PKTS BYTES` on policies and rules. */
  verbose?: boolean;
  counters?: RuleCounters;
}

/** The text of `iptables -S`: `-P`/`-N` lines for the chains, then `-A` lines (save form). */
export function renderIptablesRules(t: XtTable, o: ListRulesOptions = {}): string {
  const chains = o.chain !== undefined ? [o.chain] : tableChains(t);
  const chainLine = (c: string) => {
    if (!t.builtins.includes(c)) return `-N ${c}\n`;
    const pc = policyCounters(t, c, o.counters);
    return `-P ${c} ACCEPT${o.verbose ? ` -c ${pc.packets} ${pc.bytes}` : ""}\n`;
  };
  const ruleLines = (c: string) =>
    chainRules(t, c)
      .map((r, i) => ({ r, i }))
      .filter(({ i }) => !o.rulenum || i === o.rulenum - 1)
      .map(({ r, i }) => `-A ${c}${ruleSpec(r, o.verbose ? ruleCounters(t, c, i, o.counters) : undefined)}\n`)
      .join("");
  let s = "";
  if (!o.rulenum) for (const c of chains) s += chainLine(c);
  for (const c of chains) s += ruleLines(c);
  return s;
}
