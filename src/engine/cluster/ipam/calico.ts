import type { Prng } from "../../util/prng";
import { cidrContains, cidrOf, formatCidr, formatIPv4, parseCidr, parseIPv4, type Cidr } from "./cidr";

/*
 * Calico IPAM (libcalico-go `lib/ipam`), the pod-address half of the simulated cluster.
 *
 * What is modelled, and where it comes from (libcalico-go `ipam.go` `autoAssign`,
 * `ipam_block_reader_writer.go`, `allocation_block.go`, node `allocateip.go`):
 *
 * - The pool (default 192.168.0.0/16, reference §8) is cut into blocks of `blockSize` (default /26,
 *   64 addresses). A block is affine to one node.
 * - A node's request first uses its affine blocks (lowest block first here; upstream walks its
 *   affinity list). Inside a block, addresses come from the block's `unallocated` list front, which
 *   starts as ordinals 0…n−1; a released ordinal is appended at the **end** (`release` does
 *   `Unallocated = append(Unallocated, ordinal)`), so freed addresses are reused last, not first.
 * - When its blocks are full the node claims an unclaimed block. Upstream walks the pool's blocks
 *   from a start index drawn from a PRNG seeded by a hash of the host name (`randomBlockGenerator`),
 *   so each host always starts at the same place and its blocks cluster. We draw that per-node
 *   start once from the cluster PRNG and keep it in the state: nodes get blocks like
 *   192.168.140.64/26, and a node's second block is the next unclaimed one after its first.
 * - A node may hold at most `maxBlocksPerHost` blocks (upstream default 20): beyond that,
 *   `cannot allocate new block due to per host block limit`.
 * - With no unclaimed block left and `strictAffinity` false (the default), the address is borrowed
 *   from any block with room, walking from the same start. Only then does the pool count as
 *   exhausted.
 * - With IPIP (the manifest default) or VXLAN, calico-node gives the node a tunnel address at
 *   start-up (handle `ipip-tunnel-addr-<node>`), before any pod: in practice ordinal 0 of the
 *   node's first block, which is why `tunl0` shows e.g. 192.168.140.64/32.
 * - Releasing the last address of a block keeps the block and its affinity (only node deletion
 *   releases affinities); a block without affinity is deleted once it is empty.
 */

export const DEFAULT_POD_CIDR = "192.168.0.0/16";
export const DEFAULT_BLOCK_SIZE = 26;
/** libcalico-go's fallback when neither IPAMConfig nor the request sets a limit. */
export const DEFAULT_MAX_BLOCKS_PER_HOST = 20;

/** `ipipMode: Always` (the calico.yaml default), `vxlanMode: Always`, or no overlay. */
export type CalicoEncapsulation = "IPIP" | "VXLAN" | "None";

export interface CalicoIpamOptions {
  /** IPv4 pool, default `192.168.0.0/16`. */
  poolCidr?: string;
  /** Block prefix length, 20–32 (Calico's IPv4 limits), default 26. */
  blockSize?: number;
  encapsulation?: CalicoEncapsulation;
  strictAffinity?: boolean;
  maxBlocksPerHost?: number;
}

export type CalicoAllocationKind = "pod" | "tunnel";

/** One assigned address. */
export interface CalicoAssignment {
  ip: string;
  /** The block it came from, e.g. `192.168.140.64/26`. */
  block: string;
  /** The handle given at allocation (`k8s-pod-network.<containerID>` in real Calico). */
  handle: string;
  /** The node that asked for it. */
  node: string;
  kind: CalicoAllocationKind;
  /** True if the block is not affine to `node` (real Calico then programs a /32 route for it). */
  borrowed: boolean;
}

export type CalicoFailureReason = "PoolExhausted" | "StrictAffinity" | "BlockLimit";

export interface CalicoFailure {
  ok: false;
  reason: CalicoFailureReason;
  /** What libcalico-go reports (`IPAMAssignments.PartialFulfillmentError()` or `ErrBlockLimit`). */
  ipamError: string;
  /** What the calico CNI plugin returns to the runtime for a pod. */
  cniError: string;
}

export type CalicoAssignResult = { ok: true; value: CalicoAssignment } | CalicoFailure;

/** A block, for the IP ranges panel. */
export interface CalicoBlockInfo {
  cidr: string;
  /** Affine node, or null for a block whose node is gone but still holds addresses. */
  node: string | null;
  size: number;
  used: number;
  free: number;
}

export interface CalicoBlockState {
  cidr: string;
  affinity: string | null;
  /** Free ordinals in allocation order (front first). */
  unallocated: number[];
  /** Sorted by ordinal. */
  allocations: { ordinal: number; handle: string; node: string; kind: CalicoAllocationKind }[];
}

/** Plain, JSON-safe state; `CalicoIpam.fromState` restores it. */
export interface CalicoIpamState {
  poolCidr: string;
  blockSize: number;
  encapsulation: CalicoEncapsulation;
  strictAffinity: boolean;
  maxBlocksPerHost: number;
  /** Each node's block-walk start index, sorted by node. */
  hostStarts: { node: string; start: number }[];
  /** Sorted by address. */
  blocks: CalicoBlockState[];
}

interface Allocation {
  handle: string;
  node: string;
  kind: CalicoAllocationKind;
}

interface Block {
  index: number;
  cidr: Cidr;
  affinity: string | null;
  unallocated: number[];
  allocations: Map<number, Allocation>;
}

/** `ErrBlockLimit`. */
export const ERR_BLOCK_LIMIT = "cannot allocate new block due to per host block limit";

/**
 * The runtime's `FailedCreatePodSandBox` event message for a Calico IPAM failure.
 * UNVERIFIED wrapper: containerd's `failed to setup network for sandbox %q: %w` around libcni's
 * `plugin type="calico" failed (add): %w` (recent libcni also adds ` name="k8s-pod-network"` after
 * the type). The inner text is the calico CNI plugin's own error, read from its source.
 */
export function calicoSandboxErrorMessage(sandboxId: string, failure: Pick<CalicoFailure, "cniError">): string {
  return (
    `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox ` +
    `"${sandboxId}": plugin type="calico" failed (add): ${failure.cniError}`
  );
}

/** The interface that carries the tunnel address on a node. */
export function tunnelInterfaceName(encapsulation: CalicoEncapsulation): string | null {
  return encapsulation === "IPIP" ? "tunl0" : encapsulation === "VXLAN" ? "vxlan.calico" : null;
}

/** calico-node's handle for a node's tunnel address (`allocateip.go` `generateHandleAndAttributes`). */
export function tunnelHandle(encapsulation: CalicoEncapsulation, node: string): string {
  return `${encapsulation === "VXLAN" ? "vxlan" : "ipip"}-tunnel-addr-${node}`;
}

/**
 * Calico IPAM over one IPv4 pool. Random choices come from the cluster PRNG (held by reference).
 *
 * @example
 * const ipam = CalicoIpam.create({}, prng);
 * if (ipam.ok) {
 *   ipam.value.allocate("worker-1", "k8s-pod-network.3f2a…"); // 192.168.140.65 (tunl0 took .64)
 *   ipam.value.tunnelAddress("worker-1"); // "192.168.140.64"
 * }
 */
export class CalicoIpam {
  readonly pool: Cidr;
  readonly blockSize: number;
  readonly encapsulation: CalicoEncapsulation;
  readonly strictAffinity: boolean;
  readonly maxBlocksPerHost: number;
  /** Number of addresses per block. */
  readonly addressesPerBlock: number;
  /** Number of blocks in the pool. */
  readonly numBlocks: number;

  private readonly blockMap = new Map<number, Block>();
  private readonly affine = new Map<string, Set<number>>();
  private readonly hostStart = new Map<string, number>();
  private readonly handles = new Map<string, Set<number>>();
  private readonly tunnels = new Map<string, number>();
  private usedCount = 0;

  private constructor(
    pool: Cidr,
    opts: Required<Omit<CalicoIpamOptions, "poolCidr">>,
    private readonly prng: Prng,
  ) {
    this.pool = pool;
    this.blockSize = opts.blockSize;
    this.encapsulation = opts.encapsulation;
    this.strictAffinity = opts.strictAffinity;
    this.maxBlocksPerHost = opts.maxBlocksPerHost;
    this.addressesPerBlock = 2 ** (32 - opts.blockSize);
    this.numBlocks = 2 ** (opts.blockSize - pool.prefix);
  }

  /** Validates options and builds an empty IPAM. */
  static create(options: CalicoIpamOptions, prng: Prng): { ok: true; value: CalicoIpam } | { ok: false; error: string } {
    const poolCidr = options.poolCidr ?? DEFAULT_POD_CIDR;
    const p = parseCidr(poolCidr);
    if (!p.ok) return p;
    const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
    // Calico's IPPool validation allows IPv4 block sizes 20–32; the messages here are simplified.
    if (!Number.isInteger(blockSize) || blockSize < 20 || blockSize > 32) {
      return { ok: false, error: `IPv4 block size must be between 20 and 32: ${blockSize}` };
    }
    if (p.value.prefix > blockSize) {
      return { ok: false, error: `IP pool size is too small (min /${blockSize}) for use with Calico IPAM: ${poolCidr}` };
    }
    const maxBlocksPerHost = options.maxBlocksPerHost ?? DEFAULT_MAX_BLOCKS_PER_HOST;
    if (!Number.isInteger(maxBlocksPerHost) || maxBlocksPerHost < 1) {
      return { ok: false, error: `maxBlocksPerHost must be a positive integer: ${maxBlocksPerHost}` };
    }
    return {
      ok: true,
      value: new CalicoIpam(
        p.value,
        {
          blockSize,
          encapsulation: options.encapsulation ?? "IPIP",
          strictAffinity: options.strictAffinity ?? false,
          maxBlocksPerHost,
        },
        prng,
      ),
    };
  }

  /** Restores saved state. Throws if it is corrupt (a broken invariant). */
  static fromState(state: CalicoIpamState, prng: Prng): CalicoIpam {
    const corrupt = (why: string): never => {
      throw new Error(`corrupt Calico IPAM state: ${why}`);
    };
    const r = CalicoIpam.create(
      {
        poolCidr: state.poolCidr,
        blockSize: state.blockSize,
        encapsulation: state.encapsulation,
        strictAffinity: state.strictAffinity,
        maxBlocksPerHost: state.maxBlocksPerHost,
      },
      prng,
    );
    if (!r.ok) return corrupt(r.error);
    const ipam = r.value;
    for (const { node, start } of state.hostStarts) ipam.hostStart.set(node, start);
    for (const bs of state.blocks) {
      const c = parseCidr(bs.cidr);
      if (!c.ok || c.value.prefix !== ipam.blockSize || !cidrContains(ipam.pool, c.value.network)) return corrupt(`block ${bs.cidr}`);
      const index = (c.value.network - ipam.pool.network) / ipam.addressesPerBlock;
      const block = ipam.addBlock(index, bs.affinity);
      block.unallocated = [...bs.unallocated];
      for (const a of bs.allocations) ipam.record(block, a.ordinal, { handle: a.handle, node: a.node, kind: a.kind });
      const seen = new Set([...block.unallocated, ...block.allocations.keys()]);
      if (seen.size !== ipam.addressesPerBlock || block.unallocated.length + block.allocations.size !== seen.size) {
        return corrupt(`block ${bs.cidr} ordinals`);
      }
    }
    return ipam;
  }

  toJSON(): CalicoIpamState {
    return {
      poolCidr: formatCidr(this.pool),
      blockSize: this.blockSize,
      encapsulation: this.encapsulation,
      strictAffinity: this.strictAffinity,
      maxBlocksPerHost: this.maxBlocksPerHost,
      hostStarts: [...this.hostStart.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([node, start]) => ({ node, start })),
      blocks: this.sortedBlocks().map((b) => ({
        cidr: formatCidr(b.cidr),
        affinity: b.affinity,
        unallocated: [...b.unallocated],
        allocations: [...b.allocations.entries()]
          .sort((x, y) => x[0] - y[0])
          .map(([ordinal, a]) => ({ ordinal, handle: a.handle, node: a.node, kind: a.kind })),
      })),
    };
  }

  /** `tunl0` for IPIP, `vxlan.calico` for VXLAN, null without an overlay. */
  get tunnelInterface(): string | null {
    return tunnelInterfaceName(this.encapsulation);
  }

  /**
   * What calico-node does when it starts on a node: assign the tunnel address (IPIP/VXLAN).
   * Idempotent. `value` is the tunnel address, or null when there is no overlay.
   * `allocate` calls it first, so a node's tunnel address always precedes its pods'.
   */
  ensureNode(node: string): { ok: true; value: string | null } | CalicoFailure {
    if (this.encapsulation === "None") return { ok: true, value: null };
    const have = this.tunnels.get(node);
    if (have !== undefined) return { ok: true, value: formatIPv4(have) };
    const r = this.autoAssign(node, tunnelHandle(this.encapsulation, node), "tunnel");
    return r.ok ? { ok: true, value: r.value.ip } : r;
  }

  /** The node's tunnel address (for `ip addr` on the node), or null. */
  tunnelAddress(node: string): string | null {
    const ip = this.tunnels.get(node);
    return ip === undefined ? null : formatIPv4(ip);
  }

  /** Assigns a pod address on `node` under `handle` (the CNI ADD path). */
  allocate(node: string, handle: string): CalicoAssignResult {
    const t = this.ensureNode(node);
    if (!t.ok) return t;
    return this.autoAssign(node, handle, "pod");
  }

  /** Frees one address; `false` if it was not assigned. */
  release(ip: string): boolean {
    const n = parseIPv4(ip);
    if (n === null || !cidrContains(this.pool, n)) return false;
    const block = this.blockMap.get(this.blockIndexOf(n));
    if (!block) return false;
    return this.releaseOrdinal(block, n - block.cidr.network);
  }

  /** Frees every address under `handle` (the CNI DEL path); returns them in address order. */
  releaseByHandle(handle: string): string[] {
    const ips = [...(this.handles.get(handle) ?? [])].sort((a, b) => a - b);
    for (const n of ips) this.release(formatIPv4(n));
    return ips.map(formatIPv4);
  }

  /**
   * Node deletion (kube-controllers' IPAM GC): frees every address the node asked for, then drops
   * its block affinities; its blocks are deleted when empty, otherwise kept without affinity.
   */
  releaseNode(node: string): string[] {
    const freed: number[] = [];
    for (const block of this.sortedBlocks()) {
      for (const [ordinal, a] of [...block.allocations.entries()]) {
        if (a.node !== node) continue;
        freed.push(block.cidr.network + ordinal);
        this.releaseOrdinal(block, ordinal);
      }
    }
    for (const index of [...(this.affine.get(node) ?? [])]) {
      const block = this.blockMap.get(index);
      if (!block) continue;
      block.affinity = null;
      if (block.allocations.size === 0) this.blockMap.delete(index);
    }
    this.affine.delete(node);
    return freed.sort((a, b) => a - b).map(formatIPv4);
  }

  /** The handle an address was assigned under, or null. */
  ownerOf(ip: string): string | null {
    return this.allocationOf(ip)?.handle ?? null;
  }

  /** Full details of an assigned address, or null. */
  allocationOf(ip: string): CalicoAssignment | null {
    const n = parseIPv4(ip);
    if (n === null || !cidrContains(this.pool, n)) return null;
    const block = this.blockMap.get(this.blockIndexOf(n));
    const a = block?.allocations.get(n - block.cidr.network);
    return block && a ? this.describe(block, n, a) : null;
  }

  isAllocated(ip: string): boolean {
    return this.allocationOf(ip) !== null;
  }

  /** All assigned addresses in address order. */
  allocations(): CalicoAssignment[] {
    const out: CalicoAssignment[] = [];
    for (const block of this.sortedBlocks()) {
      for (const [ordinal, a] of [...block.allocations.entries()].sort((x, y) => x[0] - y[0])) {
        out.push(this.describe(block, block.cidr.network + ordinal, a));
      }
    }
    return out;
  }

  /** Blocks in address order, for the UI. */
  blocks(): CalicoBlockInfo[] {
    return this.sortedBlocks().map((b) => ({
      cidr: formatCidr(b.cidr),
      node: b.affinity,
      size: this.addressesPerBlock,
      used: b.allocations.size,
      free: b.unallocated.length,
    }));
  }

  /** CIDRs of the blocks affine to `node`, in address order. */
  nodeBlocks(node: string): string[] {
    return [...(this.affine.get(node) ?? [])].sort((a, b) => a - b).map((i) => formatCidr(this.blockMap.get(i)!.cidr));
  }

  /** Addresses in the pool. */
  get size(): number {
    return this.pool.size;
  }

  used(): number {
    return this.usedCount;
  }

  free(): number {
    return this.pool.size - this.usedCount;
  }

  // ------------------------------------------------------------------ internals

  private autoAssign(node: string, handle: string, kind: CalicoAllocationKind): CalicoAssignResult {
    // 1. The node's own blocks.
    const own = [...(this.affine.get(node) ?? [])].sort((a, b) => a - b);
    for (const index of own) {
      const block = this.blockMap.get(index)!;
      if (block.unallocated.length > 0) return this.assignFrom(block, node, handle, kind);
    }
    // 2. Claim a new block, unless the node is at its limit.
    if (own.length >= this.maxBlocksPerHost) {
      return { ok: false, reason: "BlockLimit", ipamError: ERR_BLOCK_LIMIT, cniError: ERR_BLOCK_LIMIT };
    }
    const start = this.startFor(node);
    for (let i = 0; i < this.numBlocks; i++) {
      const index = (start + i) % this.numBlocks;
      if (this.blockMap.has(index)) continue;
      return this.assignFrom(this.addBlock(index, node), node, handle, kind);
    }
    // 3. No unclaimed block: borrow from any block with room (strictAffinity false only).
    const partial = (msg: string): CalicoFailure => {
      const ipamError = `Assigned 0 out of 1 requested IPv4 addresses; ${msg}`;
      return {
        ok: false,
        reason: msg.startsWith("No IPs") ? "PoolExhausted" : "StrictAffinity",
        ipamError,
        cniError: `failed to request IPv4 addresses: ${ipamError}`,
      };
    };
    if (this.strictAffinity) return partial("No more free affine blocks and strict affinity enabled");
    for (let i = 0; i < this.numBlocks; i++) {
      const block = this.blockMap.get((start + i) % this.numBlocks);
      if (block && block.unallocated.length > 0) return this.assignFrom(block, node, handle, kind);
    }
    return partial(`No IPs available in pools: [${formatCidr(this.pool)}]`);
  }

  /** The node's block-walk start, drawn once (upstream: a PRNG seeded by a hash of the host name). */
  private startFor(node: string): number {
    let start = this.hostStart.get(node);
    if (start === undefined) {
      start = this.prng.int(this.numBlocks);
      this.hostStart.set(node, start);
    }
    return start;
  }

  private assignFrom(block: Block, node: string, handle: string, kind: CalicoAllocationKind): CalicoAssignResult {
    const ordinal = block.unallocated.shift()!;
    const a: Allocation = { handle, node, kind };
    this.record(block, ordinal, a);
    return { ok: true, value: this.describe(block, block.cidr.network + ordinal, a) };
  }

  /** Books an allocation and updates the indexes (not the unallocated list). */
  private record(block: Block, ordinal: number, a: Allocation): void {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= this.addressesPerBlock || block.allocations.has(ordinal)) {
      throw new Error(`corrupt Calico IPAM state: ordinal ${ordinal} in ${formatCidr(block.cidr)}`);
    }
    const ip = block.cidr.network + ordinal;
    block.allocations.set(ordinal, a);
    let set = this.handles.get(a.handle);
    if (!set) this.handles.set(a.handle, (set = new Set()));
    set.add(ip);
    if (a.kind === "tunnel") this.tunnels.set(a.node, ip);
    this.usedCount++;
  }

  private releaseOrdinal(block: Block, ordinal: number): boolean {
    const a = block.allocations.get(ordinal);
    if (!a) return false;
    const ip = block.cidr.network + ordinal;
    block.allocations.delete(ordinal);
    block.unallocated.push(ordinal);
    const set = this.handles.get(a.handle);
    set?.delete(ip);
    if (set && set.size === 0) this.handles.delete(a.handle);
    if (a.kind === "tunnel" && this.tunnels.get(a.node) === ip) this.tunnels.delete(a.node);
    this.usedCount--;
    // A block without affinity goes away once empty (upstream deletes it in releaseIPsFromBlock).
    if (block.affinity === null && block.allocations.size === 0) this.blockMap.delete(block.index);
    return true;
  }

  private addBlock(index: number, affinity: string | null): Block {
    if (this.blockMap.has(index)) throw new Error(`corrupt Calico IPAM state: duplicate block ${index}`);
    const block: Block = {
      index,
      cidr: cidrOf(this.pool.network + index * this.addressesPerBlock, this.blockSize),
      affinity,
      unallocated: Array.from({ length: this.addressesPerBlock }, (_, i) => i),
      allocations: new Map(),
    };
    this.blockMap.set(index, block);
    if (affinity !== null) {
      let set = this.affine.get(affinity);
      if (!set) this.affine.set(affinity, (set = new Set()));
      set.add(index);
    }
    return block;
  }

  private blockIndexOf(ip: number): number {
    return Math.floor((ip - this.pool.network) / this.addressesPerBlock);
  }

  private sortedBlocks(): Block[] {
    return [...this.blockMap.values()].sort((a, b) => a.index - b.index);
  }

  private describe(block: Block, ip: number, a: Allocation): CalicoAssignment {
    return {
      ip: formatIPv4(ip),
      block: formatCidr(block.cidr),
      handle: a.handle,
      node: a.node,
      kind: a.kind,
      borrowed: block.affinity !== a.node,
    };
  }
}
