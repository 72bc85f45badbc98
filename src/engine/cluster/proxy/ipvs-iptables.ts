/**
 * In IPVS mode kube-proxy still writes a few iptables rules (pkg/proxy/ipvs/proxier.go
 * `writeIptablesRules`): masquerade marks driven by ipset matches, and a filter that rejects new
 * connections to a VIP on a port no Service uses. The load balancing itself is IPVS's.
 */
import { BUILTIN_CHAINS, MASQ_MARK, type Match, type Rule, type RuleSet, type TableName } from "./rules";

const comment = (text: string): Match => ({ kind: "comment", comment: text });
const jump = (chain: string): Rule["target"] => ({ kind: "jump", chain });
const set = (name: string, flags: string): Match => ({ kind: "set", name, flags });

function table(name: TableName, entries: [string, Rule[]][]): RuleSet["nat"] {
  const rules = new Map(entries);
  for (const b of BUILTIN_CHAINS[name]) if (!rules.has(b)) rules.set(b, []);
  const chains = [...rules.keys()].filter((c) => !BUILTIN_CHAINS[name].includes(c)).sort();
  return { name, builtins: BUILTIN_CHAINS[name], chains, rules };
}

/** The IPVS-mode tables. `hasNodePorts`: the KUBE-NODE-PORT-TCP set is not empty. */
export function ipvsModeRules(clusterCidr: string, hasNodePorts: boolean): RuleSet {
  const nodePort: Rule[] = hasNodePorts
    ? [{ protocol: "tcp", matches: [comment("Kubernetes nodeport TCP port for masquerade purpose"), set("KUBE-NODE-PORT-TCP", "dst")], target: jump("KUBE-MARK-MASQ") }]
    : [];
  const nat = table("nat", [
    ["PREROUTING", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    ["OUTPUT", [{ matches: [comment("kubernetes service portals")], target: jump("KUBE-SERVICES") }]],
    ["POSTROUTING", [{ matches: [comment("kubernetes postrouting rules")], target: jump("KUBE-POSTROUTING") }]],
    ["KUBE-KUBELET-CANARY", []],
    ["KUBE-LOAD-BALANCER", [{ matches: [], target: jump("KUBE-MARK-MASQ") }]],
    ["KUBE-MARK-MASQ", [{ matches: [], target: { kind: "MARK", op: "or", value: MASQ_MARK } }]],
    ["KUBE-NODE-PORT", nodePort],
    [
      "KUBE-POSTROUTING",
      [
        { matches: [comment("Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"), set("KUBE-LOOP-BACK", "dst,dst,src")], target: { kind: "MASQUERADE" } },
        { matches: [{ kind: "mark", mark: MASQ_MARK, mask: MASQ_MARK, negate: true }], target: { kind: "RETURN" } },
        { matches: [], target: { kind: "MARK", op: "xor", value: MASQ_MARK } },
        { matches: [comment("kubernetes service traffic requiring SNAT")], target: { kind: "MASQUERADE", randomFully: true } },
      ],
    ],
    ["KUBE-PROXY-CANARY", []],
    [
      "KUBE-SERVICES",
      [
        { source: { cidr: clusterCidr, negate: true }, matches: [comment("Kubernetes service cluster ip + port for masquerade purpose"), set("KUBE-CLUSTER-IP", "dst,dst")], target: jump("KUBE-MARK-MASQ") },
        { matches: [{ kind: "addrtype", dstType: "LOCAL" }], target: jump("KUBE-NODE-PORT") },
        { matches: [set("KUBE-CLUSTER-IP", "dst,dst")], target: { kind: "ACCEPT" } },
      ],
    ],
  ]);
  const filter = table("filter", [
    [
      "INPUT",
      [
        { matches: [comment("kubernetes ipvs access filter")], target: jump("KUBE-IPVS-FILTER") },
        { matches: [comment("kube-proxy firewall rules")], target: jump("KUBE-PROXY-FIREWALL") },
        { matches: [comment("kubernetes health check rules")], target: jump("KUBE-NODE-PORT") },
      ],
    ],
    ["FORWARD", [{ matches: [comment("kubernetes forwarding rules")], target: jump("KUBE-FORWARD") }]],
    ["OUTPUT", [{ matches: [comment("kubernetes ipvs access filter")], target: jump("KUBE-IPVS-OUT-FILTER") }]],
    [
      "KUBE-FORWARD",
      [
        { matches: [comment("kubernetes forwarding rules"), { kind: "mark", mark: MASQ_MARK, mask: MASQ_MARK }], target: { kind: "ACCEPT" } },
        { matches: [comment("kubernetes forwarding conntrack rule"), { kind: "conntrack", ctstate: ["RELATED", "ESTABLISHED"] }], target: { kind: "ACCEPT" } },
      ],
    ],
    [
      "KUBE-IPVS-FILTER",
      [
        { matches: [set("KUBE-LOAD-BALANCER", "dst,dst")], target: { kind: "RETURN" } },
        { matches: [set("KUBE-CLUSTER-IP", "dst,dst")], target: { kind: "RETURN" } },
        { matches: [set("KUBE-EXTERNAL-IP", "dst,dst")], target: { kind: "RETURN" } },
        { matches: [set("KUBE-EXTERNAL-IP-LOCAL", "dst,dst")], target: { kind: "RETURN" } },
        { matches: [set("KUBE-HEALTH-CHECK-NODE-PORT", "dst")], target: { kind: "RETURN" } },
        { matches: [{ kind: "conntrack", ctstate: ["NEW"] }, set("KUBE-IPVS-IPS", "dst")], target: { kind: "REJECT" } },
      ],
    ],
    ["KUBE-IPVS-OUT-FILTER", []],
    ["KUBE-KUBELET-CANARY", []],
    ["KUBE-NODE-PORT", []],
    ["KUBE-PROXY-CANARY", []],
    ["KUBE-PROXY-FIREWALL", []],
  ]);
  return { nat, filter };
}
