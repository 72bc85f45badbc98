import { describe, expect, it } from "vitest";
import { IpvsTable, type IpvsDest, type IpvsProtocol, type IpvsService, type IpvsServiceSpec, type IpvsStats } from "./ipvs";

/** A virtual time that is a multiple of the estimator's 2 s period. */
const T0 = 1_000_000;
const VIP = "10.96.100.10";

function spec(dests: string[], o: { scheduler?: string; protocol?: IpvsProtocol; persistent?: number; vip?: string; port?: number } = {}): IpvsServiceSpec {
  return {
    protocol: o.protocol ?? "TCP",
    address: o.vip ?? VIP,
    port: o.port ?? 80,
    scheduler: o.scheduler ?? "rr",
    ...(o.persistent !== undefined ? { persistentTimeoutSec: o.persistent } : {}),
    dests: dests.map((address) => ({ address, port: 8080, weight: 1 })),
  };
}

function setup(dests: string[], o: Parameters<typeof spec>[1] = {}): { t: IpvsTable; svc: IpvsService } {
  const t = new IpvsTable();
  t.sync([spec(dests, o)], T0);
  return { t, svc: t.find(o.protocol ?? "TCP", o.vip ?? VIP, o.port ?? 80)! };
}

const counters = (s: IpvsStats) => ({ conns: s.conns, inPkts: s.inPkts, outPkts: s.outPkts, inBytes: s.inBytes, outBytes: s.outBytes });
const order = (svc: IpvsService): string[] => svc.dests.map((d) => d.address);
const dest = (svc: IpvsService, address: string): IpvsDest => svc.dests.find((d) => d.address === address)!;

function pick(t: IpvsTable, svc: IpvsService, client: string, now: number): IpvsDest {
  const r = t.schedule(svc, client, now);
  if (!("dest" in r)) throw new Error(r.error);
  return r.dest;
}

describe("sync", () => {
  it("adds new destinations at the head of the kernel list, so the list runs newest first", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2", "10.244.1.3"]);
    expect(order(svc)).toEqual(["10.244.1.3", "10.244.1.2", "10.244.1.1"]);
    t.sync([spec(["10.244.1.1", "10.244.1.2", "10.244.1.3", "10.244.1.4"])], T0 + 1000);
    expect(order(svc)).toEqual(["10.244.1.4", "10.244.1.3", "10.244.1.2", "10.244.1.1"]);
  });

  it("updates the scheduler and persistence of an existing virtual service in place", () => {
    const { t, svc } = setup(["10.244.1.1"]);
    t.sync([spec(["10.244.1.1"], { scheduler: "lc", persistent: 60 })], T0 + 1000);
    expect(t.find("TCP", VIP, 80)).toBe(svc);
    expect([svc.scheduler, svc.persistentTimeoutSec]).toEqual(["lc", 60]);
  });

  it("deletes the virtual services that are no longer wanted", () => {
    const t = new IpvsTable();
    t.sync([spec(["10.244.1.1"]), spec(["10.244.1.1"], { protocol: "UDP", port: 53 })], T0);
    t.sync([spec(["10.244.1.1"])], T0 + 1000);
    expect(t.services().map((s) => `${s.protocol} ${s.port}`)).toEqual(["TCP 80"]);
    expect(t.find("UDP", VIP, 53)).toBeUndefined();
  });

  it("treats an empty scheduler as kube-proxy's default, rr", () => {
    expect(setup(["10.244.1.1"], { scheduler: "" }).svc.scheduler).toBe("rr");
  });

  it("refuses a scheduler the kernel does not have, with the kernel's message", () => {
    const { t } = setup(["10.244.1.1"], { scheduler: "random" });
    expect(t.find("TCP", VIP, 80)).toBeUndefined();
    expect(t.syncErrors).toEqual(["IPVS: Scheduler module ip_vs_random not found"]);
  });
});

describe("graceful termination (kube-proxy's graceful_termination.go)", () => {
  it("deletes a destination without connections at once", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2"]);
    t.sync([spec(["10.244.1.2"])], T0 + 1000);
    expect(order(svc)).toEqual(["10.244.1.2"]);
  });

  it("quiesces a destination that has connections (weight 0) and deletes it at the first 60 s sweep after they are gone", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2"]);
    const id = t.open(svc, dest(svc, "10.244.1.1"), { ip: "10.0.0.9", port: 40000 }, T0);
    t.sync([spec(["10.244.1.2"])], T0 + 5000);
    expect(dest(svc, "10.244.1.1").weight).toBe(0);
    for (let i = 0; i < 5; i++) expect(pick(t, svc, "10.0.0.9", T0 + 6000).address).toBe("10.244.1.2");
    t.close(id, T0 + 10_000); // TIME_WAIT until T0 + 130 s
    t.expire(T0 + 120_000); // sweeps at +60 s and +120 s still see InActConn 1
    expect(dest(svc, "10.244.1.1")).toMatchObject({ weight: 0, activeConns: 0, inactConns: 1 });
    t.expire(T0 + 179_999);
    expect(dest(svc, "10.244.1.1")).toMatchObject({ weight: 0, activeConns: 0, inactConns: 0 });
    t.expire(T0 + 180_000);
    expect(order(svc)).toEqual(["10.244.1.2"]);
  });

  it("deletes a UDP destination at once, connections or not", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2"], { protocol: "UDP", port: 53 });
    t.open(svc, dest(svc, "10.244.1.1"), { ip: "10.0.0.9", port: 40000 }, T0);
    t.sync([spec(["10.244.1.2"], { protocol: "UDP", port: 53 })], T0 + 1000);
    expect(order(svc)).toEqual(["10.244.1.2"]);
    expect(t.connections(T0 + 1000)).toHaveLength(1); // the entry itself lives on until it expires
  });

  it("drops a connection whose server was deleted on its next packet (expire_nodest_conn), so a retry is scheduled afresh", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2"], { protocol: "UDP", port: 53 });
    const id = t.open(svc, dest(svc, "10.244.1.1"), { ip: "10.0.0.9", port: 40000 }, T0);
    t.sync([spec(["10.244.1.2"], { protocol: "UDP", port: 53 })], T0 + 1000);
    expect(t.transfer(id, 40, 0, T0 + 2000)).toBe(false);
    expect(t.connections()).toEqual([]);
    expect(pick(t, svc, "10.0.0.9", T0 + 3000).address).toBe("10.244.1.2");
  });

  it("gives a draining destination that is wanted again its weight back, with its counters, at the head of the list", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2"]);
    t.open(svc, dest(svc, "10.244.1.1"), { ip: "10.0.0.9", port: 40000 }, T0);
    t.sync([spec(["10.244.1.2"])], T0 + 1000);
    expect(order(svc)).toEqual(["10.244.1.2", "10.244.1.1"]);
    t.sync([spec(["10.244.1.1", "10.244.1.2"])], T0 + 2000);
    expect(order(svc)).toEqual(["10.244.1.1", "10.244.1.2"]);
    expect(dest(svc, "10.244.1.1")).toMatchObject({ weight: 1, activeConns: 1, stats: { conns: 1 } });
  });
});

describe("connections", () => {
  it("counts an open TCP connection as active, then a closed one as inactive in TIME_WAIT for 120 s", () => {
    const { t, svc } = setup(["10.244.1.1"]);
    const d = svc.dests[0];
    const id = t.open(svc, d, { ip: "10.0.0.9", port: 40000 }, T0);
    expect([d.activeConns, d.inactConns]).toEqual([1, 0]);
    t.close(id, T0 + 1000);
    expect([d.activeConns, d.inactConns]).toEqual([0, 1]);
    expect(t.connections()).toMatchObject([{ state: "TIME_WAIT", expiresMs: T0 + 121_000, client: { ip: "10.0.0.9", port: 40000 }, virtual: { ip: VIP, port: 80 }, destination: { ip: "10.244.1.1", port: 8080 } }]);
    t.expire(T0 + 120_999);
    expect(d.inactConns).toBe(1);
    t.expire(T0 + 121_000);
    expect(d.inactConns).toBe(0);
    expect(t.connections()).toEqual([]);
  });

  it("expires an idle established connection after 900 s; traffic refreshes the timer", () => {
    const { t, svc } = setup(["10.244.1.1"]);
    const id = t.open(svc, svc.dests[0], { ip: "10.0.0.9", port: 40000 }, T0);
    t.transfer(id, 100, 100, T0 + 800_000);
    t.expire(T0 + 900_000);
    expect(svc.dests[0].activeConns).toBe(1);
    t.expire(T0 + 1_700_000);
    expect(svc.dests[0].activeConns).toBe(0);
  });

  it("counts UDP connections in InActConn, ignores close(), and expires them 300 s after the last datagram", () => {
    const { t, svc } = setup(["10.244.1.1"], { protocol: "UDP", port: 53 });
    const d = svc.dests[0];
    const id = t.open(svc, d, { ip: "10.0.0.9", port: 53000 }, T0);
    t.transfer(id, 40, 120, T0 + 10_000);
    t.close(id, T0 + 10_000);
    expect([d.activeConns, d.inactConns]).toEqual([0, 1]);
    expect(t.connections()).toMatchObject([{ protocol: "UDP", state: "UDP", expiresMs: T0 + 310_000 }]);
    t.expire(T0 + 310_000);
    expect(d.inactConns).toBe(0);
  });

  it("counts connections, packets and bytes on the service and on the destination", () => {
    const { t, svc } = setup(["10.244.1.1"]);
    const id = t.open(svc, svc.dests[0], { ip: "10.0.0.9", port: 40000 }, T0); // SYN, ACK in; SYN-ACK out
    t.transfer(id, 100, 1000, T0); // one segment each way, each acknowledged
    t.close(id, T0); // FIN, ACK in; FIN-ACK out
    const want = { conns: 1, inPkts: 6, outPkts: 4, inBytes: 60 + 52 + 100 + 2 * 52 + 2 * 52, outBytes: 60 + 1000 + 2 * 52 + 52 };
    expect(counters(svc.stats)).toEqual(want);
    expect(counters(svc.dests[0].stats)).toEqual(want);
  });

  it("answers no destination available for a service without destinations", () => {
    const { t, svc } = setup([]);
    expect(t.schedule(svc, "10.0.0.9", T0)).toEqual({ error: "no destination available" });
  });

  it("refuses a service object that belongs to another table", () => {
    const { svc } = setup(["10.244.1.1"]);
    expect(() => new IpvsTable().schedule(svc, "10.0.0.9", T0)).toThrow(/not a service of this table/);
  });
});

describe("persistence (ClientIP session affinity)", () => {
  const dests = ["10.244.1.1", "10.244.1.2", "10.244.1.3"];

  it("pins a client to one real server where rr alone would rotate, through a template listed as NONE", () => {
    const { t, svc } = setup(dests, { persistent: 10800 });
    const first = pick(t, svc, "10.0.0.7", T0);
    for (let i = 1; i <= 5; i++) expect(pick(t, svc, "10.0.0.7", T0 + i * 1000)).toBe(first);
    expect(pick(t, svc, "10.0.0.8", T0 + 6000)).not.toBe(first);
    expect(first.persistConns).toBe(1);
    expect(t.connections()[0]).toMatchObject({ template: true, state: "NONE", expiresMs: T0 + 5000 + 10_800_000, client: { ip: "10.0.0.7", port: 0 }, virtual: { port: 80 }, destination: { ip: first.address, port: 8080 } });
  });

  it("lets an unused template expire after its timeout, then schedules the client afresh", () => {
    const { t, svc } = setup(dests, { persistent: 60 });
    expect(pick(t, svc, "10.0.0.7", T0).address).toBe("10.244.1.3");
    expect(pick(t, svc, "10.0.0.8", T0).address).toBe("10.244.1.2");
    expect(pick(t, svc, "10.0.0.7", T0 + 59_999).address).toBe("10.244.1.3");
    // Each use restarts the 60 s timer: still pinned just before it runs out…
    expect(pick(t, svc, "10.0.0.7", T0 + 119_998).address).toBe("10.244.1.3");
    // …then, 60 s after the last use, the template is gone and rr moves on.
    expect(pick(t, svc, "10.0.0.7", T0 + 180_000).address).toBe("10.244.1.1");
    expect(dest(svc, "10.244.1.3").persistConns).toBe(0);
  });

  it("keeps a template that still controls a connection, re-arming it for 60 s at a time", () => {
    const { t, svc } = setup(dests, { persistent: 30 });
    const d = pick(t, svc, "10.0.0.7", T0);
    const id = t.open(svc, d, { ip: "10.0.0.7", port: 40000 }, T0);
    t.close(id, T0 + 10_000); // TIME_WAIT until T0 + 130 s
    const template = () => t.connections().find((c) => c.template);
    t.expire(T0 + 30_000); // due, but it controls the connection
    expect(template()?.expiresMs).toBe(T0 + 90_000);
    t.expire(T0 + 90_000); // the connection is still in TIME_WAIT
    expect(template()?.expiresMs).toBe(T0 + 150_000);
    t.expire(T0 + 149_999); // the connection left at +130 s
    expect(template()).toBeDefined();
    t.expire(T0 + 150_000);
    expect(template()).toBeUndefined();
    expect(d.persistConns).toBe(0);
  });

  it("drops the template of a quiesced server (expire_quiescent_template) and picks another one", () => {
    const { t, svc } = setup(["10.244.1.1", "10.244.1.2"], { persistent: 10800 });
    const first = pick(t, svc, "10.0.0.7", T0);
    t.open(svc, first, { ip: "10.0.0.7", port: 40000 }, T0);
    t.sync([spec(dests.filter((a) => a !== first.address).slice(0, 1), { persistent: 10800 })], T0 + 1000);
    expect(first.weight).toBe(0);
    const second = pick(t, svc, "10.0.0.7", T0 + 2000);
    expect(second).not.toBe(first);
    // The old template is rehashed with ports 65535: it never matches again and runs out.
    expect(t.connections().filter((c) => c.template).map((c) => `${c.virtual.port} ${c.destination.ip}:${c.destination.port}`)).toEqual([`65535 ${first.address}:65535`, `80 ${second.address}:8080`]);
  });
});

describe("rate estimates (the kernel's 2 s EWMA)", () => {
  it("settles on 10 connections per second under a steady 10/s load, and decays to 0 when it stops", () => {
    const { t, svc } = setup(["10.244.1.1"]);
    for (let k = 0; k < 600; k++) t.open(svc, svc.dests[0], { ip: "10.0.0.9", port: 10000 + k }, T0 + k * 100);
    expect(t.rates(svc, T0 + 60_000)).toEqual({ cps: 10, inPps: 20, outPps: 10, inBps: 1120, outBps: 600 });
    expect(t.rates(svc.dests[0], T0 + 60_000).cps).toBe(10);
    expect(t.rates(svc, T0 + 600_000)).toEqual({ cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 });
  });

  it("zeroes counters and estimates on ipvsadm -Z", () => {
    const { t, svc } = setup(["10.244.1.1"]);
    t.open(svc, svc.dests[0], { ip: "10.0.0.9", port: 1 }, T0);
    t.zero(undefined, T0 + 2000);
    expect(counters(svc.stats)).toEqual({ conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 });
    expect(t.rates(svc, T0 + 4000).cps).toBe(0);
  });
});

/**
 * A fixed workload: a new connection every 10 ms from one client; a connection is held
 * `holdMs` (10× longer on the slow server), then closed (TIME_WAIT for 120 s).
 */
function simulate(scheduler: string, n: number, slow: string): Map<string, number> {
  const addrs = ["10.244.1.1", "10.244.1.2", "10.244.1.3", "10.244.1.4"];
  const { t, svc } = setup(addrs, { scheduler });
  const count = new Map(addrs.map((a) => [a, 0]));
  const closes: [number, number][] = []; // (time, id), kept in time order
  for (let i = 0; i < n; i++) {
    const now = T0 + i * 10;
    while (closes.length && closes[0][0] <= now) {
      const [at, id] = closes.shift()!;
      t.close(id, at);
    }
    const d = pick(t, svc, "10.0.0.9", now);
    count.set(d.address, count.get(d.address)! + 1);
    const id = t.open(svc, d, { ip: "10.0.0.9", port: 1024 + (i % 60000) }, now);
    const end = now + (d.address === slow ? 2000 : 200);
    let j = closes.length;
    while (j > 0 && closes[j - 1][0] > end) j--;
    closes.splice(j, 0, [end, id]);
  }
  return count;
}

describe("load spreading over many connections (fixed inputs)", () => {
  it("rr spreads 8,000 connections exactly evenly over 4 servers, slow or not", () => {
    expect([...simulate("rr", 8000, "10.244.1.4").values()]).toEqual([2000, 2000, 2000, 2000]);
  });

  it("lc gives a server that holds connections 10× longer clearly fewer new ones than rr's even share (tolerance: below 60% of it)", () => {
    const count = simulate("lc", 8000, "10.244.1.4");
    expect(count.get("10.244.1.4")!).toBeLessThan(0.6 * 2000);
    expect([...count.values()].reduce((a, b) => a + b, 0)).toBe(8000);
  });
});
