/**
 * `ipvsadm` v1.31 on a node: the option parser (popt), the command/option checks and the
 * listings of `ipvsadm.c`, printed from the node's {@link IpvsTable} — the same table the
 * dataplane schedules with.
 *
 * Listing (`-L`/`-l`/`--list`, with `-n`, `-c`, `--stats`, `--rate`, `--thresholds`,
 * `--persistent-conn`, `--tun-info`, `--exact`, `--sort`, `--nosort`, `-t`/`-u`/`--sctp-service`,
 * `--timeout`, `--daemon`), `-S`/`--save`, `-Z`/`--zero`, `-h` and `-v` behave as the real tool.
 * The commands that change the table by hand (`-A -E -D -C -a -e -d -R --set --start-daemon
 * --stop-daemon`) are parsed and checked as ipvsadm does, then refused: kube-proxy owns the
 * table in Podflow.
 *
 * Names: without `-n` ipvsadm resolves addresses (`gethostbyaddr`) and ports (`getservbyport`,
 * /etc/services). A kubeadm node has no PTR records for pod or service addresses, so addresses
 * stay numeric unless {@link IpvsadmOptions.hostName} says otherwise; ports use Debian netbase's
 * /etc/services (80 → http, 443 → https, 53 → domain; 9153, 6443 stay numeric).
 */
import type { NodeView } from "../net/types";
import type { Res } from "../../util/result";
import { IPVS_INFO, type IpvsConnEntry, type IpvsDest, type IpvsProtocol, type IpvsService, type IpvsTable } from "./ipvs";
import { parseIPv4 } from "./ipvs-schedulers";

export interface IpvsadmOptions {
  /** `gethostbyaddr` on this node (/etc/hosts); undefined → the address prints numerically. */
  hostName?: (ip: string) => string | undefined;
}

const PROG = "ipvsadm";
const VERSION_LINE = `ipvsadm v1.31 2019/07/02 (compiled with popt and IPVS v${IPVS_INFO.version})\n`;
const SCHEDULERS = "rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh";

// —— commands and options (ipvsadm.c) ——

const CMD = { ADD: 1, EDIT: 2, DEL: 3, FLUSH: 4, LIST: 5, ADDDEST: 6, DELDEST: 7, EDITDEST: 8, TIMEOUT: 9, STARTDAEMON: 10, STOPDAEMON: 11, RESTORE: 12, SAVE: 13, ZERO: 14 } as const;
const CMD_NAMES = ["add-service", "edit-service", "delete-service", "flush", "list", "add-server", "delete-server", "edit-server", "set", "start-daemon", "stop-daemon", "restore", "save", "zero"];

const OPT = {
  NUMERIC: 0, CONNECTION: 1, SERVICE: 2, SCHEDULER: 3, PERSISTENT: 4, NETMASK: 5, SERVER: 6, FORWARD: 7, WEIGHT: 8, UTHRESHOLD: 9,
  LTHRESHOLD: 10, MCAST: 11, TIMEOUT: 12, DAEMON: 13, STATS: 14, RATE: 15, THRESHOLDS: 16, PERSISTENTCONN: 17, NOSORT: 18, SYNCID: 19,
  EXACT: 20, ONEPACKET: 21, PE: 22, SCHED_FLAGS: 23, MCAST_GROUP: 24, MCAST_PORT: 25, MCAST_TTL: 26, SYNC_MAXLEN: 27, TUN_INFO: 28,
  TUN_TYPE: 29, TUN_PORT: 30, TUN_NOCSUM: 31, TUN_CSUM: 32, TUN_REMCSUM: 33,
} as const;
const OPT_NAMES = [
  "numeric", "connection", "service-address", "scheduler", "persistent", "netmask", "real-server", "forwarding-method", "weight", "u-threshold",
  "l-threshold", "mcast-interface", "timeout", "daemon", "stats", "rate", "thresholds", "persistent-conn", "nosort", "syncid",
  "exact", "ops", "pe", "sched-flags", "mcast-group", "mcast-port", "mcast-ttl", "sync-maxlen", "tun-info",
  "tun-type", "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum",
];

/**
 * `commands_v_options`: one row per command, one column per option (OPT order):
 * '+' compulsory, 'x' illegal, '1' exclusive, ' ' optional.
 */
const COMMANDS_V_OPTIONS = [
  "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx", // add-service
  "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx", // edit-service
  "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // delete-service
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // flush
  " 11xxxxxxxxx11       xxxxxxx xxxxx", // list
  "xx+xxx+    xxxxxxxxxxxxxxxxxx     ", // add-server
  "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx", // delete-server
  "xx+xxx+    xxxxxxxxxxxxxxxxxx     ", // edit-server
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // set
  "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx", // start-daemon
  "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx", // stop-daemon
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // restore
  " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // save
  "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", // zero
];

const FMT = { NUMERIC: 0x1, RULE: 0x2, STATS: 0x4, RATE: 0x8, THRESHOLDS: 0x10, PERSISTENTCONN: 0x20, NOSORT: 0x40, EXACT: 0x80, TUN_INFO: 0x100 } as const;

type ArgKind = "none" | "string" | "optional";
/** popt's option table: long name, short name, argument, and the value poptGetNextOpt returns. */
interface PoptOption {
  long: string;
  short?: string;
  arg: ArgKind;
  tag: string;
}
const POPT_OPTIONS: PoptOption[] = [
  { long: "add-service", short: "A", arg: "none", tag: "A" },
  { long: "edit-service", short: "E", arg: "none", tag: "E" },
  { long: "delete-service", short: "D", arg: "none", tag: "D" },
  { long: "clear", short: "C", arg: "none", tag: "C" },
  { long: "list", short: "L", arg: "none", tag: "L" },
  { long: "list", short: "l", arg: "none", tag: "l" },
  { long: "zero", short: "Z", arg: "none", tag: "Z" },
  { long: "add-server", short: "a", arg: "none", tag: "a" },
  { long: "edit-server", short: "e", arg: "none", tag: "e" },
  { long: "delete-server", short: "d", arg: "none", tag: "d" },
  { long: "set", arg: "none", tag: "set" },
  { long: "help", short: "h", arg: "none", tag: "h" },
  { long: "version", short: "v", arg: "none", tag: "v" },
  { long: "restore", short: "R", arg: "none", tag: "R" },
  { long: "save", short: "S", arg: "none", tag: "S" },
  { long: "start-daemon", arg: "string", tag: "start-daemon" },
  { long: "stop-daemon", arg: "string", tag: "stop-daemon" },
  { long: "tcp-service", short: "t", arg: "string", tag: "t" },
  { long: "udp-service", short: "u", arg: "string", tag: "u" },
  { long: "sctp-service", arg: "string", tag: "sctp-service" },
  { long: "fwmark-service", short: "f", arg: "string", tag: "f" },
  { long: "scheduler", short: "s", arg: "string", tag: "s" },
  { long: "persistent", short: "p", arg: "optional", tag: "p" },
  { long: "netmask", short: "M", arg: "string", tag: "M" },
  { long: "real-server", short: "r", arg: "string", tag: "r" },
  { long: "masquerading", short: "m", arg: "none", tag: "m" },
  { long: "ipip", short: "i", arg: "none", tag: "i" },
  { long: "gatewaying", short: "g", arg: "none", tag: "g" },
  { long: "weight", short: "w", arg: "string", tag: "w" },
  { long: "u-threshold", short: "x", arg: "string", tag: "x" },
  { long: "l-threshold", short: "y", arg: "string", tag: "y" },
  { long: "numeric", short: "n", arg: "none", tag: "n" },
  { long: "connection", short: "c", arg: "none", tag: "c" },
  { long: "mcast-interface", arg: "string", tag: "mcast-interface" },
  { long: "syncid", arg: "string", tag: "syncid" },
  { long: "timeout", arg: "none", tag: "timeout" },
  { long: "daemon", arg: "none", tag: "daemon" },
  { long: "stats", arg: "none", tag: "stats" },
  { long: "rate", arg: "none", tag: "rate" },
  { long: "thresholds", arg: "none", tag: "thresholds" },
  { long: "persistent-conn", arg: "none", tag: "persistent-conn" },
  { long: "nosort", arg: "none", tag: "nosort" },
  { long: "sort", arg: "none", tag: "sort" },
  { long: "exact", short: "X", arg: "none", tag: "X" },
  { long: "ipv6", short: "6", arg: "none", tag: "6" },
  { long: "ops", short: "o", arg: "none", tag: "o" },
  { long: "pe", arg: "string", tag: "pe" },
  { long: "sched-flags", short: "b", arg: "string", tag: "b" },
  { long: "mcast-group", arg: "string", tag: "mcast-group" },
  { long: "mcast-port", arg: "string", tag: "mcast-port" },
  { long: "mcast-ttl", arg: "string", tag: "mcast-ttl" },
  { long: "sync-maxlen", arg: "string", tag: "sync-maxlen" },
  { long: "tun-info", arg: "none", tag: "tun-info" },
  { long: "tun-type", arg: "string", tag: "tun-type" },
  { long: "tun-port", arg: "string", tag: "tun-port" },
  { long: "tun-nocsum", arg: "none", tag: "tun-nocsum" },
  { long: "tun-csum", arg: "none", tag: "tun-csum" },
  { long: "tun-remcsum", arg: "none", tag: "tun-remcsum" },
];

/** popt's errors that ipvsadm prints as `<bad option>: <poptStrerror>`. */
const POPT_ERRORS = { noarg: "missing argument", badopt: "unknown option", unwantedarg: "option does not take an argument" } as const;

type PoptEvent = { kind: "opt"; opt: PoptOption; arg?: string; word: string } | { kind: "error"; error: keyof typeof POPT_ERRORS; word: string } | { kind: "end" };

/** A popt context over argv (without the program name): options in order, leftovers kept. */
class Popt {
  private i = 0;
  /** Rest of a short-option cluster being read (`-Lnc`). */
  private cluster = "";
  private word = "";
  private onlyArgs = false;
  readonly leftovers: string[] = [];
  constructor(private readonly argv: readonly string[]) {}

  next(): PoptEvent {
    if (this.cluster) return this.short();
    for (;;) {
      if (this.i >= this.argv.length) return { kind: "end" };
      const w = this.argv[this.i++];
      if (this.onlyArgs || w === "-" || !w.startsWith("-")) {
        this.leftovers.push(w);
        continue;
      }
      if (w === "--") {
        this.onlyArgs = true;
        continue;
      }
      this.word = w;
      if (w.startsWith("--")) return this.long(w.slice(2));
      this.cluster = w.slice(1);
      return this.short();
    }
  }

  private long(body: string): PoptEvent {
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const opt = POPT_OPTIONS.find((o) => o.long === name);
    if (!opt) return { kind: "error", error: "badopt", word: this.word };
    if (eq >= 0) {
      if (opt.arg === "none") return { kind: "error", error: "unwantedarg", word: this.word };
      return { kind: "opt", opt, arg: body.slice(eq + 1), word: this.word };
    }
    return this.withArg(opt);
  }

  private short(): PoptEvent {
    const ch = this.cluster[0];
    this.cluster = this.cluster.slice(1);
    const opt = POPT_OPTIONS.find((o) => o.short === ch);
    if (!opt) {
      this.cluster = "";
      return { kind: "error", error: "badopt", word: this.word };
    }
    if (opt.arg !== "none" && this.cluster) {
      const arg = this.cluster;
      this.cluster = "";
      return { kind: "opt", opt, arg, word: this.word };
    }
    return this.withArg(opt);
  }

  private withArg(opt: PoptOption): PoptEvent {
    if (opt.arg === "none") return { kind: "opt", opt, word: this.word };
    const nextWord = this.argv[this.i];
    if (opt.arg === "optional") {
      if (nextWord === undefined || nextWord.startsWith("-")) return { kind: "opt", opt, word: this.word };
      this.i++;
      return { kind: "opt", opt, arg: nextWord, word: this.word };
    }
    if (nextWord === undefined) return { kind: "error", error: "noarg", word: this.word };
    this.i++;
    return { kind: "opt", opt, arg: nextWord, word: this.word };
  }

  /** poptGetArg: the leftovers, after every option has been read. */
  rest(): string[] {
    while (this.next().kind !== "end") {
      /* drain */
    }
    return this.leftovers;
  }
}

/** `fail()`, `tryhelp_exit()`, `usage_exit()`… end the program: modelled as a thrown exit. */
class Exit {
  constructor(
    readonly code: number,
    readonly stderr: string,
    readonly stdout = "",
  ) {}
}
const fail = (code: number, msg: string): never => {
  throw new Exit(code, msg + "\n");
};
const tryHelp = (): never => {
  throw new Exit(255, `Try \`${PROG} -h' or '${PROG} --help' for more information.\n`);
};

interface Command {
  cmd: number;
  options: number[];
  format: number;
  svc?: { protocol: IpvsProtocol; address: string; port: number };
}

function setOption(ce: Command, optc: number): void {
  if (ce.options.includes(optc)) fail(2, `multiple '${OPT_NAMES[optc]}' options specified`);
  ce.options.push(optc);
}

const has = (ce: Command, optc: number): boolean => ce.options.includes(optc);

/** `string_to_number`: a decimal integer in [min, max], or -1. */
function stringToNumber(s: string, min: number, max: number): number {
  // strtol: leading blanks and a sign are fine, anything after the digits is not.
  if (!/^\s*[+-]?\d+$/.test(s)) return -1;
  const n = Number(s.trim());
  return n >= min && n <= max ? n : -1;
}

/** `parse_service`: `host[:port]` (IPv4; a host name only if the node resolves it). */
function parseService(buf: string, protocol: IpvsProtocol): { address: string; port?: number } | undefined {
  if (/^\d*$/.test(buf)) return undefined; // str_is_digit (an empty string is "all digits")
  const colon = buf.lastIndexOf(":");
  const host = colon >= 0 ? buf.slice(0, colon) : buf;
  if (parseIPv4(host) < 0) return undefined;
  if (colon < 0) return { address: host };
  const p = buf.slice(colon + 1);
  let port = stringToNumber(p, 0, 65535);
  if (port === -1) port = serviceToPort(p, protocol);
  if (port === -1) return undefined;
  return { address: host, port };
}

function parseOptions(argv: readonly string[]): Command {
  const popt = new Popt(argv);
  const ce: Command = { cmd: 0, options: [], format: 0 };
  const first = popt.next();
  if (first.kind !== "opt") tryHelp();
  const setCmd = (c: number) => {
    if (ce.cmd) fail(2, "multiple commands specified");
    ce.cmd = c;
  };
  const f = first as Extract<PoptEvent, { kind: "opt" }>;
  switch (f.opt.tag) {
    case "A": setCmd(CMD.ADD); break;
    case "E": setCmd(CMD.EDIT); break;
    case "D": setCmd(CMD.DEL); break;
    case "a": setCmd(CMD.ADDDEST); break;
    case "e": setCmd(CMD.EDITDEST); break;
    case "d": setCmd(CMD.DELDEST); break;
    case "C": setCmd(CMD.FLUSH); break;
    case "L": case "l": setCmd(CMD.LIST); break;
    case "Z": setCmd(CMD.ZERO); break;
    case "set": setCmd(CMD.TIMEOUT); break;
    case "R": setCmd(CMD.RESTORE); break;
    case "S": setCmd(CMD.SAVE); break;
    case "start-daemon":
      setCmd(CMD.STARTDAEMON);
      if (f.arg !== "master" && f.arg !== "backup") fail(2, "illegal start-daemon parameter specified");
      break;
    case "stop-daemon":
      setCmd(CMD.STOPDAEMON);
      if (f.arg !== "master" && f.arg !== "backup") fail(2, "illegal start_daemon specified");
      break;
    case "h": throw new Exit(0, "", usage());
    case "v": throw new Exit(0, "", VERSION_LINE);
    default: tryHelp();
  }
  let fwmark = false;
  for (;;) {
    const ev = popt.next();
    if (ev.kind === "end") break;
    if (ev.kind === "error") throw new Exit(255, `${ev.word}: ${POPT_ERRORS[ev.error]}\n`);
    const arg = ev.arg ?? "";
    switch (ev.opt.tag) {
      case "t": case "u": case "sctp-service": {
        setOption(ce, OPT.SERVICE);
        const protocol: IpvsProtocol = ev.opt.tag === "t" ? "TCP" : ev.opt.tag === "u" ? "UDP" : "SCTP";
        const s = parseService(arg, protocol);
        if (!s) fail(2, "illegal virtual server address[:port] specified");
        ce.svc = { protocol, address: s!.address, port: s!.port ?? 0 };
        break;
      }
      case "f":
        setOption(ce, OPT.SERVICE);
        if (!/^\d+$/.test(arg) || Number(arg) <= 0 || Number(arg) > 4294967295) fail(2, `invalid fwmark value \`${arg}' specified`);
        fwmark = true;
        break;
      case "s": setOption(ce, OPT.SCHEDULER); break;
      case "p":
        setOption(ce, OPT.PERSISTENT);
        if (ev.arg !== undefined && stringToNumber(ev.arg, 1, 86400 * 31) === -1) fail(2, `invalid timeout value \`${ev.arg}' specified`);
        break;
      case "M":
        setOption(ce, OPT.NETMASK);
        if (parseIPv4(arg) < 0) fail(2, "illegal virtual server persistent mask specified");
        break;
      case "r":
        setOption(ce, OPT.SERVER);
        if (!parseService(arg, ce.svc?.protocol ?? "TCP")) fail(2, "illegal real server address[:port] specified");
        break;
      case "i": case "g": case "m": setOption(ce, OPT.FORWARD); break;
      case "w":
        setOption(ce, OPT.WEIGHT);
        if (stringToNumber(arg, 0, 65535) === -1) fail(2, "illegal weight specified");
        break;
      case "x":
        setOption(ce, OPT.UTHRESHOLD);
        if (stringToNumber(arg, 0, 2147483647) === -1) fail(2, "illegal u_threshold specified");
        break;
      case "y":
        setOption(ce, OPT.LTHRESHOLD);
        if (stringToNumber(arg, 0, 2147483647) === -1) fail(2, "illegal l_threshold specified");
        break;
      case "c": setOption(ce, OPT.CONNECTION); break;
      case "n": setOption(ce, OPT.NUMERIC); ce.format |= FMT.NUMERIC; break;
      case "mcast-interface": setOption(ce, OPT.MCAST); break;
      case "syncid":
        setOption(ce, OPT.SYNCID);
        if (stringToNumber(arg, 0, 255) === -1) fail(2, "illegal syncid specified");
        break;
      case "timeout": setOption(ce, OPT.TIMEOUT); break;
      case "daemon": setOption(ce, OPT.DAEMON); break;
      case "stats": setOption(ce, OPT.STATS); ce.format |= FMT.STATS; break;
      case "rate": setOption(ce, OPT.RATE); ce.format |= FMT.RATE; break;
      case "thresholds": setOption(ce, OPT.THRESHOLDS); ce.format |= FMT.THRESHOLDS; break;
      case "persistent-conn": setOption(ce, OPT.PERSISTENTCONN); ce.format |= FMT.PERSISTENTCONN; break;
      case "nosort": setOption(ce, OPT.NOSORT); ce.format |= FMT.NOSORT; break;
      case "sort": break; // sorting is the default: a no-op kept for compatibility
      case "X": setOption(ce, OPT.EXACT); ce.format |= FMT.EXACT; break;
      case "6":
        if (!fwmark) fail(2, "-6 used before -f\n");
        break;
      case "o": setOption(ce, OPT.ONEPACKET); break;
      case "pe": setOption(ce, OPT.PE); break;
      case "b": setOption(ce, OPT.SCHED_FLAGS); break;
      case "mcast-group":
        setOption(ce, OPT.MCAST_GROUP);
        if (!isMulticast(arg)) fail(2, `invalid IPv4 mcast-group \`${arg}'`);
        break;
      case "mcast-port":
        setOption(ce, OPT.MCAST_PORT);
        if (stringToNumber(arg, 1, 65535) === -1) fail(2, "illegal mcast-port specified");
        break;
      case "mcast-ttl":
        setOption(ce, OPT.MCAST_TTL);
        if (stringToNumber(arg, 1, 255) === -1) fail(2, "illegal mcast-ttl specified");
        break;
      case "sync-maxlen":
        setOption(ce, OPT.SYNC_MAXLEN);
        if (stringToNumber(arg, 1, 65535 - 20 - 8) === -1) fail(2, "illegal sync-maxlen specified");
        break;
      case "tun-info": setOption(ce, OPT.TUN_INFO); ce.format |= FMT.TUN_INFO; break;
      case "tun-type":
        setOption(ce, OPT.TUN_TYPE);
        if (arg !== "ipip" && arg !== "gue") fail(2, "illegal tunnel type specified");
        break;
      case "tun-port":
        setOption(ce, OPT.TUN_PORT);
        if (stringToNumber(arg, 1, 65535) === -1) fail(2, "illegal tunnel port specified");
        break;
      case "tun-nocsum": setOption(ce, OPT.TUN_NOCSUM); break;
      case "tun-csum": setOption(ce, OPT.TUN_CSUM); break;
      case "tun-remcsum": setOption(ce, OPT.TUN_REMCSUM); break;
      default:
        // A second command, -h or -v after the command.
        fail(2, `invalid option \`${ev.word}'`);
    }
  }
  if (ce.cmd === CMD.TIMEOUT) {
    const [a, b, c] = popt.leftovers;
    if (c === undefined) fail(2, "--set option requires 3 timeout values");
    for (const t of [a, b, c]) if (stringToNumber(t, 0, 86400 * 31) === -1) fail(2, `invalid timeout value \`${t}' specified`);
    popt.leftovers.splice(0, 3);
  }
  if (popt.leftovers.length) fail(2, `unexpected argument ${popt.leftovers[0]}`);
  return ce;
}

function isMulticast(s: string): boolean {
  const n = parseIPv4(s);
  return n >= 0 && n >>> 28 === 0xe;
}

/** `generic_opt_check`. */
function genericOptCheck(ce: Command): void {
  const row = COMMANDS_V_OPTIONS[ce.cmd - 1];
  const cmdName = CMD_NAMES[ce.cmd - 1];
  let last = 0;
  let count = 0;
  for (let j = 0; j < OPT_NAMES.length; j++) {
    const rule = row[j];
    if (!has(ce, j)) {
      if (rule === "+") fail(2, `You need to supply the '${OPT_NAMES[j]}' option for the '${cmdName}' command`);
    } else {
      if (rule === "x") fail(2, `Illegal '${OPT_NAMES[j]}' option with the '${cmdName}' command`);
      if (rule === "1") {
        count++;
        if (count === 1) {
          last = j;
          continue;
        }
        fail(2, `The option '${OPT_NAMES[j]}' conflicts with the '${OPT_NAMES[last]}' option in the '${cmdName}' command`);
      }
    }
  }
}

// —— names (/etc/services of Debian netbase; no PTR records for cluster addresses) ——

const TCP_SERVICES: Record<number, string> = {
  7: "echo", 9: "discard", 13: "daytime", 19: "chargen", 20: "ftp-data", 21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 37: "time",
  43: "whois", 53: "domain", 70: "gopher", 79: "finger", 80: "http", 88: "kerberos", 110: "pop3", 111: "sunrpc", 113: "auth", 119: "nntp",
  139: "netbios-ssn", 143: "imap2", 179: "bgp", 389: "ldap", 443: "https", 445: "microsoft-ds", 465: "submissions", 514: "shell",
  515: "printer", 587: "submission", 631: "ipp", 636: "ldaps", 873: "rsync", 993: "imaps", 995: "pop3s", 1080: "socks", 1194: "openvpn",
  1433: "ms-sql-s", 1883: "mqtt", 2049: "nfs", 3306: "mysql", 4369: "epmd", 5432: "postgresql", 5672: "amqp", 8080: "http-alt",
  9418: "git", 27017: "mongodb",
};
const UDP_SERVICES: Record<number, string> = {
  7: "echo", 9: "discard", 13: "daytime", 19: "chargen", 37: "time", 53: "domain", 67: "bootps", 68: "bootpc", 69: "tftp", 88: "kerberos",
  111: "sunrpc", 123: "ntp", 137: "netbios-ns", 138: "netbios-dgm", 161: "snmp", 162: "snmp-trap", 443: "https", 500: "isakmp",
  514: "syslog", 520: "router", 1194: "openvpn", 1812: "radius", 1813: "radius-acct", 2049: "nfs", 5353: "mdns",
};
const servicesFor = (p: IpvsProtocol): Record<number, string> => (p === "TCP" ? TCP_SERVICES : p === "UDP" ? UDP_SERVICES : {});

function serviceToPort(name: string, p: IpvsProtocol): number {
  for (const [port, n] of Object.entries(servicesFor(p))) if (n === name) return Number(port);
  return -1;
}

/** `addrport_to_anyname`. */
function anyName(ip: string, port: number, p: IpvsProtocol, format: number, o: IpvsadmOptions): string {
  if (format & FMT.NUMERIC) return `${ip}:${port}`;
  return `${o.hostName?.(ip) ?? ip}:${servicesFor(p)[port] ?? String(port)}`;
}

// —— sorting (libipvs.c) ——

const PROTO_NUM: Record<IpvsProtocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

/**
 * `ipvs_cmp_services`: protocol number, then address, then port. The address difference is
 * `ntohl(a) - ntohl(b)` stored in an int: it wraps, so an address more than 2³¹ above another
 * sorts before it (10.96.0.1 comes after 172.18.0.2 and 192.168.49.2, as on a real node).
 */
function cmpServices(a: IpvsService, b: IpvsService): number {
  const r = PROTO_NUM[a.protocol] - PROTO_NUM[b.protocol];
  if (r !== 0) return r;
  const ra = (parseIPv4(a.address) - parseIPv4(b.address)) | 0;
  if (ra !== 0) return ra;
  return a.port - b.port;
}

/** `ipvs_cmp_dests`: address (the same wrapping difference), then port. */
function cmpDests(a: IpvsDest, b: IpvsDest): number {
  const r = (parseIPv4(a.address) - parseIPv4(b.address)) | 0;
  if (r !== 0) return r;
  return a.port - b.port;
}

/**
 * glibc's `qsort` (`msort_with_tmp`): a top-down merge sort taking from the left half on ties.
 * Reproduced rather than `Array.prototype.sort` because the comparator above is not a total
 * order when addresses are more than 2³¹ apart; this gives the order glibc gives.
 */
function msort<T>(a: readonly T[], cmp: (x: T, y: T) => number): T[] {
  if (a.length <= 1) return [...a];
  const n1 = a.length >> 1;
  const b1 = msort(a.slice(0, n1), cmp);
  const b2 = msort(a.slice(n1), cmp);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < b1.length && j < b2.length) out.push(cmp(b1[i], b2[j]) <= 0 ? b1[i++] : b2[j++]);
  while (i < b1.length) out.push(b1[i++]);
  while (j < b2.length) out.push(b2[j++]);
  return out;
}

// —— printing ——

const padR = (s: string | number, w: number): string => String(s).padEnd(w);
const padL = (s: string | number, w: number): string => String(s).padStart(w);

/** `print_largenum`. */
function largeNum(i: number, format: number): string {
  if (format & FMT.EXACT) {
    const s = String(i);
    return padL(s, s.length <= 8 ? 9 : s.length + 1);
  }
  if (i < 100000000) return padL(i, 9);
  if (i < 1000000000) return padL(Math.floor(i / 1000), 8) + "K";
  if (i < 100000000000) return padL(Math.floor(i / 1000000), 8) + "M";
  if (i < 100000000000000) return padL(Math.floor(i / 1000000000), 8) + "G";
  return padL(Math.floor(i / 1000000000000), 8) + "T";
}

/** `print_title`. */
function title(format: number): string {
  const head = padR("Prot LocalAddress:Port", 33);
  if (format & FMT.STATS) return `${head} ${padL("Conns", 8)} ${padL("InPkts", 8)} ${padL("OutPkts", 8)} ${padL("InBytes", 8)} ${padL("OutBytes", 8)}\n  -> RemoteAddress:Port\n`;
  if (format & FMT.RATE) return `${head} ${padL("CPS", 8)} ${padL("InPPS", 8)} ${padL("OutPPS", 8)} ${padL("InBPS", 8)} ${padL("OutBPS", 8)}\n  -> RemoteAddress:Port\n`;
  if (format & FMT.THRESHOLDS) return `${head} ${padR("Uthreshold", 10)} ${padR("Lthreshold", 10)} ${padR("ActiveConn", 10)} ${padR("InActConn", 10)}\n  -> RemoteAddress:Port\n`;
  if (format & FMT.PERSISTENTCONN) return `${head} ${padR("Weight", 9)} ${padR("PersistConn", 11)} ${padR("ActiveConn", 10)} ${padR("InActConn", 10)}\n  -> RemoteAddress:Port\n`;
  if (format & FMT.TUN_INFO) return "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
  if (!(format & FMT.RULE)) return "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
  return "";
}

const PROTO_OPTION: Record<IpvsProtocol, string> = { TCP: "-t", UDP: "-u", SCTP: "--sctp-service" };

/** `print_service_entry`. */
function serviceEntry(table: IpvsTable, se: IpvsService, format: number, now: number, o: IpvsadmOptions): string {
  const vname = anyName(se.address, se.port, se.protocol, format, o);
  const svcName = format & FMT.RULE ? `${PROTO_OPTION[se.protocol]} ${vname}` : `${padR(se.protocol, 4)} ${vname}`.slice(0, 33);
  let out = "";
  if (format & FMT.RULE) {
    out += `-A ${svcName} -s ${se.scheduler}`;
    if (se.persistentTimeoutSec !== undefined) out += ` -p ${se.persistentTimeoutSec}`;
  } else if (format & FMT.STATS) {
    const s = se.stats;
    out += padR(svcName, 33) + [s.conns, s.inPkts, s.outPkts, s.inBytes, s.outBytes].map((n) => largeNum(n, format)).join("");
  } else if (format & FMT.RATE) {
    const r = table.rates(se, now);
    out += padR(svcName, 33) + [r.cps, r.inPps, r.outPps, r.inBps, r.outBps].map((n) => largeNum(n, format)).join("");
  } else {
    out += `${svcName} ${se.scheduler}`;
    if (se.persistentTimeoutSec !== undefined) out += ` persistent ${se.persistentTimeoutSec}`;
  }
  out += "\n";
  const dests = format & FMT.NOSORT ? se.dests : msort(se.dests, cmpDests);
  for (const e of dests) {
    let dname = anyName(e.address, e.port, se.protocol, format, o);
    if (!(format & FMT.RULE)) dname = dname.slice(0, 28);
    if (format & FMT.RULE) out += `-a ${svcName} -r ${dname} -m -w ${e.weight}\n`;
    else if (format & FMT.STATS) {
      const s = e.stats;
      out += `  -> ${padR(dname, 28)}` + [s.conns, s.inPkts, s.outPkts, s.inBytes, s.outBytes].map((n) => largeNum(n, format)).join("") + "\n";
    } else if (format & FMT.RATE) {
      const r = table.rates(e, now);
      out += `  -> ${padR(dname, 28)} ${padL(r.cps, 8)} ${padL(r.inPps, 8)} ${padL(r.outPps, 8)}${largeNum(r.inBps, format)}${largeNum(r.outBps, format)}\n`;
    } else if (format & FMT.THRESHOLDS) out += `  -> ${padR(dname, 28)} ${padR(0, 10)} ${padR(0, 10)} ${padR(e.activeConns, 10)} ${padR(e.inactConns, 10)}\n`;
    else if (format & FMT.PERSISTENTCONN) out += `  -> ${padR(dname, 28)} ${padR(e.weight, 9)} ${padR(e.persistConns, 11)} ${padR(e.activeConns, 10)} ${padR(e.inactConns, 10)}\n`;
    else if (format & FMT.TUN_INFO) out += `  -> ${padR(dname, 28)} ${padR(e.forward, 7)} ${padR("n/a", 13)} ${padR(e.weight, 6)} ${padR(e.activeConns, 10)} ${padR(e.inactConns, 10)}\n`;
    else out += `  -> ${padR(dname, 28)} ${padR(e.forward, 7)} ${padR(e.weight, 6)} ${padR(e.activeConns, 10)} ${padR(e.inactConns, 10)}\n`;
  }
  return out;
}

function listAll(table: IpvsTable, format: number, now: number, o: IpvsadmOptions): string {
  let out = format & FMT.RULE ? "" : `IP Virtual Server version ${IPVS_INFO.version} (size=${IPVS_INFO.connTabSize})\n`;
  const services = format & FMT.NOSORT ? table.services() : msort(table.services(), cmpServices);
  out += title(format);
  for (const se of services) out += serviceEntry(table, se, format, now, o);
  return out;
}

/** `list_conn` / `print_conn` over `/proc/net/ip_vs_conn`. */
function listConn(entries: readonly IpvsConnEntry[], format: number, now: number, o: IpvsadmOptions): string {
  let out = "IPVS connection entries\n";
  out += format & FMT.PERSISTENTCONN
    ? `pro expire ${padR("state", 11)} ${padR("source", 18)} ${padR("virtual", 18)} ${padR("destination", 18)} ${padR("pe name", 16)} pe_data\n`
    : `pro expire ${padR("state", 11)} ${padR("source", 18)} ${padR("virtual", 18)} destination\n`;
  for (const c of entries) {
    const secs = Math.max(0, Math.floor((c.expiresMs - now) / 1000));
    const expire = `${String(Math.floor(secs / 60)).padStart(2, "0")}:${String(secs % 60).padStart(2, "0")}`;
    const cname = anyName(c.client.ip, c.client.port, c.protocol, format, o);
    const vname = anyName(c.virtual.ip, c.virtual.port, c.protocol, format, o);
    const dname = anyName(c.destination.ip, c.destination.port, c.protocol, format, o);
    out += `${padR(c.protocol, 3)} ${padR(expire, 6)} ${padR(c.state, 11)} ${padR(cname, 18)} ${padR(vname, 18)} ${dname}\n`;
  }
  return out;
}

function usage(): string {
  const p = PROG;
  return (
    VERSION_LINE +
    "Usage:\n" +
    `  ${p} -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]\n` +
    `  ${p} -D virtual-service\n` +
    `  ${p} -C\n` +
    `  ${p} -R\n` +
    `  ${p} -S [-n]\n` +
    `  ${p} -a|e virtual-service -r server-address [options]\n` +
    `  ${p} -d virtual-service -r server-address\n` +
    `  ${p} -L|l [virtual-service] [options]\n` +
    `  ${p} -Z [virtual-service]\n` +
    `  ${p} --set tcp tcpfin udp\n` +
    `  ${p} --start-daemon {master|backup} [daemon-options]\n` +
    `  ${p} --stop-daemon {master|backup}\n` +
    `  ${p} -h\n\n` +
    "Commands:\n" +
    "Either long or short options are allowed.\n" +
    "  --add-service     -A        add virtual service with options\n" +
    "  --edit-service    -E        edit virtual service with options\n" +
    "  --delete-service  -D        delete virtual service\n" +
    "  --clear           -C        clear the whole table\n" +
    "  --restore         -R        restore rules from stdin\n" +
    "  --save            -S        save rules to stdout\n" +
    "  --add-server      -a        add real server with options\n" +
    "  --edit-server     -e        edit real server with options\n" +
    "  --delete-server   -d        delete real server\n" +
    "  --list            -L|-l     list the table\n" +
    "  --zero            -Z        zero counters in a service or all services\n" +
    "  --set tcp tcpfin udp        set connection timeout values\n" +
    "  --start-daemon              start connection sync daemon\n" +
    "  --stop-daemon               stop connection sync daemon\n" +
    "  --help            -h        display this help message\n\n" +
    "virtual-service:\n" +
    "  --tcp-service|-t  service-address   service-address is host[:port]\n" +
    "  --udp-service|-u  service-address   service-address is host[:port]\n" +
    "  --sctp-service    service-address   service-address is host[:port]\n" +
    "  --fwmark-service|-f fwmark          fwmark is an integer greater than zero\n" +
    "\n" +
    "Options:\n" +
    "  --ipv6         -6                   fwmark entry uses IPv6\n" +
    `  --scheduler    -s scheduler         one of ${SCHEDULERS},\n` +
    "                                      the default scheduler is wlc.\n" +
    "  --pe            engine              alternate persistence engine may be sip,\n" +
    "                                      not set by default.\n" +
    "  --persistent   -p [timeout]         persistent service\n" +
    "  --netmask      -M netmask           persistent granularity mask\n" +
    "  --real-server  -r server-address    server-address is host (and port)\n" +
    "  --gatewaying   -g                   gatewaying (direct routing) (default)\n" +
    "  --ipip         -i                   ipip encapsulation (tunneling)\n" +
    "  --masquerading -m                   masquerading (NAT)\n" +
    "  --tun-type      type                one of ipip|gue,\n" +
    "                                      the default tunnel type is ipip.\n" +
    "  --tun-port      port                tunnel destination port\n" +
    "  --tun-nocsum                        tunnel encapsulation without checksum\n" +
    "  --tun-csum                          tunnel encapsulation with checksum\n" +
    "  --tun-remcsum                       tunnel encapsulation with remote checksum\n" +
    "  --weight       -w weight            capacity of real server\n" +
    "  --u-threshold  -x uthreshold        upper threshold of connections\n" +
    "  --l-threshold  -y lthreshold        lower threshold of connections\n" +
    "  --connection   -c                   output of current IPVS connections\n" +
    "  --timeout                           output of timeout (tcp tcpfin udp)\n" +
    "  --daemon                            output of daemon information\n" +
    "  --stats                             output of statistics information\n" +
    "  --rate                              output of rate information\n" +
    "  --exact                             expand numbers (display exact values)\n" +
    "  --thresholds                        output of thresholds information\n" +
    "  --persistent-conn                   output of persistent connection info\n" +
    "  --tun-info                          output of tunnel information\n" +
    "  --nosort                            disable sorting output of service/server entries\n" +
    "  --sort                              does nothing, for backwards compatibility\n" +
    "  --ops          -o                   one-packet scheduling\n" +
    "  --numeric      -n                   numeric output of addresses and ports\n" +
    "  --sched-flags  -b flags             scheduler flags (comma-separated)\n" +
    "Daemon Options:\n" +
    "  --syncid sid                        syncid for connection sync (default=255)\n" +
    "  --sync-maxlen length                Max sync message length (default=1472)\n" +
    "  --mcast-interface interface         multicast interface for connection sync\n" +
    "  --mcast-group address               IPv4/IPv6 group (default=224.0.0.81)\n" +
    "  --mcast-port port                   UDP port (default=8848)\n" +
    "  --mcast-ttl ttl                     Multicast TTL (default=1)\n"
  );
}

const ok = (stdout: string): Res => ({ stdout, stderr: "", exitCode: 0 });

/**
 * Runs `ipvsadm ARGS…` (argv without the program name) on a node, as root, against the node's
 * IPVS table at the node's virtual time. Lazy timers are run first, so expired connections
 * and finished graceful deletions are gone from the listing, as they would be.
 */
export function runIpvsadm(view: NodeView, args: string[], options: IpvsadmOptions = {}): Res {
  const table = view.ipvs();
  const now = view.now();
  table.expire(now);
  // `ipvsadm` alone lists the table (names resolved).
  if (args.length === 0) return ok(listAll(table, 0, now, options));
  let ce: Command;
  try {
    ce = parseOptions(args);
    genericOptCheck(ce);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    return { stdout: e.stdout, stderr: e.stderr, exitCode: e.code };
  }
  const has = (o: number) => ce.options.includes(o);
  const err = (msg: string, code: number): Res => ({ stdout: "", stderr: msg + "\n", exitCode: code });
  switch (ce.cmd) {
    case CMD.LIST: {
      if (
        ((has(OPT.CONNECTION) || has(OPT.TIMEOUT) || has(OPT.DAEMON)) && (has(OPT.STATS) || has(OPT.RATE) || has(OPT.THRESHOLDS))) ||
        ((has(OPT.TIMEOUT) || has(OPT.DAEMON)) && has(OPT.PERSISTENTCONN))
      )
        return err("options conflicts in the list command", 2);
      if (has(OPT.CONNECTION)) return ok(listConn(table.connections(now), ce.format, now, options));
      if (has(OPT.SERVICE)) {
        const se = ce.svc && table.find(ce.svc.protocol, ce.svc.address, ce.svc.port);
        if (!se) return err("No such service", 1);
        return ok(title(ce.format) + serviceEntry(table, se, ce.format, now, options));
      }
      if (has(OPT.TIMEOUT)) {
        const t = table.timeouts();
        return ok(`Timeout (tcp tcpfin udp): ${t.tcp} ${t.tcpFin} ${t.udp}\n`);
      }
      if (has(OPT.DAEMON)) return ok(""); // no sync daemon runs on a kube-proxy node
      return ok(listAll(table, ce.format, now, options));
    }
    case CMD.SAVE:
      return ok(listAll(table, ce.format | FMT.RULE, now, options));
    case CMD.ZERO: {
      if (has(OPT.SERVICE)) {
        const se = ce.svc && table.find(ce.svc.protocol, ce.svc.address, ce.svc.port);
        if (!se) return err("No such service", 255);
        table.zero(se, now);
      } else table.zero(undefined, now);
      return ok("");
    }
    default:
      return err(`${PROG}: the IPVS table on this node is managed by kube-proxy; Podflow does not let you change it by hand (it would put it back at its next sync)`, 1);
  }
}
