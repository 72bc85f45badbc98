import { useEffect, useId, useRef, useState } from "react";
import { typing } from "../../app/useShortcuts";
import { uiStore, useUi } from "../../ui/store";
import { fill } from "../runtime";
import { lessonRuntime, useLesson } from "../session";
import type { Prediction, Step } from "../types";
import { InlineText, LessonText } from "./LessonText";
import { ListIcon, PresentIcon, RestartIcon } from "./icons";
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

/**
 * The question asked before the instruction. Its buttons (Commit, Skip) sit in the rail's footer,
 * which never scrolls away; they belong to this form through its id.
 */
function PredictForm({ id, predict, f, choice, onChoice }: { id: string; predict: Prediction; f: (t: string) => string; choice: number | null; onChoice(i: number): void }) {
  const name = useId();
  return (
    <form
      id={id}
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
            <input type="radio" name={name} value={i} checked={choice === i} onChange={() => onChoice(i)} />
            <span>
              <InlineText text={f(o)} />
            </span>
          </label>
        ))}
      </fieldset>
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

/** What the step asks the learner to do. */
function Instruction({ text }: { text: string }) {
  return (
    <div className="lesson-instruction" role="group" aria-label="What to do">
      <LessonText text={text} />
    </div>
  );
}

/**
 * Scrolls `scroller` the least that shows `el` whole (its top, when it is taller than the view),
 * without scrolling the page around it (as `scrollIntoView` would).
 */
function reveal(scroller: HTMLElement | null, el: HTMLElement | null) {
  if (!scroller || !el) return;
  const view = scroller.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  if (box.top < view.top || box.height > view.height) scroller.scrollTop += box.top - view.top;
  else if (box.bottom > view.bottom) scroller.scrollTop += box.bottom - view.bottom;
}

/**
 * The open step: what to do (after the prediction, if it asks one), the check's verdict, the
 * current hint, what "show me" ran and, once passed, why. The footer holds the step's actions and
 * never scrolls away. Keyed by step, so a new step starts scrolled to its top.
 */
function StepView({ index }: { index: number }) {
  const lesson = useLesson((s) => s.lesson)!;
  const run = useLesson((s) => s.step);
  const memory = useLesson((s) => s.memory);
  const busy = useLesson((s) => s.busy);
  const [choice, setChoice] = useState<number | null>(null);
  const scroller = useRef<HTMLElement>(null);
  const hint = useRef<HTMLDivElement>(null);
  const why = useRef<HTMLDivElement>(null);
  const formId = useId();
  const step = lesson.steps[index];
  const last = index === lesson.steps.length - 1;
  const passed = run.phase === "passed";
  const f = (t: string) => fill(t, memory);
  const next = rt.lessons.find((l) => l.number === lesson.number + 1);
  const hintText = run.hintsShown > 0 ? step.hints[run.hintsShown - 1] : undefined;

  // The prediction answered: the instruction shows from its top, and the keyboard goes to it.
  const phase = run.phase;
  const asked = useRef(phase === "predict");
  useEffect(() => {
    if (phase !== "act" || !asked.current) return;
    asked.current = false;
    if (scroller.current) scroller.current.scrollTop = 0;
    if (scroller.current?.closest(".lesson-rail")?.contains(document.activeElement) || document.activeElement === document.body) scroller.current?.focus({ preventScroll: true });
  }, [phase]);
  // A new hint (or the check's word on a near miss) comes into view.
  useEffect(() => reveal(scroller.current, hint.current), [run.hintsShown, run.nearMiss]);
  // Once a step passes, its explanation comes into view.
  useEffect(() => {
    if (passed) reveal(scroller.current, why.current);
  }, [passed]);

  return (
    <>
      <section ref={scroller} className="lesson-step" aria-labelledby="lesson-step-title" tabIndex={0}>
        <h3 id="lesson-step-title">
          {index + 1}. {step.title}
          {step.fresh && <span className="lesson-badge">fresh cluster</span>}
        </h3>
        {run.phase === "predict" && step.predict ? (
          <PredictForm id={formId} predict={step.predict} f={f} choice={choice} onChoice={setChoice} />
        ) : passed ? (
          // Done: the instruction folds away so the explanation and "Next" are what is in view.
          <details className="lesson-done-body">
            <summary>What this step asked</summary>
            <Instruction text={f(step.body)} />
          </details>
        ) : (
          <Instruction text={f(step.body)} />
        )}
        <p className={`lesson-status ${run.result.status}`} role="status">
          {passed ? "✓ Done" : run.result.status === "wait" ? run.result.message : run.tries > 0 ? "Not yet." : ""}
        </p>
        {!passed && (run.nearMiss || hintText) && (
          <div className="lesson-hint" ref={hint} role="group" aria-label="Hints">
            {run.nearMiss && <LessonText text={f(run.nearMiss)} />}
            {hintText && (
              <div className="lesson-hints">
                <p className="lesson-hint-count">
                  Hint {run.hintsShown} of {step.hints.length}
                </p>
                <LessonText text={f(hintText)} />
                {run.hintsShown > 1 && (
                  <details className="lesson-earlier-hints">
                    <summary>Earlier hints</summary>
                    <ol>
                      {step.hints.slice(0, run.hintsShown - 1).map((h, i) => (
                        <li key={i}>
                          <LessonText text={f(h)} />
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </div>
            )}
          </div>
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
        {run.phase === "predict" && (
          <>
            <button type="button" className="button secondary" onClick={() => rt.skipPrediction()}>
              Skip
            </button>
            <button type="submit" form={formId} className="button primary" disabled={choice === null}>
              Commit my answer
            </button>
          </>
        )}
        {run.phase === "act" && (
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
    </>
  );
}

/** The lesson beside the canvas and the terminal: a compact header, the open step, its actions. */
export default function LessonRail() {
  const presenting = useUi((s) => s.presentation);
  usePresenterKeys(presenting);
  const lesson = useLesson((s) => s.lesson);
  const index = useLesson((s) => s.stepIndex);
  const busy = useLesson((s) => s.busy);
  const progress = useLesson((s) => s.progress);
  // Presenting, the camera goes to what the step is about (the room sees the objects it names).
  const lessonId = lesson?.id;
  useEffect(() => {
    if (presenting && lessonId && !busy) uiStore.getState().focusOn(rt.focusIds());
  }, [presenting, lessonId, index, busy]);
  if (!lesson) return null;
  const done = progress.lessons[lesson.id]?.passed ?? [];
  return (
    <aside className="lesson-rail" aria-label={`Lesson ${lesson.number}: ${lesson.title}`}>
      <header className="lesson-head">
        <div className="lesson-bar">
          <p className="lesson-kicker">
            Lesson {lesson.number} of {rt.lessons.length}
            <span className="sr-only">
              , step {index + 1} of {lesson.steps.length}
            </span>
          </p>
          <div className="lesson-tools">
            <button type="button" className="lesson-tool" onClick={() => uiStore.getState().openDialog({ kind: "lessons" })} title="All lessons" aria-label="Lessons">
              <ListIcon />
            </button>
            <button type="button" className="lesson-tool" onClick={() => rt.reset()} title="Start this lesson again on its starting cluster" aria-label="Restart the lesson">
              <RestartIcon />
            </button>
            <button type="button" className="lesson-tool" onClick={openPresenterView} title="Present: speaker notes in a second window; this one goes to presentation mode" aria-label="Present: speaker notes in a second window">
              <PresentIcon />
            </button>
            <button type="button" className="lesson-tool close" aria-label="Close the lesson" title="Close the lesson" onClick={() => rt.close()}>
              ×
            </button>
          </div>
        </div>
        <h2>{lesson.title}</h2>
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
      <StepView key={`${lesson.id}/${index}`} index={index} />
    </aside>
  );
}
