/**
 * The lab side of presenter mode: arrow keys or a clicker step through the open lesson, and the
 * notes window (`?presenter`) is kept in sync over a BroadcastChannel and may send the same
 * commands. Forward reveals the instruction after a prediction, then does the step ("show me"),
 * then moves on; back rebuilds the cluster at the step before.
 */
import { labStore } from "../../store";
import { uiStore } from "../../ui/store";
import { fill } from "../runtime";
import { lessonRuntime } from "../session";
import { PRESENTER_CHANNEL, type PresenterCommand, type PresenterState } from "./presenterProtocol";

const rt = lessonRuntime;

export function presenterForward(): void {
  const s = rt.store.getState();
  if (!s.lesson || s.busy) return;
  if (s.step.phase === "predict") rt.skipPrediction();
  else if (s.step.phase === "act") rt.showMe();
  else rt.next();
}

export function presenterBack(): void {
  rt.back();
}

export function togglePause(): void {
  const lab = labStore.getState();
  lab.setPaused(!lab.paused);
}

function stateNow(): PresenterState {
  const s = rt.store.getState();
  const lab = labStore.getState();
  const step = s.lesson?.steps[s.stepIndex];
  const r = s.step.result;
  return {
    type: "state",
    lesson: s.lesson ? { number: s.lesson.number, title: s.lesson.title, steps: s.lesson.steps.length } : null,
    stepIndex: s.stepIndex,
    stepTitle: step?.title ?? "",
    phase: s.step.phase,
    body: step ? fill(step.body, s.memory) : "",
    notes: step?.notes ? fill(step.notes, s.memory) : "",
    predict: step?.predict ? { question: step.predict.question, answer: step.predict.options[step.predict.answer] } : undefined,
    status: s.step.phase === "passed" ? "Done" : r.status === "wait" ? r.message : s.step.tries > 0 ? `Not yet (${s.step.tries} tries)` : "Waiting for the class",
    nextTitle: s.lesson?.steps[s.stepIndex + 1]?.title,
    paused: lab.paused,
    elapsedSeconds: lab.elapsedSeconds,
  };
}

let channel: BroadcastChannel | undefined;

/** Starts answering the notes window (once per page). */
export function connectPresenter(): void {
  if (channel || typeof BroadcastChannel === "undefined") return;
  channel = new BroadcastChannel(PRESENTER_CHANNEL);
  const send = () => channel?.postMessage(stateNow());
  channel.onmessage = (e: MessageEvent<PresenterCommand>) => {
    switch (e.data?.type) {
      case "hello":
        return send();
      case "forward":
        return presenterForward();
      case "back":
        return presenterBack();
      case "pause":
        return togglePause();
    }
  };
  rt.store.subscribe(send);
  labStore.subscribe((s, p) => {
    if (s.paused !== p.paused || s.elapsedSeconds !== p.elapsedSeconds) send();
  });
}

/** Presentation mode here, speaker notes in a new window. */
export function openPresenterView(): void {
  connectPresenter();
  uiStore.getState().setPresentation(true);
  const url = new URL(location.href);
  url.hash = "";
  url.search = "?presenter";
  window.open(url.toString(), "podflow-presenter", "popup,width=900,height=700");
}
