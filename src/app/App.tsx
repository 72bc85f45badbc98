import { lazy, Suspense, useEffect } from "react";
import { IpHover } from "../canvas/IpHover";
import { Dialogs } from "../panels/Dialogs";
import { Filters } from "../panels/Filters";
import { RangesBar } from "../panels/RangesBar";
import { SidePanel } from "../panels/traffic/SidePanel";
import { labStore, startClock } from "../store";
import { useUi } from "../ui/store";
import { useDocumentTheme } from "../ui/theme";
import { Dock } from "./Dock";
import { FatalGate } from "./FatalGate";
import { Notice } from "./Notice";
import { TopBar } from "./TopBar";
import { useShortcuts } from "./useShortcuts";
import "./app.css";
import "../panels/panels.css";

const Canvas = lazy(() => import("../canvas/Canvas"));

// Benchmarks drive the lab through a window hook that exists only in `vite build --mode bench`.
if (import.meta.env.MODE === "bench") void import("./benchHook").then((m) => m.install());

/** The lab: top bar, IP ranges, the canvas with the inspector beside it, the terminal below. */
export function App() {
  useEffect(() => startClock(labStore), []);
  useDocumentTheme();
  useShortcuts();
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  return (
    <FatalGate>
      <div className="app">
        <TopBar />
        <RangesBar />
        <div className={`workspace${inspectorOpen ? "" : " no-inspector"}`}>
          <main className="stage" aria-label="Cluster">
            <Filters />
            <div className="canvas-wrap">
              <Suspense fallback={<p role="status">Drawing the cluster…</p>}>
                <Canvas />
              </Suspense>
              <Notice />
            </div>
          </main>
          {inspectorOpen && <SidePanel />}
        </div>
        <Dock />
      </div>
      <Dialogs />
      <IpHover />
    </FatalGate>
  );
}
