import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Prng } from "../../util/prng";
import { cidrContains, mustParseCidr, parseIPv4 } from "./cidr";
import { CalicoIpam, calicoSandboxErrorMessage, ERR_BLOCK_LIMIT, type CalicoIpamOptions } from "./calico";

const make = (opts: CalicoIpamOptions = {}, seed = 1) => {
  const r = CalicoIpam.create(opts, new Prng(seed));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const ok = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error(`unexpected failure: ${JSON.stringify(r)}`);
  return r.value;
};

describe("Calico IPAM defaults", () => {
  it("uses 192.168.0.0/16 in /26 blocks with IPIP", () => {
    const ipam = make();
    expect(ipam.numBlocks).toBe(1024);
    expect(ipam.addressesPerBlock).toBe(64);
    expect(ipam.tunnelInterface).toBe("tunl0");
    expect(ipam.size).toBe(65536);
  });

  it("validates options", () => {
    expect(CalicoIpam.create({ poolCidr: "192.168.0.0/33" }, new Prng(1)).ok).toBe(false);
    expect(CalicoIpam.create({ blockSize: 19 }, new Prng(1)).ok).toBe(false);
    expect(CalicoIpam.create({ poolCidr: "10.0.0.0/28", blockSize: 26 }, new Prng(1)).ok).toBe(false);
    expect(CalicoIpam.create({ maxBlocksPerHost: 0 }, new Prng(1)).ok).toBe(false);
  });
});

describe("a node's first pod", () => {
  it("claims a random /26 for the node; the tunnel takes its first address, the pod the next", () => {
    const ipam = make({}, 2024);
    const pod = ok(ipam.allocate("worker-1", "k8s-pod-network.aaa"));
    const [block] = ipam.nodeBlocks("worker-1");
    const net = parseIPv4(block.split("/")[0])!;
    expect(block.endsWith("/26")).toBe(true);
    expect(ipam.tunnelAddress("worker-1")).toBe(block.split("/")[0]);
    expect(parseIPv4(pod.ip)).toBe(net + 1);
    expect(pod).toMatchObject({ block, handle: "k8s-pod-network.aaa", node: "worker-1", kind: "pod", borrowed: false });
    expect(ipam.ownerOf(ipam.tunnelAddress("worker-1")!)).toBe("ipip-tunnel-addr-worker-1");
    expect(ipam.blocks()).toEqual([{ cidr: block, node: "worker-1", size: 64, used: 2, free: 62 }]);
  });

  it("ensureNode is idempotent and happens before pods", () => {
    const ipam = make({}, 5);
    const t = ok(ipam.ensureNode("cp"));
    expect(ok(ipam.ensureNode("cp"))).toBe(t);
    expect(ipam.used()).toBe(1);
  });

  it("gives different nodes different, scattered blocks", () => {
    const ipam = make({}, 7);
    for (const n of ["cp", "w1", "w2"]) ok(ipam.allocate(n, `h-${n}`));
    const blocks = ["cp", "w1", "w2"].map((n) => ipam.nodeBlocks(n)[0]);
    expect(new Set(blocks).size).toBe(3);
  });

  it("VXLAN uses vxlan.calico and its own handle; no overlay means no tunnel address", () => {
    const vx = make({ encapsulation: "VXLAN" });
    ok(vx.allocate("n", "h"));
    expect(vx.tunnelInterface).toBe("vxlan.calico");
    expect(vx.ownerOf(vx.tunnelAddress("n")!)).toBe("vxlan-tunnel-addr-n");
    const none = make({ encapsulation: "None" }, 3);
    const pod = ok(none.allocate("n", "h"));
    expect(none.tunnelAddress("n")).toBeNull();
    expect(parseIPv4(pod.ip)! % 64).toBe(0);
  });
});

describe("addresses inside a node's blocks", () => {
  it("are handed out in order, and a released one goes to the back of the queue", () => {
    const ipam = make({ encapsulation: "None" }, 9);
    const ips = Array.from({ length: 4 }, (_, i) => ok(ipam.allocate("n", `p${i}`)).ip);
    const base = parseIPv4(ips[0])!;
    expect(ips.map((ip) => parseIPv4(ip)! - base)).toEqual([0, 1, 2, 3]);
    expect(ipam.release(ips[1])).toBe(true);
    expect(ipam.release(ips[1])).toBe(false);
    const next = ok(ipam.allocate("n", "p4")).ip;
    expect(parseIPv4(next)! - base).toBe(4);
  });

  it("a full block makes the node claim the next unclaimed block after its start", () => {
    const ipam = make({ encapsulation: "None" }, 11);
    for (let i = 0; i < 64; i++) ok(ipam.allocate("n", `p${i}`));
    expect(ipam.nodeBlocks("n")).toHaveLength(1);
    const second = ok(ipam.allocate("n", "p64"));
    expect(second.borrowed).toBe(false);
    const [a, b] = ipam.nodeBlocks("n").map((c) => parseIPv4(c.split("/")[0])!);
    // Upstream walks forward from the host's start: the second block is adjacent (mod the pool).
    expect(b - a === 64 || b - a === 65536 - 64).toBe(true);
  });

  it("releaseByHandle frees all of a handle's addresses", () => {
    const ipam = make({}, 1);
    ok(ipam.allocate("n", "h1"));
    ok(ipam.allocate("n", "h2"));
    expect(ipam.releaseByHandle("h1")).toHaveLength(1);
    expect(ipam.releaseByHandle("h1")).toEqual([]);
    expect(ipam.used()).toBe(2);
  });
});

describe("running out", () => {
  const small = { poolCidr: "10.10.0.0/26", blockSize: 28, encapsulation: "None" as const };

  it("borrows from another node's block when no block is free, then fails with Calico's message", () => {
    const ipam = make(small, 4);
    // 4 blocks of 16: node a takes 3 blocks, node b one.
    for (let i = 0; i < 48; i++) ok(ipam.allocate("a", `a${i}`));
    for (let i = 0; i < 10; i++) ok(ipam.allocate("b", `b${i}`));
    expect(ipam.blocks().map((b) => b.node).sort()).toEqual(["a", "a", "a", "b"]);
    // a's blocks are full and none is unclaimed: a borrows from b's block.
    const borrowed = ok(ipam.allocate("a", "a48"));
    expect(borrowed.borrowed).toBe(true);
    expect(ipam.nodeBlocks("b")).toContain(borrowed.block);
    for (let i = 49; i < 54; i++) ok(ipam.allocate("a", `a${i}`));
    expect(ipam.free()).toBe(0);
    const fail = ipam.allocate("c", "c0");
    expect(fail).toEqual({
      ok: false,
      reason: "PoolExhausted",
      ipamError: "Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [10.10.0.0/26]",
      cniError: "failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [10.10.0.0/26]",
    });
    if (!fail.ok) {
      expect(calicoSandboxErrorMessage("4f0c", fail)).toBe(
        'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f0c": plugin type="calico" failed (add): failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No IPs available in pools: [10.10.0.0/26]',
      );
    }
  });

  it("with strict affinity, refuses to borrow", () => {
    const ipam = make({ ...small, strictAffinity: true }, 4);
    for (let i = 0; i < 48; i++) ok(ipam.allocate("a", `a${i}`));
    ok(ipam.allocate("b", "b0"));
    expect(ipam.allocate("a", "a48")).toMatchObject({
      ok: false,
      reason: "StrictAffinity",
      ipamError: "Assigned 0 out of 1 requested IPv4 addresses; No more free affine blocks and strict affinity enabled",
    });
  });

  it("stops a node at maxBlocksPerHost", () => {
    const ipam = make({ ...small, maxBlocksPerHost: 1 }, 4);
    for (let i = 0; i < 16; i++) ok(ipam.allocate("a", `a${i}`));
    expect(ipam.allocate("a", "a16")).toEqual({ ok: false, reason: "BlockLimit", ipamError: ERR_BLOCK_LIMIT, cniError: ERR_BLOCK_LIMIT });
    expect(ok(ipam.allocate("b", "b0")).borrowed).toBe(false);
  });

  it("fails the tunnel address first on a node that joins a full pool", () => {
    const ipam = make({ ...small, encapsulation: "IPIP" }, 4);
    for (let i = 0; i < 63; i++) ok(ipam.allocate("a", `a${i}`));
    expect(ipam.allocate("b", "b0")).toMatchObject({ ok: false, reason: "PoolExhausted" });
    expect(ipam.tunnelAddress("b")).toBeNull();
  });
});

describe("node removal", () => {
  it("frees the node's addresses, drops its affinities and keeps blocks that still hold borrowed addresses", () => {
    const ipam = make({ poolCidr: "10.10.0.0/27", blockSize: 28, encapsulation: "IPIP" }, 8);
    for (let i = 0; i < 15; i++) ok(ipam.allocate("a", `a${i}`)); // a: one full block (tunnel + 15)
    for (let i = 0; i < 14; i++) ok(ipam.allocate("b", `b${i}`)); // b: the other block, one address left
    const borrowed = ok(ipam.allocate("a", "a15")); // none left for a
    expect(borrowed.borrowed).toBe(true);
    expect(ipam.allocate("a", "a16")).toMatchObject({ ok: false, reason: "PoolExhausted" });
    const freedB = ipam.releaseNode("b");
    expect(freedB).toHaveLength(15);
    // b's block still holds a's borrowed address: kept, without affinity.
    expect(ipam.blocks().find((x) => x.cidr === borrowed.block)).toEqual({ cidr: borrowed.block, node: null, size: 16, used: 1, free: 15 });
    expect(ipam.allocationOf(borrowed.ip)?.borrowed).toBe(true);
    // Once empty, the affinity-less block goes away; a new node can claim it.
    ipam.release(borrowed.ip);
    expect(ipam.blocks().map((x) => x.node)).toEqual(["a"]);
    expect(ok(ipam.allocate("c", "c0")).borrowed).toBe(false);
  });
});

// ------------------------------------------------------------------ properties

type Op = { t: "alloc"; node: number } | { t: "rel"; k: number } | { t: "relNode"; node: number };
const NODES = ["cp", "w1", "w2", "w3"];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }).map<Op>((node) => ({ t: "alloc", node })) },
  { weight: 3, arbitrary: fc.nat().map<Op>((k) => ({ t: "rel", k })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map<Op>((node) => ({ t: "relNode", node })) },
);
const optsArb = fc.record({
  poolCidr: fc.constantFrom("10.10.0.0/24", "10.10.0.0/25", "10.10.0.64/26"),
  blockSize: fc.constantFrom(26, 27, 28, 29),
  encapsulation: fc.constantFrom("IPIP" as const, "VXLAN" as const, "None" as const),
  strictAffinity: fc.boolean(),
  maxBlocksPerHost: fc.constantFrom(1, 2, 20),
});

function run(ipam: CalicoIpam, ops: Op[], model: Map<string, string>): unknown[] {
  const pool = ipam.pool;
  const out: unknown[] = [];
  for (const [n, op] of ops.entries()) {
    if (op.t === "alloc") {
      const node = NODES[op.node];
      const unclaimed = ipam.blocks().length < ipam.numBlocks;
      const r = ipam.allocate(node, `h${n}`);
      out.push(r);
      if (r.ok) {
        expect(model.has(r.value.ip)).toBe(false);
        expect(cidrContains(pool, parseIPv4(r.value.ip)!)).toBe(true);
        expect(cidrContains(mustParseCidr(r.value.block), parseIPv4(r.value.ip)!)).toBe(true);
        if (unclaimed) expect(r.value.borrowed).toBe(false);
        if (!r.value.borrowed) expect(ipam.nodeBlocks(node)).toContain(r.value.block);
        model.set(r.value.ip, r.value.handle);
      } else if (r.reason === "PoolExhausted") {
        expect(ipam.free()).toBe(0);
      }
      const t = ipam.tunnelAddress(node);
      if (t !== null && !model.has(t)) model.set(t, ipam.ownerOf(t)!);
    } else if (op.t === "rel") {
      const held = [...model.keys()].sort((a, b) => parseIPv4(a)! - parseIPv4(b)!);
      if (held.length === 0) continue;
      const ip = held[op.k % held.length];
      expect(ipam.release(ip)).toBe(true);
      model.delete(ip);
      out.push(ip);
    } else {
      const node = NODES[op.node];
      const freed = ipam.releaseNode(node);
      for (const ip of freed) expect(model.delete(ip)).toBe(true);
      expect(ipam.nodeBlocks(node)).toEqual([]);
      out.push(freed);
    }
    // Invariants.
    const all = ipam.allocations();
    expect(all.map((a) => a.ip).sort()).toEqual([...model.keys()].sort());
    for (const a of all) expect(ipam.ownerOf(a.ip)).toBe(model.get(a.ip));
    const blocks = ipam.blocks();
    expect(blocks.reduce((s, b) => s + b.used, 0)).toBe(ipam.used());
    for (const b of blocks) expect(b.used + b.free).toBe(b.size);
    expect(ipam.used() + ipam.free()).toBe(ipam.size);
    expect(ipam.used()).toBe(model.size);
    for (const node of NODES) {
      expect(all.filter((a) => a.kind === "tunnel" && a.node === node).length).toBeLessThanOrEqual(1);
      expect(ipam.nodeBlocks(node).length).toBeLessThanOrEqual(ipam.maxBlocksPerHost);
    }
  }
  return out;
}

describe("Calico IPAM properties", () => {
  it("never duplicates, stays in the pool and its blocks, borrows only when it must, keeps counts", () => {
    fc.assert(
      fc.property(optsArb, fc.integer(), fc.array(opArb, { maxLength: 300 }), (opts, seed, ops) => {
        run(make(opts, seed), ops, new Map());
      }),
      { numRuns: 150 },
    );
  });

  it("reuses released addresses: a full pool refilled gives back what was released", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.boolean(), { minLength: 128, maxLength: 128 }), (seed, drop) => {
        const ipam = make({ poolCidr: "10.10.0.0/25", blockSize: 28, encapsulation: "None" }, seed);
        const all: string[] = [];
        for (let i = 0; ; i++) {
          const r = ipam.allocate(NODES[i % 4], `p${i}`);
          if (!r.ok) break;
          all.push(r.value.ip);
        }
        expect(all.length).toBe(128);
        const released = all.filter((_, i) => drop[i]);
        for (const ip of released) ipam.release(ip);
        const again: string[] = [];
        for (let i = 0; ; i++) {
          const r = ipam.allocate(NODES[i % 4], `q${i}`);
          if (!r.ok) break;
          again.push(r.value.ip);
        }
        expect(again.sort()).toEqual([...released].sort());
      }),
      { numRuns: 60 },
    );
  });

  it("is deterministic per seed", () => {
    fc.assert(
      fc.property(optsArb, fc.integer(), fc.array(opArb, { maxLength: 200 }), (opts, seed, ops) => {
        expect(run(make(opts, seed), ops, new Map())).toEqual(run(make(opts, seed), ops, new Map()));
      }),
      { numRuns: 80 },
    );
  });

  it("round-trips its state through JSON and then behaves identically", () => {
    fc.assert(
      fc.property(optsArb, fc.integer(), fc.array(opArb, { maxLength: 150 }), fc.array(opArb, { maxLength: 150 }), (opts, seed, before, after) => {
        const prng = new Prng(seed);
        const r = CalicoIpam.create(opts, prng);
        if (!r.ok) throw new Error(r.error);
        const a = r.value;
        const model = new Map<string, string>();
        run(a, before, model);
        const b = CalicoIpam.fromState(JSON.parse(JSON.stringify(a)), new Prng(prng.state));
        expect(b.toJSON()).toEqual(a.toJSON());
        expect(run(b, after, new Map(model))).toEqual(run(a, after, new Map(model)));
        expect(b.toJSON()).toEqual(a.toJSON());
      }),
      { numRuns: 80 },
    );
  });

  it("handles a real-sized cluster quickly (3 nodes × 110 pods on the default pool)", () => {
    const ipam = make({}, 123);
    for (let i = 0; i < 330; i++) ok(ipam.allocate(NODES[i % 3], `p${i}`));
    expect(ipam.used()).toBe(333);
    const restored = CalicoIpam.fromState(JSON.parse(JSON.stringify(ipam)), new Prng(1));
    expect(restored.allocations()).toEqual(ipam.allocations());
  });

  it("rejects corrupt state", () => {
    const s = make({}, 1).toJSON();
    expect(() => CalicoIpam.fromState({ ...s, blocks: [{ cidr: "192.168.0.0/26", affinity: "n", unallocated: [0], allocations: [] }] }, new Prng(1))).toThrow(
      /corrupt/,
    );
  });
});
