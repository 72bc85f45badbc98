import { memo } from "react";
import { useLab } from "../store";
import type { TerminalEntry } from "../store/terminal";
import { plain } from "./screen";

/** Entries the mirror keeps (the newest): enough for a screen reader and for tests. */
const MIRRORED = 300;

const Entry = memo(function Entry({ entry }: { entry: TerminalEntry }) {
  if (entry.kind === "command") return <pre>{`${entry.prompt}${plain(entry.text).replace(/\n/g, "\n> ")}`}</pre>;
  return <pre>{plain(entry.text)}</pre>;
});

/**
 * The terminal's output as text, for screen readers (a polite live log) and for reading it in
 * tests; visually hidden, since xterm.js draws the same thing.
 */
export function OutputMirror() {
  const entries = useLab((s) => s.terminal.entries);
  return (
    <div className="sr-only" role="log" aria-label="Terminal output">
      {entries.slice(-MIRRORED).map((e) => (
        <Entry key={e.id} entry={e} />
      ))}
    </div>
  );
}
