import { lazy, Suspense, useRef, type KeyboardEvent, type PointerEvent } from "react";
import { useUi, uiStore } from "../ui/store";

const TerminalDock = lazy(() => import("../terminal/TerminalDock"));

/**
 * The terminal dock under the canvas: loaded on demand, collapsible, and resizable by dragging
 * its top edge or with the arrow keys on that edge (a separator, so keyboards can resize too).
 */
export function Dock() {
  const open = useUi((s) => s.terminalOpen);
  const height = useUi((s) => s.terminalHeight);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const max = window.innerHeight * 0.7;
    uiStore.getState().setTerminalHeight(Math.min(max, drag.current.h + drag.current.y - e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "ArrowUp") uiStore.getState().setTerminalHeight(height + 24);
    if (e.key === "ArrowDown") uiStore.getState().setTerminalHeight(height - 24);
  };
  return (
    <section className={`dock${open ? "" : " closed"}`} aria-label="Terminal dock" style={open ? { height } : undefined}>
      {open && (
        <div
          className="dock-handle"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize terminal"
          aria-valuenow={height}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onKeyDown={onKeyDown}
        />
      )}
      <button type="button" className="dock-toggle button small" aria-expanded={open} onClick={() => uiStore.getState().setTerminalOpen(!open)}>
        {open ? "Hide terminal" : "Show terminal"}
      </button>
      {open && (
        <div className="dock-body">
          <Suspense fallback={<p role="status">Loading the terminal…</p>}>
            <TerminalDock />
          </Suspense>
        </div>
      )}
    </section>
  );
}
