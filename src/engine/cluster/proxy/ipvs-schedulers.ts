/**
 * The Linux IPVS schedulers (`net/netfilter/ipvs/ip_vs_*.c`), written from the kernel's
 * algorithms so that the same table and the same counters pick the same real server.
 *
 * Every scheduler walks the service's destination list in kernel order: new destinations are
 * inserted at the HEAD (`list_add_rcu` in `ip_vs_ctl.c`), so index 0 is the most recently added
 * one. A destination with weight 0 is "quiesced" (it keeps its connections, gets no new ones);
 * one with the OVERLOAD flag is skipped too (kube-proxy never sets thresholds, so the flag stays
 * clear in Podflow, but the checks are kept where the kernel has them).
 *
 * `schedule()` is the hot path (one call per new connection): no allocation, no string work
 * except `sh`, which parses the client address with a char loop.
 *
 * Approximations (said again where they are):
 * - `mh` (Maglev) is not reproduced: it behaves like `sh` (source hashing), which is what a
 *   learner observes of it — a client sticks to one real server.
 * - `lblc`/`lblcr` are reproduced for kube-proxy's only case, a non-fwmark service, where the
 *   "destination address" they cache on is always the service's own VIP: one cache entry per
 *   service. Entry garbage collection after the 24 h `lblc_expiration` is done lazily.
 */

/** What a scheduler reads of a destination (the table's real destination objects have more). */
export interface SchedDest {
  weight: number;
  /** IP_VS_DEST_F_OVERLOAD (upper/lower connection thresholds; never set by kube-proxy). */
  overloaded: boolean;
  activeConns: number;
  inactConns: number;
  /** IP_VS_DEST_F_AVAILABLE: linked in the service's list (false once deleted / in the trash). */
  available: boolean;
}

/** What a scheduler reads of a service. */
export interface SchedService<D extends SchedDest> {
  /** Kernel list order, head first. */
  readonly dests: D[];
  /** The VIP as a host-order number (dh and lblc hash or cache on the packet's destination). */
  readonly addrNum: number;
}

/** One scheduler instance, bound to one service (the kernel's `svc->sched_data`). */
export interface IpvsScheduler<D extends SchedDest> {
  readonly name: string;
  /** Picks a destination for a new connection, or null ("no destination available"). */
  schedule(svc: SchedService<D>, clientIp: string, nowMs: number): D | null;
  // Like the kernel's `struct ip_vs_scheduler`, the hooks are optional: stateless schedulers
  // (lc, wlc, sed, nq…) have none.
  /** `add_dest`: `dest` was just inserted at index 0. */
  added?(svc: SchedService<D>, dest: D): void;
  /** `del_dest`: the destination that was at `index` was just unlinked. */
  removed?(svc: SchedService<D>, dest: D, index: number): void;
  /** `upd_dest`: `dest`'s weight changed. */
  updated?(svc: SchedService<D>, dest: D): void;
}

/**
 * `ip_vs_dest_conn_overhead()` (include/net/ip_vs.h): active connections weigh 256 times an
 * inactive one (`(activeconns << 8) + inactconns`).
 */
export function connOverhead(d: SchedDest): number {
  return d.activeConns * 256 + d.inactConns;
}

/** Dotted quad → unsigned 32-bit number (host order); -1 if it is not an IPv4 address. */
export function parseIPv4(s: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return n * 256 + part;
}

/** `hash_32(val, bits)` (include/linux/hash.h): multiply by GOLDEN_RATIO_32, keep the high bits. */
export function hash32(val: number, bits: number): number {
  return (Math.imul(val | 0, 0x61c88647) >>> 0) >>> (32 - bits);
}

const usable = (d: SchedDest): boolean => d.weight > 0 && !d.overloaded;

/**
 * rr (`ip_vs_rr.c`). `sched_data` points at the last scheduled list node (initially the list
 * head). The next pick walks forward from it, wraps through the head, and may come back to the
 * last one itself; weight-0 and overloaded destinations are skipped. When the pointed
 * destination is deleted the pointer moves to its predecessor (`ip_vs_rr_del_dest`), so the
 * rotation continues where it was. Adding a destination (at the head) does not move it.
 */
class RoundRobin<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "rr";
  /** Index of the last scheduled destination; -1 = the list head. */
  private ptr = -1;
  schedule(svc: SchedService<D>): D | null {
    const list = svc.dests;
    const n = list.length;
    const last = this.ptr;
    for (let i = last + 1; i < n; i++) {
      const d = list[i];
      if (usable(d)) {
        this.ptr = i;
        return d;
      }
    }
    // Second pass from the head up to and including the last one (not needed from the head).
    for (let i = 0; i <= last; i++) {
      const d = list[i];
      if (usable(d)) {
        this.ptr = i;
        return d;
      }
    }
    return null;
  }
  added(): void {
    if (this.ptr >= 0) this.ptr++;
  }
  removed(_svc: SchedService<D>, _dest: D, index: number): void {
    if (index <= this.ptr) this.ptr--;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * wrr (`ip_vs_wrr.c`): passes over the list with a current weight `cw` that starts at
 * `mw = max weight - (gcd - 1)` and drops by the gcd of the weights after each pass; a
 * destination is picked when its weight ≥ cw. Any add/delete/weight change restarts from the
 * list head (`ip_vs_wrr_dest_changed`).
 */
class WeightedRoundRobin<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "wrr";
  /** Current position: index of the last picked destination, -1 = list head. */
  private cl = -1;
  private cw = 0;
  private mw = 0;
  private di = 1;
  constructor(svc: SchedService<D>) {
    this.di = this.gcdWeight(svc);
    this.mw = this.maxWeight(svc) - (this.di - 1);
    this.cw = this.mw;
  }
  private gcdWeight(svc: SchedService<D>): number {
    let g = 0;
    for (const d of svc.dests) if (d.weight > 0) g = g > 0 ? gcd(d.weight, g) : d.weight;
    return g || 1;
  }
  private maxWeight(svc: SchedService<D>): number {
    let w = 0;
    for (const d of svc.dests) if (d.weight > w) w = d.weight;
    return w;
  }
  private changed(svc: SchedService<D>): void {
    this.cl = -1;
    this.di = this.gcdWeight(svc);
    this.mw = this.maxWeight(svc) - (this.di - 1);
    if (this.cw > this.mw || !this.cw) this.cw = this.mw;
    else if (this.di > 1) this.cw = Math.trunc(this.cw / this.di) * this.di + 1;
  }
  schedule(svc: SchedService<D>): D | null {
    const list = svc.dests;
    const n = list.length;
    let pos = this.cl;
    if (this.mw === 0) return null;
    const last = pos;
    let stop = -2; // none
    let lastPass = false;
    let restarted = false;
    for (;;) {
      for (let i = pos + 1; i < n; i++) {
        const d = list[i];
        if (!d.overloaded && d.weight >= this.cw) {
          this.cl = i;
          return d;
        }
        if (i === stop) {
          this.cl = i;
          return null; // all destinations are overloaded
        }
      }
      pos = -1; // back at the list head
      this.cw -= this.di;
      if (this.cw <= 0) {
        this.cw = this.mw;
        if (lastPass || last === -1) {
          this.cl = -1;
          return null;
        }
        restarted = true;
      }
      lastPass = this.cw <= this.di;
      if (lastPass && restarted && last !== -1) stop = last;
    }
  }
  added(svc: SchedService<D>): void {
    this.changed(svc);
  }
  removed(svc: SchedService<D>): void {
    this.changed(svc);
  }
  updated(svc: SchedService<D>): void {
    this.changed(svc);
  }
}

/**
 * lc (`ip_vs_lc.c`): the destination with the smallest overhead `active*256 + inactive`;
 * weight 0 and overloaded ones are skipped; on a tie the earliest in the list wins (strict `<`).
 */
class LeastConnection<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "lc";
  schedule(svc: SchedService<D>): D | null {
    const list = svc.dests;
    let least: D | null = null;
    let loh = 0;
    for (let i = 0, n = list.length; i < n; i++) {
      const d = list[i];
      if (d.overloaded || d.weight === 0) continue;
      const doh = d.activeConns * 256 + d.inactConns;
      if (least === null || doh < loh) {
        least = d;
        loh = doh;
      }
    }
    return least;
  }
}

/**
 * The shared shape of wlc, sed and lblc's fallback: the first usable destination is the
 * candidate, then each later non-overloaded one replaces it when `loh * w(dest) > doh * w(least)`
 * (the kernel's integer form of `loh/w(least) > doh/w(dest)`). A weight-0 destination can never
 * win that comparison, so it is only skipped for the first candidate, as in the kernel.
 */
function weightedLeast<D extends SchedDest>(list: readonly D[], overhead: (d: D) => number): D | null {
  const n = list.length;
  let i = 0;
  let least: D | null = null;
  for (; i < n; i++) {
    const d = list[i];
    if (!d.overloaded && d.weight > 0) {
      least = d;
      break;
    }
  }
  if (least === null) return null;
  let loh = overhead(least);
  for (i++; i < n; i++) {
    const d = list[i];
    if (d.overloaded) continue;
    const doh = overhead(d);
    if (loh * d.weight > doh * least.weight) {
      least = d;
      loh = doh;
    }
  }
  return least;
}

/** wlc (`ip_vs_wlc.c`): least `overhead / weight`, compared by cross-multiplication. */
class WeightedLeastConnection<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "wlc";
  schedule(svc: SchedService<D>): D | null {
    return weightedLeast(svc.dests, connOverhead);
  }
}

/** sed and nq's expected delay: only active connections count, plus the incoming one. */
const expectedDelay = (d: SchedDest): number => d.activeConns + 1;

/** sed (`ip_vs_sed.c`): least `(active + 1) / weight`. */
class ShortestExpectedDelay<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "sed";
  schedule(svc: SchedService<D>): D | null {
    return weightedLeast(svc.dests, expectedDelay);
  }
}

/**
 * nq (`ip_vs_nq.c`): the first idle (no active connection) usable destination in list order;
 * otherwise like sed.
 */
class NeverQueue<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "nq";
  schedule(svc: SchedService<D>): D | null {
    const list = svc.dests;
    let least: D | null = null;
    let loh = 0;
    for (let i = 0, n = list.length; i < n; i++) {
      const d = list[i];
      if (d.overloaded || !d.weight) continue;
      const doh = d.activeConns + 1;
      if (d.activeConns === 0) return d;
      if (least === null || loh * d.weight > doh * least.weight) {
        least = d;
        loh = doh;
      }
    }
    return least;
  }
}

const SH_BUCKETS = 256; // CONFIG_IP_VS_SH_TAB_BITS = 8

/**
 * sh (`ip_vs_sh.c`): a 256-bucket table filled by walking the list cyclically, each destination
 * taking `weight` consecutive buckets (a weight-0 one still takes one: the kernel's
 * `++d_count >= weight` test). The bucket is `hash_32(client address, 8)` (the port is only
 * mixed in with the `sh-port` flag, which kube-proxy does not set). If the bucket's destination
 * has weight 0 the answer is "no destination available" (no `sh-fallback` either). The table is
 * rebuilt on every add, delete and weight change.
 */
class SourceHashing<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name: string;
  protected readonly buckets: (D | null)[] = new Array<D | null>(SH_BUCKETS).fill(null);
  constructor(svc: SchedService<D>, name = "sh") {
    this.name = name;
    this.reassign(svc);
  }
  protected reassign(svc: SchedService<D>): void {
    const list = svc.dests;
    const n = list.length;
    let p = 0;
    let count = 0;
    for (let i = 0; i < SH_BUCKETS; i++) {
      if (n === 0) {
        this.buckets[i] = null;
        continue;
      }
      if (p === n) p = 0;
      const d = list[p];
      this.buckets[i] = d;
      if (++count >= d.weight) {
        p++;
        count = 0;
      }
    }
  }
  schedule(_svc: SchedService<D>, clientIp: string): D | null {
    const addr = parseIPv4(clientIp);
    const d = this.buckets[hash32(addr < 0 ? 0 : addr, 8)];
    if (!d || !usable(d)) return null;
    return d;
  }
  added(svc: SchedService<D>): void {
    this.reassign(svc);
  }
  removed(svc: SchedService<D>): void {
    this.reassign(svc);
  }
  updated(svc: SchedService<D>): void {
    this.reassign(svc);
  }
}

/**
 * dh (`ip_vs_dh.c`): like sh but the buckets are filled one per destination (weights ignored)
 * and hashed on the packet's destination address — for a kube-proxy service that is always the
 * VIP, so every client goes to the same real server. Rebuilt on add and delete only (the kernel
 * has no `upd_dest` for dh).
 */
class DestinationHashing<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "dh";
  private readonly buckets: (D | null)[] = new Array<D | null>(SH_BUCKETS).fill(null);
  constructor(svc: SchedService<D>) {
    this.reassign(svc);
  }
  private reassign(svc: SchedService<D>): void {
    const list = svc.dests;
    for (let i = 0; i < SH_BUCKETS; i++) this.buckets[i] = list.length ? list[i % list.length] : null;
  }
  schedule(svc: SchedService<D>): D | null {
    const d = this.buckets[hash32(svc.addrNum, 8)];
    if (!d || !d.available || !usable(d)) return null;
    return d;
  }
  added(svc: SchedService<D>): void {
    this.reassign(svc);
  }
  removed(svc: SchedService<D>): void {
    this.reassign(svc);
  }
}

/** lblc/lblcr `is_overloaded()`: busier than its weight while some destination is under half. */
function lblcOverloaded<D extends SchedDest>(dest: D, list: readonly D[]): boolean {
  if (dest.activeConns > dest.weight) {
    for (const d of list) if (d.activeConns * 2 < d.weight) return true;
  }
  return false;
}

/** `sysctl net.ipv4.vs.lblc_expiration` / `lblcr_expiration` default: 24 hours. */
const LBLC_EXPIRATION_MS = 24 * 3600 * 1000;

/**
 * lblc (`ip_vs_lblc.c`): remembers the server last chosen for a destination address (here:
 * the VIP, see the file comment) and keeps using it while it is available, has a weight and is
 * not overloaded in the lblc sense; otherwise picks by wlc and remembers that one.
 */
class LocalityLeastConnection<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "lblc";
  private cached: D | null = null;
  private lastUse = 0;
  schedule(svc: SchedService<D>, _clientIp: string, nowMs: number): D | null {
    if (this.cached && nowMs - this.lastUse > LBLC_EXPIRATION_MS) this.cached = null;
    const c = this.cached;
    if (c) {
      this.lastUse = nowMs;
      if (c.available && c.weight > 0 && !lblcOverloaded(c, svc.dests)) return c;
    }
    const d = weightedLeast(svc.dests, connOverhead);
    if (!d) return null;
    this.cached = d;
    this.lastUse = nowMs;
    return d;
  }
}

/**
 * lblcr (`ip_vs_lblcr.c`): like lblc but the VIP maps to a set of servers; the least loaded
 * member serves unless it is overloaded, in which case the wlc choice joins the set. A set with
 * more than one member that has not changed for `lblcr_expiration` (24 h) drops its busiest.
 */
class LocalityLeastConnectionReplicated<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "lblcr";
  /** The set, newest first (`list_add_rcu`). Empty: no cache entry yet. */
  private readonly set: D[] = [];
  private lastMod = 0;
  private lastUse = 0;
  private setMin(): D | null {
    let least: D | null = null;
    let loh = 0;
    for (const d of this.set) {
      if (d.overloaded) continue;
      if (least === null) {
        if (d.weight > 0 && d.available) {
          least = d;
          loh = connOverhead(d);
        }
        continue;
      }
      const doh = connOverhead(d);
      if (loh * d.weight > doh * least.weight && d.available) {
        least = d;
        loh = doh;
      }
    }
    return least;
  }
  private setMax(): D | null {
    let most: D | null = null;
    let moh = 0;
    for (const d of this.set) {
      if (most === null) {
        if (d.weight > 0) {
          most = d;
          moh = connOverhead(d);
        }
        continue;
      }
      const doh = connOverhead(d);
      if (moh * d.weight < doh * most.weight && d.weight > 0) {
        most = d;
        moh = doh;
      }
    }
    return most;
  }
  private insert(d: D, nowMs: number): void {
    if (this.set.includes(d)) return;
    this.set.unshift(d);
    this.lastMod = nowMs;
  }
  schedule(svc: SchedService<D>, _clientIp: string, nowMs: number): D | null {
    if (this.set.length && nowMs - this.lastUse > LBLC_EXPIRATION_MS) this.set.length = 0;
    if (this.set.length) {
      this.lastUse = nowMs;
      const d = this.setMin();
      if (this.set.length > 1 && nowMs - this.lastMod > LBLC_EXPIRATION_MS) {
        const m = this.setMax();
        if (m) this.set.splice(this.set.indexOf(m), 1);
      }
      if (d && !lblcOverloaded(d, svc.dests)) return d;
      const w = weightedLeast(svc.dests, connOverhead);
      if (!w) return null;
      this.insert(w, nowMs);
      return w;
    }
    const w = weightedLeast(svc.dests, connOverhead);
    if (!w) return null;
    this.insert(w, nowMs);
    this.lastUse = nowMs;
    return w;
  }
}

/**
 * fo (`ip_vs_fo.c`, weighted failover): the available destination with the highest weight
 * (the first one on a tie).
 */
class WeightedFailover<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "fo";
  schedule(svc: SchedService<D>): D | null {
    let best: D | null = null;
    let hw = 0;
    for (const d of svc.dests) {
      if (!d.overloaded && d.weight > hw) {
        best = d;
        hw = d.weight;
      }
    }
    return best;
  }
}

/**
 * ovf (`ip_vs_ovf.c`, weighted overflow): the highest-weight destination whose active
 * connections are still below its weight.
 */
class WeightedOverflow<D extends SchedDest> implements IpvsScheduler<D> {
  readonly name = "ovf";
  schedule(svc: SchedService<D>): D | null {
    let best: D | null = null;
    let hw = 0;
    for (const d of svc.dests) {
      const w = d.weight;
      if (!d.overloaded && d.activeConns < w && w > 0 && w > hw) {
        best = d;
        hw = w;
      }
    }
    return best;
  }
}

/** The scheduler modules a stock kernel ships (`modprobe ip_vs_<name>` succeeds for these). */
export const IPVS_SCHEDULERS = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"] as const;

/**
 * Binds a scheduler to a service (`init_service`), or returns undefined for a name the kernel
 * does not know (`ip_vs_add_service` then fails with ENOENT).
 */
export function createScheduler<D extends SchedDest>(name: string, svc: SchedService<D>): IpvsScheduler<D> | undefined {
  switch (name) {
    case "rr":
      return new RoundRobin<D>();
    case "wrr":
      return new WeightedRoundRobin<D>(svc);
    case "lc":
      return new LeastConnection<D>();
    case "wlc":
      return new WeightedLeastConnection<D>();
    case "sed":
      return new ShortestExpectedDelay<D>();
    case "nq":
      return new NeverQueue<D>();
    case "sh":
      return new SourceHashing<D>(svc);
    case "mh":
      // Approximation: Maglev hashing is not reproduced; source hashing shows the same stickiness.
      return new SourceHashing<D>(svc, "mh");
    case "dh":
      return new DestinationHashing<D>(svc);
    case "lblc":
      return new LocalityLeastConnection<D>();
    case "lblcr":
      return new LocalityLeastConnectionReplicated<D>();
    case "fo":
      return new WeightedFailover<D>();
    case "ovf":
      return new WeightedOverflow<D>();
    default:
      return undefined;
  }
}
