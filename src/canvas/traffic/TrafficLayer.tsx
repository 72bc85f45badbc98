/**
 * The one layer request particles are drawn in. It sits inside React Flow's viewport (its
 * viewport portal element), so particles live in flow coordinates and pan/zoom with the canvas for
 * free. The element is looked up once per canvas: React Flow's own <ViewportPortal> searches the
 * whole canvas for it on every store change, every pan frame included (about 20,000 elements at
 * 1,000 pods).
 * Mounting it starts the traffic feed (feed.ts), whose particles (particles.ts) are plain DOM
 * nodes moved by transform and opacity — React renders this layer once, never per particle or
 * per frame.
 */
import { useStore, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useMemo } from "react";
import { createPortal } from "react-dom";
import { startTrafficFeed } from "./feed";
import { setTrafficHost } from "./particles";
import "./traffic.css";

/** The particle layer; mount once inside <ReactFlow>. */
const domNodeOf = (s: ReactFlowState) => s.domNode;

export function TrafficLayer() {
  useEffect(() => startTrafficFeed(), []);
  const domNode = useStore(domNodeOf);
  const portal = useMemo(() => domNode?.querySelector<HTMLElement>(".react-flow__viewport-portal") ?? null, [domNode]);
  // A callback ref: the portal's target appears after React Flow's first render, so the host
  // element can mount later than this component.
  const host = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    setTrafficHost(el);
    return () => setTrafficHost(null, el);
  }, []);
  return portal && createPortal(<div ref={host} className="traffic-layer" aria-hidden="true" />, portal);
}
