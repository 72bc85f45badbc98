import { useEffect, useRef, useState } from "react";
import { LessonText } from "./LessonText";
import { forwardLabel, PRESENTER_CHANNEL, presenterKey, type PresenterCommand, type PresenterMessage, type PresenterState } from "./presenterProtocol";
import "./lessons.css";

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * The presenter's window (`?presenter`): the step the room sees, the speaker notes only the
 * teacher sees, the answer to the prediction, what comes next, and the controls (also on the
 * arrow keys and a clicker). It runs no cluster: it remote-controls the lab window.
 */
export function PresenterNotes() {
  const [state, setState] = useState<PresenterState | null>(null);
  const supported = typeof BroadcastChannel !== "undefined";
  const channel = useRef<BroadcastChannel | null>(null);
  useEffect(() => {
    if (!supported) return;
    const c = new BroadcastChannel(PRESENTER_CHANNEL);
    channel.current = c;
    c.onmessage = (e: MessageEvent<PresenterMessage>) => {
      if (e.data?.type === "state") setState(e.data);
    };
    c.postMessage({ type: "hello" } satisfies PresenterCommand);
    return () => {
      c.close();
      channel.current = null;
    };
  }, [supported]);
  const send = (command: PresenterCommand) => channel.current?.postMessage(command);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = presenterKey(e.key);
      if (!action) return;
      e.preventDefault();
      send({ type: action });
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  });
  useEffect(() => {
    document.title = "Podflow — presenter";
    document.documentElement.classList.add("presentation");
  }, []);
  if (!supported) return <p className="presenter-empty">This browser cannot link windows (no BroadcastChannel).</p>;
  if (!state) return <p className="presenter-empty">Waiting for the Podflow lab window… Open a lesson there and press “Present”.</p>;
  if (!state.lesson) return <p className="presenter-empty">No lesson is open in the lab window. Pick one under Lessons.</p>;
  return (
    <main className="presenter">
      <header className="presenter-head">
        <p className="lesson-kicker">
          Lesson {state.lesson.number}: {state.lesson.title} · step {state.stepIndex + 1} of {state.lesson.steps}
        </p>
        <p className={`presenter-clock${state.paused ? " paused" : ""}`} aria-label="Cluster clock">
          {state.paused ? "paused " : ""}
          {clock(state.elapsedSeconds)}
        </p>
      </header>
      <h1>{state.stepTitle}</h1>
      <p className="presenter-status" role="status">
        {state.status}
      </p>
      <section className="presenter-notes" aria-label="Speaker notes">
        <h2>Notes</h2>
        {state.notes ? <LessonText text={state.notes} /> : <p className="muted">No notes for this step.</p>}
        {state.predict && (
          <p>
            <strong>Prediction:</strong> {state.predict.question} <strong>Answer:</strong> {state.predict.answer}
          </p>
        )}
      </section>
      <section className="presenter-body" aria-label="What the room sees">
        <h2>On screen</h2>
        <LessonText text={state.body} />
      </section>
      {state.nextTitle && <p className="muted">Next: {state.nextTitle}</p>}
      <nav className="presenter-controls" aria-label="Presenter controls">
        <button type="button" className="button" onClick={() => send({ type: "back" })}>
          ← Back
        </button>
        <button type="button" className="button" onClick={() => send({ type: "pause" })}>
          {state.paused ? "Resume the clock" : "Pause the clock"}
        </button>
        <button type="button" className="button primary" disabled={state.phase === "passed" && !state.nextTitle} onClick={() => send({ type: "forward" })}>
          {forwardLabel(state.phase, !!state.nextTitle)} →
        </button>
      </nav>
      <p className="muted">Keys: → / PageDown / Space forward · ← / PageUp back · B or . pauses the clock.</p>
    </main>
  );
}
