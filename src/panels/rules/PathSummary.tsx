/** Words for a connection, and its walked path as jump buttons. */
import type { FlowEvent } from "../../engine/api";

/** One sentence for a connection: who dialled what, which pod the rules picked, and how it ended. */
export function describeFlow(e: FlowEvent): string {
  const from = e.source.kind === "external" ? `users outside (${e.source.ip})` : `${e.source.name} (${e.source.ip})`;
  const svc = e.service ? ` — Service ${e.service.replace(/^default\//, "")}` : "";
  const to = e.backend ? ` → ${e.backend.name} ${e.backend.ip}:${e.backend.port} on ${e.backend.node}${e.crossNode ? " (crossed to another node)" : ""}` : "";
  const state = e.endTime === undefined ? "open" : e.outcome;
  return `${from} → ${e.dst.ip}:${e.dst.port}${svc}${to} · ${state}`;
}

/** The walked path as buttons that jump to each rule: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…. */
export function PathSteps({ steps, onJump }: { steps: { n: number; label: string }[]; onJump: (n: number) => void }) {
  if (steps.length === 0) return null;
  return (
    <ol className="path-steps" aria-label="Path of the last request">
      {steps.map((s, i) => (
        <li key={s.n}>
          {i > 0 && <span aria-hidden="true">→</span>}
          <button type="button" className="button tiny" onClick={() => onJump(s.n)}>
            {s.label}
          </button>
        </li>
      ))}
    </ol>
  );
}
