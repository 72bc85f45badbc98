import { useId, useState } from "react";
import { useLab } from "../store";
import { findScenario } from "../store/scenarios";
import { loadScenario, SCENARIOS, undo } from "../store/session";
import { TrafficButton } from "../panels/traffic/TrafficButton";
import { uiStore } from "../ui/store";
import { ClockControls } from "./ClockControls";

/** The top bar: clock, scenario, reset/undo/share, create actions, legend, settings and help. */
export function TopBar() {
  const reset = useLab((s) => s.reset);
  const canUndo = useLab((s) => s.canUndo);
  const current = useLab((s) => s.scenarioId);
  const [picked, setScenario] = useState<string | null>(null);
  const scenario = picked ?? current;
  const [status, setStatus] = useState("");
  const scenarioId = useId();
  const open = uiStore.getState().openDialog;
  return (
    <header className="topbar">
      <h1 className="brand">
        <img src="./favicon.svg" alt="" width={26} height={26} />
        Podflow
      </h1>
      <ClockControls />
      <div className="bar-group" role="group" aria-label="Lab">
        <label htmlFor={scenarioId} className="sr-only">
          Scenario
        </label>
        <select id={scenarioId} className="scenario-select" value={scenario} onChange={(e) => setScenario(e.target.value)}>
          {SCENARIOS.map((s) => (
            <option key={s.id} value={s.id} title={s.description}>
              {s.title}
            </option>
          ))}
          {!SCENARIOS.some((s) => s.id === scenario) && <option value={scenario}>{findScenario(scenario)?.title ?? scenario}</option>}
        </select>
        <button type="button" className="button secondary" onClick={() => (loadScenario(scenario), uiStore.getState().select(null))} title="Start the chosen scenario">
          Load
        </button>
        <button type="button" className="button" onClick={() => (reset(), uiStore.getState().select(null))} title="Throw the cluster away and start again">
          Reset
        </button>
        <button type="button" className="button secondary" disabled={!canUndo} onClick={() => setStatus(undo() ? "Undoing the last command…" : "Nothing to undo.")}>
          Undo
        </button>
        <button type="button" className="button secondary" onClick={() => open({ kind: "share" })}>
          Share
        </button>
        <span role="status" className="bar-status">
          {status}
        </span>
      </div>
      <div className="bar-group end" role="group" aria-label="Help and settings">
        <button type="button" className="button primary" onClick={() => open({ kind: "lessons" })}>
          Lessons
        </button>
        <TrafficButton />
        <button type="button" className="button" onClick={() => open({ kind: "legend" })}>
          Legend
        </button>
        <button type="button" className="button" onClick={() => open({ kind: "settings" })}>
          Settings
        </button>
        <button type="button" className="button" aria-label="Keyboard shortcuts" onClick={() => open({ kind: "help" })}>
          ?
        </button>
      </div>
    </header>
  );
}
