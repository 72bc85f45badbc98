/**
 * The traffic panel (beside the canvas, in the inspector's place): send requests to a Service,
 * see them spread over the pods, make a pod slow, switch kube-proxy's mode and scheduler. Loaded
 * on demand.
 */
import { CurlOnce } from "./CurlOnce";
import { GeneratorForm } from "./GeneratorForm";
import { Generators } from "./Generators";
import { Metrics } from "./Metrics";
import { ProxyModeForm } from "./ProxyModeForm";
import { showInspector } from "./sideStore";
import { SlowPods } from "./SlowPods";
import "./traffic.css";

/** The traffic panel, in the side column (an `<aside>` named "Traffic"). */
export default function TrafficPanel() {
  return (
    <aside className="inspector traffic-panel" aria-label="Traffic">
      <header className="inspector-head">
        <span className="kind-tag inspector-kind">traffic</span>
        <h2>Requests to Services</h2>
        <button type="button" className="icon-button" aria-label="Close traffic panel" onClick={showInspector}>
          ×
        </button>
      </header>
      <GeneratorForm />
      <Generators />
      <Metrics />
      <CurlOnce />
      <SlowPods />
      <ProxyModeForm />
    </aside>
  );
}
