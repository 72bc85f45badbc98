import { useState } from "react";
import { runCommand } from "../../actions/act";
import { curlOnce } from "../../actions/traffic";
import { keyOf, useLivePods, useServices } from "../traffic/usePods";

/**
 * One request from a pod on this node to a chosen Service (`kubectl exec … -- curl`, echoed in the
 * terminal), so its path through this node's rules lights up while the viewer is open.
 */
export function CurlFromNode({ node }: { node: string }) {
  const pods = useLivePods();
  const services = useServices();
  const [svc, setSvc] = useState("");
  const from = pods.find((p) => p.spec.nodeName === node);
  const to = services.find((s) => keyOf(s) === svc) ?? services[0];
  if (!from) return <span className="muted">No workload pod on {node} to send a request from.</span>;
  return (
    <span className="curl-from-node">
      <label>
        Curl from {from.metadata.name} to{" "}
        <select value={to ? keyOf(to) : ""} onChange={(e) => setSvc(e.target.value)}>
          {services.map((s) => (
            <option key={keyOf(s)} value={keyOf(s)}>
              {s.metadata.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button small" disabled={!to} onClick={() => to && runCommand(curlOnce(from, to))}>
        Send one request
      </button>
    </span>
  );
}
