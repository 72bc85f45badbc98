import { useState } from "react";
import { runCommand } from "../../actions/act";
import { FormError } from "../FormError";
import { curlOnce } from "../../actions/traffic";
import { Select } from "./Select";
import { keyOf, podLabel, useLivePods, useServices } from "./usePods";

/** One request from a chosen pod, typed into the terminal for the learner: `kubectl exec … -- curl`. */
export function CurlOnce() {
  const pods = useLivePods();
  const services = useServices();
  const [pod, setPod] = useState("");
  const [svc, setSvc] = useState("");
  const [error, setError] = useState<string | null>(null);
  const from = pods.find((p) => keyOf(p) === pod) ?? pods[0];
  const to = services.find((s) => keyOf(s) === svc) ?? services[0];
  const run = () => {
    if (!from || !to) return;
    const r = runCommand(curlOnce(from, to));
    // curl's own failure (refused, timeout) is the lesson: it is in the terminal; a kubectl error is shown here too.
    setError(r.ok || r.error === "" || /curl|command terminated/.test(r.error) ? null : r.error);
  };
  return (
    <section aria-labelledby="traffic-curl">
      <h3 id="traffic-curl">One request</h3>
      <div className="form-row">
        <Select label="Curl from pod" value={from ? keyOf(from) : ""} onChange={(e) => setPod(e.target.value)}>
          {pods.map((p) => (
            <option key={keyOf(p)} value={keyOf(p)}>
              {podLabel(p)}
            </option>
          ))}
        </Select>
        <Select label="to Service" value={to ? keyOf(to) : ""} onChange={(e) => setSvc(e.target.value)}>
          {services.map((s) => (
            <option key={keyOf(s)} value={keyOf(s)}>
              {s.metadata.name}
            </option>
          ))}
        </Select>
      </div>
      <FormError error={error} />
      <button type="button" className="button small" disabled={!from || !to} onClick={run}>
        Curl once
      </button>
    </section>
  );
}
