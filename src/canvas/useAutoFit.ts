import { useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useRef } from "react";

// Two number selectors, not one string: they run on every store update, i.e. every pan frame.
const widthOf = (s: ReactFlowState) => Math.round(s.width);
const heightOf = (s: ReactFlowState) => Math.round(s.height);

/**
 * Keeps the whole cluster in view as it grows (a new Deployment, a new node frame) and as the
 * canvas changes size (window, terminal, presentation mode) until the learner pans or zooms by
 * hand; from then on the view is theirs. Returns the onMoveStart handler that notices a hand-made
 * move (React Flow passes an event only for those).
 */
export function useAutoFit(nodeCount: number, fit: { padding: number; maxZoom: number }): (event: MouseEvent | TouchEvent | null) => void {
  const flow = useReactFlow();
  const manual = useRef(false);
  const width = useStore(widthOf);
  const height = useStore(heightOf);
  const { padding, maxZoom } = fit;
  useEffect(() => {
    if (manual.current || nodeCount === 0) return;
    const id = requestAnimationFrame(() => void flow.fitView({ padding, maxZoom, duration: 200 }));
    return () => cancelAnimationFrame(id);
  }, [flow, nodeCount, width, height, padding, maxZoom]);
  return useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) manual.current = true;
  }, []);
}
