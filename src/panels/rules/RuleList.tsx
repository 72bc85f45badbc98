import { memo } from "react";
import type { Line } from "./highlight";

/** How many lines are drawn at most (filter by chain to see the rest of a huge rule set). */
export const MAX_LINES = 3000;

const RuleRow = memo(function RuleRow({ line, on }: { line: Line; on: boolean }) {
  return (
    <li id={`rule-line-${line.n}`} className={on ? "on-path" : undefined} tabIndex={on ? -1 : undefined}>
      <span className="rule-mark" aria-hidden="true">
        {on ? "▶" : ""}
      </span>
      {on && <span className="sr-only">on the path: </span>}
      <code>{line.text || " "}</code>
    </li>
  );
});

/** The rules as the node prints them, one row per line; rows on the last request's path are marked. */
export function RuleList({ lines, path, label }: { lines: readonly Line[]; path: ReadonlySet<number>; label: string }) {
  const shown = lines.length > MAX_LINES ? lines.slice(0, MAX_LINES) : lines;
  return (
    <>
      <ol className="rule-lines" aria-label={label} tabIndex={0}>
        {shown.map((l) => (
          <RuleRow key={l.n} line={l} on={path.has(l.n)} />
        ))}
      </ol>
      {lines.length > MAX_LINES && <p className="note">Showing the first {MAX_LINES} of {lines.length} lines: pick a chain to see the rest.</p>}
    </>
  );
}
