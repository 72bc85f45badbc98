import { lazy, Suspense, useEffect } from "react";
import { IpHover } from "../ui/IpHover";
import { Narration } from "../narration/Narration";
import { Dialogs } from "../panels/Dialogs";
import { Filters } from "../panels/Filters";
import { RangesBar } from "../panels/RangesBar";
import { SidePanel } from "../panels/traffic/SidePanel";
import { embedded, labStore, startClock } from "../store";
import { clearStaleSelection } from "../ui/selection";
import { uiStore, useUi } from "../ui/store";
import { useDocumentTheme } from "../ui/theme";
import { Dock } from "./Dock";
import { FatalGate } from "./FatalGate";
import { Notice } from "./Notice";
import { TopBar } from "./TopBar";
import { useShortcuts } from "./useShortcuts";
import { Welcome } from "./Welcome";
import "./app.css";
import "../panels/panels.css";

const Canvas = lazy(() => import("../canvas/Canvas"));
// Lessons come right after the first paint; the module also opens a linked or embedded lesson.
const LessonRail = lazy(() => import("../lessons/ui/LessonRail"));

// Benchmarks drive the lab through a window hook that exists only in `vite build --mode bench`.
if (import.meta.env.MODE === "bench") void import("./benchHook").then((m) => m.install());

/**
 * The lab: top bar, IP ranges, the lesson (when one is open), the canvas with the inspector beside
 * it, the terminal below. An embed keeps the lesson, the canvas and the terminal only.
 */
export function App() {
  useEffect(() => startClock(labStore), []);
  useEffect(() => clearStaleSelection(labStore, uiStore), []);
  useDocumentTheme();
  useShortcuts();
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  return (
    <FatalGate>
      <div className={`app${embedded ? " embedded" : ""}`}>
        {!embedded && <TopBar />}
        <RangesBar />
        {/* Beside the canvas and the terminal both (a grid in lessons.css): a step, its command and its actions stay in view. */}
        <Suspense fallback={null}>
          <LessonRail />
        </Suspense>
        <div className={`workspace${inspectorOpen && !embedded ? "" : " no-inspector"}`}>
          <main className="stage" aria-label="Cluster">
            {!embedded && <Filters />}
            <div className="canvas-wrap">
              <Suspense fallback={<p role="status">Drawing the cluster…</p>}>
                <Canvas />
              </Suspense>
              <Narration />
              <Notice />
              {!embedded && <Welcome />}
            </div>
          </main>
          {inspectorOpen && !embedded && <SidePanel />}
        </div>
        <Dock />
      </div>
      <Dialogs />
      <IpHover />
    </FatalGate>
  );
}
