import type { Labels } from "../engine/cluster/types";
import { formatLabels } from "../store/selectors";

/** Labels (or a selector) as chips; "none" in words when empty. */
export function LabelChips({ labels, empty = "none" }: { labels: Labels | undefined; empty?: string }) {
  const items = formatLabels(labels).map((l) => {
    const eq = l.indexOf("=");
    return { key: l, name: l.slice(0, eq + 1), value: l.slice(eq + 1) };
  });
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="chips">
      {items.map((l) => (
        <li key={l.key} className="chip">
          {/* A long label breaks after "=" rather than mid-word. */}
          {l.name}
          <wbr />
          {l.value}
        </li>
      ))}
    </ul>
  );
}
