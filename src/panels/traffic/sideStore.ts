/**
 * What the column beside the canvas shows: the inspector or the traffic panel. Selecting something
 * on the canvas brings the inspector back (that is what the learner asked to see).
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { uiStore } from "../../ui/store";

/** What the side column shows. */
export type SideView = "inspector" | "traffic";

/** The side column's view (the inspector by default). */
export const sideStore = createStore<{ view: SideView }>()(() => ({ view: "inspector" }));

uiStore.subscribe((s, prev) => {
  if (s.selection && s.selection !== prev.selection) sideStore.setState({ view: "inspector" });
});

/** Shows the traffic panel beside the canvas (opening the column if it was closed). */
export function showTraffic(): void {
  uiStore.getState().setInspectorOpen(true);
  sideStore.setState({ view: "traffic" });
}

/** Back to the inspector. */
export function showInspector(): void {
  sideStore.setState({ view: "inspector" });
}

/** The side column's current view. */
export function useSideView(): SideView {
  return useStore(sideStore, (s) => s.view);
}
