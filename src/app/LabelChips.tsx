import type { Labels } from "../engine/cluster/types";
import { formatLabels } from "../store/selectors";

/** Labels (or a selector) as chips; "none" in words when empty. */
export function LabelChips({ labels, empty = "none" }: { labels: Labels | undefined; empty?: string }) {
  const items = formatLabels(labels);
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="chips">
      {items.map((l) => (
        <li key={l} className="chip">
          {l}
        </li>
      ))}
    </ul>
  );
}
