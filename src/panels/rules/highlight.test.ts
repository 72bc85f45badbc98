import { describe, expect, it } from "vitest";
import type { FlowEvent, RuleLine } from "../../engine/api";
import { annotate, chainsOf, lastFlowThrough, pathLines } from "./highlight";

const IPT: RuleLine[] = [
  { text: "*nat" },
  { text: ":KUBE-SERVICES - [0:0]" },
  { text: ":KUBE-SVC-AAA - [0:0]" },
  { text: "-A KUBE-SERVICES -d 10.96.0.10/32 -j KUBE-SVC-DNS", table: "nat", chain: "KUBE-SERVICES", index: 0 },
  { text: "-A KUBE-SERVICES -d 10.100.0.5/32 -j KUBE-SVC-AAA", table: "nat", chain: "KUBE-SERVICES", index: 1 },
  { text: "-A KUBE-SVC-AAA -m statistic --probability 0.5 -j KUBE-SEP-1", table: "nat", chain: "KUBE-SVC-AAA", index: 0 },
  { text: "-A KUBE-SVC-AAA -j KUBE-SEP-2", table: "nat", chain: "KUBE-SVC-AAA", index: 1 },
  { text: "COMMIT" },
  { text: "*filter" },
  { text: ":KUBE-SERVICES - [0:0]" },
  { text: "COMMIT" },
];

const flow = (path: FlowEvent["path"], node = "node01"): FlowEvent =>
  ({ id: 1, time: 0, protocol: "tcp", source: { kind: "pod", name: "c", ip: "1.1.1.1" }, dst: { ip: "10.100.0.5", port: 80 }, node, path, crossNode: false, outcome: "ok" }) as FlowEvent;

describe("the rules viewer's highlight", () => {
  it("marks the rules an iptables walk went through, in walk order", () => {
    const lines = annotate(IPT);
    const e = flow({ kind: "iptables", steps: [{ table: "nat", chain: "KUBE-SERVICES", index: 1 }, { table: "nat", chain: "KUBE-SVC-AAA", index: 1 }] });
    expect(pathLines(lines, e).map((n) => lines[n].text)).toEqual(["-A KUBE-SERVICES -d 10.100.0.5/32 -j KUBE-SVC-AAA", "-A KUBE-SVC-AAA -j KUBE-SEP-2"]);
  });

  it("marks the IPVS virtual server and the real server a connection was scheduled to", () => {
    const lines = annotate([
      { text: "TCP  10.100.0.5:80 lc" },
      { text: "  -> 192.168.1.2:80              Masq    1      0          3" },
      { text: "  -> 192.168.1.3:80              Masq    1      1          0" },
      { text: "TCP  10.100.0.6:80 lc" },
      { text: "  -> 192.168.1.3:80              Masq    1      0          0" },
      { text: "" },
      ...IPT,
    ]);
    const e = flow({ kind: "ipvs", service: "TCP 10.100.0.5:80", dest: "192.168.1.3:80", steps: [{ table: "nat", chain: "KUBE-SERVICES", index: 0 }] });
    expect(pathLines(lines, e)).toEqual([0, 2, 9]);
  });

  it("tells the same chain name apart in nat and filter", () => {
    const chains = chainsOf(annotate(IPT)).map((c) => `${c.key}:${c.rules}`);
    expect(chains).toEqual(["nat KUBE-SERVICES:2", "nat KUBE-SVC-AAA:2", "filter KUBE-SERVICES:0"]);
  });

  it("finds the last connection this node's rules translated", () => {
    const a = flow({ kind: "iptables", steps: [] }, "node01");
    const b = flow({ kind: "direct" }, "node01");
    const c = flow({ kind: "iptables", steps: [] }, "node02");
    expect(lastFlowThrough([a, b, c], "node01")).toBe(a);
    expect(lastFlowThrough([b, c], "node01")).toBeUndefined();
  });
});
