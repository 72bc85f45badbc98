import { useRef } from "react";
import { useLab } from "../store";
import { TerminalInput } from "./TerminalInput";
import { TerminalLog } from "./TerminalLog";
import "./terminal.css";

/** A terminal-like panel bound to the cluster's shell. xterm.js will replace it later. */
export function Terminal() {
  const inputRef = useRef<HTMLInputElement>(null);
  const clear = useLab((s) => s.clearTerminal);
  return (
    <section className="terminal" aria-label="Terminal">
      <div className="terminal-bar">
        <h2>Terminal</h2>
        <button type="button" className="button small dark" onClick={clear}>
          Clear
        </button>
      </div>
      {/* A click anywhere in the output puts the caret back in the input, as in a real terminal. */}
      <div
        className="terminal-body"
        onMouseUp={() => {
          if (!window.getSelection()?.toString()) inputRef.current?.focus();
        }}
      >
        <TerminalLog />
        <TerminalInput inputRef={inputRef} />
      </div>
    </section>
  );
}
