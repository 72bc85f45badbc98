/**
 * Runs a lesson against the lab: opens it on its starting cluster, watches what the learner does
 * (every command the engine runs, every connection, every snapshot), evaluates the open step's
 * check, counts wrong tries, reveals hints, and plays "show me" through the same doors the
 * learner uses (commands echoed in the terminal, traffic generators, canvas selection).
 *
 * It talks to the page through a {@link LessonHost}, so unit tests drive it with a lab store of
 * their own.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { FlowEvent, TrafficSpec } from "../engine/api";
import { CONTROL_PLANE_PROMPT, type ExecRecord, type LabStore } from "../store/lab";
import type { KeyValueStorage } from "../store/storage";
import type { Selection } from "../ui/store";
import { selectionFocus } from "./focus";
import { emptyProgress, loadProgress, saveProgress, type Progress } from "./progress";
import type { Action, CheckContext, CheckResult, CommandRecord, Lesson, Step } from "./types";

/** What the runtime needs from the page. */
export interface LessonHost {
  lab: LabStore;
  /** Starts scenario `id` afresh (synchronously); false if unknown. */
  loadScenario(id: string): boolean;
  select(selection: Selection | null): void;
  /** Brings canvas objects into view (ids as focus.ts makes them); the inspector must not hide them. */
  focus?(ids: readonly string[]): void;
  openRules(node: string): void;
  startTraffic(spec: TrafficSpec): { ok: true } | { ok: false; error: string };
  storage?: KeyValueStorage;
  /**
   * False in an embed: the open step is not saved as "where the learner is", because the site's
   * own lab (which a reload resumes that step over) is not the embed's cluster.
   */
  trackCurrent?: boolean;
}

export interface StepRun {
  /** `predict`: the question is asked before the instruction shows. */
  phase: "predict" | "act" | "passed";
  /** The option picked; -1 when the prediction was skipped; null before. */
  prediction: number | null;
  /** Wrong tries: commands after which the check still failed. */
  tries: number;
  /** How many of the step's hints are shown. */
  hintsShown: number;
  /** The check's hint for the learner's latest near miss. */
  nearMiss?: string;
  result: CheckResult;
  /** What "show me" ran, shown under the step. */
  shown: string[];
  /** Why "show me" stopped, when a command of it failed. */
  showError?: string;
  /** The step was passed through "show me" (or a fast-forward), not by hand. */
  byShowMe: boolean;
  /** A node whose rules show what the step did (offered as a button once it passes). */
  rulesNode?: string;
}

export interface LessonRunState {
  lesson: Lesson | null;
  stepIndex: number;
  step: StepRun;
  memory: Record<string, string>;
  /** "show me" or a jump is playing: tries are not counted. */
  busy: boolean;
  progress: Progress;
}

const MAX_RECORDS = 400;
const NOT_RUNNING = "The lab is not running.";
/** Connections kept per step (a traffic run makes hundreds; the engine keeps 2000). */
const MAX_FLOWS = 2000;

function freshRun(step: Step | undefined): StepRun {
  return { phase: step?.predict ? "predict" : "act", prediction: null, tries: 0, hintsShown: 0, result: { status: "fail" }, shown: [], byShowMe: false };
}

function sameResult(a: CheckResult, b: CheckResult): boolean {
  return a.status === b.status && (a.status !== "wait" || a.message === (b as { message?: string }).message) && (a.status !== "fail" || a.hint === (b as { hint?: string }).hint);
}

/** Fills `{{name}}` from memory (unknown names stay visible, so a missing value shows). */
export function fill(text: string, memory: Readonly<Record<string, string>>): string {
  // Own keys only: `{{constructor}}` must not print Object's source.
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (Object.hasOwn(memory, k) ? memory[k] : m));
}

/** How an action reads in the "show me" list. */
export function describeAction(a: Action): string {
  if (typeof a === "string") return a;
  if ("wait" in a) return `(let ${Math.round(a.wait / 1000)} s pass)`;
  if ("traffic" in a) {
    const s = a.traffic;
    const from = s.source.kind === "pod" ? s.source.name : "outside the cluster";
    return `(traffic: ${from} → ${s.target}, ${s.rate} req/s${s.durationMs ? ` for ${Math.round(s.durationMs / 1000)} s` : ""})`;
  }
  if ("select" in a) return `(point at ${a.select.kind} ${a.select.name})`;
  return `(open ${a.rules}'s rules)`;
}

export function createLessonRuntime(host: LessonHost, lessons: readonly Lesson[]) {
  const store: StoreApi<LessonRunState> = createStore<LessonRunState>()(() => ({
    lesson: null,
    stepIndex: 0,
    step: freshRun(undefined),
    memory: {},
    busy: false,
    progress: loadProgress(host.storage),
  }));

  let commands: CommandRecord[] = [];
  /** Lines the lab has run, lesson or not (show me checks that what it typed ran). */
  let execs = 0;
  let flows: FlowEvent[] = [];
  let seen = new WeakSet<FlowEvent>();
  let unFlow: (() => void) | undefined;
  let flowCluster: unknown = null;
  let scheduled = false;

  const get = () => store.getState();
  const currentStep = (): Step | undefined => get().lesson?.steps[get().stepIndex];

  function context(): CheckContext {
    const lab = host.lab.getState();
    const cluster = lab.cluster;
    return {
      snapshot: lab.snapshot,
      commands,
      flows,
      memory: get().memory,
      proxies: () => cluster?.proxies() ?? [],
      rules: (node) => cluster?.nodeRules(node) ?? [],
      traffic: () => cluster?.traffic.metrics() ?? { pods: {}, nodes: {}, targets: {} },
    };
  }

  function saveNow(progress: Progress) {
    saveProgress(host.storage, progress);
  }

  function setProgress(update: (p: Progress) => Progress) {
    const progress = update(get().progress);
    store.setState({ progress });
    saveNow(progress);
  }

  /** Watches connections of the lab's current cluster (a new one after every reset). */
  function watchFlows() {
    const cluster = host.lab.getState().cluster;
    if (cluster === flowCluster) return;
    unFlow?.();
    flowCluster = cluster;
    unFlow = cluster?.traffic.onFlow((e) => {
      if (!get().lesson) return;
      if (!seen.has(e)) {
        seen.add(e);
        flows.push(e);
        if (flows.length > MAX_FLOWS) flows = flows.slice(-MAX_FLOWS);
      }
      if (e.endTime !== undefined) schedule();
    });
  }

  function clearRecords() {
    commands = [];
    flows = [];
    seen = new WeakSet();
  }

  /** Evaluates the open step's check; returns the result. */
  function evaluate(): CheckResult | undefined {
    const step = currentStep();
    const s = get();
    if (!step || s.step.phase === "passed") return undefined;
    let result: CheckResult;
    try {
      result = step.check(context());
    } catch (error) {
      console.error(`Podflow: the check of lesson step ${s.lesson?.id}/${step.id} failed.`, error);
      result = { status: "fail" };
    }
    if (result.status === "pass") {
      passed(step);
      return result;
    }
    if (!sameResult(result, s.step.result)) store.setState({ step: { ...get().step, result } });
    return result;
  }

  function passed(step: Step) {
    const s = get();
    const ctx = context();
    let memory = s.memory;
    try {
      if (step.remember) memory = { ...memory, ...step.remember(ctx) };
    } catch (error) {
      console.error("Podflow: a lesson step's remember() failed.", error);
    }
    const pointer = pointerOf(step, { ...ctx, memory });
    const rulesNode = pointer && "rules" in pointer ? pointer.rules : undefined;
    store.setState({ memory, step: { ...s.step, phase: "passed", result: { status: "pass" }, nearMiss: undefined, byShowMe: s.step.byShowMe || s.busy, rulesNode } });
    const lesson = s.lesson!;
    const last = s.stepIndex === lesson.steps.length - 1;
    setProgress((p) => {
      const before = p.lessons[lesson.id] ?? { passed: [], completed: false };
      const passedIds = before.passed.includes(step.id) ? before.passed : [...before.passed, step.id];
      return { ...p, lessons: { ...p.lessons, [lesson.id]: { passed: passedIds, completed: before.completed || last } } };
    });
    // Point at the object on the canvas; rules open only on request (a dialog would cover the lesson).
    if (!s.busy && pointer && "select" in pointer) point(pointer.select);
  }

  /** Selects an object for the inspector and brings it (a Service with its pods) into view. */
  function point(selection: Selection) {
    host.select(selection);
    host.focus?.(selectionFocus(host.lab.getState().snapshot, selection));
  }

  /** The canvas ids the open step is about: its `focus`, else what its `highlight` points at. */
  function focusIds(): string[] {
    const step = currentStep();
    if (!step) return [];
    const ctx = context();
    try {
      if (step.focus) return [...step.focus(ctx)];
      const pointer = pointerOf(step, ctx);
      return pointer && "select" in pointer ? selectionFocus(ctx.snapshot, pointer.select) : [];
    } catch (error) {
      console.error("Podflow: a lesson step's focus() failed.", error);
      return [];
    }
  }

  function pointerOf(step: Step, ctx: CheckContext): Exclude<Action, string> | undefined {
    try {
      const a = step.highlight?.(ctx);
      return a && typeof a === "object" && ("select" in a || "rules" in a) ? a : undefined;
    } catch (error) {
      console.error("Podflow: a lesson step's highlight() failed.", error);
      return undefined;
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      if (get().lesson) evaluate();
    });
  }

  function onExec(record: ExecRecord) {
    execs++;
    if (!get().lesson) return;
    commands.push({ line: record.line, prompt: record.prompt, result: record.result, source: record.source });
    if (commands.length > MAX_RECORDS) commands = commands.slice(-MAX_RECORDS);
    watchFlows();
    const before = get().step.result;
    const result = evaluate();
    const s = get();
    if (!result || result.status !== "fail" || s.busy || record.source === "quiet") return;
    // A wrong try is a command that changed nothing the check cares about; one that moved the
    // verdict on (the first of two commands, say) is progress. Either way the check's own hint
    // for this near miss shows at once, and the step's general hints from the second wrong try.
    const wrong = sameResult(before, result);
    const tries = s.step.tries + (wrong ? 1 : 0);
    const step = currentStep()!;
    const hintsShown = Math.max(s.step.hintsShown, Math.min(step.hints.length, tries - 1));
    store.setState({ step: { ...s.step, tries, hintsShown, nearMiss: result.hint } });
  }

  /** Opens step `index` of the open lesson on the cluster as it is (a fresh one if the step asks). */
  function enter(index: number) {
    const lesson = get().lesson;
    if (!lesson) return;
    const step = lesson.steps[index];
    if (step?.fresh) {
      host.loadScenario(step.fresh);
      runSetup(step.setup);
    }
    watchFlows();
    clearRecords();
    store.setState({ stepIndex: index, step: freshRun(step) });
    let memory = get().memory;
    try {
      if (step?.enter) memory = { ...memory, ...step.enter(context()) };
    } catch (error) {
      console.error("Podflow: a lesson step's enter() failed.", error);
    }
    store.setState({ memory });
    if (host.trackCurrent !== false) setProgress((p) => ({ ...p, current: { lesson: lesson.id, step: index } }));
    evaluate();
  }

  /** Finishes a starting cluster: a lesson's own setup lines after its scenario (commands as UI actions, numbers as waits). */
  function runSetup(lines: readonly (string | number)[] | undefined) {
    const lab = host.lab.getState();
    for (const line of lines ?? []) {
      if (typeof line === "number") lab.step(line);
      else lab.run(line);
    }
  }

  /** The node whose shell a step's show me types in, or undefined for the control plane's. */
  function shellNode(step: Step): string | undefined {
    const node = step.shell ? fill(step.shell, get().memory) : undefined;
    return node && `${node}:~$ ` !== CONTROL_PLANE_PROMPT ? node : undefined;
  }

  /**
   * The next line that moves the terminal towards the step's shell, as a learner would type it:
   * `exit` out of a pod's shell or another node, then `ssh NODE`; nothing once there.
   */
  function nextMove(step: Step): string | undefined {
    const here = host.lab.getState().cluster?.prompt();
    const node = shellNode(step);
    if (here === undefined || here === (node ? `${node}:~$ ` : CONTROL_PLANE_PROMPT)) return undefined;
    return here !== CONTROL_PLANE_PROMPT ? "exit" : `ssh ${node}`;
  }

  /** Types a command in the terminal, as the learner would (a heredoc is pasted); false if it did not run. */
  function type(line: string): boolean {
    const lab = host.lab.getState();
    const before = execs;
    if (line.includes("\n")) lab.pasteText(`${line}\n`);
    else lab.enterLine(line);
    return execs > before;
  }

  /** Runs a step's show me through the lab's doors; returns what it did and the first error, if any. */
  function perform(step: Step): { shown: string[]; error?: string } {
    const shown: string[] = [];
    const lab = host.lab.getState();
    if (!lab.cluster) return { shown, error: NOT_RUNNING };
    // A heredoc the learner left open would swallow the commands: ^C it, as in a shell.
    if (lab.terminal.heredoc) lab.interrupt("");
    // Take the terminal where the step types, by typing exit / ssh as a learner would.
    for (let i = 0, move = nextMove(step); i < 5 && move; i++, move = nextMove(step)) {
      shown.push(move);
      if (!type(move)) return { shown, error: NOT_RUNNING };
    }
    const memory = get().memory;
    for (const given of actionsOf(step)) {
      const a = typeof given === "string" ? fill(given, memory) : given;
      shown.push(describeAction(a));
      if (typeof a === "string") {
        if (!type(a)) return { shown, error: NOT_RUNNING };
        continue;
      }
      if ("wait" in a) lab.step(a.wait);
      else if ("traffic" in a) {
        const r = host.startTraffic(a.traffic);
        if (!r.ok) return { shown, error: r.error };
      } else if ("select" in a) point(a.select);
      else host.openRules(a.rules);
    }
    return { shown };
  }

  function actionsOf(step: Step): readonly Action[] {
    return typeof step.showMe === "function" ? step.showMe(context()) : step.showMe;
  }

  /** Plays steps 0..index-1 with "show me" on the lesson's starting cluster, then opens `index`. */
  function jump(lesson: Lesson, index: number) {
    store.setState({ lesson, memory: {}, busy: true, stepIndex: 0, step: freshRun(lesson.steps[0]) });
    host.select(null);
    try {
      host.loadScenario(lesson.scenario);
      runSetup(lesson.setup);
      for (let i = 0; i < index; i++) {
        enter(i);
        const step = lesson.steps[i];
        store.setState({ step: { ...get().step, phase: get().step.phase === "passed" ? "passed" : "act" } });
        perform(step);
        if (get().step.phase !== "passed") evaluate();
      }
      enter(index);
    } finally {
      store.setState({ busy: false });
    }
  }

  const find = (idOrNumber: string) => {
    const m = /^lesson-(\d+)$/.exec(idOrNumber);
    return lessons.find((l) => l.id === idOrNumber || (m !== null && l.number === Number(m[1])));
  };

  const unExec = host.lab.getState().onExec(onExec);
  const unLab = host.lab.subscribe((s, prev) => {
    if (s.cluster !== prev.cluster) watchFlows();
    if (s.snapshot !== prev.snapshot && get().lesson) schedule();
  });

  return {
    store,
    lessons,
    find,
    /** Opens a lesson at `step` (0-based) on its starting cluster; false for an unknown lesson. */
    open(idOrNumber: string, step = 0): boolean {
      const lesson = find(idOrNumber);
      if (!lesson) return false;
      jump(lesson, Math.max(0, Math.min(lesson.steps.length - 1, Math.floor(step))));
      return true;
    },
    /** Shows a lesson at a step on the cluster as it is (after a reload restored the saved lab). */
    resume(idOrNumber: string, step: number): boolean {
      const lesson = find(idOrNumber);
      if (!lesson || step < 0 || step >= lesson.steps.length) return false;
      store.setState({ lesson, memory: {}, stepIndex: step });
      clearRecords();
      watchFlows();
      store.setState({ step: freshRun(lesson.steps[step]) });
      evaluate();
      return true;
    },
    /** Goes to step `index` of the open lesson, rebuilding the cluster up to it. */
    goTo(index: number) {
      const lesson = get().lesson;
      if (!lesson || index < 0 || index >= lesson.steps.length) return;
      if (index === get().stepIndex + 1 && get().step.phase === "passed") enter(index);
      else jump(lesson, index);
    },
    /** The next step, once this one has passed. False when there is none or it has not passed. */
    next(): boolean {
      const s = get();
      if (!s.lesson || s.step.phase !== "passed" || s.stepIndex >= s.lesson.steps.length - 1) return false;
      enter(s.stepIndex + 1);
      return true;
    },
    back(): boolean {
      const s = get();
      if (!s.lesson || s.stepIndex === 0) return false;
      jump(s.lesson, s.stepIndex - 1);
      return true;
    },
    /** Commits a prediction; the instruction shows. */
    predict(option: number) {
      const s = get();
      if (s.step.phase !== "predict") return;
      store.setState({ step: { ...s.step, phase: "act", prediction: option } });
    },
    skipPrediction() {
      const s = get();
      if (s.step.phase === "predict") store.setState({ step: { ...s.step, phase: "act", prediction: -1 } });
    },
    /** Reveals the next hint. */
    hint() {
      const s = get();
      const step = currentStep();
      if (step) store.setState({ step: { ...s.step, hintsShown: Math.min(step.hints.length, s.step.hintsShown + 1) } });
    },
    /** Does the step for the learner, through the same commands, and shows them. */
    showMe() {
      const step = currentStep();
      const s = get();
      if (!step || s.busy || s.step.phase === "passed") return;
      if (s.step.phase === "predict") store.setState({ step: { ...s.step, phase: "act", prediction: -1 } });
      store.setState({ busy: true, step: { ...get().step, byShowMe: true } });
      try {
        const { shown, error } = perform(step);
        store.setState({ step: { ...get().step, shown, showError: error } });
        evaluate();
      } finally {
        store.setState({ busy: false });
      }
    },
    /** Starts the open lesson again on its starting cluster. */
    reset() {
      const lesson = get().lesson;
      if (lesson) jump(lesson, 0);
    },
    /** Leaves the lesson; the lab stays as it is. */
    close() {
      store.setState({ lesson: null, stepIndex: 0, step: freshRun(undefined), memory: {} });
      clearRecords();
      setProgress((p) => ({ lessons: p.lessons }));
    },
    /** Forgets all progress. */
    forget() {
      setProgress(() => emptyProgress());
    },
    /** What "show me" would do now, live names filled in (the e2e learner reads it to know what to type). */
    actionsNow(): Action[] {
      const step = currentStep();
      if (!step) return [];
      const memory = get().memory;
      // The way to the step's shell (one level of exit: a learner's terminal is rarely deeper).
      const move = nextMove(step);
      const node = shellNode(step);
      const way = move === undefined ? [] : move === "exit" && node ? ["exit", `ssh ${node}`] : [move];
      return [...way, ...actionsOf(step).map((a) => (typeof a === "string" ? fill(a, memory) : a))];
    },
    /** The canvas ids the open step is about (the presenter's camera goes there). */
    focusIds,
    /** Opens the rules of the node the passed step points at. */
    openRules() {
      const node = get().step.rulesNode;
      if (node) host.openRules(node);
    },
    /** Evaluates now (tests; the runtime does it by itself on every change). */
    evaluate,
    dispose() {
      unExec();
      unLab();
      unFlow?.();
    },
  };
}
