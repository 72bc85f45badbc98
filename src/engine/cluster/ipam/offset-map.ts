import type { Prng } from "../../util/prng";

/**
 * The allocation map behind the ClusterIP and NodePort allocators: upstream's
 * `pkg/registry/core/service/allocator/bitmap.go` with `randomScanStrategyWithOffset` (KEP-3070).
 *
 * Items are indices `0 … max−1`. Indices below `offset` form the lower ("static") band, the rest the
 * upper ("dynamic") band. `allocateNext` picks a random start in the upper band and scans forward,
 * wrapping inside that band; only when the upper band is full does it do the same in the lower band.
 *
 * Instead of a bitmap it keeps a `Map` of taken indices, so a /12 (1 048 574 usable addresses)
 * costs nothing until addresses are used, and a scan from a random start over a mostly-empty band
 * ends after O(1) expected steps. Per-band counters let a full band be skipped without a scan.
 */
export class OffsetAllocationMap<T> {
  private readonly taken = new Map<number, T>();
  private lowerUsed = 0;

  constructor(
    /** Number of allocatable items. */
    readonly max: number,
    /** Size of the lower (static) band; 0 for small ranges. */
    readonly offset: number,
  ) {}

  get used(): number {
    return this.taken.size;
  }

  get free(): number {
    return this.max - this.taken.size;
  }

  has(index: number): boolean {
    return this.taken.has(index);
  }

  get(index: number): T | undefined {
    return this.taken.get(index);
  }

  /** Takes a specific index; `false` if it is already taken. The caller checks the range. */
  allocate(index: number, owner: T): boolean {
    if (this.taken.has(index)) return false;
    this.taken.set(index, owner);
    if (index < this.offset) this.lowerUsed++;
    return true;
  }

  /**
   * `randomScanStrategyWithOffset.AllocateBit`: the same PRNG draws as upstream (one `Intn` for the
   * upper band, a second for the lower band only when the upper one is full), with our PRNG.
   * Returns the index taken, or `null` when the whole range is full.
   */
  allocateNext(owner: T, prng: Prng): number | null {
    if (this.taken.size >= this.max) return null;
    const upperSize = this.max - this.offset;
    const upperUsed = this.taken.size - this.lowerUsed;
    if (upperSize > 0) {
      const start = prng.int(upperSize);
      if (upperUsed < upperSize) {
        for (let i = 0; i < upperSize; i++) {
          const at = this.offset + ((start + i) % upperSize);
          if (!this.taken.has(at)) return this.take(at, owner);
        }
      }
    }
    if (this.offset > 0 && this.lowerUsed < this.offset) {
      const start = prng.int(this.offset);
      for (let i = 0; i < this.offset; i++) {
        const at = (start + i) % this.offset;
        if (!this.taken.has(at)) return this.take(at, owner);
      }
    }
    return null;
  }

  /** Frees an index; `false` if it was not taken. */
  release(index: number): boolean {
    if (!this.taken.delete(index)) return false;
    if (index < this.offset) this.lowerUsed--;
    return true;
  }

  /** Taken indices with their owners, in index order. */
  entries(): [number, T][] {
    return [...this.taken.entries()].sort((a, b) => a[0] - b[0]);
  }

  private take(index: number, owner: T): number {
    this.taken.set(index, owner);
    if (index < this.offset) this.lowerUsed++;
    return index;
  }
}
