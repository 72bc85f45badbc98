import { useMemo } from "react";
import type { FlowEvent } from "../../engine/api";
import { useLab } from "../../store";
import { asOf, recentThrough } from "./highlight";

const client = (e: FlowEvent) => (e.source.kind === "external" ? `outside ${e.source.ip}` : `${e.source.name} ${e.source.ip}`);

/**
 * The connections this node's rules translated lately (from the engine's flow log): client, the
 * address it dialled, where DNAT sent it, and its state. The kernel's own conntrack table is one
 * `ssh NODE` + `conntrack -L` away in the terminal.
 */
export function Connections({ node, tick }: { node: string; tick: number }) {
  const cluster = useLab((s) => s.cluster);
  const recent = useMemo(() => asOf(() => (cluster ? recentThrough(cluster.traffic.flows(), node, 12) : []), tick), [cluster, node, tick]);
  return (
    <section aria-labelledby="rules-conns">
      <h3 id="rules-conns">Connections through {node}'s rules</h3>
      {recent.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table className="traffic-table rules-conns">
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Dialled</th>
              <th scope="col">Translated to</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((e) => (
              <tr key={e.id}>
                <td>{client(e)}</td>
                <td>
                  {e.dst.ip}:{e.dst.port}
                </td>
                <td>{e.backend ? `${e.backend.ip}:${e.backend.port} (${e.backend.name})` : "—"}</td>
                <td className={e.outcome !== "ok" ? "bad-text" : undefined}>{e.endTime === undefined ? "ESTABLISHED" : e.outcome === "ok" ? "closed (TIME_WAIT)" : e.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="note">
        From the flow log. The kernel's own table: in the terminal, <code>ssh {node}</code> then <code>conntrack -L</code>.
      </p>
    </section>
  );
}
