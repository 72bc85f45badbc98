import { describe, expect, it } from "vitest";
import { cFixed, ctime, kernelProbability, renderIptablesSave, ruleSpec, saveString } from "./iptables-save";
import { BUILTIN_CHAINS, MASQ_MARK, type Match, type Rule, type RuleCounters, type RuleSet, type Table } from "./rules";

const comment = (c: string): Match => ({ kind: "comment", comment: c });
const jump = (chain: string): Rule["target"] => ({ kind: "jump", chain });

function table(name: "nat" | "filter", rules: [string, Rule[]][]): Table {
  const map = new Map(rules);
  const chains = [...map.keys()].filter((c) => !BUILTIN_CHAINS[name].includes(c)).sort();
  return { name, builtins: BUILTIN_CHAINS[name], chains, rules: map };
}

/** The reference's §4.8 cluster: default/my-service, ClusterIP 10.104.7.21, two endpoints. */
function workedExample(): RuleSet {
  const spn = "default/my-service";
  const svc = "KUBE-SVC-FXIYY6OHUSNBITIX";
  const sep1 = "KUBE-SEP-BT6DGRL2M2MVIJW6";
  const sep2 = "KUBE-SEP-KPYPJCJZ2B2PZ4Z2";
  const sep = (ip: string): Rule[] => [
    { source: { cidr: `${ip}/32` }, matches: [comment(spn)], target: jump("KUBE-MARK-MASQ") },
    { protocol: "tcp", matches: [comment(spn), { kind: "proto", protocol: "tcp" }], target: { kind: "DNAT", toDestination: `${ip}:80` } },
  ];
  const nat = table("nat", [
    ["PREROUTING", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    ["INPUT", []],
    ["OUTPUT", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    ["POSTROUTING", [{ matches: [comment("kubernetes postrouting rules")], target: jump("KUBE-POSTROUTING") }]],
    ["KUBE-MARK-MASQ", [{ matches: [], target: { kind: "MARK", op: "or", value: MASQ_MARK } }]],
    ["KUBE-NODEPORTS", []],
    [
      "KUBE-POSTROUTING",
      [
        { matches: [{ kind: "mark", mark: MASQ_MARK, mask: MASQ_MARK, negate: true }], target: { kind: "RETURN" } },
        { matches: [], target: { kind: "MARK", op: "xor", value: MASQ_MARK } },
        { matches: [comment("kubernetes service traffic requiring SNAT")], target: { kind: "MASQUERADE", randomFully: true } },
      ],
    ],
    [sep1, sep("192.168.1.10")],
    [sep2, sep("192.168.2.11")],
    [
      "KUBE-SERVICES",
      [
        // kube-proxy's argument order (-m comment … -m tcp -p tcp -d IP --dport 80): the saver reorders.
        { destination: { cidr: "10.104.7.21/32" }, protocol: "tcp", matches: [comment(`${spn} cluster IP`), { kind: "proto", protocol: "tcp", dport: 80 }], target: jump(svc) },
        {
          matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), { kind: "addrtype", dstType: "LOCAL" }],
          target: jump("KUBE-NODEPORTS"),
        },
      ],
    ],
    [
      svc,
      [
        {
          source: { cidr: "192.168.0.0/16", negate: true },
          destination: { cidr: "10.104.7.21/32" },
          protocol: "tcp",
          matches: [comment(`${spn} cluster IP`), { kind: "proto", protocol: "tcp", dport: 80 }],
          target: jump("KUBE-MARK-MASQ"),
        },
        { matches: [comment(`${spn} -> 192.168.1.10:80`), { kind: "statistic", probability: 1 / 2 }], target: jump(sep1) },
        { matches: [comment(`${spn} -> 192.168.2.11:80`)], target: jump(sep2) },
      ],
    ],
  ]);
  return { nat, filter: table("filter", [["INPUT", []], ["FORWARD", []], ["OUTPUT", []]]) };
}

// 2025-05-12 09:05:00 UTC, a Monday.
const NOW = Date.UTC(2025, 4, 12, 9, 5, 0);

const WORKED_EXAMPLE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-BT6DGRL2M2MVIJW6 - [0:0]
:KUBE-SEP-KPYPJCJZ2B2PZ4Z2 - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-FXIYY6OHUSNBITIX - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-BT6DGRL2M2MVIJW6 -s 192.168.1.10/32 -m comment --comment "default/my-service" -j KUBE-MARK-MASQ
-A KUBE-SEP-BT6DGRL2M2MVIJW6 -p tcp -m comment --comment "default/my-service" -m tcp -j DNAT --to-destination 192.168.1.10:80
-A KUBE-SEP-KPYPJCJZ2B2PZ4Z2 -s 192.168.2.11/32 -m comment --comment "default/my-service" -j KUBE-MARK-MASQ
-A KUBE-SEP-KPYPJCJZ2B2PZ4Z2 -p tcp -m comment --comment "default/my-service" -m tcp -j DNAT --to-destination 192.168.2.11:80
-A KUBE-SERVICES -d 10.104.7.21/32 -p tcp -m comment --comment "default/my-service cluster IP" -m tcp --dport 80 -j KUBE-SVC-FXIYY6OHUSNBITIX
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-FXIYY6OHUSNBITIX ! -s 192.168.0.0/16 -d 10.104.7.21/32 -p tcp -m comment --comment "default/my-service cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-FXIYY6OHUSNBITIX -m comment --comment "default/my-service -> 192.168.1.10:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-BT6DGRL2M2MVIJW6
-A KUBE-SVC-FXIYY6OHUSNBITIX -m comment --comment "default/my-service -> 192.168.2.11:80" -j KUBE-SEP-KPYPJCJZ2B2PZ4Z2
COMMIT
`;

describe("iptables-save", () => {
  it("prints the reference's §4.8 worked example byte for byte, between its comment lines", () => {
    const out = renderIptablesSave(workedExample(), { table: "nat", nowMs: NOW });
    expect(out).toBe(
      "# Generated by iptables-save v1.8.9 (nf_tables) on Mon May 12 09:05:00 2025\n" + WORKED_EXAMPLE + "# Completed on Mon May 12 09:05:00 2025\n",
    );
  });

  it("without -t dumps the tables that exist in iptables-nft's order: mangle, filter, nat", () => {
    const out = renderIptablesSave(workedExample(), { nowMs: NOW });
    const tables = out.split("\n").filter((l) => l.startsWith("*"));
    expect(tables).toEqual(["*mangle", "*filter", "*nat"]);
    expect(out).toContain(
      [
        "*mangle",
        ":PREROUTING ACCEPT [0:0]",
        ":INPUT ACCEPT [0:0]",
        ":FORWARD ACCEPT [0:0]",
        ":OUTPUT ACCEPT [0:0]",
        ":POSTROUTING ACCEPT [0:0]",
        ":KUBE-IPTABLES-HINT - [0:0]",
        ":KUBE-KUBELET-CANARY - [0:0]",
        ":KUBE-PROXY-CANARY - [0:0]",
        "COMMIT",
      ].join("\n"),
    );
    expect(out.match(/^# Generated by/gm)).toHaveLength(3);
    expect(out.match(/^COMMIT$/gm)).toHaveLength(3);
  });

  it("-t raw prints an empty table with its base chains (iptables fakes them)", () => {
    const out = renderIptablesSave(workedExample(), { table: "raw", nowMs: NOW });
    expect(out.split("\n").slice(1, 5)).toEqual(["*raw", ":PREROUTING ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", "COMMIT"]);
  });

  it("-c prefixes every rule with [packets:bytes]; chain lines always carry the policy counters", () => {
    const counters: RuleCounters = {
      get: (t, chain, i) => (t === "nat" && chain === "KUBE-SERVICES" && i === 0 ? { packets: 7, bytes: 420 } : { packets: 0, bytes: 0 }),
      policy: (t, chain) => (t === "nat" && chain === "OUTPUT" ? { packets: 3, bytes: 180 } : { packets: 0, bytes: 0 }),
    };
    const plain = renderIptablesSave(workedExample(), { table: "nat", nowMs: NOW, counters, showCounters: false });
    expect(plain).toContain(":OUTPUT ACCEPT [3:180]\n");
    expect(plain).not.toContain("[7:420]");
    const withC = renderIptablesSave(workedExample(), { table: "nat", nowMs: NOW, counters });
    expect(withC).toContain("\n[7:420] -A KUBE-SERVICES -d 10.104.7.21/32 -p tcp");
    expect(withC).toContain("\n[0:0] -A PREROUTING -m comment");
  });
});

describe("iptables-save normalisation", () => {
  it("prints the statistic probability the kernel stored, not kube-proxy's text", () => {
    expect(kernelProbability(1 / 2)).toBe("0.50000000000");
    expect(kernelProbability(1 / 3)).toBe("0.33333333349");
    expect(kernelProbability(1 / 4)).toBe("0.25000000000");
    expect(kernelProbability(1 / 5)).toBe("0.20000000019");
    expect(kernelProbability(1 / 6)).toBe("0.16666666651");
    expect(kernelProbability(1 / 7)).toBe("0.14285714272");
  });

  it("rounds like printf: exact binary value, ties to even", () => {
    expect(cFixed(0.125, 2)).toBe("0.12");
    expect(cFixed(0.375, 2)).toBe("0.38");
    expect(cFixed(1 / 3, 10)).toBe("0.3333333333");
    expect(cFixed(1, 11)).toBe("1.00000000000");
    expect(cFixed(0, 3)).toBe("0.000");
  });

  it("quotes comments unless they are only [A-Za-z0-9_-], escaping quote, backslash and apostrophe", () => {
    expect(saveString("KUBE-SEP_1")).toBe(" KUBE-SEP_1");
    expect(saveString("default/my-service")).toBe(' "default/my-service"');
    expect(saveString("a b")).toBe(' "a b"');
    expect(saveString("")).toBe(' ""');
    expect(saveString('say "hi" \\ it\'s')).toBe(' "say \\"hi\\" \\\\ it\\\'s"');
  });

  it("masks addresses as the kernel stores them and drops an un-negated 0.0.0.0/0", () => {
    expect(ruleSpec({ source: { cidr: "192.168.7.9/16" }, destination: { cidr: "0.0.0.0/0" }, matches: [], target: { kind: "ACCEPT" } })).toBe(
      " -s 192.168.0.0/16 -j ACCEPT",
    );
    expect(ruleSpec({ destination: { cidr: "10.96.0.1" }, matches: [], target: { kind: "DROP" } })).toBe(" -d 10.96.0.1/32 -j DROP");
  });

  it("prints recent, conntrack, addrtype, set, REJECT and udp the way their extensions save them", () => {
    const rcheck: Rule = {
      matches: [comment("default/web -> 192.168.1.10:80"), { kind: "recent", mode: "rcheck", name: "KUBE-SEP-X", seconds: 10800, reap: true }],
      target: jump("KUBE-SEP-X"),
    };
    expect(ruleSpec(rcheck)).toBe(
      ' -m comment --comment "default/web -> 192.168.1.10:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-X --mask 255.255.255.255 --rsource -j KUBE-SEP-X',
    );
    const set: Rule = { protocol: "tcp", matches: [{ kind: "recent", mode: "set", name: "KUBE-SEP-X" }, { kind: "proto", protocol: "tcp" }], target: { kind: "DNAT", toDestination: "192.168.1.10:80" } };
    expect(ruleSpec(set)).toBe(" -p tcp -m recent --set --name KUBE-SEP-X --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 192.168.1.10:80");
    const firewall: Rule = {
      source: { cidr: "127.0.0.0/8", negate: true },
      destination: { cidr: "127.0.0.0/8" },
      matches: [comment("block incoming localnet connections"), { kind: "conntrack", ctstate: ["ESTABLISHED", "DNAT", "RELATED"], negate: true }],
      target: { kind: "DROP" },
    };
    expect(ruleSpec(firewall)).toBe(
      ' ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    );
    const reject: Rule = {
      destination: { cidr: "10.96.0.10/32" },
      protocol: "udp",
      matches: [comment("kube-system/kube-dns:dns has no endpoints"), { kind: "proto", protocol: "udp", dport: 53 }],
      target: { kind: "REJECT" },
    };
    expect(ruleSpec(reject)).toBe(
      ' -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns has no endpoints" -m udp --dport 53 -j REJECT --reject-with icmp-port-unreachable',
    );
    expect(ruleSpec({ matches: [{ kind: "addrtype", srcType: "LOCAL" }], target: jump("KUBE-MARK-MASQ") })).toBe(" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ");
    expect(ruleSpec({ matches: [{ kind: "addrtype", dstType: "LOCAL", negate: true }], target: { kind: "RETURN" } })).toBe(" -m addrtype ! --dst-type LOCAL -j RETURN");
    expect(ruleSpec({ matches: [{ kind: "set", name: "KUBE-CLUSTER-IP", flags: "dst,dst" }], target: { kind: "ACCEPT" } })).toBe(
      " -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT",
    );
    expect(ruleSpec({ matches: [{ kind: "conntrack", ctstate: ["NEW"] }], target: { kind: "MASQUERADE" } })).toBe(" -m conntrack --ctstate NEW -j MASQUERADE");
  });
});

describe("ctime", () => {
  it("formats like C's ctime in UTC, with a space-padded day of month", () => {
    expect(ctime(NOW)).toBe("Mon May 12 09:05:00 2025");
    expect(ctime(Date.UTC(2025, 4, 2, 23, 59, 59))).toBe("Fri May  2 23:59:59 2025");
    expect(ctime(0)).toBe("Thu Jan  1 00:00:00 1970");
    expect(ctime(Date.UTC(2024, 1, 29, 12, 0, 0))).toBe("Thu Feb 29 12:00:00 2024");
    expect(ctime(Date.UTC(2000, 11, 31, 1, 2, 3, 999))).toBe("Sun Dec 31 01:02:03 2000");
  });
});
