import { useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * Keeps the whole cluster in view as it grows (a new Deployment, a new node frame) until the
 * learner pans or zooms by hand; from then on the view is theirs. Returns the onMoveStart handler
 * that notices a hand-made move (React Flow passes an event only for those).
 */
export function useAutoFit(nodeCount: number): (event: MouseEvent | TouchEvent | null) => void {
  const flow = useReactFlow();
  const manual = useRef(false);
  useEffect(() => {
    if (manual.current || nodeCount === 0) return;
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.06, maxZoom: 1, duration: 200 }));
    return () => cancelAnimationFrame(id);
  }, [flow, nodeCount]);
  return useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) manual.current = true;
  }, []);
}
