/**
 * The live cluster on a React Flow canvas. Reads the graph that graphStore derives from the
 * snapshot (nodes keep identity while unchanged), draws it with the card components, and turns
 * clicks and Enter on a card into a selection for the inspector.
 */
import { Controls, ReactFlow, ReactFlowProvider, useStore, type NodeMouseHandler, type ReactFlowState } from "@xyflow/react";
import { LazyMotion, MotionConfig } from "framer-motion";
import "@xyflow/react/dist/base.css";
import { useCallback, useEffect, type KeyboardEvent, type PointerEvent } from "react";
import { useUi, uiStore } from "../ui/store";
import { useResolvedTheme } from "../ui/theme";
import { CARDS, EDGES } from "./cards";
import { armFreshness } from "./fresh";
import { useGraph } from "./graphStore";
import { selectionOf } from "./selectionOf";
import { TrafficLayer } from "./traffic/TrafficLayer";
import { useAutoFit } from "./useAutoFit";
import "./canvas.css";

const FIT = { padding: 0.06, maxZoom: 1 };
/** Presentation: a small cluster may be drawn larger than life, so the back row can read it. */
const FIT_PRESENTING = { padding: 0.04, maxZoom: 1.6 };
const PRO = { hideAttribution: true };
// No dotted background: it is redrawn on every pan frame, and a plain canvas reads better on a
// projector (measured: about 1 ms a frame while panning, `npm run bench -- canvas`).
const motionFeatures = () => import("./motionFeatures").then((m) => m.default);

/** Below this zoom, cards drop their small print (chips, footers, shadows): unreadable anyway, and costly to paint at 1,000 pods. */
const FAR_ZOOM = 0.6;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/**
 * A drag on the empty pane holds the pointer (pointer capture): while the learner pans, the
 * browser sends each move straight to the pane instead of hit-testing the cards under the cursor
 * first (a measurable part of a frame with 300 cards; `npm run bench -- canvas`).
 */
const holdPointer = (e: PointerEvent<HTMLDivElement>) => {
  const el = e.target as HTMLElement;
  if (e.button === 0 && el.classList.contains("react-flow__pane")) el.setPointerCapture(e.pointerId);
};

const onNodeClick: NodeMouseHandler = (_e, node) => {
  const sel = selectionOf(node.id);
  if (sel) uiStore.getState().select(sel);
};

function CanvasInner() {
  const nodes = useGraph((s) => s.graph.nodes);
  const edges = useGraph((s) => s.graph.edges);
  const theme = useResolvedTheme();
  const presentation = useUi((s) => s.presentation);
  const fit = presentation ? FIT_PRESENTING : FIT;
  const { onMoveStart, onFitView, onZoomButton } = useAutoFit(nodes, fit);
  // One boolean subscription for the whole canvas: crossing the threshold re-renders nothing but this.
  const far = useStore(isFar);
  // What the canvas opens on is not news: only later pods and endpoints animate in.
  useEffect(armFreshness, []);

  // Enter or Space on a focused card selects it (React Flow's own selection is off: the UI
  // store owns selection, so one click path and one keyboard path lead to the same place).
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const el = e.target as HTMLElement;
    if (!el.classList.contains("react-flow__node")) return;
    const sel = selectionOf(el.dataset.id ?? "");
    if (!sel) return;
    e.preventDefault();
    uiStore.getState().select(sel);
  }, []);

  return (
    <ReactFlow
      onPointerDown={holdPointer}
      nodes={nodes}
      edges={edges}
      nodeTypes={CARDS}
      edgeTypes={EDGES}
      onNodeClick={onNodeClick}
      onPaneClick={() => uiStore.getState().select(null)}
      onKeyDown={onKeyDown}
      onMoveStart={onMoveStart}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode={null}
      fitView
      fitViewOptions={fit}
      minZoom={0.1}
      maxZoom={2}
      colorMode={theme}
      proOptions={PRO}
      aria-label="Cluster canvas"
      className={[presentation ? "presentation" : "", far ? "far" : ""].join(" ").trim() || undefined}
    >
      <Controls showInteractive={false} aria-label="Zoom controls" fitViewOptions={fit} onFitView={onFitView} onZoomIn={onZoomButton} onZoomOut={onZoomButton} />
      <TrafficLayer />
    </ReactFlow>
  );
}

/**
 * The canvas with its own React Flow provider. framer-motion is set up here, not in the app
 * shell, so it loads with the canvas chunk (its animation features a moment later, in a chunk of
 * their own); reducedMotion="user" honours prefers-reduced-motion.
 */
export default function Canvas() {
  return (
    <ReactFlowProvider>
      <MotionConfig reducedMotion="user">
        <LazyMotion features={motionFeatures} strict>
          <CanvasInner />
        </LazyMotion>
      </MotionConfig>
    </ReactFlowProvider>
  );
}
