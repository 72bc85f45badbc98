import { lazy, Suspense, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { PRESENTATION_FONT_SIZE } from "../terminal/look";
import { useUi, uiStore } from "../ui/store";

const TerminalDock = lazy(() => import("../terminal/TerminalDock"));

/**
 * Presenting, the dock starts about four lines of the large terminal type tall (plus its bar), so
 * the canvas keeps the screen; it can still be dragged taller. 30 px: the dock's slim bar at that size.
 */
export const PRESENTING_HEIGHT = 30 + 4 * Math.ceil(PRESENTATION_FONT_SIZE * 1.2) + 2;
const MIN_PRESENTING = 80;

/**
 * The terminal dock under the canvas: loaded on demand, collapsible, and resizable by dragging
 * its top edge or with the arrow keys on that edge (a separator, so keyboards can resize too).
 * Presentation mode has its own, shorter height (see {@link PRESENTING_HEIGHT}); leaving it gives
 * the learner's own height back.
 */
export function Dock() {
  const open = useUi((s) => s.terminalOpen);
  const ownHeight = useUi((s) => s.terminalHeight);
  const presenting = useUi((s) => s.presentation);
  const [presentingHeight, setPresentingHeight] = useState(PRESENTING_HEIGHT);
  const height = presenting ? presentingHeight : ownHeight;
  const setHeight = (px: number) => {
    if (presenting) setPresentingHeight(Math.max(MIN_PRESENTING, Math.round(px)));
    else uiStore.getState().setTerminalHeight(px);
  };
  const drag = useRef<{ y: number; h: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const max = window.innerHeight * 0.7;
    setHeight(Math.min(max, drag.current.h + drag.current.y - e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "ArrowUp") setHeight(height + 24);
    if (e.key === "ArrowDown") setHeight(height - 24);
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
