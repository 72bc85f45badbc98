import { useState } from "react";
import { act } from "../../actions/act";
import { markSlow, slowness } from "../../actions/traffic";
import { Select } from "./Select";
import { SlowToggle } from "./SlowToggle";
import { keyOf, podLabel, useLivePods } from "./usePods";

const DELAYS = ["500ms", "1s", "2s", "5s"];

/** Which pods answer slowly, and a way to make one slow: what least-connection reacts to. */
export function SlowPods() {
  const pods = useLivePods();
  const [pick, setPick] = useState("");
  const [delay, setDelay] = useState("2s");
  const slow = pods.filter((p) => slowness(p));
  const chosen = pods.find((p) => keyOf(p) === pick) ?? pods.find((p) => !slowness(p));
  return (
    <section aria-labelledby="traffic-slow">
      <h3 id="traffic-slow">Slow pods</h3>
      {slow.length === 0 && <p className="muted">Every pod answers at once.</p>}
      <ul className="generator-list">
        {slow.map((p) => (
          <li key={keyOf(p)}>
            <span className="mono">{podLabel(p)}</span>
            <span className="muted">answers after {slowness(p)}</span>
            <SlowToggle pod={p} />
          </li>
        ))}
      </ul>
      <div className="form-row">
        <Select label="Pod" value={chosen ? keyOf(chosen) : ""} onChange={(e) => setPick(e.target.value)}>
          {pods.map((p) => (
            <option key={keyOf(p)} value={keyOf(p)}>
              {podLabel(p)}
            </option>
          ))}
        </Select>
        <Select label="Delay" value={delay} onChange={(e) => setDelay(e.target.value)}>
          {DELAYS.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </Select>
      </div>
      <button type="button" className="button small" disabled={!chosen} onClick={() => chosen && act(markSlow(chosen, delay))}>
        Mark slow
      </button>
    </section>
  );
}
