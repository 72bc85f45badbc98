/**
 * IPVS as kube-proxy programs it (IPVS mode): one virtual server per ClusterIP:port (and
 * NodePort), real servers in Masq mode with weight 1, and the kernel's schedulers
 * (./ipvs-schedulers.ts). The dataplane routes new connections with {@link IpvsTable.schedule}
 * and {@link IpvsTable.open}; `ipvsadm` (./ipvsadm.ts) prints this same table, so the table a
 * learner reads is the table that routes.
 *
 * Time is an input: every call that can change state takes the virtual time `nowMs`; timers
 * (connection expiry, persistence templates, kube-proxy's graceful-termination sweep, the rate
 * estimator) run lazily, in time order, when a later call passes their due time.
 *
 * @example
 * ```ts
 * const t = new IpvsTable();
 * t.sync([{ protocol: "TCP", address: "10.96.0.10", port: 53, scheduler: "rr",
 *           dests: [{ address: "192.168.0.2", port: 53, weight: 1 }] }], now);
 * const svc = t.find("TCP", "10.96.0.10", 53)!;
 * const pick = t.schedule(svc, "192.168.1.7", now);
 * if ("dest" in pick) {
 *   const id = t.open(svc, pick.dest, { ip: "192.168.1.7", port: 41000 }, now);
 *   t.transfer(id, 80, 120, now);
 *   t.close(id, now);                  // TIME_WAIT, InActConn, gone 120 s later
 * }
 * ```
 */
import { createScheduler, IPVS_SCHEDULERS, parseIPv4, type IpvsScheduler, type SchedDest, type SchedService } from "./ipvs-schedulers";

export type IpvsProtocol = "TCP" | "UDP" | "SCTP";

export interface IpvsStats {
  conns: number;
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
}

/** The kernel's rate estimates, as `ipvsadm --rate` prints them (per second). */
export interface IpvsRates {
  cps: number;
  inPps: number;
  outPps: number;
  inBps: number;
  outBps: number;
}

export interface IpvsDestSpec {
  address: string;
  port: number;
  weight: number;
}

export interface IpvsServiceSpec {
  protocol: IpvsProtocol;
  address: string;
  port: number;
  /** Kernel scheduler name; "" means kube-proxy's default, rr. */
  scheduler: string;
  /** ClientIP session affinity: `persistent <timeout>`. */
  persistentTimeoutSec?: number;
  dests: IpvsDestSpec[];
}

export interface IpvsDest {
  readonly address: string;
  readonly port: number;
  readonly weight: number;
  readonly forward: "Masq";
  readonly activeConns: number;
  readonly inactConns: number;
  readonly persistConns: number;
  readonly stats: IpvsStats;
}

export interface IpvsService {
  readonly protocol: IpvsProtocol;
  readonly address: string;
  readonly port: number;
  readonly scheduler: string;
  readonly persistentTimeoutSec?: number;
  /** In kernel list order (new destinations are added at the head). */
  readonly dests: readonly IpvsDest[];
  readonly stats: IpvsStats;
}

export type IpvsSchedule = { dest: IpvsDest } | { error: "no destination available" };

/** One line of `/proc/net/ip_vs_conn` (what `ipvsadm -Lnc` prints). */
export interface IpvsConnEntry {
  readonly id: number;
  readonly protocol: IpvsProtocol;
  /** ESTABLISHED, TIME_WAIT… for TCP; `UDP` for UDP; `NONE` for a persistence template. */
  readonly state: string;
  /** A persistence template (client → real server pin), not a connection. */
  readonly template: boolean;
  /** Virtual time at which the entry expires unless refreshed. */
  readonly expiresMs: number;
  readonly client: { readonly ip: string; readonly port: number };
  readonly virtual: { readonly ip: string; readonly port: number };
  readonly destination: { readonly ip: string; readonly port: number };
}

/** `ipvsadm -L --timeout` (tcp tcpfin udp): the kernel defaults; kube-proxy leaves them alone. */
export const IPVS_TIMEOUTS_SEC = { tcp: 900, tcpFin: 120, udp: 300 } as const;
/** `IP Virtual Server version 1.2.1 (size=4096)`: IP_VS_VERSION_CODE and the conn table size. */
export const IPVS_INFO = { version: "1.2.1", connTabSize: 4096 } as const;

const SCTP_CLOSED_SEC = 10;
/** `ip_vs_conn_expire`: a template that still controls connections is re-armed for 60 s. */
const TEMPLATE_EXPIRE_LATER_MS = 60_000;
/** kube-proxy's `rsCheckDeleteInterval` (graceful_termination.go). */
const GRACEFUL_CHECK_MS = 60_000;
/** The kernel estimator's period (`ip_vs_est.c`: every 2 seconds). */
const EST_TICK_MS = 2000;

// Packet shapes behind the counters (plausible, not a TCP simulation): SYN and SYN-ACK carry
// options (20 B IP + 40 B TCP), other segments 52 B (TCP timestamps), MSS 1448, one ACK per two
// data segments; a UDP datagram adds 28 B and is one packet.
const SYN_BYTES = 60;
const SEG_HDR = 52;
const MSS = 1448;
const UDP_HDR = 28;

const NO_DEST: IpvsSchedule = Object.freeze({ error: "no destination available" as const });
const KNOWN_SCHEDULERS: ReadonlySet<string> = new Set(IPVS_SCHEDULERS);

const nextTickAfter = (ms: number): number => (Math.floor(ms / EST_TICK_MS) + 1) * EST_TICK_MS;
/** The kernel's s64 `>> 2` is an arithmetic shift: floor division. */
const ewma = (avg: number, rate: number): number => avg + Math.floor((rate - avg) / 4);

/**
 * Counters plus the kernel's estimator (`ip_vs_est.c`): every 2 s, for each counter,
 * `rate = delta << 9` (`<< 4` for bytes) and `avg += (rate - avg) >> 2`; read back as
 * `(avg + 0x1FF) >> 10` (`(avg + 0xF) >> 5` for bytes). Ticks fall on multiples of 2 s of
 * virtual time and run lazily (before any counter changes, and before a read).
 */
class StatsImpl implements IpvsStats {
  conns = 0;
  inPkts = 0;
  outPkts = 0;
  inBytes = 0;
  outBytes = 0;
  private lastConns = 0;
  private lastInPkts = 0;
  private lastOutPkts = 0;
  private lastInBytes = 0;
  private lastOutBytes = 0;
  private cps = 0;
  private inPps = 0;
  private outPps = 0;
  private inBps = 0;
  private outBps = 0;
  private nextTick: number;
  constructor(nowMs: number) {
    this.nextTick = nextTickAfter(nowMs);
  }
  advance(nowMs: number): void {
    while (this.nextTick <= nowMs) {
      if (this.idle()) {
        this.nextTick = nextTickAfter(nowMs);
        return;
      }
      this.cps = ewma(this.cps, (this.conns - this.lastConns) * 512);
      this.inPps = ewma(this.inPps, (this.inPkts - this.lastInPkts) * 512);
      this.outPps = ewma(this.outPps, (this.outPkts - this.lastOutPkts) * 512);
      this.inBps = ewma(this.inBps, (this.inBytes - this.lastInBytes) * 16);
      this.outBps = ewma(this.outBps, (this.outBytes - this.lastOutBytes) * 16);
      this.lastConns = this.conns;
      this.lastInPkts = this.inPkts;
      this.lastOutPkts = this.outPkts;
      this.lastInBytes = this.inBytes;
      this.lastOutBytes = this.outBytes;
      this.nextTick += EST_TICK_MS;
    }
  }
  private idle(): boolean {
    return (
      this.cps === 0 && this.inPps === 0 && this.outPps === 0 && this.inBps === 0 && this.outBps === 0 &&
      this.conns === this.lastConns && this.inPkts === this.lastInPkts && this.outPkts === this.lastOutPkts &&
      this.inBytes === this.lastInBytes && this.outBytes === this.lastOutBytes
    );
  }
  add(nowMs: number, conns: number, inPkts: number, inBytes: number, outPkts: number, outBytes: number): void {
    this.advance(nowMs);
    this.conns += conns;
    this.inPkts += inPkts;
    this.inBytes += inBytes;
    this.outPkts += outPkts;
    this.outBytes += outBytes;
  }
  rates(nowMs: number): IpvsRates {
    this.advance(nowMs);
    return {
      cps: Math.floor((this.cps + 0x1ff) / 1024),
      inPps: Math.floor((this.inPps + 0x1ff) / 1024),
      outPps: Math.floor((this.outPps + 0x1ff) / 1024),
      inBps: Math.floor((this.inBps + 0xf) / 32),
      outBps: Math.floor((this.outBps + 0xf) / 32),
    };
  }
  /** `ip_vs_zero_stats`: counters and estimates back to 0. */
  zero(nowMs: number): void {
    this.advance(nowMs);
    this.conns = this.inPkts = this.outPkts = this.inBytes = this.outBytes = 0;
    this.lastConns = this.lastInPkts = this.lastOutPkts = this.lastInBytes = this.lastOutBytes = 0;
    this.cps = this.inPps = this.outPps = this.inBps = this.outBps = 0;
  }
}

class DestImpl implements IpvsDest, SchedDest {
  readonly forward = "Masq" as const;
  activeConns = 0;
  inactConns = 0;
  persistConns = 0;
  overloaded = false;
  available = false;
  /** Connections and templates bound to this destination (its kernel refcount, minus the list's). */
  refs = 0;
  readonly stats: StatsImpl;
  /** The (frozen) answer `schedule()` returns for this destination: no allocation per pick. */
  readonly pick: IpvsSchedule;
  readonly key: string;
  constructor(
    readonly svc: ServiceImpl,
    readonly address: string,
    readonly port: number,
    public weight: number,
    nowMs: number,
  ) {
    this.key = `${address}:${port}`;
    this.stats = new StatsImpl(nowMs);
    this.pick = Object.freeze({ dest: this as IpvsDest });
  }
}

class ServiceImpl implements IpvsService, SchedService<DestImpl> {
  readonly dests: DestImpl[] = [];
  readonly stats: StatsImpl;
  readonly addrNum: number;
  readonly key: string;
  scheduler: string;
  sched: IpvsScheduler<DestImpl>;
  persistentTimeoutSec?: number;
  deleted = false;
  /** Linked destinations by `ip:port`. */
  readonly byDest = new Map<string, DestImpl>();
  /** Unlinked destinations still referenced by connections (`ip_vs_dest_trash`). */
  readonly trash = new Map<string, DestImpl>();
  /** Live persistence templates by client address (netmask /32: the address itself). */
  readonly templates = new Map<string, ConnImpl>();
  constructor(
    readonly table: IpvsTable,
    readonly protocol: IpvsProtocol,
    readonly address: string,
    readonly port: number,
    scheduler: string,
    nowMs: number,
  ) {
    const n = parseIPv4(address);
    if (n < 0) throw new Error(`IPVS: not an IPv4 address: ${address}`);
    this.addrNum = n;
    this.key = serviceKey(protocol, address, port);
    this.stats = new StatsImpl(nowMs);
    this.scheduler = scheduler;
    this.sched = createScheduler<DestImpl>(scheduler, this)!;
  }
}

class ConnImpl {
  gone = false;
  /** IP_VS_CONN_F_INACTIVE: counted in InActConn rather than ActiveConn. */
  inactive = true;
  control: ConnImpl | null = null;
  /** Connections this template controls (`n_control`). */
  nControl = 0;
  deadline = 0;
  /** Time of this entry's live heap slot (-1: none). A later deadline reuses it when it pops. */
  heapAt = -1;
  constructor(
    readonly id: number,
    readonly template: boolean,
    readonly svc: ServiceImpl,
    readonly dest: DestImpl,
    public clientIp: string,
    public clientPort: number,
    public vport: number,
    public dport: number,
    public state: string,
    public timeoutMs: number,
  ) {}
}

interface GraceItem {
  svc: ServiceImpl;
  destKey: string;
}

const serviceKey = (protocol: IpvsProtocol, address: string, port: number): string => `${protocol} ${address}:${port}`;
/** kube-proxy's `IsRsGracefulTerminationNeeded`: not for UDP and SCTP. */
const gracefulNeeded = (p: IpvsProtocol): boolean => p === "TCP";

/**
 * The kernel's IPVS table on one node, plus the reconcile and graceful-termination logic of
 * kube-proxy's IPVS proxier that feeds it.
 */
export class IpvsTable {
  private readonly list: ServiceImpl[] = [];
  private readonly byKey = new Map<string, ServiceImpl>();
  /** Connections and templates in creation order (the order `-Lnc` lists them). */
  private readonly conns = new Map<number, ConnImpl>();
  private nextId = 1;
  // A binary min-heap of (time, conn), at most one live slot per conn: a refreshed (later)
  // deadline keeps the old slot and is re-queued when that slot pops, so traffic does not pile
  // up stale entries.
  private readonly heapT: number[] = [];
  private readonly heapC: ConnImpl[] = [];
  /** kube-proxy's graceful-termination list, in insertion order. */
  private readonly graceful = new Map<string, GraceItem>();
  private graceAnchorMs: number | undefined;
  private nextGraceMs = Infinity;
  private nowMs = 0;
  /** Earliest time anything lazy may be due (a cheap guard on the hot path). */
  private nextDue = Infinity;
  private errors: string[] = [];

  /** Virtual services in the order they were added (`ipvsadm --nosort` order; see ipvsadm.ts). */
  services(): readonly IpvsService[] {
    return this.list;
  }

  find(protocol: IpvsProtocol, address: string, port: number): IpvsService | undefined {
    return this.byKey.get(serviceKey(protocol, address, port));
  }

  /**
   * What the kernel refused during the last {@link sync} (an unknown scheduler makes
   * `ip_vs_add_service` fail with ENOENT; the kernel logs the line given here).
   */
  get syncErrors(): readonly string[] {
    return this.errors;
  }

  /** `ipvsadm -L --timeout`. */
  timeouts(): { tcp: number; tcpFin: number; udp: number } {
    return { ...IPVS_TIMEOUTS_SEC };
  }

  /**
   * Reconciles the table with what kube-proxy wants, as its `syncProxyRules` / `syncService` /
   * `syncEndpoint` do:
   * - a missing virtual service is added; an existing one gets its scheduler and persistence
   *   updated (a scheduler change re-initialises the scheduler over the current list, as
   *   `ip_vs_edit_service` does); a service no longer wanted is deleted at once (its
   *   connections stay in the connection table until they expire);
   * - a missing destination is added at the HEAD of the kernel list, in the order given (real
   *   kube-proxy iterates a Go set, i.e. in random order); a destination still referenced by
   *   connections comes back from the kernel's trash with its counters;
   * - a destination no longer wanted goes through kube-proxy's graceful termination
   *   (graceful_termination.go): if the protocol is UDP or SCTP, or its ActiveConn + InActConn
   *   is already 0, it is deleted now; otherwise its weight is set to 0 (quiesced: existing
   *   connections continue, schedulers skip it) and it joins the graceful list, which kube-proxy
   *   sweeps every 60 s (`rsCheckDeleteInterval`, from its first sync) deleting the entries whose
   *   ActiveConn + InActConn reached 0. Persistence templates do not hold a destination back
   *   (they are not in those two counters);
   * - a wanted destination that is on the graceful list is deleted and re-added
   *   (`MoveRSOutofGracefulDeleteList` + `AddRealServer`): the kernel takes it back from its trash
   *   with its counters, weight restored, now at the head of the list.
   */
  sync(desired: readonly IpvsServiceSpec[], nowMs: number): void {
    this.expire(nowMs);
    if (this.graceAnchorMs === undefined) {
      this.graceAnchorMs = nowMs;
      this.nextGraceMs = nowMs + GRACEFUL_CHECK_MS;
    }
    this.errors = [];
    const seen = new Set<ServiceImpl>();
    for (const spec of desired) {
      // kube-proxy: "IPVS scheduler not specified, use rr by default".
      const scheduler = spec.scheduler === "" ? "rr" : spec.scheduler;
      let s = this.byKey.get(serviceKey(spec.protocol, spec.address, spec.port));
      if (!s) {
        if (!KNOWN_SCHEDULERS.has(scheduler)) {
          this.errors.push(`IPVS: Scheduler module ip_vs_${scheduler} not found`);
          continue;
        }
        s = new ServiceImpl(this, spec.protocol, spec.address, spec.port, scheduler, nowMs);
        this.list.push(s);
        this.byKey.set(s.key, s);
      } else if (s.scheduler !== scheduler) {
        if (KNOWN_SCHEDULERS.has(scheduler)) {
          s.scheduler = scheduler;
          s.sched = createScheduler<DestImpl>(scheduler, s)!;
        } else this.errors.push(`IPVS: Scheduler module ip_vs_${scheduler} not found`);
      }
      s.persistentTimeoutSec = spec.persistentTimeoutSec;
      seen.add(s);
      this.syncDests(s, spec.dests, nowMs);
    }
    for (const s of [...this.list]) if (!seen.has(s)) this.deleteService(s);
    this.updateNextDue();
  }

  /**
   * Picks the real server for a new connection from `clientIp`, as the kernel does for the
   * first packet: with persistence, through the client's template (`ip_vs_sched_persist`);
   * otherwise the service's scheduler. Allocation-free for non-persistent services.
   */
  schedule(svc: IpvsService, clientIp: string, nowMs: number): IpvsSchedule {
    const s = this.own(svc);
    if (nowMs >= this.nextDue) this.expire(nowMs);
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    if (s.deleted) return NO_DEST;
    if (s.persistentTimeoutSec !== undefined) return this.schedulePersistent(s, clientIp, nowMs);
    const d = s.sched.schedule(s, clientIp, nowMs);
    return d === null ? NO_DEST : d.pick;
  }

  /**
   * A persistent service (`ip_vs_sched_persist`): the client's template pins it to one real
   * server. A template is only reused while its destination is still linked and has a weight
   * (kube-proxy sets `net.ipv4.vs.expire_quiescent_template=1`); otherwise it is invalidated
   * (rehashed with ports 65535, so it never matches again and just runs out) and the scheduler
   * picks anew. Every use restarts the template's timer with its timeout (`ip_vs_conn_put`).
   */
  private schedulePersistent(s: ServiceImpl, clientIp: string, nowMs: number): IpvsSchedule {
    let t = s.templates.get(clientIp);
    if (t !== undefined && !(t.dest.available && t.dest.weight !== 0)) {
      s.templates.delete(clientIp);
      t.vport = 65535;
      t.dport = 65535;
      t = undefined;
    }
    if (t === undefined) {
      const d = s.sched.schedule(s, clientIp, nowMs);
      if (d === null) return NO_DEST;
      t = new ConnImpl(this.nextId++, true, s, d, clientIp, 0, s.port, d.port, "NONE", (s.persistentTimeoutSec ?? 0) * 1000);
      d.refs++;
      d.persistConns++;
      this.conns.set(t.id, t);
      s.templates.set(clientIp, t);
    }
    this.arm(t, nowMs + t.timeoutMs);
    return t.dest.pick;
  }

  /**
   * Records a new connection to `dest` (chosen by {@link schedule}) and returns its id. TCP and
   * SCTP connections are ESTABLISHED (ActiveConn, 900 s idle timeout, the handshake's packets
   * counted); UDP "connections" stay in InActConn in the kernel (every new connection starts
   * IP_VS_CONN_F_INACTIVE and only the TCP/SCTP state machines make it active), state `UDP`,
   * 300 s after their last datagram.
   */
  open(svc: IpvsService, dest: IpvsDest, client: { ip: string; port: number }, nowMs: number): number {
    const s = this.own(svc);
    if (!(dest instanceof DestImpl) || dest.svc !== s) throw new Error(`IPVS: ${dest.address}:${dest.port} is not a destination of ${s.key}`);
    if (nowMs >= this.nextDue) this.expire(nowMs);
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    const d = dest;
    const udp = s.protocol === "UDP";
    const c = new ConnImpl(this.nextId++, false, s, d, client.ip, client.port, s.port, d.port, udp ? "UDP" : "ESTABLISHED", 1000 * (udp ? IPVS_TIMEOUTS_SEC.udp : IPVS_TIMEOUTS_SEC.tcp));
    d.refs++;
    if (udp) d.inactConns++;
    else {
      c.inactive = false;
      d.activeConns++;
    }
    // SYN + ACK in, SYN-ACK out (UDP: nothing until the first datagram).
    const inP = udp ? 0 : 2;
    const inB = udp ? 0 : SYN_BYTES + SEG_HDR;
    const outP = udp ? 0 : 1;
    const outB = udp ? 0 : SYN_BYTES;
    s.stats.add(nowMs, 1, inP, inB, outP, outB);
    d.stats.add(nowMs, 1, inP, inB, outP, outB);
    if (s.persistentTimeoutSec !== undefined) {
      const t = s.templates.get(client.ip);
      if (t !== undefined && t.dest === d) {
        c.control = t;
        t.nControl++;
      }
    }
    this.conns.set(c.id, c);
    this.arm(c, nowMs + c.timeoutMs);
    return c.id;
  }

  /**
   * One request/response exchange on an open connection: `inBytes` of payload from the client,
   * `outBytes` back (see the packet shapes above). Refreshes the connection's timeout, as every
   * packet does. Returns false, counting nothing, for an unknown, closed or expired connection —
   * and for one whose real server has been deleted: kube-proxy sets
   * `net.ipv4.vs.expire_nodest_conn=1`, so the kernel drops that packet and expires the entry at
   * once (a UDP client's retry is then scheduled afresh). `nowMs` defaults to the latest time
   * the table has seen.
   */
  transfer(connId: number, inBytes: number, outBytes: number, nowMs: number = this.nowMs): boolean {
    if (nowMs >= this.nextDue) this.expire(nowMs);
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    const c = this.conns.get(connId);
    if (!c || c.template || c.gone) return false;
    if (!c.dest.available) {
      this.dropConn(c);
      return false;
    }
    const s = c.svc;
    let inP: number, inB: number, outP: number, outB: number;
    if (s.protocol === "UDP") {
      inP = inBytes > 0 ? 1 : 0;
      outP = outBytes > 0 ? 1 : 0;
      inB = inBytes + UDP_HDR * inP;
      outB = outBytes + UDP_HDR * outP;
    } else {
      if (c.state !== "ESTABLISHED") return false;
      const segIn = Math.ceil(inBytes / MSS);
      const segOut = Math.ceil(outBytes / MSS);
      inP = segIn + Math.ceil(segOut / 2);
      outP = segOut + Math.ceil(segIn / 2);
      inB = inBytes + SEG_HDR * inP;
      outB = outBytes + SEG_HDR * outP;
    }
    s.stats.add(nowMs, 0, inP, inB, outP, outB);
    c.dest.stats.add(nowMs, 0, inP, inB, outP, outB);
    this.arm(c, nowMs + c.timeoutMs);
    return true;
  }

  /**
   * The client closes a TCP connection: FIN/ACK exchanged, the entry goes to TIME_WAIT for the
   * kernel's 120 s (`tcp_timeouts[TIME_WAIT]`, also the `tcpfin` timeout) and moves from
   * ActiveConn to InActConn. SCTP goes to CLOSED (10 s). UDP has no close: the entry simply
   * expires 300 s after its last datagram, so this is a no-op for UDP.
   */
  close(connId: number, nowMs: number): void {
    if (nowMs >= this.nextDue) this.expire(nowMs);
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    const c = this.conns.get(connId);
    if (!c || c.template || c.gone || c.svc.protocol === "UDP" || c.state !== "ESTABLISHED") return;
    const s = c.svc;
    s.stats.add(nowMs, 0, 2, 2 * SEG_HDR, 1, SEG_HDR);
    c.dest.stats.add(nowMs, 0, 2, 2 * SEG_HDR, 1, SEG_HDR);
    const sctp = s.protocol === "SCTP";
    c.state = sctp ? "CLOSED" : "TIME_WAIT";
    c.timeoutMs = 1000 * (sctp ? SCTP_CLOSED_SEC : IPVS_TIMEOUTS_SEC.tcpFin);
    c.inactive = true;
    c.dest.activeConns--;
    c.dest.inactConns++;
    this.arm(c, nowMs + c.timeoutMs);
  }

  /**
   * Runs everything due up to `nowMs`, in time order: connection and template timeouts
   * (a template still controlling connections is re-armed for 60 s — and keeps that 60 s
   * timeout, as the kernel's `ip_vs_conn_expire` does), and kube-proxy's graceful-termination
   * sweeps. The other methods call it themselves; calling it again is harmless.
   */
  expire(nowMs: number): void {
    if (nowMs > this.nowMs) this.nowMs = nowMs;
    for (;;) {
      const tc = this.heapT.length ? this.heapT[0] : Infinity;
      const tg = this.nextGraceMs;
      if (tc <= nowMs && tc <= tg) {
        const c = this.heapPop();
        if (c.gone || c.heapAt !== tc) continue; // a superseded slot
        c.heapAt = -1;
        if (c.deadline > tc) this.arm(c, c.deadline);
        else this.expireConn(c, tc);
        continue;
      }
      if (tg <= nowMs) {
        if (this.graceful.size) {
          this.gracefulSweep();
          this.nextGraceMs = tg + GRACEFUL_CHECK_MS;
        } else {
          // Sweeps of an empty list do nothing: jump to the first one after now.
          this.nextGraceMs = tg + (Math.floor((nowMs - tg) / GRACEFUL_CHECK_MS) + 1) * GRACEFUL_CHECK_MS;
        }
        continue;
      }
      break;
    }
    this.updateNextDue();
  }

  /**
   * Connection entries and templates, as `/proc/net/ip_vs_conn` has them. The kernel lists them
   * in the order of its (randomly keyed) hash buckets; creation order is the deterministic
   * stand-in.
   */
  connections(nowMs?: number): IpvsConnEntry[] {
    if (nowMs !== undefined) this.expire(nowMs);
    const out: IpvsConnEntry[] = [];
    for (const c of this.conns.values()) {
      out.push({
        id: c.id,
        protocol: c.svc.protocol,
        state: c.state,
        template: c.template,
        expiresMs: c.deadline,
        client: { ip: c.clientIp, port: c.clientPort },
        virtual: { ip: c.svc.address, port: c.vport },
        destination: { ip: c.dest.address, port: c.dport },
      });
    }
    return out;
  }

  /** The rate estimates of a service or destination at `nowMs` (`ipvsadm --rate`). */
  rates(of: IpvsService | IpvsDest, nowMs: number): IpvsRates {
    if (!(of instanceof ServiceImpl || of instanceof DestImpl)) throw new Error("IPVS: not an entry of this table");
    return of.stats.rates(nowMs);
  }

  /** `ipvsadm -Z [service]`: zeroes the counters and estimates of one service (or all). */
  zero(svc: IpvsService | undefined, nowMs: number): void {
    for (const s of svc ? [this.own(svc)] : this.list) {
      s.stats.zero(nowMs);
      for (const d of s.dests) d.stats.zero(nowMs);
    }
  }

  // —— internals ——

  private own(svc: IpvsService): ServiceImpl {
    if (!(svc instanceof ServiceImpl) || svc.table !== this) throw new Error(`IPVS: ${svc.protocol} ${svc.address}:${svc.port} is not a service of this table`);
    return svc;
  }

  private syncDests(s: ServiceImpl, specs: readonly IpvsDestSpec[], nowMs: number): void {
    const want = new Map<string, IpvsDestSpec>();
    for (const d of specs) want.set(`${d.address}:${d.port}`, d);
    for (const [k, spec] of want) {
      const cur = s.byDest.get(k);
      const gk = `${s.key}/${k}`;
      if (cur === undefined) this.addDest(s, spec, nowMs);
      else if (this.graceful.has(gk)) {
        this.graceful.delete(gk);
        this.unlinkDest(s, cur);
        this.addDest(s, spec, nowMs);
      } else if (cur.weight !== spec.weight) this.setWeight(s, cur, spec.weight);
    }
    for (const d of [...s.dests]) {
      if (want.has(d.key) || this.graceful.has(`${s.key}/${d.key}`)) continue;
      if (!gracefulNeeded(s.protocol) || d.activeConns + d.inactConns === 0) this.unlinkDest(s, d);
      else {
        this.setWeight(s, d, 0);
        this.graceful.set(`${s.key}/${d.key}`, { svc: s, destKey: d.key });
      }
    }
  }

  /** `ip_vs_add_dest`: from the trash if it is there, else new; linked at the head. */
  private addDest(s: ServiceImpl, spec: IpvsDestSpec, nowMs: number): void {
    const k = `${spec.address}:${spec.port}`;
    let d = s.trash.get(k);
    if (d !== undefined) {
      s.trash.delete(k);
      d.weight = spec.weight;
    } else d = new DestImpl(s, spec.address, spec.port, spec.weight, nowMs);
    d.available = true;
    s.dests.unshift(d);
    s.byDest.set(k, d);
    s.sched.added?.(s, d);
  }

  /**
   * `ip_vs_del_dest`: unlinked; kept in the trash while connections still point at it. (The
   * kernel keeps an idle one about two more minutes before freeing it; here it is freed as soon
   * as nothing points at it, so a pod IP re-added later starts with fresh counters.)
   */
  private unlinkDest(s: ServiceImpl, d: DestImpl): void {
    const i = s.dests.indexOf(d);
    if (i < 0) return;
    s.dests.splice(i, 1);
    s.byDest.delete(d.key);
    d.available = false;
    s.sched.removed?.(s, d, i);
    if (d.refs > 0) s.trash.set(d.key, d);
  }

  private setWeight(s: ServiceImpl, d: DestImpl, weight: number): void {
    d.weight = weight;
    s.sched.updated?.(s, d);
  }

  /** kube-proxy's `tryDeleteRs` over its graceful list. */
  private gracefulSweep(): void {
    for (const [k, item] of this.graceful) {
      const d = item.svc.byDest.get(item.destKey);
      if (item.svc.deleted || d === undefined) {
        this.graceful.delete(k);
        continue;
      }
      if (gracefulNeeded(item.svc.protocol) && d.activeConns + d.inactConns !== 0) continue;
      this.unlinkDest(item.svc, d);
      this.graceful.delete(k);
    }
  }

  private deleteService(s: ServiceImpl): void {
    for (const d of [...s.dests]) this.unlinkDest(s, d);
    s.deleted = true;
    s.templates.clear();
    this.list.splice(this.list.indexOf(s), 1);
    this.byKey.delete(s.key);
    for (const [k, item] of this.graceful) if (item.svc === s) this.graceful.delete(k);
  }

  private expireConn(c: ConnImpl, atMs: number): void {
    if (c.template && c.nControl > 0) {
      c.timeoutMs = TEMPLATE_EXPIRE_LATER_MS;
      this.arm(c, atMs + TEMPLATE_EXPIRE_LATER_MS);
      return;
    }
    this.dropConn(c);
  }

  /** Unlinks an entry and gives back what it held on its destination (`ip_vs_unbind_dest`). */
  private dropConn(c: ConnImpl): void {
    c.gone = true;
    this.conns.delete(c.id);
    const d = c.dest;
    if (c.template) {
      d.persistConns--;
      if (c.svc.templates.get(c.clientIp) === c) c.svc.templates.delete(c.clientIp);
    } else {
      if (c.inactive) d.inactConns--;
      else d.activeConns--;
      if (c.control) c.control.nControl--;
    }
    if (--d.refs === 0 && !d.available && d.svc.trash.get(d.key) === d) d.svc.trash.delete(d.key);
  }

  private arm(c: ConnImpl, atMs: number): void {
    c.deadline = atMs;
    if (c.heapAt >= 0 && c.heapAt <= atMs) return;
    c.heapAt = atMs;
    this.heapPush(atMs, c);
    if (atMs < this.nextDue) this.nextDue = atMs;
  }

  private updateNextDue(): void {
    const tc = this.heapT.length ? this.heapT[0] : Infinity;
    const tg = this.graceful.size ? this.nextGraceMs : Infinity;
    this.nextDue = Math.min(tc, tg);
  }

  private heapPush(t: number, c: ConnImpl): void {
    const T = this.heapT;
    const C = this.heapC;
    let i = T.length;
    T.push(t);
    C.push(c);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (T[p] <= t) break;
      T[i] = T[p];
      C[i] = C[p];
      i = p;
    }
    T[i] = t;
    C[i] = c;
  }

  private heapPop(): ConnImpl {
    const T = this.heapT;
    const C = this.heapC;
    const top = C[0];
    const t = T.pop()!;
    const c = C.pop()!;
    const n = T.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && T[r] < T[l] ? r : l;
        if (T[m] >= t) break;
        T[i] = T[m];
        C[i] = C[m];
        i = m;
      }
      T[i] = t;
      C[i] = c;
    }
    return top;
  }
}
