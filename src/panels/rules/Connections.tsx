import { useMemo } from "react";
import type { ConntrackEntry } from "../../engine/api";
import { useLab } from "../../store";
import { asOf } from "./highlight";

const ROWS = 14;
const endpoint = (ip: string, port: number) => `${ip}:${port}`;

/**
 * The node's conntrack table (what `conntrack -L` prints there): each connection's original
 * direction (client → the address it dialled) and its reply direction (from the pod DNAT chose),
 * which is how an established connection stays on its backend after the rules change.
 */
export function Connections({ node, tick }: { node: string; tick: number }) {
  const cluster = useLab((s) => s.cluster);
  const entries = useMemo(() => asOf(() => (cluster ? cluster.conntrack(node) : []), tick), [cluster, node, tick]);
  const shown: ConntrackEntry[] = entries.slice(-ROWS).reverse();
  return (
    <section aria-labelledby="rules-conns">
      <h3 id="rules-conns">Conntrack on {node}</h3>
      {shown.length === 0 ? (
        <p className="muted">No tracked connections.</p>
      ) : (
        <table className="traffic-table rules-conns">
          <thead>
            <tr>
              <th scope="col">Proto</th>
              <th scope="col">State</th>
              <th scope="col">Client → dialled</th>
              <th scope="col">Reply from</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={`${e.orig.src}:${e.orig.sport}-${e.orig.dst}:${e.orig.dport}-${i}`}>
                <td>{e.protocol}</td>
                <td>{e.state ?? (e.unreplied ? "UNREPLIED" : "—")}</td>
                <td>
                  {endpoint(e.orig.src, e.orig.sport)} → {endpoint(e.orig.dst, e.orig.dport)}
                </td>
                <td>{endpoint(e.reply.src, e.reply.sport)}</td>
                <td>{e.timeoutSec} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="note">
        {entries.length > ROWS ? `The newest ${ROWS} of ${entries.length} entries. ` : ""}All of them, as the kernel prints them: in the terminal, <code>ssh {node}</code> then <code>conntrack -L</code>.
      </p>
    </section>
  );
}
