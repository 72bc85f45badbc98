/**
 * A small seeded PRNG (mulberry32) whose whole state is one 32-bit number, so it can live inside
 * the cluster state and be saved, restored and replayed: same seed + same commands ⇒ same output.
 */
export class Prng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /**
   * `k8s.io/apimachinery/pkg/util/rand.String`: the alphabet has no vowels and no 0, 1, 3 so that
   * generated names never spell words.
   */
  k8sString(n: number): string {
    const alphabet = "bcdfghjklmnpqrstvwxz2456789";
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** A random v4 UUID string, drawn from this PRNG. */
  uuid(): string {
    const hex = (n: number) => {
      let s = "";
      for (let i = 0; i < n; i++) s += this.int(16).toString(16);
      return s;
    };
    const variant = "89ab"[this.int(4)];
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}
