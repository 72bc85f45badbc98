import type { Labels } from "../engine/cluster/types";

/** Labels or a selector as chips, `key=value`; `pod-template-hash` is left out as noise. */
export function Chips({ labels, empty = "no labels", max }: { labels: Labels | undefined; empty?: string; max?: number }) {
  const items = Object.entries(labels ?? {}).filter(([k]) => k !== "pod-template-hash");
  if (items.length === 0) return <span className="chips-empty">{empty}</span>;
  const shown = max !== undefined ? items.slice(0, max) : items;
  return (
    <ul className="chips" aria-label="labels">
      {shown.map(([k, v]) => (
        <li key={k} className="chip">
          {k}={v}
        </li>
      ))}
      {shown.length < items.length && <li className="chip more">+{items.length - shown.length}</li>}
    </ul>
  );
}
