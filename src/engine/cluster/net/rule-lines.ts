/**
 * A node's rules for the rules viewer: each printed line with the rule behind it, so the UI can
 * highlight the rules a connection matched (FlowEvent.path carries table, chain and index).
 * iptables mode: `iptables-save` of the nat and filter tables. IPVS mode: `ipvsadm -Ln`, then the
 * short IPVS-mode nat table.
 */
import type { RuleLine } from "../../api";
import type { ClusterImpl } from "../cluster";
import { renderIptablesSave } from "../proxy/iptables-save";
import { runIpvsadm } from "../proxy/ipvsadm";
import { nodeView } from "./node-view";

function iptablesLines(text: string): RuleLine[] {
  const out: RuleLine[] = [];
  let table: "nat" | "filter" | undefined;
  const seen = new Map<string, number>();
  for (const line of text.replace(/\n$/, "").split("\n")) {
    if (line.startsWith("*")) {
      const t = line.slice(1);
      table = t === "nat" || t === "filter" ? t : undefined;
      seen.clear();
    }
    const m = /^-A (\S+) /.exec(line);
    if (m && table) {
      const index = seen.get(m[1]) ?? 0;
      seen.set(m[1], index + 1);
      out.push({ text: line, table, chain: m[1], index });
    } else out.push({ text: line });
  }
  return out;
}

export function nodeRuleLines(cluster: ClusterImpl, node: string): RuleLine[] {
  const view = nodeView(cluster, node);
  const rules = view.iptables();
  const nat = iptablesLines(renderIptablesSave(rules, { table: "nat", nowMs: view.now(), counters: view.counters(), showCounters: false }));
  if (view.proxyMode === "ipvs") {
    const ipvs = runIpvsadm(view, ["-Ln"]).stdout.replace(/\n$/, "").split("\n").map((text) => ({ text }));
    return [...ipvs, { text: "" }, ...nat];
  }
  const filter = iptablesLines(renderIptablesSave(rules, { table: "filter", nowMs: view.now(), counters: view.counters(), showCounters: false }));
  return [...nat, ...filter];
}
