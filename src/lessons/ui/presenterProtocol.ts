/**
 * The messages between the lab window (what the room sees) and the presenter's notes window
 * (`?presenter`, on the teacher's own screen), over a BroadcastChannel: same origin, no server.
 */
export const PRESENTER_CHANNEL = "podflow-presenter";

/** What the notes window shows; sent by the lab on every change. */
export interface PresenterState {
  type: "state";
  lesson: { number: number; title: string; steps: number } | null;
  stepIndex: number;
  stepTitle: string;
  phase: "predict" | "act" | "passed";
  /** The instruction, with live values filled in. */
  body: string;
  notes: string;
  /** The prediction and its answer, for the teacher's eyes. */
  predict?: { question: string; answer: string };
  /** The check's verdict in words ("2 of 3 pods ready…", "Done"). */
  status: string;
  nextTitle?: string;
  paused: boolean;
  elapsedSeconds: number;
}

/** What the notes window (or a clicker on it) asks the lab to do. */
export type PresenterCommand = { type: "hello" } | { type: "forward" } | { type: "back" } | { type: "pause" };

export type PresenterMessage = PresenterState | PresenterCommand;

/** What "forward" will do now, in words (the notes window labels its button with it). */
export function forwardLabel(phase: PresenterState["phase"], hasNext: boolean): string {
  if (phase === "predict") return "Reveal the instruction";
  if (phase === "act") return "Show me";
  return hasNext ? "Next step" : "End of lesson";
}

/** Keys a clicker or keyboard sends for forward/back (clickers send PageDown/PageUp or arrows). */
export function presenterKey(key: string): "forward" | "back" | "pause" | undefined {
  if (key === "ArrowRight" || key === "PageDown" || key === " ") return "forward";
  if (key === "ArrowLeft" || key === "PageUp") return "back";
  // Clickers' "blank screen" button sends "b" or "."; here it freezes the cluster's clock.
  if (key === "b" || key === ".") return "pause";
  return undefined;
}
