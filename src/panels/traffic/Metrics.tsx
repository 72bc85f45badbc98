import { useTraffic } from "../../traffic/trafficStore";
import { useLab } from "../../store";
import { slowness } from "../../actions/traffic";
import { trafficAction } from "../../actions/trafficAction";

const pct = (x: number) => `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 1)}%`;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

/** Live figures: per Service (requests, success rate, latency p50/p95) and per pod (open, served, errors). */
export function Metrics() {
  const metrics = useTraffic((s) => s.metrics);
  const drawn = useTraffic((s) => s.drawn);
  const pods = useLab((s) => s.snapshot.pods);
  const targets = Object.entries(metrics.targets).sort(([a], [b]) => a.localeCompare(b));
  const perPod = Object.entries(metrics.pods).sort(([a], [b]) => a.localeCompare(b));
  const slowOf = (key: string) => {
    const p = pods.find((x) => `${x.metadata.namespace}/${x.metadata.name}` === key);
    return p && slowness(p);
  };
  const name = (key: string) => (key.startsWith("default/") ? key.slice(8) : key);
  return (
    <section aria-labelledby="traffic-metrics">
      <h3 id="traffic-metrics">Live figures</h3>
      {targets.length === 0 && <p className="muted">No requests yet.</p>}
      {targets.length > 0 && (
        <table className="traffic-table" aria-label="Requests per Service">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col" title="Requests sent">Sent</th>
              <th scope="col" title="Success rate">OK</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {targets.map(([k, t]) => (
              <tr key={k}>
                <th scope="row">{name(k)}</th>
                <td>{t.requests}</td>
                <td className={t.successRate < 1 ? "bad-text" : undefined}>{pct(t.successRate)}</td>
                <td>{ms(t.p50)}</td>
                <td>{ms(t.p95)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {perPod.length > 0 && (
        <table className="traffic-table" aria-label="Requests per pod">
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Open</th>
              <th scope="col">Served</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {perPod.map(([k, p]) => {
              const slow = slowOf(k);
              return (
                <tr key={k}>
                  <th scope="row">
                    {name(k)}
                    {slow && <span className="slow-tag"> slow {slow}</span>}
                  </th>
                  <td>{p.active}</td>
                  <td>{p.total}</td>
                  <td className={p.errors ? "bad-text" : undefined}>{p.errors}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {drawn.total > drawn.shown && (
        <p className="note">
          The canvas draws {drawn.shown} of the last second's {drawn.total} requests (sampled; every failure is drawn first).
        </p>
      )}
      <div className="actions">
        <button type="button" className="button small" onClick={() => trafficAction({ kind: "reset-metrics" })}>
          Reset counters
        </button>
      </div>
    </section>
  );
}
