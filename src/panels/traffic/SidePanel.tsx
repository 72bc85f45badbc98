import { lazy, Suspense } from "react";
import { Inspector } from "../inspector/Inspector";
import { useSideView } from "./sideStore";

const TrafficPanel = lazy(() => import("./TrafficPanel"));

/** The column beside the canvas: the inspector, or the traffic panel (loaded on demand). */
export function SidePanel() {
  const view = useSideView();
  if (view === "inspector") return <Inspector />;
  return (
    <Suspense fallback={<aside className="inspector" aria-label="Traffic" aria-busy="true" />}>
      <TrafficPanel />
    </Suspense>
  );
}
