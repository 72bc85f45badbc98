import { describe, expect, it } from "vitest";
import { createScheduler, hash32, parseIPv4, type SchedDest, type SchedService } from "./ipvs-schedulers";

interface D extends SchedDest {
  name: string;
}

/** A destination as the kernel sees it: weight, active and inactive connections. */
const dest = (name: string, weight = 1, activeConns = 0, inactConns = 0): D => ({ name, weight, activeConns, inactConns, overloaded: false, available: true });
const service = (dests: D[], vip = "10.96.0.50"): SchedService<D> => ({ dests, addrNum: parseIPv4(vip) });

function picks(name: string, svc: SchedService<D>, n: number, client = "10.0.0.1"): string[] {
  const s = createScheduler<D>(name, svc)!;
  return Array.from({ length: n }, () => s.schedule(svc, client, 0)?.name ?? "none");
}

/** hash_32(addr, 8) computed independently, with BigInt. */
const bucketOf = (ip: string): number => Number(((BigInt(parseIPv4(ip)) * 0x61c88647n) & 0xffffffffn) >> 24n);

describe("rr", () => {
  it("walks the kernel list from the head and wraps around", () => {
    expect(picks("rr", service([dest("A"), dest("B"), dest("C")]), 7)).toEqual(["A", "B", "C", "A", "B", "C", "A"]);
  });

  it("skips quiesced (weight 0) destinations", () => {
    expect(picks("rr", service([dest("A"), dest("B", 0), dest("C")]), 4)).toEqual(["A", "C", "A", "C"]);
  });

  it("keeps its last-scheduled pointer when a destination is added at the head", () => {
    const svc = service([dest("A"), dest("B"), dest("C")]);
    const rr = createScheduler<D>("rr", svc)!;
    expect([rr.schedule(svc, "", 0)!.name, rr.schedule(svc, "", 0)!.name]).toEqual(["A", "B"]);
    const d = dest("D");
    svc.dests.unshift(d);
    rr.added!(svc, d);
    expect(Array.from({ length: 5 }, () => rr.schedule(svc, "", 0)!.name)).toEqual(["C", "D", "A", "B", "C"]);
  });

  it("moves its pointer to the previous destination when the last scheduled one is deleted", () => {
    const svc = service([dest("A"), dest("B"), dest("C")]);
    const rr = createScheduler<D>("rr", svc)!;
    rr.schedule(svc, "", 0);
    rr.schedule(svc, "", 0); // B
    const [b] = svc.dests.splice(1, 1);
    b.available = false;
    rr.removed!(svc, b, 1);
    expect(Array.from({ length: 3 }, () => rr.schedule(svc, "", 0)!.name)).toEqual(["C", "A", "C"]);
  });

  it("answers no destination when every weight is 0", () => {
    expect(picks("rr", service([dest("A", 0), dest("B", 0)]), 1)).toEqual(["none"]);
  });
});

describe("wrr", () => {
  it("gives weights 3:1 the kernel's interleaving A A A B", () => {
    expect(picks("wrr", service([dest("A", 3), dest("B", 1)]), 8).join("")).toBe("AAABAAAB");
  });

  it("gives weights 4:3:2 the classic LVS sequence A A B A B C A B C", () => {
    expect(picks("wrr", service([dest("A", 4), dest("B", 3), dest("C", 2)]), 9).join("")).toBe("AABABCABC");
  });

  it("steps by the gcd of the weights", () => {
    expect(picks("wrr", service([dest("A", 4), dest("B", 2)]), 6).join("")).toBe("AABAAB");
  });

  it("restarts from the head after a weight change, keeping its current weight (cw) when it is still in range", () => {
    const svc = service([dest("A", 1), dest("B", 1)]);
    const s = createScheduler<D>("wrr", svc)!;
    expect(s.schedule(svc, "", 0)!.name).toBe("A");
    svc.dests[0].weight = 2;
    s.updated!(svc, svc.dests[0]);
    // cw stays 1 (the pass in progress) until it runs out, then restarts at the new max weight 2.
    expect(Array.from({ length: 5 }, () => s.schedule(svc, "", 0)!.name).join("")).toBe("ABAAB");
  });
});

describe("lc", () => {
  it("prefers A (2 active, 7 inactive: overhead 519) over B (1 active, 300 inactive: 556), as in the reference", () => {
    expect(picks("lc", service([dest("B", 1, 1, 300), dest("A", 1, 2, 7)]), 1)).toEqual(["A"]);
  });

  it("breaks a tie in favour of the earliest destination in the list (the head, the newest)", () => {
    expect(picks("lc", service([dest("new", 1, 1, 0), dest("old", 1, 1, 0)]), 1)).toEqual(["new"]);
  });

  it("ignores weights except 0, which quiesces a destination", () => {
    expect(picks("lc", service([dest("idle-but-quiesced", 0), dest("heavy", 5, 3, 0), dest("light", 1, 2, 0)]), 1)).toEqual(["light"]);
  });

  it("skips overloaded destinations", () => {
    const a = dest("A");
    a.overloaded = true;
    expect(picks("lc", service([a, dest("B", 1, 9, 9)]), 1)).toEqual(["B"]);
  });
});

describe("wlc", () => {
  it("divides the overhead by the weight (cross-multiplied): B with 2 active and weight 3 beats A with 1 active and weight 1", () => {
    expect(picks("wlc", service([dest("A", 1, 1, 0), dest("B", 3, 2, 0)]), 1)).toEqual(["B"]);
  });

  it("keeps the first destination on equal load", () => {
    expect(picks("wlc", service([dest("A", 2, 2, 0), dest("B", 1, 1, 0)]), 1)).toEqual(["A"]);
  });
});

describe("sed and nq", () => {
  it("sed counts the incoming connection: (0+1)/1 for idle A loses to (1+1)/3 for B", () => {
    expect(picks("sed", service([dest("A", 1, 0, 0), dest("B", 3, 1, 0)]), 1)).toEqual(["B"]);
  });

  it("sed ignores inactive connections", () => {
    expect(picks("sed", service([dest("A", 1, 1, 0), dest("B", 1, 0, 1000)]), 1)).toEqual(["B"]);
  });

  it("nq sends to an idle server first, where sed would not", () => {
    expect(picks("nq", service([dest("A", 1, 0, 0), dest("B", 3, 1, 0)]), 1)).toEqual(["A"]);
  });

  it("nq falls back to sed's choice when nobody is idle", () => {
    expect(picks("nq", service([dest("A", 1, 1, 0), dest("B", 3, 2, 0)]), 1)).toEqual(["B"]);
  });
});

describe("sh", () => {
  it("maps a client through hash_32 of its address into a 256-bucket table filled round the list", () => {
    const svc = service([dest("A"), dest("B"), dest("C")]);
    for (const client of ["10.0.0.1", "192.168.1.7", "172.16.3.4", "10.244.2.9"]) {
      expect(picks("sh", svc, 1, client)).toEqual([svc.dests[bucketOf(client) % 3].name]);
    }
  });

  it("is sticky: the same client always gets the same server, whatever the counters", () => {
    const svc = service([dest("A"), dest("B"), dest("C"), dest("D")]);
    const first = picks("sh", svc, 1, "10.1.2.3")[0];
    for (const d of svc.dests) d.activeConns = d.name === first ? 50 : 0;
    expect(picks("sh", svc, 5, "10.1.2.3")).toEqual(Array(5).fill(first));
  });

  it("gives a destination as many consecutive buckets as its weight", () => {
    const svc = service([dest("A", 2), dest("B", 1)]);
    // Buckets go A A B A A B …: bucket i is B exactly when i % 3 === 2.
    const client = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"].find((c) => bucketOf(c) % 3 === 2)!;
    expect(picks("sh", svc, 1, client)).toEqual(["B"]);
  });

  it("answers no destination when the client's bucket holds a quiesced server (no sh-fallback)", () => {
    const svc = service([dest("A"), dest("B")]);
    const client = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"].find((c) => bucketOf(c) % 2 === 1)!;
    svc.dests[1].weight = 0;
    expect(picks("sh", svc, 1, client)).toEqual(["none"]);
  });

  it("uses the kernel's hash_32 (GOLDEN_RATIO_32 = 0x61C88647, top bits)", () => {
    expect(hash32(0, 8)).toBe(0);
    expect(hash32(1, 8)).toBe(0x61);
    expect(hash32(parseIPv4("10.0.0.1"), 8)).toBe(bucketOf("10.0.0.1"));
  });
});

describe("dh", () => {
  it("hashes the packet's destination, the VIP: every client lands on the same server", () => {
    const svc = service([dest("A"), dest("B"), dest("C")], "10.96.0.50");
    const expected = svc.dests[bucketOf("10.96.0.50") % 3].name;
    for (const client of ["10.0.0.1", "10.0.0.2", "192.168.3.3"]) expect(picks("dh", svc, 2, client)).toEqual([expected, expected]);
  });
});

describe("lblc and lblcr", () => {
  it("lblc keeps sending to the cached server until it is overloaded and another is under half load", () => {
    const svc = service([dest("A"), dest("B")]);
    const s = createScheduler<D>("lblc", svc)!;
    expect(s.schedule(svc, "", 0)!.name).toBe("A");
    svc.dests[0].activeConns = 1; // not more than its weight: still A
    expect(s.schedule(svc, "", 0)!.name).toBe("A");
    svc.dests[0].activeConns = 2; // 2 > weight 1, and B has 0*2 < 1
    expect(s.schedule(svc, "", 0)!.name).toBe("B");
  });

  it("lblcr grows a set when its least loaded member is overloaded", () => {
    const svc = service([dest("A"), dest("B")]);
    const s = createScheduler<D>("lblcr", svc)!;
    expect(s.schedule(svc, "", 0)!.name).toBe("A");
    svc.dests[0].activeConns = 2;
    expect(s.schedule(svc, "", 0)!.name).toBe("B");
    svc.dests[0].activeConns = 0;
    svc.dests[1].activeConns = 1;
    expect(s.schedule(svc, "", 0)!.name).toBe("A"); // the set {A, B}: A is the least loaded
  });
});

describe("fo and ovf", () => {
  it("fo sends everything to the highest weight", () => {
    expect(picks("fo", service([dest("A", 1), dest("B", 5), dest("C", 5)]), 3)).toEqual(["B", "B", "B"]);
  });

  it("ovf overflows to the next weight once active connections reach the weight", () => {
    expect(picks("ovf", service([dest("A", 1), dest("B", 2, 2)]), 1)).toEqual(["A"]);
  });
});

describe("createScheduler", () => {
  it("knows the kernel's schedulers and nothing else", () => {
    const svc = service([dest("A")]);
    for (const n of ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"]) expect(createScheduler(n, svc)?.name).toBe(n);
    expect(createScheduler("random", svc)).toBeUndefined();
  });
});

describe("parseIPv4", () => {
  it("reads dotted quads and rejects anything else", () => {
    expect(parseIPv4("10.96.0.1")).toBe(0x0a600001);
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
    for (const bad of ["", "10.96.0", "10.96.0.1.2", "10.96.0.256", "a.b.c.d", "10..0.1"]) expect(parseIPv4(bad)).toBe(-1);
  });
});
