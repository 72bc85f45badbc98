import type { Pod, Service } from "../../engine/cluster/types";
import { explain, verdictText, whyEndpoint, type Verdict } from "../../ui/why";

const TONE: Record<Verdict, string> = { ready: "ok", "not-ready": "warn", terminating: "off", "not-endpoint": "bad" };

/** One pod × Service answer: the verdict in words, the reasons as sentences. */
export function WhyItem({ service, pod, subject }: { service: Service; pod: Pod; subject: string }) {
  const a = whyEndpoint(service, pod);
  return (
    <li className="why-item">
      <details>
        <summary>
          <span className={`status-word ${TONE[a.verdict]}`}>{a.verdict === "not-endpoint" ? "no" : a.verdict === "ready" ? "yes" : a.verdict}</span>{" "}
          <span className="mono">{subject}</span>
        </summary>
        <p>{verdictText(a.verdict)}</p>
        {a.matched.length > 0 && <p>Selector keys that match: {a.matched.join(", ")}.</p>}
        <ul>
          {a.reasons.map((r, i) => (
            <li key={i}>{explain(r)}</li>
          ))}
        </ul>
        {a.verdict === "ready" && <p className="muted">Services find pods by labels, never by name or owner.</p>}
      </details>
    </li>
  );
}
