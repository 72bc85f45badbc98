import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  cidrContains,
  cidrsOverlap,
  compareIPs,
  compareIPStrings,
  formatCidr,
  formatIPv4,
  indexedIP,
  mustParseCidr,
  parseCidr,
  parseIPv4,
  sortIPStrings,
} from "./cidr";

describe("parseIPv4 / formatIPv4", () => {
  it("reads dotted quads as unsigned 32-bit numbers", () => {
    expect(parseIPv4("0.0.0.0")).toBe(0);
    expect(parseIPv4("10.96.0.1")).toBe(0x0a600001);
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
    expect(parseIPv4("192.168.140.64")).toBe(0xc0a88c40);
  });

  it("rejects malformed input, IPv6 and leading zeros like Go's netip", () => {
    for (const s of ["", "10.0.0", "10.0.0.0.1", "256.0.0.1", "10.0.0.-1", "a.b.c.d", "010.0.0.1", "10.0.0.01", " 10.0.0.1", "::1", "10..0.1"]) {
      expect(parseIPv4(s), s).toBeNull();
    }
  });

  it("round-trips every address", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseIPv4(formatIPv4(n)) === n));
  });
});

describe("parseCidr", () => {
  it("describes the kubeadm service range", () => {
    const r = parseCidr("10.96.0.0/12");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ network: 0x0a600000, prefix: 12, size: 1048576, mask: 0xfff00000 });
    expect(formatIPv4(r.value.first)).toBe("10.96.0.0");
    expect(formatIPv4(r.value.last)).toBe("10.111.255.255");
  });

  it("masks host bits the way Go's net.ParseCIDR does", () => {
    expect(formatCidr(mustParseCidr("10.96.0.5/12"))).toBe("10.96.0.0/12");
    expect(formatCidr(mustParseCidr("192.168.140.77/26"))).toBe("192.168.140.64/26");
  });

  it("handles /0 and /32", () => {
    const all = mustParseCidr("1.2.3.4/0");
    expect(all.size).toBe(2 ** 32);
    expect(formatIPv4(all.last)).toBe("255.255.255.255");
    const one = mustParseCidr("1.2.3.4/32");
    expect(one.size).toBe(1);
    expect(one.first).toBe(one.last);
  });

  it("reports Go's ParseError text for malformed input", () => {
    for (const s of ["10.96.0.0", "10.96.0.0/33", "10.96.0.0/", "10.96.0/12", "10.96.0.0/1a", "fd00::/108", "10.96.0.0/-1"]) {
      expect(parseCidr(s)).toEqual({ ok: false, error: `invalid CIDR address: ${s}` });
    }
  });
});

describe("cidr predicates", () => {
  const svc = mustParseCidr("10.96.0.0/12");
  const pods = mustParseCidr("192.168.0.0/16");

  it("cidrContains includes network and broadcast and nothing outside", () => {
    expect(cidrContains(svc, parseIPv4("10.96.0.0")!)).toBe(true);
    expect(cidrContains(svc, parseIPv4("10.111.255.255")!)).toBe(true);
    expect(cidrContains(svc, parseIPv4("10.112.0.0")!)).toBe(false);
    expect(cidrContains(svc, parseIPv4("10.95.255.255")!)).toBe(false);
  });

  it("cidrsOverlap", () => {
    expect(cidrsOverlap(svc, pods)).toBe(false);
    expect(cidrsOverlap(svc, mustParseCidr("10.100.0.0/16"))).toBe(true);
    expect(cidrsOverlap(mustParseCidr("10.0.0.0/8"), svc)).toBe(true);
    expect(cidrsOverlap(mustParseCidr("10.112.0.0/12"), svc)).toBe(false);
  });

  it("cidrsOverlap agrees with brute force on small blocks", () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 }));
    fc.assert(
      fc.property(arb, arb, ([a, pa], [b, pb]) => {
        const x = mustParseCidr(`10.0.0.${a}/${pa}`);
        const y = mustParseCidr(`10.0.0.${b}/${pb}`);
        let brute = false;
        for (let ip = x.first; ip <= x.last; ip++) if (cidrContains(y, ip)) brute = true;
        return cidrsOverlap(x, y) === brute;
      }),
    );
  });

  it("indexedIP is GetIndexedIP: 1 is the kubernetes Service, 10 is kube-dns", () => {
    expect(formatIPv4(indexedIP(svc, 1)!)).toBe("10.96.0.1");
    expect(formatIPv4(indexedIP(svc, 10)!)).toBe("10.96.0.10");
    expect(indexedIP(mustParseCidr("10.0.0.0/29"), 8)).toBeNull();
    expect(indexedIP(svc, -1)).toBeNull();
  });
});

describe("IP ordering", () => {
  it("compares numerically, not lexically", () => {
    expect(compareIPs(parseIPv4("10.0.0.9")!, parseIPv4("10.0.0.10")!)).toBeLessThan(0);
    expect(compareIPs(0xffffffff, 0)).toBeGreaterThan(0);
    expect(sortIPStrings(["10.0.0.10", "None", "10.0.0.9", "9.255.255.255"])).toEqual(["9.255.255.255", "10.0.0.9", "10.0.0.10", "None"]);
    expect(compareIPStrings("10.0.0.1", "10.0.0.1")).toBe(0);
  });
});
