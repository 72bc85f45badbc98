/**
 * The network tools inside pods — curl, BusyBox wget, nslookup, ping, ip, `hostname -i` —
 * written against {@link PodNetwork} so they work on whatever dataplane implements it (the real
 * one, or a fake in tests). Each tool prints what the real one prints, byte for byte where we
 * could check it (curl 7.88.1 of Debian bookworm and curl 8.x of Alpine, BusyBox 1.37).
 *
 * Time: a tool moves the virtual clock itself, step by step (a DNS answer, a connect, the
 * server's work, a ping interval, a SYN that is never answered for ~130 s), so controllers keep
 * running while it waits, and reports the total as `elapsedMs`.
 *
 * Which image has which tool is data ({@link imageTools}); a missing tool is the caller's
 * "not found" (see pod.ts).
 */
import type { Pod } from "../cluster/types";
import { imageRepository } from "../cluster/images";
import { isIPv4, NDOTS, resolverCandidates, reverseName, searchList, type DnsQueryResult, type DnsType } from "../cluster/net/dns";
import type { ConnectResult, DnsAnswer, Endpoint, HttpReply, HttpRequest, PodNetwork } from "../cluster/net/types";
import { httpDate } from "../cluster/net/apps";
import type { Res } from "../util/result";

// ---------------------------------------------------------------- what each image has

/** The network tools of an image and the C library behind them. */
export interface ImageTools {
  /** curl's version (`7.88.1`, `8.13.0`), if the image has curl. */
  curl?: string;
  /** BusyBox applets: wget, nslookup, ping, ip. */
  busybox: boolean;
  /** glibc or musl: which resolver rules and which strerror() words ("Connection timed out" vs "Operation timed out"). */
  libc: "glibc" | "musl";
  /** No shell and no tools at all (distroless: CoreDNS, the control plane). */
  distroless?: boolean;
}

function tagOf(image: string): string {
  const s = image.split("@")[0];
  const colon = s.lastIndexOf(":");
  return colon > s.lastIndexOf("/") ? s.slice(colon + 1) : "latest";
}

/**
 * What an image ships, as the real images do (May 2025): nginx, wordpress (php) keep Debian's
 * curl 7.88.1; httpd, redis, mysql (Oracle Linux slim) have neither curl nor wget; busybox has
 * the applets (glibc build for `busybox:latest`); alpine-based images use musl; curlimages/curl
 * has curl 8.13.0 plus BusyBox; agnhost is alpine with curl. podflow/hello is built on
 * busybox:musl. `-alpine` tags of the server images follow Alpine (BusyBox + musl; nginx adds curl).
 */
export function imageTools(image: string): ImageTools {
  const repo = imageRepository(image);
  const base = repo.split("/").pop() ?? repo;
  const tag = tagOf(image);
  const alpineTag = tag.includes("alpine");
  if (/^(coredns|kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy|etcd|pause)$/.test(base) || repo.startsWith("calico/")) {
    return { busybox: false, libc: "glibc", distroless: true };
  }
  if (repo === "busybox") return { busybox: true, libc: tag.includes("musl") ? "musl" : "glibc" };
  if (repo === "alpine" || repo === "podflow/hello") return { busybox: true, libc: "musl" };
  if (repo === "curlimages/curl") return { curl: /^\d+\.\d+\.\d+$/.test(tag) ? tag : "8.13.0", busybox: true, libc: "musl" };
  if (base === "agnhost") return { curl: "8.12.1", busybox: true, libc: "musl" };
  if (alpineTag) return { ...(repo === "nginx" ? { curl: "8.12.1" } : {}), busybox: true, libc: "musl" };
  if (repo === "nginx" || repo === "wordpress") return { curl: "7.88.1", busybox: false, libc: "glibc" };
  // The nodes themselves (Ubuntu 24.04 LTS) have curl 8.5.0.
  if (repo === "ubuntu") return { curl: "8.5.0", busybox: false, libc: "glibc" };
  return { busybox: false, libc: "glibc" };
}

/** The network commands this module implements. */
const NET_TOOLS = ["curl", "wget", "nslookup", "ping", "ip"] as const;

/** True when `cmd` is one of this module's tools and the image has it. */
export function hasNetTool(image: string, cmd: string): boolean {
  const t = imageTools(image);
  if (cmd === "curl") return t.curl !== undefined;
  return (NET_TOOLS as readonly string[]).includes(cmd) && t.busybox;
}

/** True when `cmd` is one of this module's tools (whether or not an image has it). */
export function isNetTool(cmd: string): boolean {
  return (NET_TOOLS as readonly string[]).includes(cmd);
}

// ---------------------------------------------------------------- what the tools run with

/** A DNS question with its exact answer, or kube-dns out of reach. */
export type DnsQueryOutcome = DnsQueryResult | { rcode: "UNREACHABLE"; name: string; reason: "refused" | "timeout" };

/** Optional extras a network may offer beyond {@link PodNetwork}; the tools fall back without them. */
export interface PodNetworkExtras {
  /** One exact question to kube-dns (no search list), as nslookup sends it. */
  query?(from: Endpoint, fqdn: string, type: DnsType): DnsQueryOutcome;
  /** The pod's veth: the host-side interface index (`eth0@ifN`) and the pod-side MAC. */
  podLink?(from: Endpoint): { peerIndex: number; mac: string };
}

/** What a tool needs from the shell that runs it. */
export interface PodToolEnv {
  net: PodNetwork & PodNetworkExtras;
  /** The pod the tool runs in (its IP, hostname, namespace). */
  pod: Pod;
  /** The image of the container the tool runs in. */
  image: string;
  /** The virtual clock; tools advance it as they wait. */
  clock: { readonly now: number; advance(ms: number): void };
  /** stdout is a terminal (`kubectl exec -t`, a shell session): curl then hides its progress meter. */
  tty: boolean;
  /** Where connections start when not from `pod` itself (a node's own shell: the host network). */
  from?: Endpoint;
}

/** A tool's result: the shell's result plus the virtual time the command took. */
export type PodToolResult = Res & { output: string; elapsedMs: number };

/** Collects stdout and stderr in the order written, and the time spent. */
class Out {
  stdout = "";
  stderr = "";
  output = "";
  elapsedMs = 0;
  constructor(private readonly env: PodToolEnv) {}

  out(s: string): void {
    this.stdout += s;
    this.output += s;
  }

  err(s: string): void {
    this.stderr += s;
    this.output += s;
  }

  /** Lets `ms` of virtual time pass (the tool is waiting). */
  wait(ms: number): void {
    if (ms <= 0) return;
    this.env.clock.advance(ms);
    this.elapsedMs += ms;
  }

  done(exitCode: number): PodToolResult {
    return { stdout: this.stdout, stderr: this.stderr, output: this.output, exitCode, elapsedMs: this.elapsedMs };
  }
}

/** A stable 32-bit hash (FNV-1a) for deterministic ports, MACs and jitter. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** An ephemeral source port (Linux's 32768–60999), stable for one pod and moment. */
function ephemeralPort(env: PodToolEnv, salt: string): number {
  return 32768 + (hash(`${env.pod.metadata.uid}/${env.clock.now}/${salt}`) % 28232);
}

function fromOf(env: PodToolEnv): Endpoint {
  if (env.from) return env.from;
  return { kind: "pod", namespace: env.pod.metadata.namespace ?? "default", name: env.pod.metadata.name };
}

/**
 * Runs a network tool. Undefined when `cmd` is not one of them (the caller decides what
 * "not found" looks like); the caller must check {@link hasNetTool} for the image first.
 */
export function runNetTool(cmd: string, args: string[], env: PodToolEnv): PodToolResult | undefined {
  switch (cmd) {
    case "curl":
      return curl(args, env);
    case "wget":
      return wget(args, env);
    case "nslookup":
      return nslookup(args, env);
    case "ping":
      return ping(args, env);
    case "ip":
      return ip(args, env);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- name resolution

/** How long one round of DNS questions takes when kube-dns answers. */
const DNS_RTT_MS = 1;

/**
 * What the resolver waits when kube-dns never answers: glibc's `timeout:5 attempts:2`, musl's 5 s
 * budget; a refused query (ICMP port unreachable from kube-proxy's REJECT rule) fails at once.
 */
function dnsTimeoutMs(libc: "glibc" | "musl"): number {
  return libc === "glibc" ? 10_000 : 5_000;
}

type Lookup = { kind: "ok"; addresses: string[] } | { kind: "nxdomain" } | { kind: "unreachable"; reason: "refused" | "timeout"; waitMs: number };

/**
 * getaddrinfo for `host` from this pod: IP literals, then /etc/hosts (localhost, the pod's own
 * hostname), then kube-dns through the search list. Waits the time the lookup takes, unless
 * `budgetMs` runs out first (then returns undefined after waiting the budget).
 */
function lookup(host: string, env: PodToolEnv, o: Out, budgetMs = Infinity): Lookup | undefined {
  if (isIPv4(host)) return { kind: "ok", addresses: [host] };
  const own = env.pod.spec.hostname ?? env.pod.metadata.name;
  if (host === "localhost" || host === "localhost.localdomain") return { kind: "ok", addresses: ["127.0.0.1"] };
  if (host === own && env.pod.status.podIP) return { kind: "ok", addresses: [env.pod.status.podIP] };
  const libc = imageTools(env.image).libc;
  const answer: DnsAnswer = env.net.resolve(fromOf(env), host);
  if (answer.kind === "unreachable") {
    const waitMs = answer.reason === "timeout" ? dnsTimeoutMs(libc) : DNS_RTT_MS;
    if (waitMs > budgetMs) {
      o.wait(budgetMs);
      return undefined;
    }
    o.wait(waitMs);
    return { kind: "unreachable", reason: answer.reason, waitMs };
  }
  const candidates = resolverCandidates(host.toLowerCase(), searchList(env.pod.metadata.namespace ?? "default"), NDOTS, libc);
  const tried = answer.kind === "answer" ? candidates.indexOf(answer.name) + 1 || candidates.length : candidates.length;
  o.wait(Math.min(budgetMs, tried * DNS_RTT_MS));
  if (answer.kind === "answer" && answer.addresses.length > 0) return { kind: "ok", addresses: answer.addresses };
  return { kind: "nxdomain" };
}

/** strerror() of the image's C library. */
function strerror(code: "ECONNREFUSED" | "ETIMEDOUT" | "EHOSTUNREACH", libc: "glibc" | "musl"): string {
  if (code === "ECONNREFUSED") return "Connection refused";
  if (code === "ETIMEDOUT") return libc === "glibc" ? "Connection timed out" : "Operation timed out";
  return libc === "glibc" ? "No route to host" : "Host is unreachable";
}

/**
 * How long the kernel keeps retrying a SYN nobody answers (net.ipv4.tcp_syn_retries = 6: 1 + 2 +
 * 4 + … + 64 s = 127 s, plus timer slack), with a few ms of per-attempt jitter.
 */
function kernelSynTimeoutMs(seed: string): number {
  return 130_000 + (hash(seed) % 900);
}

// ---------------------------------------------------------------- curl

interface CurlOpts {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  location: boolean;
  fail: boolean;
  insecure: boolean;
  noMeter: boolean;
  output?: string;
  writeOut?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  method?: string;
  headers: [string, string][];
  userAgent?: string;
  maxRedirs: number;
  url?: string;
}

const CURL_SHORT_NOARG: Record<string, keyof CurlOpts> = { s: "silent", S: "showError", v: "verbose", I: "head", i: "include", L: "location", f: "fail", k: "insecure" };
const CURL_SHORT_ARG = new Set(["o", "m", "w", "H", "X", "d", "A", "e", "u", "x", "T", "r", "b", "c"]);
const CURL_LONG_NOARG: Record<string, keyof CurlOpts | ""> = {
  silent: "silent",
  "show-error": "showError",
  verbose: "verbose",
  head: "head",
  include: "include",
  location: "location",
  fail: "fail",
  insecure: "insecure",
  "no-progress-meter": "noMeter",
  "progress-bar": "",
  "http1.1": "",
  "no-keepalive": "",
  compressed: "",
};
const CURL_LONG_ARG: Record<string, string> = {
  output: "o",
  "max-time": "m",
  "write-out": "w",
  header: "H",
  request: "X",
  data: "d",
  "user-agent": "A",
  referer: "e",
  user: "u",
  "connect-timeout": "connect-timeout",
  "max-redirs": "max-redirs",
  retry: "retry",
  url: "url",
};

function curlMajorMinor(version: string): number {
  const [a, b] = version.split(".").map(Number);
  return a * 100 + b;
}

/** curl's own wording for a usage error (exit 2). */
function curlTry(version: string): string {
  return curlMajorMinor(version) >= 800 ? "curl: try 'curl --help' for more information\n" : "curl: try 'curl --help' or 'curl --manual' for more information\n";
}

/** Seconds as curl takes them (`-m 2.5`); undefined if not a number. */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Math.round(Number(v) * 1000);
}

function parseCurl(args: string[], version: string): { ok: true; opts: CurlOpts } | { ok: false; error: string; code: number } {
  const o: CurlOpts = { silent: false, showError: false, verbose: false, head: false, include: false, location: false, fail: false, insecure: false, noMeter: false, headers: [], maxRedirs: 50 };
  const bad = (opt: string) => ({ ok: false as const, error: `curl: option ${opt}: is unknown\n${curlTry(version)}`, code: 2 });
  const needsNumber = (opt: string) => ({ ok: false as const, error: `curl: option ${opt}: expected a proper numerical parameter\n${curlTry(version)}`, code: 2 });
  const setArg = (key: string, val: string, opt: string): { ok: false; error: string; code: number } | undefined => {
    switch (key) {
      case "o":
        o.output = val;
        break;
      case "m":
        o.maxTimeMs = seconds(val);
        if (o.maxTimeMs === undefined) return needsNumber(opt);
        break;
      case "connect-timeout":
        o.connectTimeoutMs = seconds(val);
        if (o.connectTimeoutMs === undefined) return needsNumber(opt);
        break;
      case "w":
        o.writeOut = val;
        break;
      case "H": {
        const i = val.indexOf(":");
        if (i > 0) o.headers.push([val.slice(0, i).trim(), val.slice(i + 1).trim()]);
        break;
      }
      case "X":
        o.method = val;
        break;
      case "d":
        o.method ??= "POST";
        break;
      case "A":
        o.userAgent = val;
        break;
      case "max-redirs":
        o.maxRedirs = Number(val);
        break;
      case "url":
        o.url = val;
        break;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (Object.hasOwn(CURL_LONG_NOARG, name)) {
        const key = CURL_LONG_NOARG[name];
        if (key) (o as unknown as Record<string, boolean>)[key] = true;
        continue;
      }
      if (!Object.hasOwn(CURL_LONG_ARG, name)) return bad(a);
      const val = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (val === undefined) return { ok: false, error: `curl: option ${a}: requires parameter\n${curlTry(version)}`, code: 2 };
      const e = setArg(CURL_LONG_ARG[name], val, a);
      if (e) return e;
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (Object.hasOwn(CURL_SHORT_NOARG, f)) {
          (o as unknown as Record<string, boolean>)[CURL_SHORT_NOARG[f]] = true;
          continue;
        }
        if (!CURL_SHORT_ARG.has(f)) return bad(`-${f}`);
        const rest = a.slice(j + 1);
        const val = rest !== "" ? rest : args[++i];
        if (val === undefined) return { ok: false, error: `curl: option -${f}: requires parameter\n${curlTry(version)}`, code: 2 };
        const e = setArg(f, val, `-${f}`);
        if (e) return e;
        break;
      }
    } else o.url = a;
  }
  return { ok: true, opts: o };
}

interface Url {
  scheme: "http" | "https";
  host: string;
  port: number;
  /** Path with query, starting with `/`. */
  path: string;
  /** The Host header: the host, with the port when it is not the scheme's default. */
  hostHeader: string;
  text: string;
}

/** curl's URL parsing: default scheme http, default ports 80/443, path `/`. */
function parseUrl(raw: string): Url | { error: string } {
  let s = raw;
  let scheme: "http" | "https" = "http";
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(s);
  if (m) {
    const sc = m[1].toLowerCase();
    if (sc !== "http" && sc !== "https") return { error: `Protocol "${m[1]}" not supported` };
    scheme = sc;
    s = s.slice(m[0].length);
  }
  const slash = s.search(/[/?#]/);
  const authority = slash < 0 ? s : s.slice(0, slash);
  let path = slash < 0 ? "/" : s.slice(slash).replace(/#.*$/, "");
  if (!path.startsWith("/")) path = "/" + path;
  const hostPort = authority.replace(/^.*@/, "");
  const pm = /^(.*?)(?::(\d*))?$/.exec(hostPort)!;
  const host = pm[1].toLowerCase();
  if (!host) return { error: "URL rejected: No host part in the URL" };
  const defPort = scheme === "https" ? 443 : 80;
  const port = pm[2] ? Number(pm[2]) : defPort;
  if (port > 65535) return { error: "URL rejected: Port number was not a decimal number between 0 and 65535" };
  const hostHeader = port === defPort ? host : `${host}:${port}`;
  return { scheme, host, port, path, hostHeader, text: `${scheme}://${hostHeader}${path}` };
}

/** curl's `max5data`: a size in at most 5 characters. */
function max5(n: number): string {
  const K = 1024;
  const M = K * K;
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  return `${String(Math.floor(n / M)).padStart(4)}M`;
}

/** curl's `time2str`: `--:--:--` for zero, else `H:MM:SS`. */
function time2str(sec: number): string {
  if (sec <= 0) return "--:--:--";
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return `${String(h).padStart(2)}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

const METER_HEAD = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";

/** The progress meter's last line, as curl leaves it when the transfer ends. */
function meterLine(expected: number | undefined, received: number, elapsedMs: number): string {
  const secs = Math.floor(elapsedMs / 1000);
  const speed = elapsedMs > 0 ? Math.floor((received * 1000) / elapsedMs) : 0;
  const pct = (a: number, b: number | undefined) => (b ? Math.floor((a * 100) / b) : 0);
  const total = expected ?? received;
  const totalSecs = expected !== undefined && speed > 0 ? Math.floor(expected / speed) : 0;
  return `${String(pct(received, total)).padStart(3)} ${max5(total)}  ${String(pct(received, total)).padStart(3)} ${max5(received)}  ${"0".padStart(3)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${time2str(totalSecs)} ${time2str(secs)} ${time2str(Math.max(0, totalSecs - secs))} ${max5(speed)}`;
}

/** What `-w` can print about a transfer. */
interface CurlInfo {
  code: number;
  remoteIp: string;
  remotePort: number;
  localIp: string;
  localPort: number;
  namelookupMs: number;
  connectMs: number;
  starttransferMs: number;
  totalMs: number;
  sizeDownload: number;
  url: string;
  contentType: string;
  redirects: number;
  exitCode: number;
  errorMsg: string;
}

/** `-w FORMAT`: `%{var}` and the escapes `\n`, `\r`, `\t`. */
function writeOut(format: string, info: CurlInfo): string {
  const sec = (ms: number) => (ms / 1000).toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(info.code).padStart(3, "0"),
    response_code: String(info.code).padStart(3, "0"),
    remote_ip: info.remoteIp,
    remote_port: info.remotePort ? String(info.remotePort) : "",
    local_ip: info.localIp,
    local_port: info.localPort ? String(info.localPort) : "",
    time_namelookup: sec(info.namelookupMs),
    time_connect: sec(info.connectMs),
    time_appconnect: sec(0),
    time_pretransfer: sec(info.connectMs),
    time_starttransfer: sec(info.starttransferMs),
    time_total: sec(info.totalMs),
    size_download: String(info.sizeDownload),
    url_effective: info.url,
    url: info.url,
    content_type: info.contentType,
    num_redirects: String(info.redirects),
    num_connects: info.remoteIp ? "1" : "0",
    exitcode: String(info.exitCode),
    errormsg: info.errorMsg,
  };
  return format
    .replace(/\\n/g, "\n")
    .replace(/\\r/g, "\r")
    .replace(/\\t/g, "\t")
    .replace(/%\{([a-z_]+)\}/g, (all, name: string) => (Object.hasOwn(vars, name) ? vars[name] : all))
    .replace(/%%/g, "%");
}

/** How one curl run goes, step by step; printing is done by the caller. */
class CurlRun {
  readonly o: Out;
  readonly v8: boolean;
  readonly couldNot: string;
  info: CurlInfo;
  /** When the current request began (curl's t_startsingle), for "after N ms". */
  hopStart = 0;
  constructor(
    readonly env: PodToolEnv,
    readonly opts: CurlOpts,
    readonly version: string,
  ) {
    this.o = new Out(env);
    this.v8 = curlMajorMinor(version) >= 800;
    // curl 8.6 reworded the CURLE_COULDNT_CONNECT string.
    this.couldNot = curlMajorMinor(version) >= 806 ? "Could not connect to server" : "Couldn't connect to server";
    this.info = { code: 0, remoteIp: "", remotePort: 0, localIp: "", localPort: 0, namelookupMs: 0, connectMs: 0, starttransferMs: 0, totalMs: 0, sizeDownload: 0, url: "", contentType: "", redirects: 0, exitCode: 0, errorMsg: "" };
  }

  get meter(): boolean {
    return !this.opts.silent && !this.opts.noMeter && (!this.env.tty || (this.opts.output !== undefined && this.opts.output !== "-"));
  }

  verbose(line: string): void {
    if (this.opts.verbose) this.o.err(line);
  }

  /** Budget left under `-m` (Infinity without it). */
  left(): number {
    return this.opts.maxTimeMs === undefined ? Infinity : this.opts.maxTimeMs - this.o.elapsedMs;
  }

  closingLine(): string {
    return this.v8 ? "* closing connection #0\n" : "* Closing connection 0\n";
  }

  /** Ends with curl's error `(code) message`, the meter's last line and `-w` first. */
  fail(code: number, message: string): PodToolResult {
    this.info.exitCode = code;
    this.info.errorMsg = message;
    this.info.totalMs = this.o.elapsedMs;
    // Every meter update starts with \r; the last one ends the line.
    if (this.meter) this.o.err("\r" + meterLine(undefined, 0, this.o.elapsedMs) + "\n");
    this.verbose(this.closingLine());
    if (!this.opts.silent || this.opts.showError) this.o.err(`curl: (${code}) ${message}\n`);
    if (this.opts.writeOut !== undefined) this.o.out(writeOut(this.opts.writeOut, this.info));
    return this.o.done(code);
  }
}

function curl(args: string[], env: PodToolEnv): PodToolResult {
  const version = imageTools(env.image).curl ?? "8.13.0";
  const parsed = parseCurl(args, version);
  if (!parsed.ok) return { stdout: "", stderr: parsed.error, output: parsed.error, exitCode: parsed.code, elapsedMs: 0 };
  const opts = parsed.opts;
  if (!opts.url) {
    const msg = (curlMajorMinor(version) >= 800 ? "curl: no URL specified\n" : "curl: no URL specified!\n") + curlTry(version);
    return { stdout: "", stderr: msg, output: msg, exitCode: 2, elapsedMs: 0 };
  }
  const run = new CurlRun(env, opts, version);
  // The meter's first update is on screen before anything arrives (hence the familiar
  // `--:--:--     0<!DOCTYPE html>` when both streams share a terminal).
  if (run.meter) run.o.err(METER_HEAD + "\r" + meterLine(undefined, 0, 0));
  let url = parseUrl(opts.url);
  for (let hop = 0; ; hop++) {
    if ("error" in url) return run.fail(3, url.error);
    const r = curlOnce(run, url);
    if (r.kind === "done") return r.result;
    // -L: a 3xx with Location goes round again.
    if (hop >= opts.maxRedirs) return run.fail(47, `Maximum (${opts.maxRedirs}) redirects followed`);
    run.info.redirects++;
    url = parseUrl(r.location.startsWith("/") ? `${url.scheme}://${url.hostHeader}${r.location}` : r.location);
  }
}

/** One request of a curl run: resolve, connect, send, read. */
function curlOnce(run: CurlRun, url: Url): { kind: "done"; result: PodToolResult } | { kind: "redirect"; location: string } {
  const { env, opts, o } = run;
  run.info.url = url.text;
  run.hopStart = o.elapsedMs;
  const budget = Math.min(run.left(), opts.connectTimeoutMs ?? Infinity);
  const found = lookup(url.host, env, o, budget);
  if (found === undefined) {
    return { kind: "done", result: run.fail(28, `Resolving timed out after ${o.elapsedMs} milliseconds`) };
  }
  run.info.namelookupMs = o.elapsedMs;
  if (found.kind !== "ok") {
    run.verbose(`* Could not resolve host: ${url.host}\n`);
    return { kind: "done", result: run.fail(6, `Could not resolve host: ${url.host}`) };
  }
  if (run.v8 && curlMajorMinor(run.version) >= 805 && !isIPv4(url.host)) {
    run.verbose(`* Host ${url.host}:${url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${found.addresses.join(", ")}\n`);
  }
  const conn = curlConnect(run, url, found.addresses);
  if ("result" in conn) return { kind: "done", result: conn.result };
  return curlExchange(run, url, conn.connection);
}

/** Tries each address in turn, as curl does; prints the connect lines. */
function curlConnect(run: CurlRun, url: Url, addresses: string[]): { connection: ConnectResult; ip: string } | { result: PodToolResult } {
  const { env, opts, o } = run;
  const from = fromOf(env);
  const localIp = env.pod.status.podIP ?? "";
  const localPort = ephemeralPort(env, url.text);
  const libc = imageTools(env.image).libc;
  let lastError = "";
  const started = run.hopStart;
  for (const ipAddr of addresses) {
    run.verbose(`*   Trying ${ipAddr}:${url.port}...\n`);
    const c = env.net.connect(from, ipAddr, url.port);
    if (c.outcome === "ok") {
      o.wait(Math.max(0, c.connectMs));
      run.info = { ...run.info, remoteIp: ipAddr, remotePort: url.port, localIp, localPort, connectMs: o.elapsedMs };
      run.verbose(run.v8 && curlMajorMinor(run.version) >= 801 ? `* Connected to ${url.host} (${ipAddr}) port ${url.port}\n` : `* Connected to ${url.host} (${ipAddr}) port ${url.port} (#0)\n`);
      return { connection: c, ip: ipAddr };
    }
    env.net.close(c.id);
    if (c.outcome === "timeout") {
      // No answer to the SYN: the kernel's retries, unless --connect-timeout or -m stops first.
      // --connect-timeout counts from the start of this request (name lookup included), -m from the start of all.
      const limit = Math.min((opts.connectTimeoutMs ?? Infinity) - (o.elapsedMs - started), run.left());
      const kernel = kernelSynTimeoutMs(`${env.pod.metadata.uid}/${ipAddr}/${env.clock.now}`);
      if (limit < kernel) {
        o.wait(limit + 1);
        const msg = `Failed to connect to ${url.host} port ${url.port} after ${o.elapsedMs - started} ms: Timeout was reached`;
        run.verbose(`* ${msg}\n`);
        return { result: run.fail(28, msg) };
      }
      o.wait(kernel);
      const reason = strerror("ETIMEDOUT", libc);
      run.verbose(connectFailedLine(run, ipAddr, url.port, localIp, localPort, reason));
      const msg = `Failed to connect to ${url.host} port ${url.port} after ${o.elapsedMs - started} ms: ${run.couldNot}`;
      run.verbose(`* ${msg}\n`);
      return { result: run.fail(28, msg) };
    }
    o.wait(Math.max(1, c.connectMs));
    lastError = strerror(c.outcome === "refused" ? "ECONNREFUSED" : "EHOSTUNREACH", libc);
    run.verbose(connectFailedLine(run, ipAddr, url.port, localIp, localPort, lastError));
  }
  run.verbose(`* Failed to connect to ${url.host} port ${url.port} after ${o.elapsedMs - started} ms: ${run.couldNot}\n`);
  return { result: run.fail(7, `Failed to connect to ${url.host} port ${url.port} after ${o.elapsedMs - started} ms: ${run.couldNot}`) };
}

function connectFailedLine(run: CurlRun, ipAddr: string, port: number, localIp: string, localPort: number, reason: string): string {
  return run.v8 && curlMajorMinor(run.version) >= 804 ? `* connect to ${ipAddr} port ${port} from ${localIp} port ${localPort} failed: ${reason}\n` : `* connect to ${ipAddr} port ${port} failed: ${reason}\n`;
}

/** The status line and headers as they cross the wire (CRLF line ends). */
function headerBlock(reply: Extract<HttpReply, { kind: "http" }>): string {
  const version = (reply as { httpVersion?: string }).httpVersion ?? "1.1";
  let s = `HTTP/${version} ${reply.status}${reply.reason ? " " + reply.reason : ""}\r\n`;
  for (const [k, v] of reply.headers) s += `${k}: ${v}\r\n`;
  return s + "\r\n";
}

/** The anonymous answer of kube-apiserver (`curl -k https://kubernetes.default`). */
const APISERVER_FORBIDDEN = `{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"",
  "reason": "Forbidden",
  "details": {},
  "code": 403
}`;

/** Sends the request on an open connection and prints the reply. */
function curlExchange(run: CurlRun, url: Url, conn: ConnectResult): { kind: "done"; result: PodToolResult } | { kind: "redirect"; location: string } {
  const { env, opts, o } = run;
  const method = opts.method ?? (opts.head ? "HEAD" : "GET");
  const ua = opts.userAgent ?? `curl/${run.version}`;
  if (url.scheme === "https") {
    // Only kube-apiserver speaks TLS in the lab; a plain server answers the ClientHello with HTTP.
    const tlsServer = conn.backend?.container === "kube-apiserver";
    if (!tlsServer || !opts.insecure) env.net.close(conn.id);
    if (!tlsServer) return { kind: "done", result: run.fail(35, run.v8 ? "TLS connect error: error:0A00010B:SSL routines::wrong version number" : "OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number") };
    if (!opts.insecure) {
      return { kind: "done", result: run.fail(60, "SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.") };
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of opts.headers) headers[k] = v;
  const request: HttpRequest = { method, path: url.path, host: headers["Host"] ?? url.hostHeader, userAgent: ua, headers };
  if (run.v8 && curlMajorMinor(run.version) >= 806) run.verbose("* using HTTP/1.x\n");
  run.verbose(`> ${method} ${url.path} HTTP/1.1\r\n> Host: ${request.host}\r\n> User-Agent: ${ua}\r\n> Accept: */*\r\n`);
  for (const [k, v] of opts.headers) if (k !== "Host") run.verbose(`> ${k}: ${v}\r\n`);
  run.verbose("> \r\n");
  if (run.v8 && curlMajorMinor(run.version) >= 807) run.verbose("* Request completely sent off\n");
  let reply: HttpReply;
  if (url.scheme === "https") {
    reply = { kind: "http", status: 403, reason: "Forbidden", headers: [["Cache-Control", "no-cache, private"], ["Content-Type", "application/json"], ["X-Content-Type-Options", "nosniff"], ["Date", httpDate(env.clock.now)], ["Content-Length", String(APISERVER_FORBIDDEN.length)]], body: APISERVER_FORBIDDEN, serviceMs: 2 };
  } else reply = env.net.http(conn.id, request);
  env.net.close(conn.id);
  if (reply.kind !== "http") {
    if (reply.kind === "empty") {
      o.wait(1);
      return { kind: "done", result: run.fail(52, "Empty reply from server") };
    }
    o.wait(1);
    run.verbose("* Received HTTP/0.9 when not allowed\n");
    return { kind: "done", result: run.fail(1, "Received HTTP/0.9 when not allowed") };
  }
  if (reply.serviceMs > run.left()) {
    o.wait(run.left() + 1);
    return { kind: "done", result: run.fail(28, `Operation timed out after ${o.elapsedMs} milliseconds with 0 bytes received`) };
  }
  o.wait(Math.max(1, reply.serviceMs));
  run.info.starttransferMs = o.elapsedMs;
  return curlPrintReply(run, url, reply, method);
}

function curlPrintReply(run: CurlRun, url: Url, reply: Extract<HttpReply, { kind: "http" }>, method: string): { kind: "done"; result: PodToolResult } | { kind: "redirect"; location: string } {
  const { env, opts, o } = run;
  const head = headerBlock(reply);
  if (opts.verbose) for (const line of head.split("\r\n").slice(0, -1)) o.err(`< ${line}\r\n`);
  const location = reply.headers.find(([k]) => k.toLowerCase() === "location")?.[1];
  run.info.code = reply.status;
  run.info.contentType = reply.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
  if (opts.fail && reply.status >= 400) {
    return { kind: "done", result: run.fail(22, `The requested URL returned error: ${reply.status}`) };
  }
  if (opts.location && location && reply.status >= 300 && reply.status < 400) {
    run.verbose(`* Connection #0 to host ${url.host} left intact\n* Issue another request to this URL: '${location.startsWith("/") ? `${url.scheme}://${url.hostHeader}${location}` : location}'\n`);
    return { kind: "redirect", location };
  }
  const body = method === "HEAD" ? "" : reply.body;
  const toStdout = opts.output === undefined || opts.output === "-";
  let shown = "";
  if (opts.head || opts.include) shown += head;
  if (!opts.head) shown += body;
  if (opts.verbose && body.length > 0 && !env.tty) o.err(`{ [${body.length} bytes data]\n`);
  if (toStdout) o.out(shown);
  run.info.sizeDownload = body.length;
  run.info.totalMs = o.elapsedMs;
  const expected = Number(reply.headers.find(([k]) => k.toLowerCase() === "content-length")?.[1] ?? body.length);
  if (run.meter) o.err("\r" + meterLine(expected, body.length, o.elapsedMs) + "\n");
  run.verbose(`* Connection #0 to host ${url.host} left intact\n`);
  if (opts.writeOut !== undefined) o.out(writeOut(opts.writeOut, run.info));
  return { kind: "done", result: o.done(0) };
}

// ---------------------------------------------------------------- BusyBox wget

interface WgetOpts {
  quiet: boolean;
  output?: string;
  timeoutSec?: number;
  serverResponse: boolean;
  spider: boolean;
  userAgent: string;
  url?: string;
}

const WGET_USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

function parseWget(args: string[]): WgetOpts | undefined {
  const o: WgetOpts = { quiet: false, serverResponse: false, spider: false, userAgent: "Wget" };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split("=", 2);
      const val = () => inline ?? args[++i];
      if (name === "quiet") o.quiet = true;
      else if (name === "spider") o.spider = true;
      else if (name === "server-response") o.serverResponse = true;
      else if (name === "output-document") o.output = val();
      else if (name === "timeout") o.timeoutSec = Number(val());
      else if (name === "user-agent") o.userAgent = val() ?? "Wget";
      else if (name === "tries" || name === "header" || name === "post-data") val();
      else if (name !== "no-check-certificate" && name !== "no-cache") return undefined;
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === "q") o.quiet = true;
        else if (f === "S") o.serverResponse = true;
        else if (f === "c") continue;
        else if ("OTUtPYo".includes(f)) {
          const v = a.slice(j + 1) || args[++i];
          if (f === "O") o.output = v;
          if (f === "T") o.timeoutSec = Number(v);
          if (f === "U") o.userAgent = v ?? "Wget";
          break;
        } else return undefined;
      }
    } else o.url = a;
  }
  return o;
}

/** BusyBox's progress bar as it ends: name, 100%, 32 stars (80 columns − 48), size, ETA. */
function wgetBar(name: string, bytes: number): string {
  let size = bytes;
  let k = 0;
  while (size >= 100000) {
    size = Math.floor(size / 1024);
    k++;
  }
  const unit = " kMGTPEZY"[k];
  return `${name.slice(0, 20).padEnd(20)} 100% |${"*".repeat(32)}|${String(size).padStart(6)}${unit} 0:00:00 ETA\n`;
}

function wget(args: string[], env: PodToolEnv): PodToolResult {
  const o = new Out(env);
  const opts = parseWget(args);
  if (!opts || !opts.url) {
    o.err(WGET_USAGE);
    return o.done(1);
  }
  const libc = imageTools(env.image).libc;
  const timeoutMs = opts.timeoutSec !== undefined && opts.timeoutSec > 0 ? opts.timeoutSec * 1000 : 900_000;
  let target = opts.url.replace(/^http:\/\//, "");
  if (/^[a-z]+:\/\//i.test(target)) {
    o.err(`wget: not an http or ftp url: ${opts.url}\n`);
    return o.done(1);
  }
  for (let redirects = 0; ; redirects++) {
    if (redirects >= 20) {
      o.err("wget: too many redirections\n");
      return o.done(1);
    }
    const r = wgetOnce(target, opts, env, o, libc, timeoutMs);
    if (typeof r !== "string") return r;
    target = r.replace(/^http:\/\//, "");
  }
}

/** One request; returns the redirect target, or the final result. */
function wgetOnce(target: string, opts: WgetOpts, env: PodToolEnv, o: Out, libc: "glibc" | "musl", timeoutMs: number): PodToolResult | string {
  const slash = target.search(/[/?#]/);
  const server = slash < 0 ? target : target.slice(0, slash);
  const path = slash < 0 ? "/" : target.slice(slash).startsWith("/") ? target.slice(slash) : "/" + target.slice(slash);
  const [host, portText] = server.split(":");
  const port = portText ? Number(portText) : 80;
  const found = lookup(host, env, o);
  if (!found || found.kind !== "ok") {
    o.err(`wget: bad address '${host}'\n`);
    return o.done(1);
  }
  const ipAddr = found.addresses[0];
  if (!opts.quiet) o.err(`Connecting to ${server} (${ipAddr}:${port})\n`);
  const c = env.net.connect(fromOf(env), ipAddr, port);
  if (c.outcome !== "ok") {
    env.net.close(c.id);
    if (c.outcome === "timeout") {
      const kernel = kernelSynTimeoutMs(`${env.pod.metadata.uid}/${ipAddr}/${env.clock.now}`);
      if (timeoutMs < kernel) {
        o.wait(timeoutMs);
        o.err("wget: download timed out\n");
        return o.done(1);
      }
      o.wait(kernel);
    } else o.wait(Math.max(1, c.connectMs));
    const why = strerror(c.outcome === "refused" ? "ECONNREFUSED" : c.outcome === "timeout" ? "ETIMEDOUT" : "EHOSTUNREACH", libc);
    o.err(`wget: can't connect to remote host (${ipAddr}): ${why}\n`);
    return o.done(1);
  }
  o.wait(Math.max(0, c.connectMs));
  const reply = env.net.http(c.id, { method: "GET", path, host: server, userAgent: opts.userAgent, headers: { Connection: "close" } });
  env.net.close(c.id);
  if (reply.kind !== "http") {
    o.wait(1);
    o.err(reply.kind === "empty" ? "wget: error getting response\n" : wgetNotHttp(reply.banner));
    return o.done(1);
  }
  if (reply.serviceMs > timeoutMs) {
    o.wait(timeoutMs);
    o.err("wget: download timed out\n");
    return o.done(1);
  }
  o.wait(Math.max(1, reply.serviceMs));
  const version = (reply as { httpVersion?: string }).httpVersion ?? "1.1";
  const statusLine = `HTTP/${version} ${reply.status}${reply.reason ? " " + reply.reason : ""}`;
  if (opts.serverResponse) {
    o.err(`  ${statusLine}\n`);
    for (const [k, v] of reply.headers) o.err(`  ${k}: ${v}\n`);
  }
  const location = reply.headers.find(([k]) => k.toLowerCase() === "location")?.[1];
  if (reply.status >= 300 && reply.status < 400 && location) return location.startsWith("/") ? `${server}${location}` : location;
  if (reply.status !== 200 && reply.status !== 204 && reply.status !== 206) {
    o.err(`wget: server returned error: ${statusLine}\n`);
    return o.done(1);
  }
  return wgetSave(opts, path, reply.body, o);
}

/** Where the body goes: stdout with `-O -`, else a file named after the path (index.html for `/`). */
function wgetSave(opts: WgetOpts, path: string, body: string, o: Out): PodToolResult {
  if (opts.spider) {
    if (!opts.quiet) o.err("remote file exists\n");
    return o.done(0);
  }
  const toStdout = opts.output === "-";
  const file = opts.output ?? (path.split("?")[0].split("/").pop() || "index.html");
  if (!opts.quiet) o.err(toStdout ? "writing to stdout\n" : `saving to '${file}'\n`);
  if (toStdout) o.out(body);
  if (!opts.quiet) o.err(wgetBar(toStdout ? "-" : file, body.length) + (toStdout ? "written to stdout\n" : `'${file}' saved\n`));
  return o.done(0);
}

/**
 * BusyBox wget reading a server that does not speak HTTP: the first line's second word is the
 * status (0 here), so it reads on as headers until a line is not `name: value` or the server
 * hangs up. C strings stop at the first NUL byte.
 */
function wgetNotHttp(banner: string): string {
  const lines = banner.split("\n").map((l) => l.split("\0")[0].replace(/\r$/, ""));
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    if (!/^[A-Za-z0-9._-]+:/.test(line)) return `wget: bad header line: ${line}\n`;
  }
  return "wget: error getting response\n";
}

// ---------------------------------------------------------------- BusyBox nslookup

/** One exact question through the network's extras, or its resolver with an absolute name. */
function askDns(env: PodToolEnv, fqdn: string, type: DnsType): DnsQueryOutcome {
  if (env.net.query) return env.net.query(fromOf(env), fqdn, type);
  if (type === "PTR") return { rcode: "NXDOMAIN", name: fqdn };
  const a = env.net.resolve(fromOf(env), fqdn + ".");
  if (a.kind === "unreachable") return { rcode: "UNREACHABLE", name: fqdn, reason: a.reason };
  if (a.kind === "nxdomain") return { rcode: "NXDOMAIN", name: fqdn };
  return { rcode: "NOERROR", name: fqdn, ...(a.cname ? { cname: a.cname } : {}), records: type === "A" ? a.addresses : [] };
}

/**
 * BusyBox 1.37's nslookup (the "big" one, its own resolver): a name without a dot is asked
 * under each search domain, a name with a dot only as typed (no ndots: the famous
 * `nslookup kubernetes.default` NXDOMAIN); A then AAAA; every reply printed in turn with a blank
 * line after it; the exit code is 1 if any reply was an error. An IP address is a PTR question.
 */
function nslookup(args: string[], env: PodToolEnv): PodToolResult {
  const o = new Out(env);
  const operands = args.filter((a) => !a.startsWith("-"));
  const name = operands[0];
  if (!name || operands.length > 2) {
    o.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n");
    return o.done(1);
  }
  const typeOpt = args.find((a) => /^-(type|querytype|q)=/.test(a))?.split("=")[1]?.toUpperCase();
  const server = operands[1] ?? env.net.nameserver();
  const questions: { name: string; type: DnsType }[] = [];
  if (isIPv4(name)) questions.push({ name: reverseName(name), type: "PTR" });
  else {
    const names = name.includes(".") ? [name.replace(/\.$/, "")] : searchList(env.pod.metadata.namespace ?? "default").map((s) => `${name}.${s}`);
    const types: DnsType[] = typeOpt === "A" ? ["A"] : typeOpt === "AAAA" ? ["AAAA"] : typeOpt === "PTR" ? ["PTR"] : ["A", "AAAA"];
    for (const t of types) for (const n of names) questions.push({ name: n, type: t });
  }
  const answers = questions.map((q) => ({ q, a: askDns(env, q.name, q.type) }));
  const unreachable = answers.find((x) => x.a.rcode === "UNREACHABLE");
  if (unreachable && unreachable.a.rcode === "UNREACHABLE") {
    // Retries every 2.5 s for 5 s; a REJECTed query reads back ECONNREFUSED each round.
    o.wait(5_000);
    if (unreachable.a.reason === "refused") o.err("nslookup: read: Connection refused\nnslookup: read: Connection refused\n");
    o.out(";; connection timed out; no servers could be reached\n\n");
    return o.done(1);
  }
  o.wait(DNS_RTT_MS);
  o.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  let failed = false;
  for (const { q, a } of answers) {
    if (a.rcode !== "NOERROR") {
      failed = true;
      o.out(`** server can't find ${q.name}: ${a.rcode}\n\n`);
      continue;
    }
    if (a.cname) o.out(`${q.name}\tcanonical name = ${a.cname}\n`);
    for (const r of a.records) o.out(q.type === "PTR" ? `${q.name}\tname = ${r}\n` : `Name:\t${a.cname ?? q.name}\nAddress: ${r}\n`);
    o.out("\n");
  }
  return o.done(failed ? 1 : 0);
}

// ---------------------------------------------------------------- BusyBox ping

/**
 * BusyBox ping: one echo a second; `-c N` stops after N (default here: 4, then the learner's
 * ^C, since a lab command cannot run forever); with no reply at all it waits `-W` (10 s) after
 * the last echo. ClusterIPs never answer: no kube-proxy rule matches ICMP.
 */
function ping(args: string[], env: PodToolEnv): PodToolResult {
  const o = new Out(env);
  let count: number | undefined;
  let waitSec = 10;
  let quiet = false;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const num = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) && Number(v) <= 2147483647 ? Number(v) : undefined);
    if (a === "-c" || a.startsWith("-c") || a === "-W") {
      const raw = a === "-c" || a === "-W" ? args[++i] : a.slice(2);
      const n = num(raw);
      if (n === undefined) {
        o.err(`ping: invalid number '${raw ?? ""}'\n`);
        return o.done(1);
      }
      if (a === "-W") waitSec = n;
      else count = n;
    }
    else if (a === "-q") quiet = true;
    else if (a === "-w" || a === "-s" || a === "-i" || a === "-I" || a === "-t") i++;
    else if (!a.startsWith("-")) host = a;
  }
  if (!host) {
    o.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n");
    return o.done(1);
  }
  const found = lookup(host, env, o);
  if (!found || found.kind !== "ok") {
    o.err(`ping: bad address '${host}'\n`);
    return o.done(1);
  }
  const ipAddr = found.addresses[0];
  // A lab command cannot run for ever: past an hour of echoes the learner "presses ^C".
  const MAX_ECHOES = 3600;
  const n = count !== undefined && count > 0 ? Math.min(count, MAX_ECHOES) : 4;
  o.out(`PING ${host} (${ipAddr}): 56 data bytes\n`);
  const rtts: number[] = [];
  const start = o.elapsedMs;
  for (let seq = 0; seq < n; seq++) {
    o.wait(start + seq * 1000 - o.elapsedMs);
    const p = env.net.ping(fromOf(env), ipAddr);
    if (!p.reply) continue;
    o.wait(Math.max(0, Math.round(p.rttMs)));
    rtts.push(p.rttMs);
    if (!quiet) o.out(`64 bytes from ${ipAddr}: seq=${seq} ttl=${p.ttl} time=${p.rttMs.toFixed(3)} ms\n`);
  }
  // All answered: done at once. Some lost: wait about two round trips (1 s). None: -W seconds.
  o.wait(rtts.length === n ? 0 : rtts.length > 0 ? start + (n - 1) * 1000 + 1000 - o.elapsedMs : start + (n - 1) * 1000 + waitSec * 1000 - o.elapsedMs);
  if (count === undefined || count > MAX_ECHOES) o.out("^C\n");
  const loss = Math.floor(((n - rtts.length) * 100) / n);
  o.out(`\n--- ${host} ping statistics ---\n${n} packets transmitted, ${rtts.length} packets received, ${loss}% packet loss\n`);
  if (rtts.length > 0) {
    const avg = rtts.reduce((s, x) => s + x, 0) / rtts.length;
    o.out(`round-trip min/avg/max = ${Math.min(...rtts).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...rtts).toFixed(3)} ms\n`);
  }
  return o.done(rtts.length > 0 ? 0 : 1);
}

// ---------------------------------------------------------------- BusyBox ip

/**
 * Calico's veth as the pod sees it: a random locally administered MAC, the peer `caliXXX`
 * interface index on the host, MTU 1480 (IPIP). Deterministic from the pod's uid unless the
 * network says better.
 */
function podLink(env: PodToolEnv): { peerIndex: number; mac: string } {
  const given = env.net.podLink?.(fromOf(env));
  if (given) return given;
  const h = hash(env.pod.metadata.uid);
  const h2 = hash(`${env.pod.metadata.uid}#mac`);
  const bytes = [((h >>> 24) & 0xfe) | 0x02, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff, (h2 >>> 8) & 0xff, h2 & 0xff];
  return { peerIndex: 7 + (h2 % 40), mac: bytes.map((b) => b.toString(16).padStart(2, "0")).join(":") };
}

/** The EUI-64 link-local address the kernel derives from a MAC. */
function linkLocal(mac: string): string {
  const b = mac.split(":").map((x) => parseInt(x, 16));
  const groups = [(b[0] ^ 0x02) * 256 + b[1], b[2] * 256 + 0xff, 0xfe00 + b[3], b[4] * 256 + b[5]];
  return `fe80::${groups.map((g) => g.toString(16)).join(":")}`;
}

function ipAddrText(env: PodToolEnv, dev: string | undefined, family: "4" | "6" | undefined): string {
  const link = podLink(env);
  const ipAddr = env.pod.status.podIP ?? "";
  const v4 = family !== "6";
  const v6 = family !== "4";
  const blocks = [
    {
      name: "lo",
      text:
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
        (v4 ? "    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n" : "") +
        (v6 ? "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n" : ""),
    },
    { name: "tunl0", text: family ? "" : "2: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n" },
    {
      name: "eth0",
      text:
        `3: eth0@if${link.peerIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP\n    link/ether ${link.mac} brd ff:ff:ff:ff:ff:ff\n` +
        (v4 ? `    inet ${ipAddr}/32 scope global eth0\n       valid_lft forever preferred_lft forever\n` : "") +
        (v6 ? `    inet6 ${linkLocal(link.mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n` : ""),
    },
  ];
  return blocks
    .filter((b) => !dev || b.name === dev)
    .map((b) => b.text)
    .join("");
}

/** `ip addr`, `ip link`, `ip route` inside a pod (BusyBox's output format). */
function ip(args: string[], env: PodToolEnv): PodToolResult {
  const o = new Out(env);
  let family: "4" | "6" | undefined;
  const words: string[] = [];
  for (const a of args) {
    if (a === "-4" || a === "-6") family = a.slice(1) as "4" | "6";
    else if (!a.startsWith("-")) words.push(a);
  }
  const [object = "", verb, ...rest] = words;
  const showing = verb !== undefined && ("show".startsWith(verb) || "list".startsWith(verb));
  const dev = rest[0] === "dev" ? rest[1] : showing ? rest[0] : undefined;
  if (object !== "" && "address".startsWith(object)) {
    if (dev && !["lo", "tunl0", "eth0"].includes(dev)) {
      o.err(`ip: can't find device '${dev}'\n`);
      return o.done(1);
    }
    o.out(ipAddrText(env, dev, family));
    return o.done(0);
  }
  if (object !== "" && "link".startsWith(object)) {
    const link = podLink(env);
    o.out(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n2: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n3: eth0@if${link.peerIndex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1480 qdisc noqueue state UP\n    link/ether ${link.mac} brd ff:ff:ff:ff:ff:ff\n`);
    return o.done(0);
  }
  if (object !== "" && "route".startsWith(object)) {
    // Calico's pod routes: everything via a fake gateway the host's proxy-ARP answers for.
    o.out("default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n");
    return o.done(0);
  }
  o.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n");
  return o.done(1);
}
