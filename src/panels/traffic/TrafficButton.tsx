import { useUi } from "../../ui/store";
import { showInspector, showTraffic, useSideView } from "./sideStore";

/** The top bar's "Traffic" toggle: the traffic panel beside the canvas, or back to the inspector. */
export function TrafficButton() {
  const open = useUi((s) => s.inspectorOpen);
  const on = useSideView() === "traffic" && open;
  return (
    <button type="button" className="button" aria-pressed={on} onClick={on ? showInspector : showTraffic} title="Send requests, see them spread, switch kube-proxy's mode">
      Traffic
    </button>
  );
}
