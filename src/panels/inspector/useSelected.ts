import { useLab } from "../../store";
import { pickSelected } from "../../ui/selection";
import type { Selection } from "../../ui/store";

export { pickSelected };

/** Subscribes to the selected object only: the inspector re-renders when that object changes. */
export function useSelectedObject(sel: Selection) {
  return useLab((s) => pickSelected(s.snapshot, sel));
}
