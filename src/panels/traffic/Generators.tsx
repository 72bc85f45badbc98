import { useTraffic } from "../../traffic/trafficStore";
import type { TrafficGenerator } from "../../engine/api";
import { useLab } from "../../store";
import { trafficAction } from "../../actions/trafficAction";

function describe(g: TrafficGenerator): string {
  const from = g.spec.source.kind === "external" ? "users outside" : g.spec.source.name;
  return `${from} → ${g.spec.target} · ${g.spec.rate}/s`;
}

/** The generators still sending, each with what it sends, how long it has left, and Stop. */
export function Generators() {
  const generators = useTraffic((s) => s.generators);
  // Whole virtual seconds are enough for "time left", and re-render this list once a second at most.
  const elapsed = useLab((s) => s.elapsedSeconds);
  const startTime = useLab((s) => s.startTime);
  const now = startTime + elapsed * 1000;
  return (
    <section aria-labelledby="traffic-running">
      <h3 id="traffic-running">Running</h3>
      {generators.length === 0 && <p className="muted">No traffic running.</p>}
      <ul className="generator-list">
        {generators.map((g) => {
          const left = g.spec.durationMs !== undefined ? Math.max(0, Math.ceil((g.startedAt + g.spec.durationMs - now) / 1000)) : undefined;
          return (
            <li key={g.id}>
              <span className="mono">{describe(g)}</span>
              <span className="muted">
                {g.sent} sent{left !== undefined ? ` · ${left} s left` : " · until stopped"}
              </span>
              <button type="button" className="button small" aria-label={`Stop traffic ${describe(g)}`} onClick={() => trafficAction({ kind: "stop", id: g.id })}>
                Stop
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
