import type { Prng } from "../../util/prng";
import { internalError, invalid, type ApiError, type Cause } from "../errors";
import { cidrContains, formatCidr, formatIPv4, parseCidr, parseIPv4, type Cidr, type CidrResult } from "./cidr";
import { OffsetAllocationMap } from "./offset-map";

/*
 * The v1.33 Service ClusterIP allocator (reference §2). v1.33 runs the MultiCIDRServiceAllocator
 * (IPAddress objects + the `kubernetes` ServiceCIDR); its per-CIDR `ipallocator.Allocator` and the
 * older bitmap allocator choose addresses the same way (KEP-3070, see `offset-map.ts`). Podflow has
 * one ServiceCIDR, so the meta allocator's "which CIDR contains this IP" step reduces to one test.
 */

/** `ipallocator.ErrFull`. */
export const ERR_FULL = "range is full";
/** `ipallocator.ErrAllocated`. */
export const ERR_ALLOCATED = "provided IP is already allocated";
/** `ipallocator.ErrMismatchedNetwork`: v1.33's answer for an IP outside every ServiceCIDR. */
export const ERR_MISMATCHED_NETWORK = "the provided network does not match the current range";

/**
 * `ipallocator.ErrNotInRange`. With the v1.33 meta allocator an address outside the range gets
 * `ERR_MISMATCHED_NETWORK`; this one is only reached for the network and broadcast address of the
 * range (the CIDR contains them, the per-CIDR allocator's first…last check refuses them).
 */
export function errNotInRange(ip: string, cidr: string): string {
  return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${cidr}`;
}

/** Range validation messages (kube-apiserver start-up; reference §2.1). */
export const ERR_RANGE_TOO_SMALL = "the service cluster IP range must be at least 8 IP addresses";
export const ERR_RANGE_TOO_LARGE =
  "specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12";

export type ClusterIPErrorReason = "Full" | "Allocated" | "MismatchedNetwork" | "NotInRange" | "InvalidIP";

/** `error` is the upstream error text (`err.Error()`), ready to embed in API errors. */
export interface ClusterIPFailure {
  ok: false;
  error: string;
  reason: ClusterIPErrorReason;
}
export type AllocateNextIPResult = { ok: true; value: string } | ClusterIPFailure;
export type AllocateIPResult = { ok: true } | ClusterIPFailure;

/** One allocated ClusterIP, as the IP ranges panel and `kubectl get ipaddresses` show it. */
export interface ClusterIPAllocation {
  ip: string;
  /** The owner string given at allocation, `namespace/name` for Services. */
  owner: string;
  /** `owner` split at the first `/` (empty namespace if there is no `/`). */
  namespace: string;
  name: string;
}

/** Plain, JSON-safe state; `ClusterIPAllocator.fromState` restores it. */
export interface ClusterIPAllocatorState {
  cidr: string;
  /** Sorted by address. */
  allocations: { ip: string; owner: string }[];
}

/** An inclusive address range, as dotted quads. */
export interface IPBand {
  first: string;
  last: string;
}

/**
 * `ipallocator.calculateRangeOffset` (v1.33, `<=` form): the size of the lower, static band.
 * `size <= 16 → 0`, else `clamp(size / 16, 16, 256)`, where size counts all addresses of the CIDR.
 */
export function calculateRangeOffset(cidr: Cidr): number {
  const min = 16;
  const max = 256;
  const step = 16;
  const size = cidr.size;
  if (size <= min) return 0;
  const offset = Math.floor(size / step);
  return Math.min(Math.max(offset, min), max);
}

/**
 * Validates `--service-cluster-ip-range` / `kubeadm init --service-cidr` (IPv4): parseable, at
 * least 8 addresses, at most 20 host bits. Returns the parsed CIDR or the kube-apiserver message.
 */
export function validateServiceCidr(s: string): CidrResult {
  const r = parseCidr(s);
  if (!r.ok) return r;
  // `ServiceIPRange` (run in Complete, before Validate) checks the size first.
  if (r.value.size < 8) return { ok: false, error: ERR_RANGE_TOO_SMALL };
  if (32 - r.value.prefix > 20) return { ok: false, error: ERR_RANGE_TOO_LARGE };
  return r;
}

const splitOwner = (owner: string): { namespace: string; name: string } => {
  const i = owner.indexOf("/");
  return i < 0 ? { namespace: "", name: owner } : { namespace: owner.slice(0, i), name: owner.slice(i + 1) };
};

/**
 * Allocates Service ClusterIPs from one IPv4 range. Usable addresses are network+1 … broadcast−1.
 * Random choices come from the cluster's PRNG (held by reference, not part of this state), so the
 * same seed and the same calls give the same addresses.
 *
 * @example
 * const r = ClusterIPAllocator.create("10.96.0.0/12", prng);
 * if (r.ok) {
 *   r.value.allocate("10.96.0.1", "default/kubernetes");
 *   r.value.allocateNext("default/web"); // { ok: true, value: "10.104.217.3" } (say)
 * }
 */
export class ClusterIPAllocator {
  /** The whole range, network and broadcast included. */
  readonly cidr: Cidr;
  /** Size of the lower (static) band. */
  readonly offset: number;
  private readonly map: OffsetAllocationMap<string>;
  /** First usable address (index 0 of the map). */
  private readonly base: number;

  /** Prefer `create` (validates the range). `cidr` must have at least 4 addresses. */
  constructor(
    cidr: Cidr,
    private readonly prng: Prng,
  ) {
    if (cidr.size < 4) throw new Error(`service range ${formatCidr(cidr)} has no usable addresses`);
    this.cidr = cidr;
    this.base = cidr.network + 1;
    this.offset = calculateRangeOffset(cidr);
    this.map = new OffsetAllocationMap<string>(cidr.size - 2, this.offset);
  }

  /** Validates the range (see `validateServiceCidr`) and builds an empty allocator. */
  static create(cidr: string, prng: Prng): { ok: true; value: ClusterIPAllocator } | { ok: false; error: string } {
    const r = validateServiceCidr(cidr);
    if (!r.ok) return r;
    return { ok: true, value: new ClusterIPAllocator(r.value, prng) };
  }

  /** Restores saved state. Throws if the state is corrupt (a broken invariant, not a user error). */
  static fromState(state: ClusterIPAllocatorState, prng: Prng): ClusterIPAllocator {
    const c = parseCidr(state.cidr);
    if (!c.ok) throw new Error(`corrupt ClusterIP allocator state: ${c.error}`);
    const a = new ClusterIPAllocator(c.value, prng);
    for (const { ip, owner } of state.allocations) {
      const r = a.allocate(ip, owner);
      if (!r.ok) throw new Error(`corrupt ClusterIP allocator state: ${ip}: ${r.error}`);
    }
    return a;
  }

  toJSON(): ClusterIPAllocatorState {
    return {
      cidr: this.cidrString,
      allocations: this.map.entries().map(([i, owner]) => ({ ip: formatIPv4(this.base + i), owner })),
    };
  }

  /** `10.96.0.0/12`. */
  get cidrString(): string {
    return formatCidr(this.cidr);
  }

  /** Number of usable addresses (size − 2). */
  get size(): number {
    return this.map.max;
  }

  /** The KEP-3070 bands; `lower` is null when the offset is 0 (ranges of 16 addresses or fewer). */
  bands(): { offset: number; lower: IPBand | null; upper: IPBand } {
    const at = (i: number) => formatIPv4(this.base + i);
    return {
      offset: this.offset,
      lower: this.offset > 0 ? { first: at(0), last: at(this.offset - 1) } : null,
      upper: { first: at(this.offset), last: at(this.map.max - 1) },
    };
  }

  /** A free address: random start in the upper band, scan forward; lower band only when upper is full. */
  allocateNext(owner: string): AllocateNextIPResult {
    const i = this.map.allocateNext(owner, this.prng);
    if (i === null) return { ok: false, error: ERR_FULL, reason: "Full" };
    return { ok: true, value: formatIPv4(this.base + i) };
  }

  /** A requested address (`spec.clusterIP`), from either band. */
  allocate(ip: string, owner: string): AllocateIPResult {
    const r = this.index(ip);
    if (typeof r !== "number") return r;
    if (!this.map.allocate(r, owner)) return { ok: false, error: ERR_ALLOCATED, reason: "Allocated" };
    return { ok: true };
  }

  /** Frees an address; `false` if it was not allocated (releasing is always safe, like upstream). */
  release(ip: string): boolean {
    const r = this.index(ip);
    return typeof r === "number" && this.map.release(r);
  }

  /** Frees every address held by `owner`; returns them in address order. */
  releaseOwner(owner: string): string[] {
    const freed: string[] = [];
    for (const [i, o] of this.map.entries()) {
      if (o !== owner) continue;
      this.map.release(i);
      freed.push(formatIPv4(this.base + i));
    }
    return freed;
  }

  isAllocated(ip: string): boolean {
    const r = this.index(ip);
    return typeof r === "number" && this.map.has(r);
  }

  ownerOf(ip: string): string | null {
    const r = this.index(ip);
    return typeof r === "number" ? (this.map.get(r) ?? null) : null;
  }

  /** True if `ip` is a usable address of this range (not network, not broadcast). */
  inRange(ip: string): boolean {
    return typeof this.index(ip) === "number";
  }

  used(): number {
    return this.map.used;
  }

  free(): number {
    return this.map.free;
  }

  /** Allocations in address order, for the UI. */
  allocations(): ClusterIPAllocation[] {
    return this.map.entries().map(([i, owner]) => ({ ip: formatIPv4(this.base + i), owner, ...splitOwner(owner) }));
  }

  /** Map index of a usable address, or the failure `allocate` reports for it. */
  private index(ip: string): number | ClusterIPFailure {
    const n = parseIPv4(ip);
    // API validation rejects non-IPs before allocation; this only guards direct callers.
    if (n === null) return { ok: false, error: `invalid IP address: ${ip}`, reason: "InvalidIP" };
    if (!cidrContains(this.cidr, n)) return { ok: false, error: ERR_MISMATCHED_NETWORK, reason: "MismatchedNetwork" };
    if (n === this.cidr.first || n === this.cidr.last) {
      return { ok: false, error: errNotInRange(ip, this.cidrString), reason: "NotInRange" };
    }
    return n - this.base;
  }
}

/** Go's `%#v` of a `[]string`, as v1.33 renders bad values (`[]string{"10.96.0.10"}`). */
export function goStringSlice(items: readonly string[]): string {
  // JSON string quoting equals Go's %q for the printable ASCII that IPs are made of.
  return `[]string{${items.map((s) => JSON.stringify(s)).join(", ")}}`;
}

/**
 * The field cause for a requested ClusterIP that could not be allocated
 * (`pkg/registry/core/service/storage/alloc.go` `allocIPs`): field `spec.clusterIPs`, the whole
 * clusterIPs list as bad value, detail `failed to allocate IP <ip>: <error>`.
 */
export function requestedClusterIPCause(ip: string, clusterIPs: readonly string[], error: string): Cause {
  return {
    field: "spec.clusterIPs",
    text: `spec.clusterIPs: Invalid value: ${goStringSlice(clusterIPs)}: failed to allocate IP ${ip}: ${error}`,
  };
}

/**
 * The API error for a failed ClusterIP allocation, as kubectl receives it:
 * requested → 422 Invalid (`The Service "svc2" is invalid: spec.clusterIPs: Invalid value: …`);
 * dynamic → 500 (`Internal error occurred: failed to allocate a serviceIP: range is full`).
 */
export function clusterIPAllocationError(
  serviceName: string,
  failure: { error: string },
  requested?: { ip: string; clusterIPs: readonly string[] },
): ApiError {
  if (requested) return invalid("Service", serviceName, [requestedClusterIPCause(requested.ip, requested.clusterIPs, failure.error)]);
  return internalError(`failed to allocate a serviceIP: ${failure.error}`);
}
