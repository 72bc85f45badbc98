/**
 * Lessons are data (DESIGN.md principle 5): a lesson is a list of steps, each with what to do, a
 * check over the live cluster, hints, "show me" actions and an explanation. The runtime
 * (runtime.ts) runs them against the lab store; the panel (LessonPanel.tsx) draws them. Nothing
 * here knows about React or the page.
 */
import type { ClusterSnapshot, ExecResult, FlowEvent, ProxyStatus, RuleLine, TrafficMetrics, TrafficSpec } from "../engine/api";
import type { Selection } from "../ui/store";

/** A line the engine ran while the step was open. */
export interface CommandRecord {
  line: string;
  /** Where it ran: `controlplane:~$ `, `node01:~$ `, a pod's shell prompt. */
  prompt: string;
  result: ExecResult;
  source: "terminal" | "ui" | "quiet";
}

/** What a check sees: the cluster now, and what happened since the step opened. */
export interface CheckContext {
  snapshot: ClusterSnapshot;
  /** Lines run since the step opened, oldest first. */
  commands: readonly CommandRecord[];
  /** Connections opened since the step opened, oldest first (closed ones have `endTime`). */
  flows: readonly FlowEvent[];
  /** Values earlier steps remembered (`remember`, `enter`), e.g. `{ oldIP: "192.168.197.1" }`. */
  memory: Readonly<Record<string, string>>;
  /** kube-proxy on each node. */
  proxies(): ProxyStatus[];
  /** A node's rules (`iptables-save` or `ipvsadm -Ln`), line by line. */
  rules(node: string): RuleLine[];
  /** The traffic generators' counters now (per pod, per Service, per node). */
  traffic(): TrafficMetrics;
}

/**
 * A check's verdict. `wait` is "on the way" (a pod is still starting): it is not a wrong try.
 * `fail` may carry a hint written for this exact near miss.
 */
export type CheckResult = { status: "pass" } | { status: "wait"; message: string } | { status: "fail"; hint?: string };

/** One thing "show me" does, through the same doors the learner uses. */
export type Action =
  /** A command, typed in the terminal where the step's `shell` is (a heredoc may span lines). */
  | string
  /** Let virtual time pass (ms), as the clock would. */
  | { wait: number }
  /** Start a traffic generator, as the traffic panel does. */
  | { traffic: TrafficSpec }
  /** Point at an object on the canvas (it is selected, the inspector shows it). */
  | { select: Selection }
  /** Open a node's rules (iptables-save / ipvsadm), where live requests are highlighted. */
  | { rules: string };

/** A question asked before a key moment; the answer is then seen happening live. */
export interface Prediction {
  question: string;
  options: readonly string[];
  /** Index of the right option. */
  answer: number;
  /** Said after the step passes, whatever was picked. */
  reveal: string;
}

/** Text with `{{name}}` filled from the step's memory; `code` and **bold** are drawn. */
export type LessonText = string;

export interface Step {
  /** Stable within its lesson (progress and deep links keep working when text changes). */
  id: string;
  title: string;
  /** What to do, in the learner's words. Paragraphs are separated by a blank line; a paragraph of `$ ` lines is a command block. */
  body: LessonText;
  /** Asked before the instruction is shown. */
  predict?: Prediction;
  check(ctx: CheckContext): CheckResult;
  /** Shown one by one after wrong tries (or on request). */
  hints: readonly string[];
  /** What "show me" does; a function when it needs live names (a pod's generated name). */
  showMe: readonly Action[] | ((ctx: CheckContext) => readonly Action[]);
  /**
   * Where "show me" types its commands: a node's name (`{{name}}` allowed). Show me first takes
   * the terminal there as a learner would (`exit`, then `ssh NODE`). The control plane by default.
   */
  shell?: string;
  /** Why it happened, shown once the check passes. */
  explain: LessonText;
  /** What to point at once the step passes: an object is selected on the canvas; a node's rules are offered as a button. */
  highlight?(ctx: CheckContext): Action | undefined;
  /**
   * What the step is about, as canvas ids (see focus.ts: a Service with its pods, say): the camera
   * brings them into view when a presenter opens the step. Without it, the object `highlight`
   * points at.
   */
  focus?(ctx: CheckContext): readonly string[];
  /** Values to keep for later steps, read when the step passes. */
  remember?(ctx: CheckContext): Record<string, string>;
  /** Values to keep, read when the step opens (after `fresh` has been set up). */
  enter?(ctx: CheckContext): Record<string, string>;
  /** Start this step on a fresh cluster: a scenario id (the lesson's closing check). */
  fresh?: string;
  /** With `fresh`: lines run on the fresh cluster after its scenario (commands, and waits in ms). */
  setup?: readonly (string | number)[];
  /** For the presenter only: what to say, what to point at. */
  notes?: string;
}

export interface Lesson {
  /** Stable id used in links (`#lesson=ID`, `?embed=ID`) and saved progress. */
  id: string;
  /** 1-based position; `lesson-N` names it in links too. */
  number: number;
  title: string;
  /** One sentence for the lesson list. */
  summary: string;
  /** The scenario the lesson starts from (see src/store/scenarios.ts). */
  scenario: string;
  /**
   * Lines run after the scenario to finish the starting cluster (a lesson file's own setup):
   * commands as the terminal takes them (heredocs included), numbers as waits in virtual ms.
   */
  setup?: readonly (string | number)[];
  steps: readonly Step[];
}
