import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Prng } from "../../util/prng";
import {
  calculatePortRangeOffset,
  DEFAULT_NODE_PORT_RANGE,
  ERR_PORT_ALLOCATED,
  ERR_PORT_FULL,
  errPortNotInRange,
  nodePortAllocationError,
  NodePortAllocator,
  parsePortRange,
} from "./nodeport";

const make = (range = DEFAULT_NODE_PORT_RANGE, seed = 1) => {
  const r = NodePortAllocator.create(range, new Prng(seed));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe("node port range", () => {
  it("parses the flag forms", () => {
    expect(parsePortRange("30000-32767")).toEqual({ ok: true, value: { base: 30000, size: 2768 } });
    expect(parsePortRange("30000+2767")).toEqual({ ok: true, value: { base: 30000, size: 2768 } });
    expect(parsePortRange("30000")).toEqual({ ok: true, value: { base: 30000, size: 1 } });
    expect(parsePortRange("32767-30000")).toEqual({ ok: false, error: "end port cannot be less than start port: 32767-30000" });
    expect(parsePortRange("30000-70000")).toEqual({ ok: false, error: "the port range cannot be greater than 65535: 30000-70000" });
    expect(parsePortRange("abc").ok).toBe(false);
  });

  it("splits the default range at 86: static 30000–30085, dynamic 30086–32767", () => {
    expect(calculatePortRangeOffset({ base: 30000, size: 2768 })).toBe(86);
    expect(make().bands()).toEqual({ offset: 86, lower: { first: 30000, last: 30085 }, upper: { first: 30086, last: 32767 } });
  });

  it("clamps the offset to 16 … 128 and uses 0 for 16 ports or fewer", () => {
    expect(calculatePortRangeOffset({ base: 30000, size: 16 })).toBe(0);
    expect(calculatePortRangeOffset({ base: 30000, size: 17 })).toBe(16);
    expect(calculatePortRangeOffset({ base: 30000, size: 100 })).toBe(16);
    expect(calculatePortRangeOffset({ base: 1, size: 65535 })).toBe(128);
  });
});

describe("NodePort allocation", () => {
  it("allocates requested ports and refuses taken or out-of-range ones", () => {
    const a = make();
    expect(a.allocate(30080, "default/web")).toEqual({ ok: true });
    expect(a.allocate(30080, "default/other")).toEqual({ ok: false, error: ERR_PORT_ALLOCATED, reason: "Allocated" });
    expect(a.allocate(80, "default/web")).toEqual({
      ok: false,
      error: "provided port is not in the valid range. The range of valid ports is 30000-32767",
      reason: "NotInRange",
    });
    expect(a.allocate(32768, "default/web")).toMatchObject({ error: errPortNotInRange("30000-32767") });
    expect(a.allocate(32767, "default/web")).toEqual({ ok: true });
    expect(a.ownerOf(30080)).toBe("default/web");
    expect(a.allocations()).toEqual([
      { port: 30080, owner: "default/web" },
      { port: 32767, owner: "default/web" },
    ]);
  });

  it("picks dynamic ports from the upper band", () => {
    const a = make(DEFAULT_NODE_PORT_RANGE, 11);
    for (let i = 0; i < 500; i++) {
      const r = a.allocateNext(`ns/s${i}`);
      expect(r.ok && r.value >= 30086 && r.value <= 32767).toBe(true);
    }
  });

  it("reports `range is full`", () => {
    const a = make("30000-30009");
    for (let i = 0; i < 10; i++) expect(a.allocateNext("ns/x").ok).toBe(true);
    expect(a.allocateNext("ns/x")).toEqual({ ok: false, error: ERR_PORT_FULL, reason: "Full" });
  });

  it("releases (no-op outside the range) and releases by owner", () => {
    const a = make();
    a.allocate(30001, "ns/a");
    a.allocate(30002, "ns/a");
    expect(a.release(30001)).toBe(true);
    expect(a.release(30001)).toBe(false);
    expect(a.release(80)).toBe(false);
    expect(a.releaseOwner("ns/a")).toEqual([30002]);
    expect(a.used()).toBe(0);
    expect(a.free()).toBe(2768);
  });
});

describe("kubectl-visible errors", () => {
  it("requested port → 422 on spec.ports[i].nodePort with a bare int", () => {
    const e = nodePortAllocationError("web", { error: ERR_PORT_ALLOCATED }, { portIndex: 0, port: 30080 });
    expect(e.causes).toEqual([
      { field: "spec.ports[0].nodePort", text: "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated" },
    ]);
    expect(e.message).toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  it("dynamic → InternalError", () => {
    expect(nodePortAllocationError("web", { error: ERR_PORT_FULL }).message).toBe(
      "Internal error occurred: failed to allocate a nodePort: range is full",
    );
  });
});

// ------------------------------------------------------------------ properties

type Op = { t: "next" } | { t: "req"; k: number } | { t: "rel"; k: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Op>({ t: "next" }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 200 }).map<Op>((k) => ({ t: "req", k })) },
  { weight: 2, arbitrary: fc.nat().map<Op>((k) => ({ t: "rel", k })) },
);
const sizeArb = fc.integer({ min: 1, max: 150 });

function run(a: NodePortAllocator, ops: Op[], model: Set<number>): unknown[] {
  const { base, size } = a.range;
  const upperFirst = base + a.offset;
  const out: unknown[] = [];
  for (const [n, op] of ops.entries()) {
    if (op.t === "next") {
      const upperUsed = [...model].filter((p) => p >= upperFirst).length;
      const r = a.allocateNext(`ns/s${n}`);
      out.push(r);
      if (r.ok) {
        expect(model.has(r.value)).toBe(false);
        expect(r.value >= base && r.value < base + size).toBe(true);
        if (r.value < upperFirst) expect(upperUsed).toBe(size - a.offset);
        model.add(r.value);
      } else expect(model.size).toBe(size);
    } else if (op.t === "req") {
      const port = base + op.k;
      const r = a.allocate(port, `ns/r${n}`);
      out.push(r);
      if (op.k < 0 || op.k >= size) expect(r).toMatchObject({ ok: false, reason: "NotInRange" });
      else if (model.has(port)) expect(r).toMatchObject({ ok: false, reason: "Allocated" });
      else {
        expect(r).toEqual({ ok: true });
        model.add(port);
      }
    } else {
      const held = [...model].sort((x, y) => x - y);
      if (held.length === 0) continue;
      const port = held[op.k % held.length];
      expect(a.release(port)).toBe(true);
      model.delete(port);
      out.push(port);
    }
    expect(a.used()).toBe(model.size);
    expect(a.used() + a.free()).toBe(size);
  }
  expect(a.allocations().map((x) => x.port)).toEqual([...model].sort((x, y) => x - y));
  return out;
}

describe("NodePort allocator properties", () => {
  it("never duplicates, stays in range, prefers the upper band", () => {
    fc.assert(
      fc.property(sizeArb, fc.integer(), fc.array(opArb, { maxLength: 300 }), (size, seed, ops) => {
        run(make(`30000+${size - 1}`, seed), ops, new Set());
      }),
      { numRuns: 150 },
    );
  });

  it("reuses released ports", () => {
    fc.assert(
      fc.property(sizeArb, fc.integer(), fc.array(fc.boolean(), { minLength: 150, maxLength: 150 }), (size, seed, drop) => {
        const a = make(`30000+${size - 1}`, seed);
        const all: number[] = [];
        for (let r = a.allocateNext("a/a"); r.ok; r = a.allocateNext("a/a")) all.push(r.value);
        expect(all.length).toBe(size);
        const released = all.filter((_, i) => drop[i]);
        for (const p of released) a.release(p);
        const again: number[] = [];
        for (let r = a.allocateNext("b/b"); r.ok; r = a.allocateNext("b/b")) again.push(r.value);
        expect(again.sort((x, y) => x - y)).toEqual([...released].sort((x, y) => x - y));
      }),
      { numRuns: 60 },
    );
  });

  it("is deterministic per seed", () => {
    fc.assert(
      fc.property(sizeArb, fc.integer(), fc.array(opArb, { maxLength: 200 }), (size, seed, ops) => {
        expect(run(make(`30000+${size - 1}`, seed), ops, new Set())).toEqual(run(make(`30000+${size - 1}`, seed), ops, new Set()));
      }),
      { numRuns: 80 },
    );
  });

  it("round-trips its state through JSON and then behaves identically", () => {
    fc.assert(
      fc.property(sizeArb, fc.integer(), fc.array(opArb, { maxLength: 150 }), fc.array(opArb, { maxLength: 150 }), (size, seed, before, after) => {
        const prng = new Prng(seed);
        const a = NodePortAllocator.fromState({ range: `30000-${30000 + size - 1}`, allocations: [] }, prng);
        const model = new Set<number>();
        run(a, before, model);
        const b = NodePortAllocator.fromState(JSON.parse(JSON.stringify(a)), new Prng(prng.state));
        expect(b.toJSON()).toEqual(a.toJSON());
        expect(run(b, after, new Set(model))).toEqual(run(a, after, new Set(model)));
        expect(b.toJSON()).toEqual(a.toJSON());
      }),
      { numRuns: 80 },
    );
  });
});
