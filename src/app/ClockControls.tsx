import { useId } from "react";
import { SPEEDS, useLab } from "../store";
import { formatElapsed } from "../store/selectors";
import { PauseIcon, PlayIcon } from "./Icons";

/** The virtual clock: elapsed time, pause/play and speed. */
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
        <span className="clock-label">Virtual time</span>{" "}
        <time aria-live="off">{formatElapsed(elapsedSeconds * 1000)}</time>
        {paused && <span className="clock-paused"> (paused)</span>}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => setPaused(!paused)}
        title={paused ? "Resume the virtual clock" : "Pause the virtual clock"}
      >
        {paused ? <PlayIcon /> : <PauseIcon />}
        {paused ? "Play" : "Pause"}
      </button>
      <label htmlFor={speedId} className="clock-label">
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
