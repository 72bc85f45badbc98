import { labStore, useLab } from "../store";
import { formatElapsed } from "../store/selectors";
import { pickSelected } from "../ui/selection";
import { uiStore } from "../ui/store";
import { useNarration, narrationStore, type ShownCaption } from "./store";
import "./narration.css";

/** Selects what a caption is about and asks the canvas to bring it into view. */
function point(c: ShownCaption): void {
  const t = c.target;
  if (!t) return;
  const ui = uiStore.getState();
  if (!pickSelected(labStore.getState().snapshot, t.selection)) {
    ui.notify({ tone: "info", text: `${t.selection.kind} ${t.selection.name} is no longer in the cluster.` });
    return;
  }
  ui.select(t.selection);
  ui.focusOn(t.focus);
}

/** "01:23" (hours only when there are some). */
function clock(ms: number): string {
  const t = formatElapsed(ms);
  return t.startsWith("00:") ? t.slice(3) : t;
}

function Line({ c, start }: { c: ShownCaption; start: number }) {
  const body = (
    <>
      <time className="narration-time" dateTime={new Date(c.time).toISOString()}>
        {clock(c.time - start)}
      </time>{" "}
      <span className="narration-text">
        <strong>{c.actor}</strong> {c.text}
        {c.repeat ? ` (×${c.repeat})` : ""}
      </span>
    </>
  );
  return c.target ? (
    <button type="button" className="narration-line" onClick={() => point(c)} title="Show it on the canvas">
      {body}
    </button>
  ) : (
    <p className="narration-line">{body}</p>
  );
}

/**
 * Live narration over the canvas: what the cluster just did and who did it, one caption per
 * change, newest at the bottom. A caption is a button that selects its object and shows it on the
 * canvas. Screen readers hear new captions (a polite live log); the learner can hide it.
 */
/** From this many captions the log overflows its three lines (each caption takes at least one). */
const FULL = 3;

export function Narration() {
  const hidden = useNarration((s) => s.hidden);
  const captions = useNarration((s) => s.captions);
  const start = useLab((s) => s.startTime);
  const toggle = () => narrationStore.getState().setHidden(!hidden);
  // One toggle button in both states, so it keeps the keyboard focus when pressed.
  return (
    <section className={`narration${hidden ? " hidden" : ""}`} aria-label="Narration">
      <div className="narration-head">
        {!hidden && (
          <span className="narration-title" title="Change the cluster and what it does is told here.">
            What just happened
          </span>
        )}
        <button type="button" className="narration-toggle" aria-label={hidden ? "Show narration" : "Hide narration"} onClick={toggle}>
          {hidden ? "Show narration" : "Hide"}
        </button>
      </div>
      {!hidden && (
        <>
          {/* A column-reverse scroller stays scrolled to its end (the newest caption) through new
              captions and size changes (presentation mode); the inner list keeps reading order. */}
          <div className={`narration-scroll${captions.length >= FULL ? " full" : ""}`}>
            <div className="narration-log" role="log" aria-live="polite" aria-label="What just happened">
              {captions.map((c) => (
                <Line key={c.id} c={c} start={start} />
              ))}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
