/**
 * BENCH/E2E ONLY: `window.__podflow`, installed only in a `vite build --mode bench` build (see
 * bench/canvas.bench.ts); the production build drops this module (App.tsx imports it behind
 * `import.meta.env.MODE === "bench"`, which Vite replaces with a constant).
 *
 * - `labStore`, `uiStore`, `graphStore`: the app's stores (drive the cluster, read the graph).
 * - `loadScenario(id, options)`: start a lab with more workers, e.g. `{ workers: 10 }`.
 * - `mountCanvas(el)`: renders a second, fresh canvas into `el` and resolves with the ms until
 *   every pod card of the current graph is in the DOM and painted (a first render).
 * - `particlesInFlight()`: how many request dots (and failure marks) are moving right now.
 * - `mountBareFlow(el)`: the baseline for the canvas's frame times: a bare React Flow in `el`
 *   with as many plain nodes as the current graph has, at the same places and sizes, no edges;
 *   resolves once they are drawn and returns the function that unmounts it.
 */
import { createRoot } from "react-dom/client";
import { graphStore } from "../canvas/graphStore";
import { particlesInFlight } from "../canvas/traffic/particles";
import { labStore } from "../store";
import { loadScenario } from "../store/session";
import { uiStore } from "../ui/store";

function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

async function mountCanvas(el: HTMLElement): Promise<number> {
  const { default: Canvas } = await import("../canvas/Canvas");
  const want = graphStore.getState().graph.nodes.filter((n) => n.type === "pod").length;
  const t0 = performance.now();
  createRoot(el).render(<Canvas />);
  for (;;) {
    await nextPaint();
    if (el.querySelectorAll('[aria-roledescription="pod"]').length >= want) return performance.now() - t0;
    if (performance.now() - t0 > 20_000) throw new Error(`only ${el.querySelectorAll('[aria-roledescription="pod"]').length} of ${want} pod cards after 20 s`);
  }
}

async function mountBareFlow(el: HTMLElement): Promise<() => void> {
  const { ReactFlow, ReactFlowProvider } = await import("@xyflow/react");
  const nodes = graphStore.getState().graph.nodes.map((n) => ({
    id: n.id,
    position: n.position,
    data: { label: n.id },
    width: n.width,
    height: n.height,
    style: { width: n.width, height: n.height },
  }));
  const root = createRoot(el);
  root.render(
    <ReactFlowProvider>
      <ReactFlow nodes={nodes} edges={[]} fitView minZoom={0.1} proOptions={{ hideAttribution: true }} />
    </ReactFlowProvider>,
  );
  for (let t0 = performance.now(); el.querySelectorAll(".react-flow__node").length < nodes.length; ) {
    await nextPaint();
    if (performance.now() - t0 > 20_000) throw new Error("the bare React Flow did not draw its nodes");
  }
  return () => root.unmount();
}

/** Puts the hook on window. */
export function install(): void {
  Object.assign(window, { __podflow: { labStore, uiStore, graphStore, loadScenario, mountCanvas, mountBareFlow, particlesInFlight } });
}
