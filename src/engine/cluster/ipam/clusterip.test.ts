import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Prng } from "../../util/prng";
import { formatIPv4, mustParseCidr, parseIPv4 } from "./cidr";
import {
  calculateRangeOffset,
  ClusterIPAllocator,
  clusterIPAllocationError,
  ERR_ALLOCATED,
  ERR_FULL,
  ERR_MISMATCHED_NETWORK,
  ERR_RANGE_TOO_LARGE,
  ERR_RANGE_TOO_SMALL,
  errNotInRange,
  validateServiceCidr,
} from "./clusterip";

const make = (cidr: string, seed = 1) => {
  const r = ClusterIPAllocator.create(cidr, new Prng(seed));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe("KEP-3070 bands (reference §2.3 worked table)", () => {
  const table: [string, number, string | null, string | null, string, string][] = [
    ["10.96.0.0/12", 256, "10.96.0.1", "10.96.1.0", "10.96.1.1", "10.111.255.254"],
    ["10.96.0.0/16", 256, "10.96.0.1", "10.96.1.0", "10.96.1.1", "10.96.255.254"],
    ["10.0.0.0/20", 256, "10.0.0.1", "10.0.1.0", "10.0.1.1", "10.0.15.254"],
    ["10.0.0.0/22", 64, "10.0.0.1", "10.0.0.64", "10.0.0.65", "10.0.3.254"],
    ["10.0.0.0/24", 16, "10.0.0.1", "10.0.0.16", "10.0.0.17", "10.0.0.254"],
    ["10.0.0.0/26", 16, "10.0.0.1", "10.0.0.16", "10.0.0.17", "10.0.0.62"],
    ["10.0.0.0/28", 0, null, null, "10.0.0.1", "10.0.0.14"],
    ["10.0.0.0/29", 0, null, null, "10.0.0.1", "10.0.0.6"],
  ];
  for (const [cidr, offset, lowFirst, lowLast, upFirst, upLast] of table) {
    it(`${cidr}: offset ${offset}`, () => {
      expect(calculateRangeOffset(mustParseCidr(cidr))).toBe(offset);
      const b = make(cidr).bands();
      expect(b.offset).toBe(offset);
      expect(b.lower).toEqual(lowFirst ? { first: lowFirst, last: lowLast } : null);
      expect(b.upper).toEqual({ first: upFirst, last: upLast });
    });
  }

  it("uses the `<=` form: a /28 (16 addresses) has no static band", () => {
    expect(calculateRangeOffset(mustParseCidr("10.0.0.0/28"))).toBe(0);
    expect(calculateRangeOffset(mustParseCidr("10.0.0.0/27"))).toBe(16);
  });

  it("counts usable addresses: 2^20 − 2 for /12, 254 for /24", () => {
    expect(make("10.96.0.0/12").size).toBe(1048574);
    expect(make("10.0.0.0/24").size).toBe(254);
    expect(make("10.96.0.0/12").free()).toBe(1048574);
  });
});

describe("range validation at cluster creation", () => {
  it("accepts /12 … /29", () => {
    expect(validateServiceCidr("10.96.0.0/12").ok).toBe(true);
    expect(validateServiceCidr("10.0.0.0/29").ok).toBe(true);
  });

  it("refuses ranges under 8 addresses and masks under 12", () => {
    expect(validateServiceCidr("10.0.0.0/30")).toEqual({ ok: false, error: ERR_RANGE_TOO_SMALL });
    expect(validateServiceCidr("10.0.0.0/11")).toEqual({ ok: false, error: ERR_RANGE_TOO_LARGE });
    expect(ERR_RANGE_TOO_LARGE).toBe("specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12");
    expect(ClusterIPAllocator.create("10.0.0.0/8", new Prng(1))).toEqual({ ok: false, error: ERR_RANGE_TOO_LARGE });
    expect(ClusterIPAllocator.create("10.0.0/8", new Prng(1))).toEqual({ ok: false, error: "invalid CIDR address: 10.0.0/8" });
  });
});

describe("requested ClusterIPs", () => {
  it("gives the kubernetes Service .1 and kube-dns .10 from the static band", () => {
    const a = make("10.96.0.0/12");
    expect(a.allocate("10.96.0.1", "default/kubernetes")).toEqual({ ok: true });
    expect(a.allocate("10.96.0.10", "kube-system/kube-dns")).toEqual({ ok: true });
    expect(a.ownerOf("10.96.0.10")).toBe("kube-system/kube-dns");
    expect(a.allocations()).toEqual([
      { ip: "10.96.0.1", owner: "default/kubernetes", namespace: "default", name: "kubernetes" },
      { ip: "10.96.0.10", owner: "kube-system/kube-dns", namespace: "kube-system", name: "kube-dns" },
    ]);
    expect(a.used()).toBe(2);
  });

  it("accepts the last usable address", () => {
    expect(make("10.96.0.0/12").allocate("10.111.255.254", "x/y")).toEqual({ ok: true });
  });

  it("refuses a taken address", () => {
    const a = make("10.96.0.0/12");
    a.allocate("10.96.0.10", "kube-system/kube-dns");
    expect(a.allocate("10.96.0.10", "default/svc2")).toEqual({ ok: false, error: ERR_ALLOCATED, reason: "Allocated" });
    expect(ERR_ALLOCATED).toBe("provided IP is already allocated");
  });

  it("answers an address outside the range with v1.33's mismatched-network error", () => {
    const a = make("10.96.0.0/12");
    expect(a.allocate("100.96.0.10", "kube-system/kube-dns")).toEqual({ ok: false, error: ERR_MISMATCHED_NETWORK, reason: "MismatchedNetwork" });
    expect(ERR_MISMATCHED_NETWORK).toBe("the provided network does not match the current range");
    expect(a.allocate("10.112.0.0", "a/b").ok).toBe(false);
  });

  it("never hands out the network or broadcast address", () => {
    const a = make("10.96.0.0/12");
    expect(a.allocate("10.96.0.0", "a/b")).toEqual({
      ok: false,
      error: "the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
      reason: "NotInRange",
    });
    expect(a.allocate("10.111.255.255", "a/b")).toEqual({ ok: false, error: errNotInRange("10.111.255.255", "10.96.0.0/12"), reason: "NotInRange" });
    expect(a.inRange("10.96.0.0")).toBe(false);
    expect(a.inRange("10.96.0.1")).toBe(true);
  });

  it("guards against strings that are not IPs", () => {
    expect(make("10.96.0.0/12").allocate("abc", "a/b")).toMatchObject({ ok: false, reason: "InvalidIP" });
  });
});

describe("dynamic ClusterIPs", () => {
  it("come from the upper band while it has room", () => {
    const a = make("10.0.0.0/24", 7);
    for (let i = 0; i < 238; i++) {
      const r = a.allocateNext(`ns/s${i}`);
      expect(r.ok).toBe(true);
      if (r.ok) expect(parseIPv4(r.value)! & 255).toBeGreaterThanOrEqual(17);
    }
    // Upper band (17 … 254) is now full: the next ones come from the lower band.
    const r = a.allocateNext("ns/low");
    expect(r.ok && parseIPv4(r.value)! & 255).toBeLessThanOrEqual(16);
  });

  it("fill the whole range, then report `range is full`", () => {
    const a = make("10.0.0.0/29", 3);
    const got = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const r = a.allocateNext(`ns/s${i}`);
      if (!r.ok) throw new Error(r.error);
      got.add(r.value);
    }
    expect([...got].sort()).toEqual(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"]);
    expect(a.allocateNext("ns/more")).toEqual({ ok: false, error: ERR_FULL, reason: "Full" });
    expect(a.free()).toBe(0);
    // A requested IP on a full range is simply already allocated.
    expect(a.allocate("10.0.0.3", "ns/x")).toMatchObject({ ok: false, error: ERR_ALLOCATED });
  });

  it("are fast on a /12: 20 000 allocations touch only what they use", () => {
    const a = make("10.96.0.0/12", 99);
    for (let i = 0; i < 20000; i++) expect(a.allocateNext(`ns/s${i}`).ok).toBe(true);
    expect(a.used()).toBe(20000);
    expect(a.free()).toBe(1048574 - 20000);
  });

  it("look like a real cluster's (random, upper band)", () => {
    const a = make("10.96.0.0/12", 42);
    const r = a.allocateNext("default/web");
    expect(r.ok).toBe(true);
    if (r.ok) expect(parseIPv4(r.value)! >= parseIPv4("10.96.1.1")!).toBe(true);
  });
});

describe("release", () => {
  it("frees an address for reuse; releasing twice or outside the range is a no-op", () => {
    const a = make("10.96.0.0/12");
    a.allocate("10.96.0.50", "default/a");
    expect(a.release("10.96.0.50")).toBe(true);
    expect(a.release("10.96.0.50")).toBe(false);
    expect(a.release("1.1.1.1")).toBe(false);
    expect(a.isAllocated("10.96.0.50")).toBe(false);
    expect(a.allocate("10.96.0.50", "default/b")).toEqual({ ok: true });
  });

  it("releaseOwner frees everything an owner holds", () => {
    const a = make("10.0.0.0/24");
    a.allocate("10.0.0.5", "default/a");
    a.allocate("10.0.0.3", "default/a");
    a.allocate("10.0.0.4", "default/b");
    expect(a.releaseOwner("default/a")).toEqual(["10.0.0.3", "10.0.0.5"]);
    expect(a.used()).toBe(1);
  });
});

describe("kubectl-visible errors (reference §2.6)", () => {
  it("requested IP already allocated → 422 on spec.clusterIPs", () => {
    const e = clusterIPAllocationError("svc2", { error: ERR_ALLOCATED }, { ip: "10.96.0.10", clusterIPs: ["10.96.0.10"] });
    expect(e.reason).toBe("Invalid");
    expect(e.code).toBe(422);
    expect(e.causes).toEqual([
      {
        field: "spec.clusterIPs",
        text: 'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
      },
    ]);
    expect(e.message).toBe(
      'Service "svc2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it("requested IP outside the range (v1.33)", () => {
    const a = make("10.96.0.0/12");
    const r = a.allocate("100.96.0.10", "kube-system/kube-dns");
    if (r.ok) throw new Error("expected failure");
    const e = clusterIPAllocationError("kube-dns", r, { ip: "100.96.0.10", clusterIPs: ["100.96.0.10"] });
    expect(e.causes?.[0].text).toBe(
      'spec.clusterIPs: Invalid value: []string{"100.96.0.10"}: failed to allocate IP 100.96.0.10: the provided network does not match the current range',
    );
  });

  it("dynamic allocation on a full range → InternalError", () => {
    const e = clusterIPAllocationError("web", { error: ERR_FULL });
    expect(e).toMatchObject({ reason: "InternalError", code: 500, message: "Internal error occurred: failed to allocate a serviceIP: range is full" });
  });
});

// ------------------------------------------------------------------ properties

type Op = { t: "next" } | { t: "req"; k: number } | { t: "rel"; k: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Op>({ t: "next" }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 300 }).map<Op>((k) => ({ t: "req", k })) },
  { weight: 2, arbitrary: fc.nat().map<Op>((k) => ({ t: "rel", k })) },
);
const prefixArb = fc.integer({ min: 24, max: 29 });

/** Applies ops, checks invariants against a model, returns what each op returned. */
function run(a: ClusterIPAllocator, ops: Op[], model: Set<number>): unknown[] {
  const c = a.cidr;
  const out: unknown[] = [];
  const bands = a.bands();
  const upperFirst = parseIPv4(bands.upper.first)!;
  const upperSize = c.last - 1 - upperFirst + 1;
  for (const [n, op] of ops.entries()) {
    if (op.t === "next") {
      const upperUsed = [...model].filter((ip) => ip >= upperFirst).length;
      const r = a.allocateNext(`ns/s${n}`);
      out.push(r);
      if (r.ok) {
        const ip = parseIPv4(r.value)!;
        expect(model.has(ip)).toBe(false);
        expect(ip > c.first && ip < c.last).toBe(true);
        if (ip < upperFirst) expect(upperUsed).toBe(upperSize);
        model.add(ip);
      } else {
        expect(model.size).toBe(c.size - 2);
      }
    } else if (op.t === "req") {
      const ip = (c.network + op.k) >>> 0;
      const r = a.allocate(formatIPv4(ip), `ns/r${n}`);
      out.push(r);
      if (op.k < 0 || op.k >= c.size) expect(r).toMatchObject({ ok: false, reason: "MismatchedNetwork" });
      else if (ip === c.first || ip === c.last) expect(r).toMatchObject({ ok: false, reason: "NotInRange" });
      else if (model.has(ip)) expect(r).toMatchObject({ ok: false, reason: "Allocated" });
      else {
        expect(r).toEqual({ ok: true });
        model.add(ip);
      }
    } else {
      const held = [...model].sort((x, y) => x - y);
      if (held.length === 0) continue;
      const ip = held[op.k % held.length];
      expect(a.release(formatIPv4(ip))).toBe(true);
      model.delete(ip);
      out.push(formatIPv4(ip));
    }
    expect(a.used()).toBe(model.size);
    expect(a.used() + a.free()).toBe(c.size - 2);
  }
  expect(a.allocations().map((x) => parseIPv4(x.ip))).toEqual([...model].sort((x, y) => x - y));
  return out;
}

describe("ClusterIP allocator properties", () => {
  it("never duplicates, stays in range, prefers the upper band, tracks counts", () => {
    fc.assert(
      fc.property(prefixArb, fc.integer(), fc.array(opArb, { maxLength: 400 }), (prefix, seed, ops) => {
        run(make(`10.0.0.0/${prefix}`, seed), ops, new Set());
      }),
      { numRuns: 150 },
    );
  });

  it("reuses released addresses: refill after releases gives back exactly the released set", () => {
    fc.assert(
      fc.property(prefixArb, fc.integer(), fc.array(fc.boolean(), { minLength: 254, maxLength: 254 }), (prefix, seed, drop) => {
        const a = make(`10.0.0.0/${prefix}`, seed);
        const all: string[] = [];
        for (let r = a.allocateNext("ns/a"); r.ok; r = a.allocateNext("ns/a")) all.push(r.value);
        expect(all.length).toBe(a.size);
        const released = all.filter((_, i) => drop[i]);
        for (const ip of released) a.release(ip);
        const again: string[] = [];
        for (let r = a.allocateNext("ns/b"); r.ok; r = a.allocateNext("ns/b")) again.push(r.value);
        expect(again.sort()).toEqual([...released].sort());
      }),
      { numRuns: 60 },
    );
  });

  it("is deterministic per seed", () => {
    fc.assert(
      fc.property(prefixArb, fc.integer(), fc.array(opArb, { maxLength: 200 }), (prefix, seed, ops) => {
        const x = run(make(`10.0.0.0/${prefix}`, seed), ops, new Set());
        const y = run(make(`10.0.0.0/${prefix}`, seed), ops, new Set());
        expect(y).toEqual(x);
      }),
      { numRuns: 80 },
    );
  });

  it("round-trips its state through JSON and then behaves identically", () => {
    fc.assert(
      fc.property(prefixArb, fc.integer(), fc.array(opArb, { maxLength: 200 }), fc.array(opArb, { maxLength: 200 }), (prefix, seed, before, after) => {
        const prngA = new Prng(seed);
        const a = ClusterIPAllocator.fromState({ cidr: `10.0.0.0/${prefix}`, allocations: [] }, prngA);
        const model = new Set<number>();
        run(a, before, model);
        const saved = JSON.parse(JSON.stringify(a));
        const b = ClusterIPAllocator.fromState(saved, new Prng(prngA.state));
        expect(b.toJSON()).toEqual(a.toJSON());
        const ra = run(a, after, new Set(model));
        const rb = run(b, after, new Set(model));
        expect(rb).toEqual(ra);
        expect(b.toJSON()).toEqual(a.toJSON());
      }),
      { numRuns: 80 },
    );
  });

  it("restores large state (a /12 with many allocations)", () => {
    const a = make("10.96.0.0/12", 5);
    for (let i = 0; i < 2000; i++) a.allocateNext(`ns/s${i}`);
    const b = ClusterIPAllocator.fromState(JSON.parse(JSON.stringify(a)), new Prng(5));
    expect(b.used()).toBe(2000);
    expect(b.allocations()).toEqual(a.allocations());
  });

  it("rejects corrupt state", () => {
    expect(() => ClusterIPAllocator.fromState({ cidr: "10.0.0.0/24", allocations: [{ ip: "10.0.1.1", owner: "a/b" }] }, new Prng(1))).toThrow(/corrupt/);
    expect(() =>
      ClusterIPAllocator.fromState(
        { cidr: "10.0.0.0/24", allocations: [{ ip: "10.0.0.1", owner: "a/b" }, { ip: "10.0.0.1", owner: "a/c" }] },
        new Prng(1),
      ),
    ).toThrow(/corrupt/);
  });
});
