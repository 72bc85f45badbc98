/**
 * The terminal docked under the canvas, bound to the lab's shell. This component is light: a
 * placeholder and the accessible mirrors render at once, and xterm.js
 * (xtermSession.ts) is imported on demand and mounted into it, so neither xterm nor this file
 * weighs on the initial bundle (the app also loads this one with React.lazy).
 */
import { useEffect, useId, useRef, useState } from "react";
import { labStore, useLab } from "../store";
import { OutputMirror } from "./OutputMirror";
import type { TerminalHandle } from "./xtermSession";
import "./terminal.css";

/** Before xterm.js is here: the prompt, so the dock does not look broken. */
function Placeholder({ failed }: { failed: boolean }) {
  const prompt = useLab((s) => s.terminal.prompt);
  return (
    <div className="tdock-placeholder" aria-hidden={!failed}>
      {failed ? (
        <p role="alert">The terminal could not be loaded. Check the connection and reload the page.</p>
      ) : (
        <pre>
          {prompt}
          <span className="tdock-caret" />
          {"\n\n"}Loading the terminal…
        </pre>
      )}
    </div>
  );
}

export default function TerminalDock() {
  const hostRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [line, setLine] = useState("");
  const hintId = useId();

  useEffect(() => {
    let handle: TerminalHandle | undefined;
    let cancelled = false;
    import("./xtermSession")
      .then(({ mountTerminal }) => {
        if (cancelled || !hostRef.current) return;
        handle = mountTerminal(hostRef.current, labStore, { onLine: (p, t) => setLine(p + t), describedBy: hintId });
        setState("ready");
      })
      .catch((error: unknown) => {
        console.warn("Podflow: the terminal could not be loaded.", error);
        if (!cancelled) setState("failed");
      });
    return () => {
      cancelled = true;
      handle?.dispose();
    };
  }, [hintId]);

  return (
    <section className="tdock" aria-label="Terminal">
      <div className="tdock-bar">
        <h2>Terminal</h2>
        <span className="tdock-keys" id={hintId}>
          Tab completes · ↑↓ history · <kbd>vi</kbd> FILE or <kbd>kubectl edit</kbd> opens the YAML editor · Esc then Tab leaves
        </span>
      </div>
      <div className="tdock-screen">
        <div className="tdock-xterm" ref={hostRef} />
        {state !== "ready" && <Placeholder failed={state === "failed"} />}
      </div>
      <OutputMirror />
      <output className="sr-only" aria-label="Command line" aria-live="off">
        {line}
      </output>
    </section>
  );
}
