import { useId } from "react";
import { labStore, SPEEDS, useLab } from "../store";
import { formatElapsed } from "../store/selectors";
import { PauseIcon, PlayIcon, StepIcon } from "./Icons";

/** Moves a paused clock on by one step (STEP_MS of virtual time). */
export function stepClock(): void {
  const s = labStore.getState();
  if (s.paused) s.step();
}

/** The virtual clock: elapsed time, pause/play, step and speed. */
export function ClockControls() {
  const elapsedSeconds = useLab((s) => s.elapsedSeconds);
  const paused = useLab((s) => s.paused);
  const speed = useLab((s) => s.speed);
  const setPaused = useLab((s) => s.setPaused);
  const setSpeed = useLab((s) => s.setSpeed);
  const speedId = useId();

  return (
    <div className="clock" role="group" aria-label="Virtual clock">
      <span className="clock-time" title="Virtual time since the lab started">
        <time aria-live="off">{formatElapsed(elapsedSeconds * 1000)}</time>
        {paused && <span className="clock-paused"> paused</span>}
      </span>
      <button type="button" className="button" aria-label={paused ? "Play" : "Pause"} onClick={() => setPaused(!paused)} title={paused ? "Resume the virtual clock (p)" : "Pause the virtual clock (p)"}>
        {paused ? <PlayIcon /> : <PauseIcon />}
        <span className="bar-label">{paused ? "Play" : "Pause"}</span>
      </button>
      <button type="button" className="button" onClick={stepClock} disabled={!paused} title="One virtual second (s)" aria-label="Step one second">
        <StepIcon />
        <span className="bar-label">Step</span>
      </button>
      <label htmlFor={speedId} className="sr-only">
        Speed
      </label>
      <select id={speedId} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
    </div>
  );
}
