import { useLayoutEffect, useRef } from "react";
import { useLab } from "../store";

/** The terminal's output history; stdout and stderr are told apart by style and by a label. */
export function TerminalLog() {
  const entries = useLab((s) => s.terminal.entries);
  const endRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [entries]);

  return (
    <div className="terminal-log" role="log" aria-label="Terminal output">
      {entries.length === 0 && (
        <p className="terminal-hint">
          Type a command, for example <kbd>kubectl get nodes</kbd>, and press Enter.
        </p>
      )}
      {entries.map((e) =>
        e.kind === "command" ? (
          <pre key={e.id} className="line command">
            <span className="prompt" aria-hidden="true">
              {e.prompt}
            </span>
            {e.text}
          </pre>
        ) : (
          <pre key={e.id} className={`line ${e.kind}`}>
            {e.kind === "stderr" && <span className="sr-only">stderr: </span>}
            {e.text}
          </pre>
        ),
      )}
      <div ref={endRef} />
    </div>
  );
}
