import type { Prng } from "../../util/prng";
import { internalError, invalid, type ApiError, type Cause } from "../errors";
import { OffsetAllocationMap } from "./offset-map";

/*
 * The NodePort allocator (`pkg/registry/core/service/portallocator/allocator.go`): the same
 * KEP-3070 bitmap as ClusterIPs (`offset-map.ts`) over `--service-node-port-range`, but with its
 * own offset formula (see `calculatePortRangeOffset`).
 */

/** kube-apiserver's default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE = "30000-32767";

/** `portallocator.ErrFull`. */
export const ERR_PORT_FULL = "range is full";
/** `portallocator.ErrAllocated`. */
export const ERR_PORT_ALLOCATED = "provided port is already allocated";
/** `portallocator.ErrNotInRange`, e.g. `… The range of valid ports is 30000-32767`. */
export function errPortNotInRange(range: string): string {
  return `provided port is not in the valid range. The range of valid ports is ${range}`;
}

export type NodePortErrorReason = "Full" | "Allocated" | "NotInRange";

export interface NodePortFailure {
  ok: false;
  /** Upstream error text. */
  error: string;
  reason: NodePortErrorReason;
}
export type AllocateNextPortResult = { ok: true; value: number } | NodePortFailure;
export type AllocatePortResult = { ok: true } | NodePortFailure;

/** `k8s.io/apimachinery/pkg/util/net.PortRange`: `base … base+size−1`. */
export interface PortRange {
  base: number;
  size: number;
}

export interface NodePortAllocation {
  port: number;
  /** Owner string given at allocation, `namespace/name` for Services. */
  owner: string;
}

/** Plain, JSON-safe state; `NodePortAllocator.fromState` restores it. */
export interface NodePortAllocatorState {
  /** `30000-32767`. */
  range: string;
  /** Sorted by port. */
  allocations: NodePortAllocation[];
}

/** `PortRange.String()`: `30000-32767`. */
export function formatPortRange(pr: PortRange): string {
  return `${pr.base}-${pr.base + pr.size - 1}`;
}

/**
 * `net.ParsePortRange` (`PortRange.Set`): `"30000-32767"`, `"30000+2767"` or a single port.
 * Range errors are upstream's; a malformed number gets a simplified message (upstream surfaces
 * a `strconv.Atoi` error there).
 */
export function parsePortRange(value: string): { ok: true; value: PortRange } | { ok: false; error: string } {
  const v = value.trim();
  const m = /^(\d+)(?:([-+])(\d+))?$/.exec(v);
  if (!m) return { ok: false, error: `invalid port range: ${value}` };
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : m[2] === "-" ? Number(m[3]) : low + Number(m[3]);
  if (low > 65535 || high > 65535) return { ok: false, error: `the port range cannot be greater than 65535: ${v}` };
  if (high < low) return { ok: false, error: `end port cannot be less than start port: ${v}` };
  return { ok: true, value: { base: low, size: 1 + high - low } };
}

/**
 * `portallocator.calculateRangeOffset`: `min(max(16, size/32), 128)`, and 0 when `size <= 16`.
 * Read from upstream `portallocator/allocator.go` (constants min 16, max 128, step 32); for the
 * default range (2768 ports) that is 86: static band 30000–30085, dynamic band 30086–32767.
 */
export function calculatePortRangeOffset(pr: PortRange): number {
  const min = 16;
  const max = 128;
  const step = 32;
  if (pr.size <= min) return 0;
  const offset = Math.floor(pr.size / step);
  return Math.min(Math.max(offset, min), max);
}

/**
 * Allocates Service node ports. Random choices come from the cluster PRNG (held by reference).
 *
 * @example
 * const np = NodePortAllocator.create("30000-32767", prng);
 * if (np.ok) np.value.allocate(30080, "default/web"); // { ok: true }
 */
export class NodePortAllocator {
  readonly range: PortRange;
  readonly offset: number;
  private readonly map: OffsetAllocationMap<string>;

  /** Prefer `create`. */
  constructor(
    range: PortRange,
    private readonly prng: Prng,
  ) {
    if (range.size < 1) throw new Error("empty node port range");
    this.range = range;
    this.offset = calculatePortRangeOffset(range);
    this.map = new OffsetAllocationMap<string>(range.size, this.offset);
  }

  static create(range: string, prng: Prng): { ok: true; value: NodePortAllocator } | { ok: false; error: string } {
    const r = parsePortRange(range);
    if (!r.ok) return r;
    if (r.value.size < 1) return { ok: false, error: `invalid port range: ${range}` };
    return { ok: true, value: new NodePortAllocator(r.value, prng) };
  }

  /** Restores saved state. Throws if it is corrupt (a broken invariant). */
  static fromState(state: NodePortAllocatorState, prng: Prng): NodePortAllocator {
    const r = parsePortRange(state.range);
    if (!r.ok) throw new Error(`corrupt NodePort allocator state: ${r.error}`);
    const a = new NodePortAllocator(r.value, prng);
    for (const { port, owner } of state.allocations) {
      const x = a.allocate(port, owner);
      if (!x.ok) throw new Error(`corrupt NodePort allocator state: ${port}: ${x.error}`);
    }
    return a;
  }

  toJSON(): NodePortAllocatorState {
    return { range: this.rangeString, allocations: this.allocations() };
  }

  /** `30000-32767`. */
  get rangeString(): string {
    return formatPortRange(this.range);
  }

  /** The KEP-3070 bands as inclusive port ranges; `lower` null when the offset is 0. */
  bands(): { offset: number; lower: { first: number; last: number } | null; upper: { first: number; last: number } } {
    const b = this.range.base;
    return {
      offset: this.offset,
      lower: this.offset > 0 ? { first: b, last: b + this.offset - 1 } : null,
      upper: { first: b + this.offset, last: b + this.range.size - 1 },
    };
  }

  allocateNext(owner: string): AllocateNextPortResult {
    const i = this.map.allocateNext(owner, this.prng);
    if (i === null) return { ok: false, error: ERR_PORT_FULL, reason: "Full" };
    return { ok: true, value: this.range.base + i };
  }

  allocate(port: number, owner: string): AllocatePortResult {
    if (!this.contains(port)) return { ok: false, error: errPortNotInRange(this.rangeString), reason: "NotInRange" };
    if (!this.map.allocate(port - this.range.base, owner)) return { ok: false, error: ERR_PORT_ALLOCATED, reason: "Allocated" };
    return { ok: true };
  }

  /** Frees a port; `false` if it was not allocated or is out of range (a no-op upstream). */
  release(port: number): boolean {
    return this.contains(port) && this.map.release(port - this.range.base);
  }

  /** Frees every port held by `owner`; returns them in order. */
  releaseOwner(owner: string): number[] {
    const freed: number[] = [];
    for (const [i, o] of this.map.entries()) {
      if (o !== owner) continue;
      this.map.release(i);
      freed.push(this.range.base + i);
    }
    return freed;
  }

  isAllocated(port: number): boolean {
    return this.contains(port) && this.map.has(port - this.range.base);
  }

  ownerOf(port: number): string | null {
    return this.contains(port) ? (this.map.get(port - this.range.base) ?? null) : null;
  }

  contains(port: number): boolean {
    return Number.isInteger(port) && port >= this.range.base && port < this.range.base + this.range.size;
  }

  used(): number {
    return this.map.used;
  }

  free(): number {
    return this.map.free;
  }

  /** Allocations in port order. */
  allocations(): NodePortAllocation[] {
    return this.map.entries().map(([i, owner]) => ({ port: this.range.base + i, owner }));
  }
}

/**
 * The field cause for a requested node port that could not be allocated (`alloc.go`
 * `initNodePorts`): `spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated`.
 * The bad value is an int, so it prints bare in every version.
 */
export function nodePortCause(portIndex: number, port: number, error: string): Cause {
  const field = `spec.ports[${portIndex}].nodePort`;
  return { field, text: `${field}: Invalid value: ${port}: ${error}` };
}

/**
 * The API error for a failed node port allocation: requested → 422 Invalid with `nodePortCause`;
 * dynamic → 500 `Internal error occurred: failed to allocate a nodePort: range is full`.
 */
export function nodePortAllocationError(
  serviceName: string,
  failure: { error: string },
  requested?: { portIndex: number; port: number },
): ApiError {
  if (requested) return invalid("Service", serviceName, [nodePortCause(requested.portIndex, requested.port, failure.error)]);
  return internalError(`failed to allocate a nodePort: ${failure.error}`);
}
