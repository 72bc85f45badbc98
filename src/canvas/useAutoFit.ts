import { useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useUi } from "../ui/store";
import type { CanvasNode } from "./types";

// Two number selectors, not one string: they run on every store update, i.e. every pan frame.
const widthOf = (s: ReactFlowState) => Math.round(s.width);
const heightOf = (s: ReactFlowState) => Math.round(s.height);

/** The drawn content's bounds as one string: it changes when the picture grows or shrinks, not when a card changes inside it. */
export function boundsKey(nodes: readonly CanvasNode[]): string {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return nodes.length ? `${Math.round(x0)},${Math.round(y0)},${Math.round(x1)},${Math.round(y1)}` : "";
}

/**
 * The camera. It keeps the whole cluster in view as the picture grows or shrinks (a scale to 5, a
 * new Deployment, a node frame) and as the canvas changes size (window, terminal, presentation
 * mode), until the learner pans or zooms by hand: from then on the view is theirs, until they
 * press the fit button. A focus request (a caption, a lesson step: `uiStore.focusOn`) moves the
 * camera onto those objects, and re-fits keep them in view until the learner moves or fits.
 * Returns the handlers for React Flow's onMoveStart (a hand-made move passes an event), the zoom
 * buttons and the fit button.
 */
export function useAutoFit(nodes: readonly CanvasNode[], fit: { padding: number; maxZoom: number }) {
  const flow = useReactFlow();
  const manual = useRef(false);
  const width = useStore(widthOf);
  const height = useStore(heightOf);
  const focus = useUi((s) => s.focus);
  // The inspector floats over the canvas's right edge while presenting or beside a lesson, and only
  // while something is selected: the camera keeps what it shows out from under it.
  const selected = useUi((s) => s.selection !== null);
  // The focus request the learner has since moved away from (by hand, or with the fit button).
  const [dismissed, setDismissed] = useState<number | undefined>(undefined);
  const target = focus && focus.seq !== dismissed ? focus.ids : null;
  const seenFocus = useRef(focus?.seq);
  const bounds = boundsKey(nodes);
  const { padding, maxZoom } = fit;
  const seq = focus?.seq;

  const drawn = target?.filter((id) => nodes.some((n) => n.id === id)).join("|") ?? "";
  useEffect(() => {
    // A new focus request: look there, whatever the learner did before (they asked for it).
    if (seq !== seenFocus.current) {
      seenFocus.current = seq;
      manual.current = false;
    }
    if (manual.current || !bounds) return;
    const only = drawn ? drawn.split("|").map((id) => ({ id })) : undefined;
    const id = requestAnimationFrame(() => void flow.fitView({ padding: padded(padding, coveredRight(), coveredBottom()), maxZoom, duration: 300, nodes: only }));
    return () => cancelAnimationFrame(id);
  }, [flow, bounds, drawn, seq, width, height, padding, maxZoom, selected]);

  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      if (!event) return;
      manual.current = true;
      setDismissed(seq);
    },
    [seq],
  );
  /** The zoom buttons: a hand-made move too (React Flow passes no event for them). */
  const onZoomButton = useCallback(() => {
    manual.current = true;
    setDismissed(seq);
  }, [seq]);
  /** The fit button: the whole cluster again, and the camera follows it again. */
  const onFitView = useCallback(() => {
    manual.current = false;
    setDismissed(seq);
    void flow.fitView({ padding: padded(padding, coveredRight(), coveredBottom()), maxZoom, duration: 300 });
  }, [flow, seq, padding, maxZoom]);
  return { onMoveStart, onFitView, onZoomButton };
}

/** How many px of the canvas's right edge a floating inspector covers right now (0 when it sits beside it or is hidden). */
function coveredRight(): number {
  const panel = document.querySelector<HTMLElement>(".workspace > .inspector");
  const canvas = document.querySelector<HTMLElement>(".canvas-wrap");
  if (!panel || !canvas || getComputedStyle(panel).position !== "absolute" || panel.offsetParent === null) return 0;
  const p = panel.getBoundingClientRect();
  const c = canvas.getBoundingClientRect();
  return p.left < c.right && p.right > c.left ? Math.round(c.right - p.left) : 0;
}

/** How many px of the canvas's bottom the narration's title bar takes (its captions come and go; the camera does not follow them). */
function coveredBottom(): number {
  const head = document.querySelector<HTMLElement>(".canvas-wrap .narration-head");
  return head ? Math.round(head.getBoundingClientRect().height) + 12 : 0;
}

/** The fit padding (a fraction of the view) with room on the right and at the bottom for what covers them. */
function padded(padding: number, right: number, bottom: number) {
  if (right <= 0 && bottom <= 0) return padding;
  const pct = `${Math.round(padding * 100)}%` as const;
  const px = (n: number) => (n > 0 ? (`${n + 8}px` as const) : pct);
  return { top: pct, bottom: px(bottom), left: pct, right: px(right) };
}
