/**
 * The tools a learner runs on a node after `ssh node01`: `iptables-save`, `iptables` (-L, -S),
 * `ipvsadm`, `ip` (addr, route, link), `conntrack` and `crictl ps`. Each prints what the real
 * tool prints on a kubeadm node (Debian 12 / Ubuntu 24.04, containerd, Calico IPIP), including
 * its error messages, from what the node exposes ({@link NodeView}).
 *
 * Podflow's nodes are read-only: commands that would change rules, routes or conntrack entries
 * say so instead of pretending (kube-proxy and Calico own that state and would rewrite it).
 */
import type { Res } from "../util/result";
import type { ConntrackEntry, NodeContainer, NodeInterface, NodeView } from "../cluster/net/types";
import { IPTABLES_VERSION, isXtTable, renderIptablesSave, xtTable, type XtTableName } from "../cluster/proxy/iptables-save";
import { hasChain, renderIptablesList, renderIptablesRules } from "../cluster/proxy/iptables-list";
import { runIpvsadm } from "../cluster/proxy/ipvsadm";

/** conntrack-tools on the nodes (Debian 12's). */
export const CONNTRACK_VERSION = "1.4.7";

const out = (stdout: string, exitCode = 0): Res => ({ stdout, stderr: "", exitCode, output: stdout });
const err = (stderr: string, exitCode: number): Res => ({ stdout: "", stderr, exitCode, output: stderr });

/** Said by every command that would change the node: Podflow shows the state, it does not let you edit it. */
function readOnly(tool: string, owner: string): Res {
  return err(`${tool}: Podflow's nodes are read-only here: ${owner} owns this state and would rewrite it. Change the cluster (a Service, its pods, kube-proxy's mode) and look again.\n`, 1);
}

/**
 * Runs one of the node tools. `undefined` when `argv[0]` is not one of them, so the shell can
 * try its other commands. A leading `sudo` is accepted (the lab user is root already).
 */
export function runNodeTool(view: NodeView, argv: string[]): Res | undefined {
  if (argv[0] === "sudo" && argv.length > 1) return runNodeTool(view, argv.slice(1));
  const [cmd, ...args] = argv;
  switch (cmd) {
    case "iptables-save":
    case "iptables-nft-save":
      return iptablesSave(view, cmd, args);
    case "iptables":
    case "iptables-nft":
      return iptables(view, cmd, args);
    case "ipvsadm":
      return runIpvsadm(view, args);
    case "ip":
      return ip(view, args);
    case "conntrack":
      return conntrack(view, args);
    case "crictl":
      return crictl(view, args);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// iptables-save (xtables-save.c: optstring "bcdt:M:f:V", getopt's own messages, opterr on)

function iptablesSave(view: NodeView, prog: string, args: string[]): Res {
  let table: string | undefined;
  let showCounters = false;
  let warn = "";
  const manpage = `Look at manual page \`${prog}.8' for more information.\n`;
  const long: Record<string, string> = { counters: "c", version: "V", dump: "d", table: "t", modprobe: "M", file: "f", binary: "b" };
  const needsArg = new Set(["t", "M", "f"]);
  const apply = (c: string, arg: string | undefined): Res | undefined => {
    switch (c) {
      case "b":
        warn += "-b/--binary option is not implemented\n";
        return;
      case "c":
        showCounters = true;
        return;
      case "t":
        table = arg;
        return;
      case "V":
        return out(`${prog} v${IPTABLES_VERSION} (nf_tables)\n`);
      case "f":
        return err(`${prog}: Podflow cannot write files on the node; redirect the output instead.\n`, 1);
      default:
        return; // -d, -M: no effect here
    }
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--") && a.length > 2) {
      const [name, inline] = splitLong(a);
      const match = resolveLong(name, Object.keys(long));
      if (match.kind === "ambiguous") return err(`${prog}: option '${a}' is ambiguous\n${manpage}`, 1);
      if (match.kind === "none") return err(`${prog}: unrecognized option '${a}'\n${manpage}`, 1);
      const c = long[match.name];
      let arg = inline;
      if (needsArg.has(c) && arg === undefined) {
        if (i + 1 >= args.length) return err(`${prog}: option '--${match.name}' requires an argument\n${manpage}`, 1);
        arg = args[++i];
      }
      const r = apply(c, arg);
      if (r) return r;
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (!"bcdtMfV".includes(c)) return err(`${prog}: invalid option -- '${c}'\n${manpage}`, 1);
        let arg: string | undefined;
        if (needsArg.has(c)) {
          if (j + 1 < a.length) arg = a.slice(j + 1);
          else if (i + 1 < args.length) arg = args[++i];
          else return err(`${prog}: option requires an argument -- '${c}'\n${manpage}`, 1);
          j = a.length;
        }
        const r = apply(c, arg);
        if (r) return r;
      }
    } else positional.push(a);
  }
  if (positional.length) return err(`${warn}Unknown arguments found on commandline\n`, 1);
  if (table !== undefined && !isXtTable(table)) return err(`${warn}Table \`${table}' does not exist\n`, 1);
  const text = renderIptablesSave(view.iptables(), {
    table: table as XtTableName | undefined,
    counters: view.counters(),
    showCounters,
    nowMs: view.now(),
    hostname: view.name,
    programName: prog,
  });
  return { stdout: text, stderr: warn, exitCode: 0, output: warn + text };
}

/** `--name=value` → [name, value]. */
function splitLong(a: string): [string, string | undefined] {
  const eq = a.indexOf("=");
  return eq < 0 ? [a.slice(2), undefined] : [a.slice(2, eq), a.slice(eq + 1)];
}

/** getopt_long's matching: an exact name, else a unique prefix. */
function resolveLong(name: string, names: readonly string[]): { kind: "ok"; name: string } | { kind: "none" } | { kind: "ambiguous" } {
  if (names.includes(name)) return { kind: "ok", name };
  const hits = names.filter((n) => n.startsWith(name));
  if (hits.length === 1) return { kind: "ok", name: hits[0] };
  return hits.length ? { kind: "ambiguous" } : { kind: "none" };
}

// ---------------------------------------------------------------------------------------------
// iptables (xtables.c do_commandx / xshared.c do_parse; opterr off, errors via xtables_error)

type Arity = 0 | 1 | 2; // none, required, optional

/** IPT_OPTSTRING "-:A:C:D:E:F::I:L::M:N:P:R:S::VX::Z::c:d:g:h::i:j:m:no:p:s:t:w::vW::x" plus -4 -6 -f. */
const IPT_SHORT: Record<string, Arity> = {
  A: 1, C: 1, D: 1, E: 1, F: 2, I: 1, L: 2, M: 1, N: 1, P: 1, R: 1, S: 2, V: 0, X: 2, Z: 2,
  c: 1, d: 1, g: 1, h: 2, i: 1, j: 1, m: 1, n: 0, o: 1, p: 1, s: 1, t: 1, w: 2, v: 0, W: 2, x: 0, "4": 0, "6": 0, f: 0,
};

const IPT_LONG: Record<string, [string, Arity]> = {
  append: ["A", 1], delete: ["D", 1], check: ["C", 1], insert: ["I", 1], replace: ["R", 1], list: ["L", 2], "list-rules": ["S", 2],
  flush: ["F", 2], zero: ["Z", 2], "new-chain": ["N", 1], "delete-chain": ["X", 2], "rename-chain": ["E", 1], policy: ["P", 1],
  source: ["s", 1], destination: ["d", 1], src: ["s", 1], dst: ["d", 1], protocol: ["p", 1], "in-interface": ["i", 1], jump: ["j", 1],
  table: ["t", 1], match: ["m", 1], numeric: ["n", 0], "out-interface": ["o", 1], verbose: ["v", 0], wait: ["w", 2],
  "wait-interval": ["W", 2], exact: ["x", 0], fragments: ["f", 0], version: ["V", 0], help: ["h", 2], "line-numbers": ["0", 0],
  modprobe: ["M", 1], "set-counters": ["c", 1], goto: ["g", 1], ipv4: ["4", 0], ipv6: ["6", 0], compat: ["compat", 0],
};

/** Options that only rule-changing commands accept (`options_v_commands`), with their long names. */
const RULE_OPTIONS: Record<string, string> = { s: "--source", d: "--destination", p: "--protocol", j: "--jump", g: "--jump", i: "--in-interface", o: "--out-interface", f: "--fragments", c: "--set-counters" };

function iptables(view: NodeView, prog: string, args: string[]): Res {
  const v = `${prog} v${IPTABLES_VERSION} (nf_tables)`;
  const tryHelp = `Try \`${prog} -h' or '${prog} --help' for more information.\n`;
  const paramProblem = (msg: string) => err(`${v}: ${msg}\n${tryHelp}`, 2);
  let command: string | undefined;
  let chain: string | undefined;
  let rulenum: number | undefined;
  let table = "filter";
  const flags = new Set<string>();
  const ruleOpts: string[] = [];
  let invert = false;

  /** `xs_has_arg`: the next word is an argument if it does not start with '-' or '!'. */
  let i = 0;
  const hasArg = () => i < args.length && !args[i].startsWith("-") && !args[i].startsWith("!");

  const handle = (c: string, arg: string | undefined): Res | undefined => {
    if ("ACDEFILNPRSXZ".includes(c)) {
      if (invert) return paramProblem("unexpected '!' flag");
      if (c === "Z" && (command === "L" || command === "S")) return readOnly(prog, "the kernel (its counters)");
      if (command) return paramProblem(`Cannot use -${c} with -${command}`);
      command = c;
      // Every command but -L and -S changes the tables (-Z zeroes counters, even with -L).
      if (c !== "L" && c !== "S") return readOnly(prog, c === "Z" ? "the kernel (its counters)" : "kube-proxy");
      if (arg !== undefined) chain = arg;
      else if (hasArg()) chain = args[i++];
      if (hasArg()) {
        const n = Number(args[i]);
        if (!/^\d+$/.test(args[i]) || n < 1) return paramProblem(`Invalid rule number \`${args[i]}'`);
        rulenum = n;
        i++;
      }
      return;
    }
    switch (c) {
      case "t":
        if (invert) return paramProblem("unexpected ! flag before --table");
        table = arg ?? "";
        break;
      case "V":
        return out(invert ? `Not ${IPTABLES_VERSION} (nf_tables) ;-)\n` : `${v}\n`);
      case "h":
        return out(iptablesHelp(prog));
      case "n":
        flags.add("numeric");
        break;
      case "v":
        flags.add("verbose");
        break;
      case "x":
        flags.add("exact");
        break;
      case "0":
        flags.add("line-numbers");
        break;
      case "w":
      case "W":
        // parse_wait_time: an optional number of seconds.
        if (arg === undefined && hasArg()) i++;
        break;
      case "6":
        return err(tryHelp, 2);
      default:
        // -m, -M, -4, --compat change nothing for a listing; rule options are checked below.
        if (RULE_OPTIONS[c]) ruleOpts.push(RULE_OPTIONS[c]);
    }
    invert = false;
    return;
  };

  while (i < args.length) {
    const a = args[i++];
    let r: Res | undefined;
    if (a.startsWith("--") && a.length > 2) {
      const [name, inline] = splitLong(a);
      const match = resolveLong(name, Object.keys(IPT_LONG));
      if (match.kind !== "ok") return paramProblem(`unknown option "${a}"`);
      const [c, arity] = IPT_LONG[match.name];
      let arg = inline;
      if (arity === 1 && arg === undefined) {
        if (i >= args.length) return paramProblem(`option "${a}" requires an argument`);
        arg = args[i++];
      }
      r = handle(c, arg);
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const arity = IPT_SHORT[c];
        if (arity === undefined) return paramProblem(`unknown option "-${c}"`);
        let arg: string | undefined;
        if (arity !== 0 && j + 1 < a.length) arg = a.slice(j + 1);
        else if (arity === 1) {
          if (i >= args.length) return paramProblem(`option "${a}" requires an argument`);
          arg = args[i++];
        }
        r = handle(c, arg);
        if (r || arity !== 0) break;
      }
    } else if (a === "!") {
      if (invert) return paramProblem("multiple consecutive ! not allowed");
      invert = true;
      continue;
    } else {
      return err(`Bad argument \`${a}'\n${tryHelp}`, 2);
    }
    if (r) return r;
  }

  if (!command) return paramProblem("no command specified");
  if (invert) return paramProblem("nothing appropriate following !");
  // options_v_commands: -n, -x and --line-numbers only go with -L; rule options with rule commands.
  if (ruleOpts.length) return paramProblem(`Illegal option \`${ruleOpts[0]}' with this command`);
  if (command === "S") {
    for (const [f, name] of [["numeric", "--numeric"], ["exact", "--exact"], ["line-numbers", "--line-numbers"]] as const) {
      if (flags.has(f)) return paramProblem(`Illegal option \`${name}' with this command`);
    }
  }
  if (chain !== undefined && chain.length >= 29) return paramProblem(`chain name \`${chain}' too long (must be under 29 chars)`);
  if (!isXtTable(table)) return err(`${v}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, 3);

  const t = xtTable(view.iptables(), table);
  if (chain !== undefined && !hasChain(t, chain)) return err(`iptables: No chain/target/match by that name.\n`, 1);
  const counters = view.counters();
  if (command === "S") return out(renderIptablesRules(t, { chain, rulenum, verbose: flags.has("verbose"), counters }));
  return out(
    renderIptablesList(t, {
      chain,
      rulenum,
      numeric: flags.has("numeric"),
      verbose: flags.has("verbose"),
      exact: flags.has("exact"),
      lineNumbers: flags.has("line-numbers"),
      counters,
    }),
  );
}

function iptablesHelp(prog: string): string {
  const p = prog;
  return `${p} v${IPTABLES_VERSION} (nf_tables)

Usage: ${p} -[ACD] chain rule-specification [options]
       ${p} -I chain [rulenum] rule-specification [options]
       ${p} -R chain rulenum rule-specification [options]
       ${p} -D chain rulenum [options]
       ${p} -[LS] [chain [rulenum]] [options]
       ${p} -[FZ] [chain] [options]
       ${p} -[NX] chain
       ${p} -E old-chain-name new-chain-name
       ${p} -P chain target [options]
       ${p} -h (print this help information)

Commands:
Either long or short options are allowed.
  --list    -L [chain [rulenum]]
				List the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
				Print the rules in a chain or all chains

Options:
  --numeric	-n		numeric output of addresses and ports
  --table	-t table	table to manipulate (default: \`filter')
  --verbose	-v		verbose mode
  --line-numbers		print line numbers when listing
  --exact	-x		expand numbers (display exact values)
[!] --version	-V		print package version.

(Podflow: the listing commands work; the ones that change rules do not, kube-proxy owns them.)
`;
}

// ---------------------------------------------------------------------------------------------
// ip (iproute2 6.1: ipaddress.c print_linkinfo / print_addrinfo, iproute.c print_route)

const IP_OBJECTS = ["address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tuntap", "token", "tcpmetrics", "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "stats", "help"];

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |
                   macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | stats | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** iproute2's `matches(arg, word)`: `arg` is a prefix of `word`. */
const matches = (arg: string, word: string) => arg.length > 0 && word.startsWith(arg);

function ip(view: NodeView, args: string[]): Res {
  let family: 4 | 6 | undefined;
  let brief = false;
  let i = 0;
  for (; i < args.length && args[i].startsWith("-") && args[i].length > 1; i++) {
    const o = args[i].replace(/^--?/, "");
    if (o === "4") family = 4;
    else if (o === "6") family = 6;
    else if (matches(o, "brief") && o.startsWith("br")) brief = true;
    else if (matches(o, "Version") || o === "V") return out("ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
    else if (matches(o, "color") || matches(o, "details") || matches(o, "statistics") || matches(o, "resolve") || matches(o, "Numeric") || matches(o, "oneline")) continue;
    else return err(`Option "${args[i]}" is unknown, try "ip -help".\n`, 255);
  }
  const object = args[i];
  const rest = args.slice(i + 1);
  if (object === undefined) return err(IP_USAGE, 255);
  const obj = IP_OBJECTS.find((o) => matches(object, o));
  // do_cmd returns EXIT_FAILURE; usage() (no object, `ip help`) exits with -1.
  if (!obj) return err(`Object "${object}" is unknown, try "ip help".\n`, 1);
  if (obj === "help") return err(IP_USAGE, 255);
  if (obj === "address" || obj === "link") return ipLinks(view, obj, rest, family, brief);
  if (obj === "route") return ipRoute(view, rest, family);
  return err(`ip ${obj}: not simulated in Podflow (try ip address, ip route, ip link).\n`, 1);
}

const SHOW_WORDS = ["show", "list", "lst"];

function ipLinks(view: NodeView, obj: "address" | "link", args: string[], family: 4 | 6 | undefined, brief: boolean): Res {
  let dev: string | undefined;
  if (args.length) {
    const sub = args[0];
    if (!SHOW_WORDS.some((w) => matches(sub, w))) {
      if (["add", "delete", "del", "change", "replace", "flush", "set", "save", "restore"].some((w) => matches(sub, w))) return readOnly(`ip ${obj}`, "Calico and kube-proxy");
      return err(`Command "${sub}" is unknown, try "ip ${obj} help".\n`, 255);
    }
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a === "dev") dev = args[++i];
      else if (["up", "permanent", "dynamic", "primary", "secondary"].includes(a)) continue;
      else dev = a;
    }
  }
  let links = view.interfaces();
  if (dev !== undefined) {
    links = links.filter((l) => l.name === dev);
    if (!links.length) return err(`Device "${dev}" does not exist.\n`, 1);
  }
  let s = "";
  for (const l of links) {
    const addrs = l.addresses.filter((a) => (family === 4 ? !a.cidr.includes(":") : family === 6 ? a.cidr.includes(":") : true));
    // With -4/-6, `ip addr` skips links that have no address of that family.
    if (obj === "address" && family !== undefined && addrs.length === 0) continue;
    s += brief ? briefLine(l, obj, addrs) : linkBlock(l, obj, family, addrs);
  }
  return out(s);
}

/** `@if3` for a veth whose peer is eth0 in the pod's namespace (index 3 after lo and tunl0), `@NONE` for tunl0. */
function peerSuffix(l: NodeInterface): string {
  if (l.linkNetns) return "@if3";
  if (l.linkType === "ipip") return "@NONE";
  return "";
}

/** Links print `qlen 1000` except dummies (kube-ipvs0: NOARP ether, no queue). */
const qlen = (l: NodeInterface) => !(l.flags.includes("NOARP") && l.linkType === "ether");

function linkBlock(l: NodeInterface, obj: "address" | "link", family: 4 | 6 | undefined, addrs: NodeInterface["addresses"]): string {
  const qdisc = l.qdisc.replace(/^qdisc /, "");
  let s = `${l.index}: ${l.name}${peerSuffix(l)}: <${l.flags.join(",")}> mtu ${l.mtu} qdisc ${qdisc} state ${l.state} ${obj === "link" ? "mode DEFAULT " : ""}group default ${qlen(l) ? "qlen 1000" : ""}\n`;
  if (family === undefined || obj === "link") {
    if (l.linkType === "loopback") s += `    link/loopback ${l.mac ?? "00:00:00:00:00:00"} brd 00:00:00:00:00:00`;
    else if (l.linkType === "ipip") s += "    link/ipip 0.0.0.0 brd 0.0.0.0";
    else if (l.linkType === "none" || !l.mac) s += "    link/none ";
    else s += `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff`;
    if (l.linkNetns) s += ` link-netns ${l.linkNetns}`;
    s += "\n";
  }
  if (obj === "link") return s;
  for (const a of addrs) {
    if (a.cidr.includes(":")) {
      // No label on IPv6 addresses, so the scope is followed by a space; the kernel flags ::1 noprefixroute.
      s += `    inet6 ${a.cidr} scope ${a.scope} ${a.cidr === "::1/128" ? "noprefixroute " : ""}\n`;
    } else {
      s += `    inet ${a.cidr}${a.broadcast ? ` brd ${a.broadcast}` : ""} scope ${a.scope} ${l.name}\n`;
    }
    s += "       valid_lft forever preferred_lft forever\n";
  }
  return s;
}

/** `ip -br addr` / `ip -br link`: `%-16s %-14s` name and state, then addresses (or MAC and flags). */
function briefLine(l: NodeInterface, obj: "address" | "link", addrs: NodeInterface["addresses"]): string {
  const head = `${`${l.name}${peerSuffix(l)}`.padEnd(16)} ${l.state.padEnd(14)} `;
  if (obj === "address") return `${head}${addrs.map((a) => `${a.cidr} `).join("")}\n`;
  const mac = l.linkType === "ipip" ? "0.0.0.0" : (l.mac ?? "");
  return `${head}${mac} <${l.flags.join(",")}> \n`;
}

function ipRoute(view: NodeView, args: string[], family: 4 | 6 | undefined): Res {
  let dev: string | undefined;
  if (args.length) {
    const sub = args[0];
    if (!SHOW_WORDS.some((w) => matches(sub, w))) {
      if (["add", "delete", "del", "change", "replace", "append", "prepend", "flush", "save", "restore"].some((w) => matches(sub, w))) return readOnly("ip route", "Calico (BIRD) and the kernel");
      if (matches(sub, "get")) return err(`ip route get: not simulated in Podflow (ip route shows the table).\n`, 1);
      return err(`Command "${sub}" is unknown, try "ip route help".\n`, 255);
    }
    for (let i = 1; i < args.length; i++) if (args[i] === "dev") dev = args[++i];
  }
  if (family === 6) return out("");
  let routes = view.routes().map((r) => r.text);
  if (dev !== undefined) {
    if (!view.interfaces().some((l) => l.name === dev)) return err(`Cannot find device "${dev}"\n`, 1);
    // ip route show dev X leaves the `dev X` out of each line.
    routes = routes.filter((t) => t.includes(` dev ${dev} `)).map((t) => t.replace(` dev ${dev} `, " "));
  }
  return out(routes.map((t) => `${t}\n`).join(""));
}

// ---------------------------------------------------------------------------------------------
// conntrack (conntrack-tools conntrack.c; lines from libnetfilter_conntrack's default output)

const PROTO_NUM: Record<ConntrackEntry["protocol"], number> = { tcp: 6, udp: 17, icmp: 1 };

/** One entry as `conntrack -L` prints it. */
export function conntrackLine(e: ConntrackEntry): string {
  const l4 = (t: ConntrackEntry["orig"], reply: boolean) =>
    e.protocol === "icmp" ? `type=${reply ? 0 : 8} code=0 id=${t.sport}` : `sport=${t.sport} dport=${t.dport}`;
  let s = `${e.protocol.padEnd(8)} ${PROTO_NUM[e.protocol]} ${Math.max(0, Math.floor(e.timeoutSec))} `;
  if (e.protocol === "tcp" && e.state) s += `${e.state} `;
  s += `src=${e.orig.src} dst=${e.orig.dst} ${l4(e.orig, false)} `;
  if (e.unreplied) s += "[UNREPLIED] ";
  s += `src=${e.reply.src} dst=${e.reply.dst} ${l4(e.reply, true)} `;
  if (e.assured) s += "[ASSURED] ";
  return `${s}mark=${e.mark} use=1`;
}

const CT_LONG: Record<string, [string, Arity]> = {
  dump: ["L", 0], create: ["I", 0], delete: ["D", 0], update: ["U", 0], get: ["G", 0], flush: ["F", 0], event: ["E", 0], counter: ["C", 0],
  count: ["C", 0], stats: ["S", 0], version: ["V", 0], help: ["h", 0], "orig-src": ["s", 1], src: ["s", 1], "orig-dst": ["d", 1], dst: ["d", 1],
  "reply-src": ["r", 1], "reply-dst": ["q", 1], protonum: ["p", 1], proto: ["p", 1], family: ["f", 1], "src-nat": ["n", 2], "dst-nat": ["g", 2],
  "any-nat": ["j", 2], output: ["o", 1], mark: ["m", 1], zone: ["w", 1], timeout: ["t", 1], status: ["u", 1], zero: ["z", 0],
};
const CT_SHORT: Record<string, Arity> = { L: 0, I: 0, D: 0, U: 0, G: 0, F: 0, E: 0, C: 0, S: 0, V: 0, h: 0, s: 1, d: 1, r: 1, q: 1, p: 1, f: 1, n: 2, g: 2, j: 2, o: 1, m: 1, w: 1, t: 1, u: 1, z: 0 };
/** Options the tcp/udp handlers add once `-p` names them. */
const CT_PROTO_LONG: Record<string, string> = {
  "orig-port-src": "sport", sport: "sport", "orig-port-dst": "dport", dport: "dport", "reply-port-src": "rsport", "reply-port-dst": "rdport", state: "state",
};

function conntrack(view: NodeView, args: string[]): Res {
  const prog = `conntrack v${CONNTRACK_VERSION} (conntrack-tools)`;
  const tryHelp = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
  const problem = (msg: string) => err(`${prog}: ${msg}\n${tryHelp}`, 2);
  let command: string | undefined;
  let proto: ConntrackEntry["protocol"] | undefined;
  const f: Partial<Record<"s" | "d" | "r" | "q" | "sport" | "dport" | "rsport" | "rdport" | "state" | "nat", string>> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let c: string;
    let arity: Arity;
    let arg: string | undefined;
    if (a.startsWith("--")) {
      const [name, inline] = splitLong(a);
      const names = [...Object.keys(CT_LONG), ...(proto === "tcp" || proto === "udp" ? Object.keys(CT_PROTO_LONG) : [])];
      const m = resolveLong(name, names);
      if (m.kind !== "ok") return problem(`unknown option \`${a}'`);
      if (CT_PROTO_LONG[m.name]) {
        const v = inline ?? args[++i];
        if (v === undefined) return problem(`option \`${a}' requires an argument`);
        f[CT_PROTO_LONG[m.name] as "sport"] = v;
        continue;
      }
      [c, arity] = CT_LONG[m.name];
      arg = inline;
    } else if (a.startsWith("-") && a.length === 2 && CT_SHORT[a[1]] !== undefined) {
      c = a[1];
      arity = CT_SHORT[c];
    } else if (a.startsWith("-")) {
      return problem(`unknown option \`${a}'`);
    } else {
      continue; // getopt moves operands to the end; conntrack ignores them
    }
    if (arity === 1 && arg === undefined) {
      if (i + 1 >= args.length) return problem(`option \`${a}' requires an argument`);
      arg = args[++i];
    }
    switch (c) {
      case "L":
      case "C":
      case "I":
      case "D":
      case "U":
      case "G":
      case "F":
      case "E":
      case "S":
        if (command && command !== c) return problem(`Invalid commands combination`);
        command = c;
        break;
      case "V":
        return out(`${prog}\n`);
      case "h":
        return out(`Command line interface for the connection tracking system. Version ${CONNTRACK_VERSION}\nUsage: conntrack [commands] [options]\n\nCommands:\n  -L [table] [options]\t\tList conntrack or expectation table\n  -C [table]\t\t\tShow counter\n\n(Podflow: -L and -C work; the commands that change the table do not.)\n`);
      case "p": {
        const p = arg!.toLowerCase();
        if (p !== "tcp" && p !== "udp" && p !== "icmp") {
          if (!/^(sctp|udplite|dccp|gre|icmpv6|\d+)$/.test(p)) return problem(`\`${arg}' unsupported protocol`);
        }
        proto = p as ConntrackEntry["protocol"];
        break;
      }
      case "s":
      case "d":
      case "r":
      case "q":
        f[c] = arg;
        break;
      case "g":
        f.nat = "dst";
        break;
      case "n":
        f.nat = "src";
        break;
      case "j":
        f.nat = "any";
        break;
      default:
        break;
    }
  }
  if (!command) return problem("no command specified");
  if (command === "S") return err(`${prog}: conntrack -S is not simulated in Podflow.\n`, 1);
  if (command !== "L" && command !== "C") return readOnly("conntrack", "the kernel's connection tracking");
  let entries = view.conntrack();
  if (command === "C") return out(`${entries.length}\n`);
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  entries = entries.filter(
    (e) =>
      (!proto || e.protocol === proto) &&
      (f.s === undefined || e.orig.src === f.s) &&
      (f.d === undefined || e.orig.dst === f.d) &&
      (f.r === undefined || e.reply.src === f.r) &&
      (f.q === undefined || e.reply.dst === f.q) &&
      (f.sport === undefined || e.orig.sport === num(f.sport)) &&
      (f.dport === undefined || e.orig.dport === num(f.dport)) &&
      (f.rsport === undefined || e.reply.sport === num(f.rsport)) &&
      (f.rdport === undefined || e.reply.dport === num(f.rdport)) &&
      (f.state === undefined || (e.state ?? "").toUpperCase() === f.state.toUpperCase()) &&
      (f.nat === undefined || natMatches(e, f.nat)),
  );
  const stdout = entries.map((e) => conntrackLine(e) + "\n").join("");
  const stderr = `${prog}: ${entries.length} flow entries have been shown.\n`;
  return { stdout, stderr, exitCode: 0, output: stdout + stderr };
}

/** --dst-nat: the reply does not come from the original destination; --src-nat: not to the original source. */
function natMatches(e: ConntrackEntry, kind: string): boolean {
  const dnat = e.reply.src !== e.orig.dst || e.reply.sport !== e.orig.dport;
  const snat = e.reply.dst !== e.orig.src || e.reply.dport !== e.orig.sport;
  return kind === "dst" ? dnat : kind === "src" ? snat : dnat || snat;
}

// ---------------------------------------------------------------------------------------------
// crictl ps (cri-tools cmd/crictl/container.go; tabwriter minwidth 20, padding 3)

/** go-units `HumanDuration`, which crictl prints with " ago". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  // d.Round(time.Hour): halves round away from zero.
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** Go's text/tabwriter as crictl configures it: each column min 20 wide, 3 spaces of padding; the last cell is not padded. */
export function tabwrite(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length + 3, 20)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join("") + "\n").join("");
}

/** crictl's `getTruncatedID`: 13 characters (after `sha256:` for image digests). */
function truncId(id: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(id);
  return (m ? m[1] : id).slice(0, 13);
}

function crictl(view: NodeView, args: string[]): Res {
  const sub = args[0];
  if (sub === undefined) return err("crictl: Podflow simulates `crictl ps` (add -a for exited containers).\n", 1);
  if (sub === "--version" || sub === "-v" || sub === "version") return out("crictl version v1.33.0\n");
  if (sub !== "ps") {
    if (["pods", "images", "img", "inspect", "inspectp", "inspecti", "logs", "exec", "stats", "statsp", "info"].includes(sub)) {
      return err(`crictl ${sub}: not simulated in Podflow (crictl ps lists the node's containers; kubectl shows the rest).\n`, 1);
    }
    if (["rm", "rmp", "rmi", "stop", "stopp", "start", "create", "run", "runp", "update", "attach", "port-forward", "pull", "checkpoint"].includes(sub)) {
      return readOnly(`crictl ${sub}`, "the kubelet");
    }
    return err(`No help topic for '${sub}'\n`, 3);
  }
  let all = false;
  let quiet = false;
  let noTrunc = false;
  let name: RegExp | undefined;
  let state: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith("--") ? splitLong(a) : [a.replace(/^-/, ""), undefined];
    const value = () => inline ?? args[++i];
    if (/^[aq]+$/.test(flag) && !a.startsWith("--")) {
      all ||= flag.includes("a");
      quiet ||= flag.includes("q");
    } else if (flag === "all") all = true;
    else if (flag === "quiet") quiet = true;
    else if (flag === "no-trunc") noTrunc = true;
    else if (flag === "name") {
      const v = value();
      try {
        name = new RegExp(v ?? "");
      } catch {
        return err(`FATA[0000] listing containers: list containers: error parsing regexp: ${v}\n`, 1);
      }
    } else if (flag === "state" || flag === "s") state = value()?.toLowerCase();
    else if (flag === "output" || flag === "o") {
      const v = value();
      if (v !== "table") return err(`crictl ps -o ${v}: not simulated in Podflow (the table is).\n`, 1);
    } else return err(`Incorrect Usage: flag provided but not defined: -${flag}\n`, 1);
  }
  if (state !== undefined && !["created", "running", "exited", "unknown"].includes(state)) {
    return err("FATA[0000] listing containers: list containers: --state should be one of created, running, exited or unknown\n", 1);
  }
  const now = view.now();
  const list = view
    .containers()
    .filter((c) => (state ? c.state.toLowerCase() === state : all || c.state === "Running"))
    .filter((c) => !name || name.test(c.name))
    .sort((a, b) => b.createdMs - a.createdMs);
  if (quiet) return out(list.map((c) => `${c.id}\n`).join(""));
  const rows: string[][] = [["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"]];
  for (const c of list) rows.push(containerRow(c, now, noTrunc));
  return out(tabwrite(rows));
}

function containerRow(c: NodeContainer, now: number, noTrunc: boolean): string[] {
  return [
    noTrunc ? c.id : truncId(c.id),
    noTrunc || !c.image.startsWith("sha256:") ? c.image : truncId(c.image),
    `${humanDuration(Math.max(0, now - c.createdMs))} ago`,
    c.state,
    c.name,
    String(c.attempt),
    noTrunc ? c.podId : truncId(c.podId),
    c.pod,
    c.namespace,
  ];
}
