import { describe, expect, it } from "vitest";
import { xtTable } from "./iptables-save";
import { hasChain, printNum, renderIptablesList, renderIptablesRules } from "./iptables-list";
import { BUILTIN_CHAINS, MASQ_MARK, type Match, type Rule, type RuleCounters, type RuleSet, type Table } from "./rules";

const comment = (c: string): Match => ({ kind: "comment", comment: c });
const jump = (chain: string): Rule["target"] => ({ kind: "jump", chain });

function table(name: "nat" | "filter", rules: [string, Rule[]][]): Table {
  const map = new Map(rules);
  const chains = [...map.keys()].filter((c) => !BUILTIN_CHAINS[name].includes(c)).sort();
  return { name, builtins: BUILTIN_CHAINS[name], chains, rules: map };
}

const SVC = "KUBE-SVC-NPX46M4PTMTKRN6Y";
const SEP = "KUBE-SEP-VPILYQBSPPXYB66K";
const HTTPS = "default/kubernetes:https";

function ruleSet(): RuleSet {
  const nat = table("nat", [
    ["PREROUTING", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    ["OUTPUT", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    ["POSTROUTING", [{ matches: [comment("kubernetes postrouting rules")], target: jump("KUBE-POSTROUTING") }]],
    ["KUBE-MARK-MASQ", [{ matches: [], target: { kind: "MARK", op: "or", value: MASQ_MARK } }]],
    [
      "KUBE-POSTROUTING",
      [
        { matches: [{ kind: "mark", mark: MASQ_MARK, mask: MASQ_MARK, negate: true }], target: { kind: "RETURN" } },
        { matches: [], target: { kind: "MARK", op: "xor", value: MASQ_MARK } },
        { matches: [comment("kubernetes service traffic requiring SNAT")], target: { kind: "MASQUERADE", randomFully: true } },
      ],
    ],
    [
      "KUBE-SERVICES",
      [
        { destination: { cidr: "10.96.0.1/32" }, protocol: "tcp", matches: [comment(`${HTTPS} cluster IP`), { kind: "proto", protocol: "tcp", dport: 443 }], target: jump(SVC) },
        {
          matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), { kind: "addrtype", dstType: "LOCAL" }],
          target: jump("KUBE-NODEPORTS"),
        },
      ],
    ],
    ["KUBE-NODEPORTS", []],
    [
      SVC,
      [
        {
          source: { cidr: "192.168.0.0/16", negate: true },
          destination: { cidr: "10.96.0.1/32" },
          protocol: "tcp",
          matches: [comment(`${HTTPS} cluster IP`), { kind: "proto", protocol: "tcp", dport: 443 }],
          target: jump("KUBE-MARK-MASQ"),
        },
        { matches: [comment(`${HTTPS} -> 172.30.1.2:6443`), { kind: "statistic", probability: 1 / 3 }], target: jump(SEP) },
      ],
    ],
    [
      SEP,
      [
        { source: { cidr: "172.30.1.2/32" }, matches: [comment(HTTPS)], target: jump("KUBE-MARK-MASQ") },
        { protocol: "tcp", matches: [comment(HTTPS), { kind: "proto", protocol: "tcp" }], target: { kind: "DNAT", toDestination: "172.30.1.2:6443" } },
      ],
    ],
  ]);
  const filter = table("filter", [
    ["INPUT", [{ matches: [], target: jump("KUBE-FIREWALL") }]],
    ["FORWARD", [{ matches: [comment("kubernetes forwarding rules")], target: jump("KUBE-FORWARD") }]],
    ["OUTPUT", [{ matches: [{ kind: "conntrack", ctstate: ["NEW"] }, comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    [
      "KUBE-FIREWALL",
      [
        {
          source: { cidr: "127.0.0.0/8", negate: true },
          destination: { cidr: "127.0.0.0/8" },
          matches: [comment("block incoming localnet connections"), { kind: "conntrack", ctstate: ["RELATED", "ESTABLISHED", "DNAT"], negate: true }],
          target: { kind: "DROP" },
        },
      ],
    ],
    ["KUBE-FORWARD", []],
    [
      "KUBE-SERVICES",
      [
        {
          destination: { cidr: "10.96.0.10/32" },
          protocol: "udp",
          matches: [comment("kube-system/kube-dns:dns has no endpoints"), { kind: "proto", protocol: "udp", dport: 53 }],
          target: { kind: "REJECT" },
        },
      ],
    ],
  ]);
  return { nat, filter };
}

const nat = () => xtTable(ruleSet(), "nat");

describe("iptables -L", () => {
  it("lists a chain with names: anywhere, hosts without /32, ports as services, the match text", () => {
    expect(renderIptablesList(nat(), { chain: SVC })).toBe(
      [
        `Chain ${SVC} (1 references)`,
        "target     prot opt source               destination         ",
        `KUBE-MARK-MASQ  tcp  -- !192.168.0.0/16       10.96.0.1            /* ${HTTPS} cluster IP */ tcp dpt:https`,
        `${SEP}  all  --  anywhere             anywhere             /* ${HTTPS} -> 172.30.1.2:6443 */ statistic mode random probability 0.33333333349`,
        "",
      ].join("\n"),
    );
  });

  it("with -n prints 0.0.0.0/0 and port numbers", () => {
    const out = renderIptablesList(nat(), { chain: "KUBE-SERVICES", numeric: true });
    expect(out).toBe(
      [
        "Chain KUBE-SERVICES (2 references)",
        "target     prot opt source               destination         ",
        `${SVC}  tcp  --  0.0.0.0/0            10.96.0.1            /* ${HTTPS} cluster IP */ tcp dpt:443`,
        "KUBE-NODEPORTS  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL",
        "",
      ].join("\n"),
    );
  });

  it("prints targets as their extensions do (MARK or/xor, DNAT to:, MASQUERADE random-fully)", () => {
    const out = renderIptablesList(nat(), { numeric: true });
    expect(out).toContain("Chain KUBE-MARK-MASQ (2 references)\ntarget     prot opt source               destination         \nMARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK or 0x4000\n");
    expect(out).toContain("RETURN     all  --  0.0.0.0/0            0.0.0.0/0            mark match ! 0x4000/0x4000\n");
    expect(out).toContain("MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK xor 0x4000\n");
    expect(out).toContain("MASQUERADE  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service traffic requiring SNAT */ random-fully\n");
    expect(out).toContain(`DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            /* ${HTTPS} */ tcp to:172.30.1.2:6443\n`);
    expect(out).toContain(`KUBE-MARK-MASQ  all  --  172.30.1.2           0.0.0.0/0            /* ${HTTPS} */\n`);
  });

  it("lists every chain, base chains first with their policy, a blank line between chains", () => {
    const out = renderIptablesList(nat(), {});
    const headers = out.split("\n").filter((l) => l.startsWith("Chain "));
    expect(headers).toEqual([
      "Chain PREROUTING (policy ACCEPT)",
      "Chain INPUT (policy ACCEPT)",
      "Chain OUTPUT (policy ACCEPT)",
      "Chain POSTROUTING (policy ACCEPT)",
      "Chain KUBE-MARK-MASQ (2 references)",
      "Chain KUBE-NODEPORTS (1 references)",
      "Chain KUBE-POSTROUTING (1 references)",
      `Chain ${SEP} (1 references)`,
      "Chain KUBE-SERVICES (2 references)",
      `Chain ${SVC} (1 references)`,
    ]);
    expect(out.startsWith("Chain PREROUTING (policy ACCEPT)\ntarget     prot opt source               destination         \nKUBE-SERVICES  all  --  anywhere             anywhere             /* kubernetes service portals */\n\nChain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain OUTPUT")).toBe(true);
    expect(out.endsWith("\n\n")).toBe(false);
  });

  it("with -v shows counters (K/M/G unless -x) and the in/out columns", () => {
    const counters: RuleCounters = {
      get: (_t, chain, i) => (chain === "PREROUTING" && i === 0 ? { packets: 123456, bytes: 98765432 } : { packets: 10, bytes: 600 }),
      policy: (_t, chain) => (chain === "PREROUTING" ? { packets: 2446, bytes: 535000 } : { packets: 0, bytes: 0 }),
    };
    expect(renderIptablesList(nat(), { chain: "PREROUTING", verbose: true, counters })).toBe(
      [
        "Chain PREROUTING (policy ACCEPT 2446 packets, 535K bytes)",
        " pkts bytes target     prot opt in     out     source               destination         ",
        " 123K   99M KUBE-SERVICES  all  --  any    any     anywhere             anywhere             /* kubernetes service portals */",
        "",
      ].join("\n"),
    );
    expect(renderIptablesList(nat(), { chain: "PREROUTING", verbose: true, exact: true, numeric: true, counters })).toBe(
      [
        "Chain PREROUTING (policy ACCEPT 2446 packets, 535000 bytes)",
        "    pkts      bytes target     prot opt in     out     source               destination         ",
        "  123456 98765432 KUBE-SERVICES  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */",
        "",
      ].join("\n"),
    );
    expect(renderIptablesList(nat(), { chain: "KUBE-NODEPORTS", verbose: true, counters })).toBe(
      "Chain KUBE-NODEPORTS (1 references)\n pkts bytes target     prot opt in     out     source               destination         \n",
    );
  });

  it("with --line-numbers adds a num column", () => {
    expect(renderIptablesList(nat(), { chain: "KUBE-POSTROUTING", lineNumbers: true, numeric: true })).toBe(
      [
        "Chain KUBE-POSTROUTING (1 references)",
        "num  target     prot opt source               destination         ",
        "1    RETURN     all  --  0.0.0.0/0            0.0.0.0/0            mark match ! 0x4000/0x4000",
        "2    MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK xor 0x4000",
        "3    MASQUERADE  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service traffic requiring SNAT */ random-fully",
        "",
      ].join("\n"),
    );
  });

  it("-L CHAIN N prints that rule alone", () => {
    expect(renderIptablesList(nat(), { chain: "KUBE-POSTROUTING", rulenum: 2, numeric: true })).toBe(
      "MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK xor 0x4000\n",
    );
    expect(renderIptablesList(nat(), { chain: "KUBE-POSTROUTING", rulenum: 9 })).toBe("");
  });

  it("prints the filter table's negations, conntrack states, REJECT and /etc/networks names", () => {
    const filter = xtTable(ruleSet(), "filter");
    const out = renderIptablesList(filter, {});
    expect(out).toContain(
      "DROP       all  -- !loopback/8           loopback/8           /* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT\n",
    );
    expect(out).toContain("KUBE-SERVICES  all  --  anywhere             anywhere             ctstate NEW /* kubernetes service portals */\n");
    expect(out).toContain(
      "REJECT     udp  --  anywhere             10.96.0.10           /* kube-system/kube-dns:dns has no endpoints */ udp dpt:domain reject-with icmp-port-unreachable\n",
    );
    expect(renderIptablesList(filter, { numeric: true })).toContain("DROP       all  -- !127.0.0.0/8          127.0.0.0/8          /* block");
    expect(out).toContain("Chain KUBE-FIREWALL (1 references)\n");
    expect(out).toContain("Chain KUBE-FORWARD (1 references)\n");
  });

  it("knows which chains a table has", () => {
    expect(hasChain(nat(), "PREROUTING")).toBe(true);
    expect(hasChain(nat(), SVC)).toBe(true);
    expect(hasChain(nat(), "FORWARD")).toBe(false);
    expect(hasChain(xtTable(ruleSet(), "raw"), "PREROUTING")).toBe(true);
  });
});

describe("iptables -S", () => {
  it("prints policies and chains first, then the rules in save form", () => {
    const out = renderIptablesRules(xtTable(ruleSet(), "filter"), {});
    expect(out.split("\n").slice(0, 7)).toEqual([
      "-P INPUT ACCEPT",
      "-P FORWARD ACCEPT",
      "-P OUTPUT ACCEPT",
      "-N KUBE-FIREWALL",
      "-N KUBE-FORWARD",
      "-N KUBE-SERVICES",
      "-A INPUT -j KUBE-FIREWALL",
    ]);
    expect(out).toContain('-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
  });

  it("for one chain prints -N (or -P) and its rules; -v adds -c counters", () => {
    expect(renderIptablesRules(nat(), { chain: "KUBE-MARK-MASQ" })).toBe("-N KUBE-MARK-MASQ\n-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n");
    const counters: RuleCounters = { get: () => ({ packets: 5, bytes: 300 }), policy: () => ({ packets: 1, bytes: 60 }) };
    expect(renderIptablesRules(nat(), { chain: "OUTPUT", verbose: true, counters })).toBe(
      '-P OUTPUT ACCEPT -c 1 60\n-A OUTPUT -m comment --comment "kubernetes service portals" -c 5 300 -j KUBE-SERVICES\n',
    );
    expect(renderIptablesRules(nat(), { chain: "KUBE-POSTROUTING", rulenum: 3 })).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully\n',
    );
  });
});

describe("xtables_print_num", () => {
  it("rounds to K, M, G above 99999 and pads like %5llu", () => {
    expect(printNum(0, false)).toBe("    0 ");
    expect(printNum(99999, false)).toBe("99999 ");
    expect(printNum(100000, false)).toBe(" 100K ");
    expect(printNum(9999499, false)).toBe("9999K ");
    expect(printNum(9999500, false)).toBe("  10M ");
    expect(printNum(12345678901, false)).toBe("  12G ");
    expect(printNum(12345678901, true)).toBe("12345678901 ");
    expect(printNum(42, true)).toBe("      42 ");
  });
});
