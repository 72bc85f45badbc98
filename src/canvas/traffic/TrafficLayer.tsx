/**
 * The one layer request particles are drawn in. It sits inside React Flow's viewport
 * (ViewportPortal), so particles live in flow coordinates and pan/zoom with the canvas for free.
 * Mounting it starts the traffic feed (feed.ts), whose particles (particles.ts) are plain DOM
 * nodes moved by transform and opacity — React renders this layer once, never per particle or
 * per frame.
 */
import { ViewportPortal } from "@xyflow/react";
import { useCallback, useEffect } from "react";
import { startTrafficFeed } from "./feed";
import { setTrafficHost } from "./particles";
import "./traffic.css";

/** The particle layer; mount once inside <ReactFlow>. */
export function TrafficLayer() {
  useEffect(() => startTrafficFeed(), []);
  // A callback ref: the portal's target appears after React Flow's first render, so the host
  // element can mount later than this component.
  const host = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    setTrafficHost(el);
    return () => setTrafficHost(null, el);
  }, []);
  return (
    <ViewportPortal>
      <div ref={host} className="traffic-layer" aria-hidden="true" />
    </ViewportPortal>
  );
}
