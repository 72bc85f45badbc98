/**
 * A node's rules for the rules viewer: each printed line with the rule behind it, so the UI
 * can highlight the rules a connection matched (FlowEvent.path).
 * TEMPORARY: a plain rendering until the iptables-save printer lands.
 */
import type { RuleLine } from "../../api";
import type { Network } from "./network";

export function nodeRuleLines(net: Network, node: string): RuleLine[] {
  const proxy = net.proxies.get(node);
  if (!proxy) return [];
  const rs = proxy.rules();
  const out: RuleLine[] = [];
  for (const table of ["nat", "filter"] as const) {
    out.push({ text: `*${table}` });
    for (const chain of [...rs[table].builtins, ...rs[table].chains]) {
      (rs[table].rules.get(chain) ?? []).forEach((r, index) => out.push({ text: `-A ${chain} ${JSON.stringify(r.target)}`, table, chain, index }));
    }
    out.push({ text: "COMMIT" });
  }
  return out;
}
