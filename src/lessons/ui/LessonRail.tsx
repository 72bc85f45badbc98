import { useEffect, useId, useRef, useState } from "react";
import { typing } from "../../app/useShortcuts";
import { uiStore, useUi } from "../../ui/store";
import { fill } from "../runtime";
import { lessonRuntime, useLesson } from "../session";
import type { Prediction, Step } from "../types";
import { InlineText, LessonText } from "./LessonText";
import "./lessons.css";
import { connectPresenter, openPresenterView, presenterBack, presenterForward, togglePause } from "./presenter";
import { presenterKey } from "./presenterProtocol";

/** In presentation mode, arrow keys and a clicker's PageUp/PageDown step through the lesson. */
function usePresenterKeys(presenting: boolean) {
  useEffect(() => {
    if (!presenting) return;
    connectPresenter();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      // Space on a focused button presses that button.
      if (e.key === " " && (e.target as HTMLElement | null)?.closest("button, a, [role=radio]")) return;
      const action = presenterKey(e.key);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      if (action === "forward") presenterForward();
      else if (action === "back") presenterBack();
      else togglePause();
    };
    addEventListener("keydown", onKey, true);
    return () => removeEventListener("keydown", onKey, true);
  }, [presenting]);
}

const rt = lessonRuntime;

function PredictForm({ predict, f }: { predict: Prediction; f: (t: string) => string }) {
  const [choice, setChoice] = useState<number | null>(null);
  const name = useId();
  return (
    <form
      className="lesson-predict"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== null) rt.predict(choice);
      }}
    >
      <fieldset>
        <legend>
          Predict first: <InlineText text={f(predict.question)} />
        </legend>
        {predict.options.map((o, i) => (
          <label key={i} className="lesson-option">
            <input type="radio" name={name} value={i} checked={choice === i} onChange={() => setChoice(i)} />
            <span>
              <InlineText text={f(o)} />
            </span>
          </label>
        ))}
      </fieldset>
      <div className="lesson-actions">
        <button type="submit" className="button primary" disabled={choice === null}>
          Commit my answer
        </button>
        <button type="button" className="button secondary" onClick={() => rt.skipPrediction()}>
          Skip
        </button>
      </div>
    </form>
  );
}

function Verdict({ step, prediction, f }: { step: Step; prediction: number | null; f: (t: string) => string }) {
  const p = step.predict;
  if (!p) return null;
  const picked = prediction !== null && prediction >= 0 ? p.options[prediction] : undefined;
  const right = prediction === p.answer;
  return (
    <div className={`lesson-verdict ${picked === undefined ? "" : right ? "right" : "wrong"}`}>
      {picked !== undefined && (
        <p>
          <strong>{right ? "You predicted it." : "Not what you predicted."}</strong> You said “<InlineText text={f(picked)} />”.
        </p>
      )}
      <p>
        <InlineText text={f(p.reveal)} />
      </p>
    </div>
  );
}

/** The lesson beside the canvas: the open step, its check's verdict, hints, "show me", why. */
export default function LessonRail() {
  const presenting = useUi((s) => s.presentation);
  usePresenterKeys(presenting);
  const why = useRef<HTMLDivElement>(null);
  const lesson = useLesson((s) => s.lesson);
  const index = useLesson((s) => s.stepIndex);
  const run = useLesson((s) => s.step);
  const passed = run.phase === "passed";
  // Once a step passes, bring its explanation into view.
  useEffect(() => {
    if (passed) why.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [passed]);
  const memory = useLesson((s) => s.memory);
  const busy = useLesson((s) => s.busy);
  const progress = useLesson((s) => s.progress);
  if (!lesson) return null;
  const done = progress.lessons[lesson.id]?.passed ?? [];
  const step = lesson.steps[index];
  const last = index === lesson.steps.length - 1;
  const f = (t: string) => fill(t, memory);
  const next = rt.lessons.find((l) => l.number === lesson.number + 1);
  return (
    <aside className="lesson-rail" aria-label={`Lesson ${lesson.number}: ${lesson.title}`}>
      <header className="lesson-head">
        <p className="lesson-kicker">
          Lesson {lesson.number} of {rt.lessons.length} · step {index + 1} of {lesson.steps.length}
        </p>
        <h2>{lesson.title}</h2>
        <div className="lesson-tools">
          <button type="button" className="button small" onClick={() => uiStore.getState().openDialog({ kind: "lessons" })}>
            Lessons
          </button>
          <button type="button" className="button small" onClick={() => rt.reset()} title="Start this lesson again on its starting cluster" aria-label="Restart the lesson">
            Restart
          </button>
          <button type="button" className="button small" onClick={openPresenterView} title="Speaker notes in a second window; this one goes to presentation mode" aria-label="Present: speaker notes in a second window">
            Present
          </button>
          <button type="button" className="icon-button" aria-label="Close the lesson" onClick={() => rt.close()}>
            ×
          </button>
        </div>
        <ol className="lesson-steps" aria-label="Steps">
          {lesson.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                className={`lesson-dot${i === index ? " current" : ""}${done.includes(s.id) ? " done" : ""}`}
                aria-current={i === index ? "step" : undefined}
                aria-label={`Step ${i + 1}: ${s.title}${done.includes(s.id) ? " (done)" : ""}`}
                title={`${i + 1}. ${s.title}`}
                disabled={busy}
                onClick={() => i !== index && rt.goTo(i)}
              >
                {done.includes(s.id) ? "✓" : i + 1}
              </button>
            </li>
          ))}
        </ol>
      </header>
      {/* Keyed by step: a new step starts scrolled to its top. */}
      <section key={`${lesson.id}/${index}`} className="lesson-step" aria-labelledby="lesson-step-title" tabIndex={0}>
        <h3 id="lesson-step-title">
          {index + 1}. {step.title}
          {step.fresh && <span className="lesson-badge">fresh cluster</span>}
        </h3>
        {run.phase === "predict" && step.predict ? <PredictForm key={`${lesson.id}/${step.id}`} predict={step.predict} f={f} /> : <LessonText text={f(step.body)} />}
        <p className={`lesson-status ${run.result.status}`} role="status">
          {passed ? "✓ Done" : run.result.status === "wait" ? run.result.message : run.tries > 0 ? "Not yet." : ""}
        </p>
        {!passed && run.nearMiss && <p className="lesson-hint">{f(run.nearMiss)}</p>}
        {!passed && run.hintsShown > 0 && (
          <ul className="lesson-hints" aria-label="Hints">
            {step.hints.slice(0, run.hintsShown).map((h, i) => (
              <li key={i}>
                <LessonText text={f(h)} />
              </li>
            ))}
          </ul>
        )}
        {run.shown.length > 0 && (
          <div className="lesson-shown">
            <p>Show me ran:</p>
            <pre>{run.shown.join("\n")}</pre>
            {run.showError && <p className="lesson-hint">{run.showError}</p>}
          </div>
        )}
        {passed && (
          <div className="lesson-why" ref={why}>
            <Verdict step={step} prediction={run.prediction} f={f} />
            <h4>Why</h4>
            <LessonText text={f(step.explain)} />
            {run.rulesNode && (
              <button type="button" className="button small" onClick={() => rt.openRules()}>
                See it in {run.rulesNode}&apos;s rules
              </button>
            )}
          </div>
        )}
        {passed && last && (
          <p className="lesson-complete" role="status">
            Lesson complete.
          </p>
        )}
      </section>
      <footer className="lesson-foot">
        {!passed && run.phase !== "predict" && (
          <>
            <button type="button" className="button secondary" disabled={run.hintsShown >= step.hints.length} onClick={() => rt.hint()}>
              Hint
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => rt.showMe()}>
              Show me
            </button>
          </>
        )}
        {passed && !last && (
          <button type="button" className="button primary" onClick={() => rt.next()}>
            Next step →
          </button>
        )}
        {passed && last && next && (
          <button type="button" className="button primary" onClick={() => rt.open(next.id)}>
            Lesson {next.number}: {next.title} →
          </button>
        )}
        {passed && last && !next && (
          <button type="button" className="button primary" onClick={() => uiStore.getState().openDialog({ kind: "lessons" })}>
            All lessons
          </button>
        )}
      </footer>
    </aside>
  );
}
