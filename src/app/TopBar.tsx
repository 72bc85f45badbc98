import { useId, useState } from "react";
import { useLab } from "../store";
import { findScenario } from "../store/scenarios";
import { loadScenario, SCENARIOS, undo } from "../store/session";
import { TrafficButton } from "../panels/traffic/TrafficButton";
import { uiStore } from "../ui/store";
import { ClockControls } from "./ClockControls";
import { GearIcon, LegendIcon, ResetIcon } from "./Icons";
import { resetWithUndo } from "./resetWithUndo";

/**
 * The top bar: clock, scenario, reset/undo/share, lessons, traffic, legend, settings and help.
 * One row at every classroom size (1024×768, 1280×720, presenting or not): below 1200 px wide the
 * buttons that have an icon show only the icon (`.bar-label` hides; the accessible name stays).
 */
export function TopBar() {
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
        <span className="brand-name">Podflow</span>
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
        <button type="button" className="button secondary" onClick={() => loadScenario(scenario)} title="Start the chosen scenario">
          Load
        </button>
        <button type="button" className="button" aria-label="Reset" onClick={resetWithUndo} title="Throw the cluster away and start this scenario again (Undo for 10 s)">
          <ResetIcon />
          <span className="bar-label">Reset</span>
        </button>
        <button type="button" className="button secondary" disabled={!canUndo} onClick={() => setStatus(undo() ? "Undoing the last command…" : "Nothing to undo.")} title="Take back the last command">
          Undo
        </button>
        <button type="button" className="button secondary" onClick={() => open({ kind: "share" })} title="A link that restores this lab">
          Share
        </button>
        <span role="status" className="bar-status sr-only">
          {status}
        </span>
      </div>
      <div className="bar-group end" role="group" aria-label="Help and settings">
        <button type="button" className="button primary" onClick={() => open({ kind: "lessons" })}>
          Lessons
        </button>
        <TrafficButton />
        <button type="button" className="button" aria-label="Legend" title="Legend: what the shapes and colours mean" onClick={() => open({ kind: "legend" })}>
          <LegendIcon />
          <span className="bar-label">Legend</span>
        </button>
        <button type="button" className="button" aria-label="Settings" title="Settings: theme, presentation mode" onClick={() => open({ kind: "settings" })}>
          <GearIcon />
          <span className="bar-label">Settings</span>
        </button>
        <button type="button" className="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => open({ kind: "help" })}>
          ?
        </button>
      </div>
    </header>
  );
}
