/**
 * Container logs. What `kubectl logs` prints is made of two parts:
 *
 * 1. The lines the image writes when it starts, derived deterministically from the pod (image,
 *    container start time, pod IP, node) — the real startup output of nginx, httpd, mysql,
 *    CoreDNS, kube-proxy and friends, with their own timestamp formats. Nothing is stored for
 *    these: they are a pure function of the container instance, and only lines whose time has
 *    come are shown (a mysql that started two seconds ago is still initialising).
 * 2. Lines appended while the lab runs (access logs, DNS queries…) through {@link ContainerLogs},
 *    keyed by pod uid + container name. That store is plain data so the cluster state stays
 *    serialisable.
 *
 * No PRNG is consumed here (reading logs must not change later names or IPs): the sub-second
 * jitter of timestamps comes from a hash of the pod uid.
 */
import { imageRepository } from "./images";
import { clockTime, MONTHS, pad2, slashTime, unixDate, WEEKDAYS } from "../util/time";
import type { Container, Node, Pod } from "./types";

/** One line a container wrote, at `time` (virtual ms since the epoch; fractions are sub-ms). */
export interface LogLine {
  time: number;
  text: string;
}

/**
 * Lines appended to containers' logs at run time (e.g. nginx access-log lines written when the
 * traffic generator sends a request). Plain data: `toJSON`/`fromJSON` round-trip it.
 */
/** Lines kept per container (about what a 10 MiB rotated log holds of access-log lines, rounded down). */
export const MAX_LINES_PER_CONTAINER = 20_000;

export class ContainerLogs {
  private data: Record<string, LogLine[]> = {};

  /** Adds one line written by `container` of the pod with `uid` at `timeMs`. */
  append(uid: string, container: string, timeMs: number, line: string): void {
    const key = `${uid}/${container}`;
    const list = (this.data[key] ??= []);
    // Keep the list in time order even if a writer reports a slightly older line.
    let i = list.length;
    while (i > 0 && list[i - 1].time > timeMs) i--;
    list.splice(i, 0, { time: timeMs, text: line });
    // The kubelet rotates container logs (containerLogMaxSize): the oldest lines go.
    if (list.length > MAX_LINES_PER_CONTAINER) list.splice(0, list.length - MAX_LINES_PER_CONTAINER);
  }

  /** Every appended line of one container (all of its instances), oldest first. */
  lines(uid: string, container: string): readonly LogLine[] {
    return this.data[`${uid}/${container}`] ?? [];
  }

  /** Drops the lines of a pod that no longer exists. */
  forget(uid: string): void {
    for (const k of Object.keys(this.data)) if (k.startsWith(`${uid}/`)) delete this.data[k];
  }

  toJSON(): Record<string, LogLine[]> {
    return this.data;
  }

  static fromJSON(data: Record<string, LogLine[]>): ContainerLogs {
    const l = new ContainerLogs();
    for (const [k, v] of Object.entries(data)) l.data[k] = v.map((x) => ({ ...x }));
    return l;
  }
}

const attached = new WeakMap<object, ContainerLogs>();

/**
 * The cluster's appended-lines store: `cluster.logs` when the cluster carries one, otherwise one
 * kept beside the cluster object.
 */
export function logsOf(cluster: object): ContainerLogs {
  const own = (cluster as { logs?: unknown }).logs;
  if (own instanceof ContainerLogs) return own;
  let l = attached.get(cluster);
  if (!l) attached.set(cluster, (l = new ContainerLogs()));
  return l;
}

/** What a log generator knows about the container instance it writes for. */
export interface LogContext {
  pod: Pod;
  container: Container;
  node?: Node;
  /** When this instance's process started (virtual ms). */
  startedAt: number;
  /** The cluster's kube-proxy mode. */
  proxyMode: "iptables" | "ipvs";
  /** Kubernetes version of the control plane (`v1.33.0`). */
  k8sVersion: string;
}

/**
 * The lines one container instance wrote by `until` (inclusive): the image's startup output plus
 * the appended lines of that instance's lifetime (`startedAt` ≤ t ≤ `finishedAt`).
 */
export function instanceLog(ctx: LogContext, appended: readonly LogLine[], until: number, finishedAt?: number): LogLine[] {
  const end = finishedAt === undefined ? until : Math.min(until, finishedAt);
  const own = imageLog(ctx, end).filter((l) => l.time <= end);
  const extra = appended.filter((l) => l.time >= ctx.startedAt && l.time <= end);
  if (extra.length === 0) return own;
  // Merge by time, startup lines first on ties.
  const out: LogLine[] = [];
  let i = 0;
  let j = 0;
  while (i < own.length || j < extra.length) {
    if (j >= extra.length || (i < own.length && own[i].time <= extra[j].time)) out.push(own[i++]);
    else out.push(extra[j++]);
  }
  return out;
}

// ---------------------------------------------------------------- time formats


/** Microseconds within the second of `ms`. */
function micros(ms: number): number {
  return Math.floor((((ms % 1000) + 1000) % 1000) * 1000);
}


/** `Mon May 12 09:05:03.480452 2025` (Apache error log). */
function apacheTime(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${clockTime(d)}.${String(micros(ms)).padStart(6, "0")} ${d.getUTCFullYear()}`;
}

/** `2025-05-12 09:05:03+00:00` (mysql's entrypoint). */
function entrypointTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace("T", " ").replace(".000Z", "+00:00");
}

/** `2025-05-12T09:05:03.879230Z` (mysqld, etcd). */
function isoMicros(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", `.${String(micros(ms)).padStart(6, "0")}Z`);
}

/** klog's header: `I0512 09:05:03.228545       1 file.go:63] `. */
function klog(level: "I" | "W" | "E", ms: number, where: string): string {
  const d = new Date(ms);
  return `${level}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())} ${clockTime(d)}.${String(micros(ms)).padStart(6, "0")}       1 ${where}] `;
}

/** `12 May 2025 09:05:03.123` (redis). */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clockTime(d)}.${String(Math.floor(micros(ms) / 1000)).padStart(3, "0")}`;
}

/** `2025-05-12 09:05:03.123` (calico). */
function calicoTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace("T", " ").replace("Z", "");
}

/** A stable 32-bit hash (FNV-1a). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Builds timed lines: `at(ms, text)` places a line `ms` after the start, plus a few microseconds
 * of per-pod jitter so timestamps look like a real process's.
 */
class Timeline {
  readonly lines: LogLine[] = [];
  private n = 0;
  private last = -Infinity;
  constructor(
    readonly start: number,
    private readonly seed: number,
  ) {}

  /** The absolute time of the next line at offset `ms` (with sub-ms jitter). */
  t(ms: number): number {
    const h = hash(`${this.seed}:${this.n}`);
    const t = this.start + ms + ((h % 997) + 1) / 1000;
    // A process writes its lines in order: never earlier than the previous one.
    return t > this.last ? t : this.last + ((h % 89) + 7) / 1000;
  }

  add(ms: number, text: string | ((t: number) => string)): number {
    const t = (this.last = this.t(ms));
    this.n++;
    this.lines.push({ time: t, text: typeof text === "string" ? text : text(t) });
    return t;
  }
}

// ---------------------------------------------------------------- images

/** How many CPUs the pod's node has (worker_processes auto, GOMAXPROCS). */
function cpus(ctx: LogContext): number {
  return Number(ctx.node?.status.capacity.cpu ?? "2") || 2;
}

function tagOf(image: string): string {
  const s = image.split("@")[0];
  const slash = s.lastIndexOf("/");
  const colon = s.lastIndexOf(":");
  return colon > slash ? s.slice(colon + 1) : "latest";
}

/** nginx's version for an image tag (`nginx` ⇒ 1.27.5 as in May 2025; `1.25` ⇒ 1.25.5). */
function nginxVersion(tag: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return "1.27.5";
  if (m[3] !== undefined) return `${m[1]}.${m[2]}.${m[3]}`;
  const latestPatch: Record<string, string> = { "1.21": "6", "1.22": "1", "1.23": "4", "1.24": "0", "1.25": "5", "1.26": "3", "1.27": "5", "1.28": "0" };
  return `${m[1]}.${m[2]}.${latestPatch[`${m[1]}.${m[2]}`] ?? "0"}`;
}

function nginxLog(ctx: LogContext, tl: Timeline): void {
  const tag = tagOf(ctx.container.image);
  const alpine = tag.includes("alpine");
  const version = nginxVersion(tag);
  const e = "/docker-entrypoint.sh: ";
  tl.add(2, `${e}/docker-entrypoint.d/ is not empty, will attempt to perform configuration`);
  tl.add(3, `${e}Looking for shell scripts in /docker-entrypoint.d/`);
  tl.add(4, `${e}Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`);
  tl.add(6, "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf");
  tl.add(9, "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf");
  tl.add(10, `${e}Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
  tl.add(11, `${e}Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`);
  tl.add(14, `${e}Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
  tl.add(16, `${e}Configuration complete; ready for start up`);
  const n = (ms: number, msg: string) => tl.add(ms, (t) => `${slashTime(t)} [notice] 1#1: ${msg}`);
  n(20, 'using the "epoll" event method');
  n(20, `nginx/${version}`);
  // nginx's configure leaves a trailing space after the compiler version.
  n(20, alpine ? "built by gcc 14.2.0 (Alpine 14.2.0) " : version >= "1.27.4" ? "built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) " : "built by gcc 12.2.0 (Debian 12.2.0-14) ");
  n(20, `OS: Linux ${ctx.node?.status.nodeInfo.kernelVersion ?? "6.8.0-60-generic"}`);
  n(20, "getrlimit(RLIMIT_NOFILE): 1048576:1048576");
  n(21, "start worker processes");
  for (let i = 0; i < cpus(ctx); i++) n(21, `start worker process ${28 + i}`);
}

function httpdLog(ctx: LogContext, tl: Timeline): void {
  const ip = ctx.pod.status.podIP ?? "127.0.0.1";
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  tl.add(30, fqdn);
  tl.add(45, fqdn);
  const version = /^2\.4\.\d+/.exec(tagOf(ctx.container.image))?.[0] ?? "2.4.63";
  tl.add(46, (t) => `[${apacheTime(t)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations`);
  tl.add(46, (t) => `[${apacheTime(t)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
}

function mysqlLog(ctx: LogContext, tl: Timeline): void {
  const v = mysqlVersion(tagOf(ctx.container.image));
  const env = Object.fromEntries((ctx.container.env ?? []).map((e) => [e.name, e.value ?? ""]));
  const ep = (ms: number, level: "Note" | "ERROR", msg: string) => tl.add(ms, (t) => `${entrypointTime(t)} [${level}] [Entrypoint]: ${msg}`);
  const srv = (ms: number, thread: number, level: string, code: string, sub: string, msg: string) => tl.add(ms, (t) => `${isoMicros(t)} ${thread} [${level}] [${code}] [${sub}] ${msg}`);
  ep(0, "Note", `Entrypoint script for MySQL Server ${v}-1.el9 started.`);
  ep(150, "Note", "Switching to dedicated user 'mysql'");
  ep(160, "Note", `Entrypoint script for MySQL Server ${v}-1.el9 started.`);
  if (!env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
    ep(170, "ERROR", "Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD");
    return;
  }
  ep(200, "Note", "Initializing database files");
  srv(600, 0, "System", "MY-015017", "Server", "MySQL Server Initialization - start.");
  srv(602, 0, "System", "MY-013169", "Server", `/usr/sbin/mysqld (mysqld ${v}) initializing of server in progress as process 79`);
  srv(610, 1, "System", "MY-013576", "InnoDB", "InnoDB initialization has started.");
  srv(1250, 1, "System", "MY-013577", "InnoDB", "InnoDB initialization has ended.");
  srv(2580, 6, "Warning", "MY-010453", "Server", "root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.");
  srv(5190, 0, "System", "MY-015018", "Server", "MySQL Server Initialization - end.");
  ep(5200, "Note", "Database files initialized");
  ep(5201, "Note", "Starting temporary server");
  srv(5240, 0, "System", "MY-015015", "Server", "MySQL Server - start.");
  srv(5530, 0, "System", "MY-010116", "Server", `/usr/sbin/mysqld (mysqld ${v}) starting as process 118`);
  srv(5550, 1, "System", "MY-013576", "InnoDB", "InnoDB initialization has started.");
  srv(6070, 1, "System", "MY-013577", "InnoDB", "InnoDB initialization has ended.");
  srv(6500, 0, "Warning", "MY-010068", "Server", "CA certificate ca.pem is self signed.");
  srv(6500, 0, "System", "MY-013602", "Server", "Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.");
  srv(6504, 0, "Warning", "MY-011810", "Server", "Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.");
  srv(6540, 0, "System", "MY-011323", "Server", "X Plugin ready for connections. Socket: /var/run/mysqld/mysqlx.sock");
  srv(6540, 0, "System", "MY-010931", "Server", `/usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 0  MySQL Community Server - GPL.`);
  ep(6541, "Note", "Temporary server started.");
  tl.add(6560, "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'");
  for (const f of ["iso3166.tab", "leap-seconds.list", "leapseconds", "tzdata.zi", "zone.tab", "zone1970.tab"]) tl.add(7200, `Warning: Unable to load '/usr/share/zoneinfo/${f}' as time zone. Skipping it.`);
  let at = 8000;
  if (env.MYSQL_RANDOM_ROOT_PASSWORD) ep(at, "Note", `GENERATED ROOT PASSWORD: ${generatedPassword(ctx.pod.metadata.uid)}`);
  if (env.MYSQL_DATABASE) ep((at += 20), "Note", `Creating database ${env.MYSQL_DATABASE}`);
  if (env.MYSQL_USER && env.MYSQL_PASSWORD) {
    ep((at += 20), "Note", `Creating user ${env.MYSQL_USER}`);
    if (env.MYSQL_DATABASE) ep((at += 20), "Note", `Giving user ${env.MYSQL_USER} access to schema ${env.MYSQL_DATABASE}`);
  }
  tl.add(at + 1, "");
  ep(at + 2, "Note", "Stopping temporary server");
  srv(at + 5, 11, "System", "MY-013172", "Server", `Received SHUTDOWN from user root. Shutting down mysqld (Version: ${v}).`);
  srv(at + 660, 0, "System", "MY-010910", "Server", `/usr/sbin/mysqld: Shutdown complete (mysqld ${v})  MySQL Community Server - GPL.`);
  srv(at + 660, 0, "System", "MY-015016", "Server", "MySQL Server - end.");
  ep(at + 1000, "Note", "Temporary server stopped");
  tl.add(at + 1001, "");
  ep(at + 1002, "Note", "MySQL init process done. Ready for start up.");
  tl.add(at + 1003, "");
  srv(at + 1020, 0, "System", "MY-015015", "Server", "MySQL Server - start.");
  srv(at + 1310, 0, "System", "MY-010116", "Server", `/usr/sbin/mysqld (mysqld ${v}) starting as process 1`);
  srv(at + 1320, 1, "System", "MY-013576", "InnoDB", "InnoDB initialization has started.");
  srv(at + 1840, 1, "System", "MY-013577", "InnoDB", "InnoDB initialization has ended.");
  srv(at + 2180, 0, "Warning", "MY-010068", "Server", "CA certificate ca.pem is self signed.");
  srv(at + 2180, 0, "System", "MY-013602", "Server", "Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.");
  srv(at + 2185, 0, "Warning", "MY-011810", "Server", "Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.");
  srv(at + 2225, 0, "System", "MY-011323", "Server", "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock");
  srv(at + 2225, 0, "System", "MY-010931", "Server", `/usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
}

/** The mysql server version an image tag runs (tags as on Docker Hub in May 2025). */
function mysqlVersion(tag: string): string {
  const known: Record<string, string> = { "8": "8.4.5", "8.0": "8.0.42", "8.4": "8.4.5", lts: "8.4.5", "9": "9.3.0", "9.0": "9.0.1", "9.1": "9.1.0", "9.2": "9.2.0", "9.3": "9.3.0", latest: "9.3.0" };
  const m = /^\d+\.\d+\.\d+/.exec(tag);
  return m ? m[0] : (known[tag.replace(/-.*$/, "")] ?? "9.3.0");
}

function generatedPassword(uid: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let s = "";
  for (let i = 0; i < 32; i++) s += alphabet[hash(`${uid}#${i}`) % alphabet.length];
  return s;
}

/** CoreDNS 1.12.0 with kubeadm's default Corefile (the SHA512 is that Corefile's). */
function corednsLog(ctx: LogContext, tl: Timeline): void {
  tl.add(1, `maxprocs: Leaving GOMAXPROCS=${cpus(ctx)}: CPU quota undefined`);
  tl.add(40, ".:53");
  tl.add(40, "[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b");
  tl.add(40, "CoreDNS-1.12.0");
  tl.add(40, "linux/amd64, go1.23.3, 51e11f1");
}

/** kube-proxy v1.33's startup (from a real v1.33 node; the line numbers are v1.33's). */
function kubeProxyLog(ctx: LogContext, tl: Timeline): void {
  const ip = ctx.pod.status.hostIP ?? ctx.pod.status.podIP ?? "";
  const k = (ms: number, level: "I" | "E", where: string, msg: string) => tl.add(ms, (t) => klog(level, t, where) + msg);
  const mode = ctx.proxyMode;
  k(5, "I", "server_linux.go:63", `"Using ${mode} proxy"`);
  k(150, "I", "server.go:715", `"Successfully retrieved node IP(s)" IPs=["${ip}"]`);
  k(157, "I", "conntrack.go:60", '"Setting nf_conntrack_max" nfConntrackMax=131072');
  k(157, "E", "server.go:245", '"Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"');
  k(240, "I", "server.go:254", '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"');
  k(240, "I", "server_linux.go:145", `"Using ${mode} Proxier"`);
  if (mode === "iptables") {
    k(270, "I", "proxier.go:243", '"Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"');
  }
  k(272, "I", "server.go:516", `"Version info" version="${ctx.k8sVersion}"`);
  k(272, "I", "server.go:518", '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  k(287, "I", "config.go:199", '"Starting service config controller"');
  k(287, "I", "shared_informer.go:350", '"Waiting for caches to sync" controller="service config"');
  k(290, "I", "config.go:105", '"Starting endpoint slice config controller"');
  k(290, "I", "shared_informer.go:350", '"Waiting for caches to sync" controller="endpoint slice config"');
  k(291, "I", "config.go:440", '"Starting serviceCIDR config controller"');
  k(291, "I", "shared_informer.go:350", '"Waiting for caches to sync" controller="serviceCIDR config"');
  k(292, "I", "config.go:329", '"Starting node config controller"');
  k(292, "I", "shared_informer.go:350", '"Waiting for caches to sync" controller="node config"');
  k(388, "I", "shared_informer.go:357", '"Caches are synced" controller="service config"');
  k(392, "I", "shared_informer.go:357", '"Caches are synced" controller="endpoint slice config"');
  k(392, "I", "shared_informer.go:357", '"Caches are synced" controller="serviceCIDR config"');
  k(393, "I", "shared_informer.go:357", '"Caches are synced" controller="node config"');
}

function schedulerLog(ctx: LogContext, tl: Timeline): void {
  const k = (ms: number, where: string, msg: string) => tl.add(ms, (t) => klog("I", t, where) + msg);
  k(10, "serving.go:386", "Generated self-signed cert in-memory");
  k(1345, "server.go:171", `"Starting Kubernetes Scheduler" version="${ctx.k8sVersion}"`);
  k(1345, "server.go:173", '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  k(1352, "configmap_cafile_content.go:205", '"Starting controller" name="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"');
  k(1352, "shared_informer.go:350", '"Waiting for caches to sync" controller="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"');
  k(1354, "secure_serving.go:211", "Serving securely on 127.0.0.1:10259");
  k(1355, "tlsconfig.go:243", '"Starting DynamicServingCertificateController"');
  k(1452, "shared_informer.go:357", '"Caches are synced" controller="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"');
  k(1453, "leaderelection.go:257", "attempting to acquire leader lease kube-system/kube-scheduler...");
  k(1470, "leaderelection.go:271", "successfully acquired lease kube-system/kube-scheduler");
}

function apiserverLog(ctx: LogContext, tl: Timeline): void {
  const ip = ctx.pod.status.hostIP ?? "";
  const k = (ms: number, where: string, msg: string) => tl.add(ms, (t) => klog("I", t, where) + msg);
  k(5, "options.go:249", `external host was not specified, using ${ip}`);
  k(8, "server.go:147", `Version: ${ctx.k8sVersion}`);
  k(8, "server.go:149", '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  k(420, "secure_serving.go:211", "Serving securely on [::]:6443");
  k(421, "tlsconfig.go:243", '"Starting DynamicServingCertificateController"');
  k(900, "controller.go:615", "quota admission added evaluator for: namespaces");
}

function controllerManagerLog(ctx: LogContext, tl: Timeline): void {
  const k = (ms: number, where: string, msg: string) => tl.add(ms, (t) => klog("I", t, where) + msg);
  k(10, "serving.go:386", "Generated self-signed cert in-memory");
  k(600, "controllermanager.go:191", `"Starting" version="${ctx.k8sVersion}"`);
  k(600, "controllermanager.go:193", '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
  k(605, "secure_serving.go:211", "Serving securely on 127.0.0.1:10257");
  k(606, "leaderelection.go:257", "attempting to acquire leader lease kube-system/kube-controller-manager...");
  k(1620, "leaderelection.go:271", "successfully acquired lease kube-system/kube-controller-manager");
}

function etcdLog(ctx: LogContext, tl: Timeline): void {
  const ip = ctx.pod.status.hostIP ?? "";
  const j = (ms: number, caller: string, msg: string, extra = "") => tl.add(ms, (t) => `{"level":"info","ts":"${isoMicros(t)}","caller":"${caller}","msg":"${msg}"${extra}}`);
  j(2, "etcdmain/etcd.go:73", "Running: ", `,"args":["etcd","--advertise-client-urls=https://${ip}:2379","--data-dir=/var/lib/etcd"]`);
  j(3, "embed/etcd.go:140", "configuring peer listeners", `,"listen-peer-urls":["https://${ip}:2380"]`);
  j(4, "embed/etcd.go:148", "configuring client listeners", `,"listen-client-urls":["https://127.0.0.1:2379","https://${ip}:2379"]`);
  j(5, "embed/etcd.go:323", "starting an etcd server", ',"etcd-version":"3.5.21","git-sha":"a17edfd","go-version":"go1.23.7","go-os":"linux","go-arch":"amd64","max-cpu-set":2,"max-cpu-available":2,"member-initialized":false,"name":"controlplane"');
  j(1050, "embed/serve.go:250", "serving client traffic securely", `,"traffic":"grpc+http","address":"${ip}:2379"`);
}

function calicoLog(ctx: LogContext, tl: Timeline): void {
  const c = (ms: number, pid: number, where: string, msg: string) => tl.add(ms, (t) => `${calicoTime(t)} [INFO][${pid}] ${where}: ${msg}`);
  const node = ctx.pod.spec.nodeName ?? "";
  const ip = ctx.pod.status.hostIP ?? "";
  if (/kube-controllers/.test(ctx.container.image)) {
    c(20, 1, "main.go 99", "Loaded configuration from environment config=&config.Config{LogLevel:\"info\", WorkloadEndpointWorkers:1, ProfileWorkers:1, PolicyWorkers:1, NodeWorkers:1, Kubeconfig:\"\", DatastoreType:\"kubernetes\"}");
    c(60, 1, "main.go 123", "Ensuring Calico datastore is initialized");
    c(90, 1, "main.go 197", "Calico datastore is initialized");
    c(95, 1, "controller.go 155", "Starting Node controller");
    c(95, 1, "controller.go 134", "Starting Pod controller");
    return;
  }
  c(20, 9, "startup/startup.go 432", "Early log level set to info");
  c(21, 9, "utils/utils.go 26", "Using NODENAME environment for node name " + node);
  c(22, 9, "utils/utils.go 38", `Determined node name: ${node}`);
  c(200, 9, "startup/autodetection_methods.go 103", `Using autodetected IPv4 address on interface eth0: ${ip}/24`);
  c(260, 9, "startup/startup.go 702", "CALICO_IPV4POOL_NAT_OUTGOING is true (defaulted) through environment variable");
  c(900, 70, "felix/daemon.go 380", "Successfully loaded configuration. GOMAXPROCS=2 version=\"v3.29.3\"");
  c(2400, 70, "felix/int_dataplane.go 1900", "Completed first update to dataplane. secsSinceStart=1.5");
}

function redisLog(_ctx: LogContext, tl: Timeline): void {
  const r = (ms: number, role: "C" | "M", sym: "*" | "#", msg: string) => tl.add(ms, (t) => `1:${role} ${redisTime(t)} ${sym} ${msg}`);
  r(1, "C", "*", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
  r(1, "C", "*", "Redis version=7.4.3, bits=64, commit=00000000, modified=0, pid=1, just started");
  r(1, "C", "#", "Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf");
  r(2, "M", "*", "monotonic clock: POSIX clock_gettime");
  r(2, "M", "*", "Running mode=standalone, port=6379.");
  r(3, "M", "*", "Server initialized");
  r(3, "M", "*", "Ready to accept connections tcp");
}

function wordpressLog(ctx: LogContext, tl: Timeline): void {
  const ip = ctx.pod.status.podIP ?? "127.0.0.1";
  tl.add(5, "WordPress not found in /var/www/html - copying now...");
  tl.add(900, "Complete! WordPress has been successfully copied to /var/www/html");
  const fqdn = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  tl.add(960, fqdn);
  tl.add(980, fqdn);
  tl.add(985, (t) => `[${apacheTime(t)}] [mpm_prefork:notice] [pid 1:tid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.28 configured -- resuming normal operations`);
  tl.add(985, (t) => `[${apacheTime(t)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`);
}

/**
 * Shell one-liners from tutorials: `echo …`, and the logging docs' counter
 * (`while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done`).
 */
function scriptLog(ctx: LogContext, tl: Timeline, until: number): void {
  const argv = [...(ctx.container.command ?? []), ...(ctx.container.args ?? [])];
  if (argv.length === 0) return;
  const script = /^(\/bin\/)?(sh|ash|bash)$/.test(argv[0]) && argv[1] === "-c" ? (argv[2] ?? "") : argv.join(" ");
  const date = unixDate;
  const expand = (text: string, i: number, t: number) =>
    unquote(text)
      .replace(/\$\(date\)/g, date(t))
      .replace(/\$\{?i\}?/g, String(i));
  const loop = /while (?:true|:)\s*;\s*do\s+echo\s+(.+?)\s*;\s*(?:i=\$\(\(i\s*\+\s*1\)\)\s*;\s*)?sleep\s+(\d+(?:\.\d+)?)\s*;\s*done/.exec(script);
  if (loop) {
    const period = Number(loop[2]) * 1000 || 1000;
    const first = Math.max(0, Math.ceil((until - ctx.startedAt - 5000 * period) / period));
    for (let i = first; ctx.startedAt + 5 + i * period <= until; i++) tl.add(5 + i * period, (t) => expand(loop[1], i, t));
    return;
  }
  for (const m of script.matchAll(/(?:^|;|&&)\s*echo\s+([^;&]+)/g)) tl.add(3, (t) => expand(m[1].trim(), 0, t));
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** The startup output of the image, or of the container's command. */
export function imageLog(ctx: LogContext, until = Infinity): LogLine[] {
  const tl = new Timeline(ctx.startedAt, hash(`${ctx.pod.metadata.uid}/${ctx.container.name}/${ctx.startedAt}`));
  const repo = imageRepository(ctx.container.image);
  const hasCommand = (ctx.container.command?.length ?? 0) > 0;
  const base = repo.split("/").pop() ?? repo;
  if (repo === "nginx" && !hasCommand) nginxLog(ctx, tl);
  else if (repo === "httpd" && !hasCommand) httpdLog(ctx, tl);
  else if (repo === "mysql" && !hasCommand) mysqlLog(ctx, tl);
  else if (repo === "redis" && !hasCommand) redisLog(ctx, tl);
  else if (repo === "wordpress" && !hasCommand) wordpressLog(ctx, tl);
  else if (base === "coredns") corednsLog(ctx, tl);
  else if (base === "kube-proxy") kubeProxyLog(ctx, tl);
  else if (base === "kube-scheduler") schedulerLog(ctx, tl);
  else if (base === "kube-apiserver") apiserverLog(ctx, tl);
  else if (base === "kube-controller-manager") controllerManagerLog(ctx, tl);
  else if (base === "etcd") etcdLog(ctx, tl);
  else if (repo.startsWith("calico/")) calicoLog(ctx, tl);
  else scriptLog(ctx, tl, Number.isFinite(until) ? until : ctx.startedAt + 3_600_000);
  return tl.lines;
}
