import { useCallback, useEffect, useId, useRef, useState } from "react";
import { labStore, sessionStarted } from "../store";
import { loadScenario } from "../store/session";
import { uiStore } from "../ui/store";
import { greetAtStart, rememberDismissed } from "./welcome";

const FIRST_COMMAND = "kubectl get nodes";

/** Focuses the terminal's input once xterm.js has mounted it (it loads on demand). */
function focusTerminal(tries = 120): void {
  const input = document.querySelector<HTMLElement>('[aria-label="Terminal input"]');
  if (input) input.focus();
  else if (tries > 0) requestAnimationFrame(() => focusTerminal(tries - 1));
}

/**
 * A first visit's welcome over the canvas: three ways in (lesson 1, the article's deployment, a
 * first kubectl command). Not a modal: the lab stays usable around it. It goes for good when
 * dismissed, when one of its ways is taken, when a lesson starts or when the learner runs a
 * first command by themselves.
 */
export function Welcome() {
  const [open, setOpen] = useState(greetAtStart);
  const titleId = useId();
  const first = useRef<HTMLButtonElement>(null);

  const dismiss = useCallback(() => {
    rememberDismissed();
    setOpen(false);
  }, []);

  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const stopExec = labStore.getState().onExec((r) => {
      if (r.source !== "quiet") dismiss();
    });
    let stopLesson: (() => void) | undefined;
    let cancelled = false;
    // Lessons load right after the first paint (the lesson rail); a lesson opened from anywhere ends the welcome.
    void import("../lessons/session").then(({ lessonRuntime }) => {
      if (cancelled) return;
      const check = () => {
        if (lessonRuntime.store.getState().lesson) dismiss();
      };
      stopLesson = lessonRuntime.store.subscribe(check);
      check();
    });
    return () => {
      cancelled = true;
      stopExec();
      stopLesson?.();
    };
  }, [open, dismiss]);

  if (!open) return null;

  const startLesson = () => {
    dismiss();
    void import("../lessons/session").then(({ lessonRuntime }) => sessionStarted.then(() => lessonRuntime.open("lesson-1")));
  };
  const loadArticle = () => {
    dismiss();
    void sessionStarted.then(() => loadScenario("article"));
  };
  const typeFirstCommand = () => {
    dismiss();
    uiStore.getState().setTerminalOpen(true);
    // The same door the terminal's Enter key uses, once the lab is up.
    void sessionStarted.then(() => {
      labStore.getState().enterLine(FIRST_COMMAND);
      focusTerminal();
    });
  };

  return (
    <section
      className="welcome"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          dismiss();
        }
      }}
    >
      <header className="welcome-head">
        <h2 id={titleId}>Welcome to Podflow</h2>
        <button type="button" className="icon-button" aria-label="Close the welcome" onClick={dismiss}>
          ×
        </button>
      </header>
      <p>A live Kubernetes cluster in your browser: pods, Services and the rules that route to them. Three ways in:</p>
      <div className="welcome-ways">
        <button ref={first} type="button" className="button primary" onClick={startLesson}>
          Start lesson 1: Three IP ranges
        </button>
        <button type="button" className="button" onClick={loadArticle}>
          Load the article's deployment
        </button>
        <button type="button" className="button" onClick={typeFirstCommand}>
          Type <code>{FIRST_COMMAND}</code>
        </button>
      </div>
    </section>
  );
}
