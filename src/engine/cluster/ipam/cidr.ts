/**
 * IPv4 helpers. An address is an unsigned 32-bit number (`0` … `0xffffffff`), which keeps
 * arithmetic, comparison and JSON serialisation trivial. Parsing follows Go's `net/netip`
 * (`net.ParseIP`, `net.ParseCIDR`), which is what the Kubernetes components and Calico run.
 */

/** An IPv4 address as an unsigned 32-bit number. */
export type IPv4 = number;

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** The network address (host bits cleared). */
  readonly network: IPv4;
  /** Prefix length, 0 … 32. */
  readonly prefix: number;
  /** Number of addresses in the block, 2^(32 − prefix) (up to 2^32, still exact in a JS number). */
  readonly size: number;
  /** First address of the block (= `network`). */
  readonly first: IPv4;
  /** Last address of the block (the broadcast address). */
  readonly last: IPv4;
  /** Netmask as a number (`/12` → 0xfff00000). */
  readonly mask: IPv4;
}

export type CidrResult = { ok: true; value: Cidr } | { ok: false; error: string };

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses a dotted quad. Strict like Go ≥ 1.17 `net.ParseIP` / `netip.ParseAddr`: exactly four
 * decimal fields 0–255 and **no leading zeros** (`010.0.0.1` is rejected, because older parsers read
 * it as octal). Returns `null` for anything else, including IPv6.
 */
export function parseIPv4(s: string): IPv4 | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}

/** True if `s` is a dotted quad `parseIPv4` accepts. */
export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== null;
}

/** `167772160` → `"10.0.0.0"`. */
export function formatIPv4(ip: IPv4): string {
  const n = ip >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The netmask for a prefix length (`0` → 0, `32` → 0xffffffff). */
export function prefixMask(prefix: number): IPv4 {
  // `x << 32` is `x << 0` in JS, so /0 needs its own case.
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Builds the block of the given prefix that contains `ip` (host bits are masked off). */
export function cidrOf(ip: IPv4, prefix: number): Cidr {
  const mask = prefixMask(prefix);
  const network = (ip & mask) >>> 0;
  const size = 2 ** (32 - prefix);
  return { network, prefix, size, first: network, last: (network + size - 1) >>> 0, mask };
}

/**
 * Parses `"10.96.0.0/12"`. Like Go's `net.ParseCIDR`, host bits are accepted and masked off
 * (`"10.96.0.5/12"` → network 10.96.0.0): that is what the Kubernetes flags and Calico pools do,
 * since they keep only the returned `*IPNet`. The prefix is decimal digits 0–32 (Go's `dtoi`, which
 * tolerates leading zeros there). The error text is Go's `*net.ParseError`:
 * `invalid CIDR address: <s>`.
 */
export function parseCidr(s: string): CidrResult {
  const bad: CidrResult = { ok: false, error: `invalid CIDR address: ${s}` };
  const slash = s.indexOf("/");
  if (slash < 0) return bad;
  const ip = parseIPv4(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (ip === null || !/^[0-9]{1,3}$/.test(bits)) return bad;
  const prefix = Number(bits);
  if (prefix > 32) return bad;
  return { ok: true, value: cidrOf(ip, prefix) };
}

/** For constants and trusted (already validated, saved) state: throws on a broken invariant. */
export function mustParseCidr(s: string): Cidr {
  const r = parseCidr(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Canonical text form, `10.96.0.0/12`. */
export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.network)}/${c.prefix}`;
}

/** True if `ip` lies inside the block (network and broadcast included). */
export function cidrContains(c: Cidr, ip: IPv4): boolean {
  return ((ip & c.mask) >>> 0) === c.network;
}

/** True if the two blocks share at least one address (for CIDR blocks: one contains the other). */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/**
 * `k8s.io/utils/net` `GetIndexedIP`: the address `index` positions after the network address
 * (`indexedIP(10.96.0.0/12, 10)` → 10.96.0.10, the kubeadm DNS IP). `null` when the block is too
 * small (upstream's error: `can't generate IP with index %d from subnet. subnet too small. subnet: %q`).
 */
export function indexedIP(c: Cidr, index: number): IPv4 | null {
  if (!Number.isInteger(index) || index < 0 || index >= c.size) return null;
  return (c.network + index) >>> 0;
}

/** Numeric order of two addresses, for `Array.prototype.sort`. */
export function compareIPs(a: IPv4, b: IPv4): number {
  return (a >>> 0) - (b >>> 0);
}

/**
 * Orders address strings numerically (`10.0.0.9` before `10.0.0.10`). Strings that are not IPv4
 * addresses (`None`, `<none>`, IPv6) sort after all addresses, among themselves by code unit.
 */
export function compareIPStrings(a: string, b: string): number {
  const x = parseIPv4(a);
  const y = parseIPv4(b);
  if (x !== null && y !== null) return x - y;
  if (x !== null) return -1;
  if (y !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a sorted copy (numeric order, see `compareIPStrings`). */
export function sortIPStrings(ips: readonly string[]): string[] {
  return [...ips].sort(compareIPStrings);
}
