/**
 * Test helpers: a lesson runtime on a lab of its own (real engine, in memory), and a player that
 * goes through a lesson step by step, either with "show me" or by typing each step's commands
 * into the terminal the way a learner would.
 */
import { createCluster } from "../engine";
import type { TrafficSpec } from "../engine/api";
import { createSessionController } from "../store/controller";
import { createLabStore } from "../store/lab";
import { memoryStorage } from "../store/testing/memoryStorage";
import type { Selection } from "../ui/store";
import { createLessonRuntime } from "./runtime";
import type { Action, CheckContext, CheckResult, CommandRecord, Lesson } from "./types";

/** A lab store, its session controller and a lesson runtime over `lessons`. */
export function lessonLab(lessons: readonly Lesson[], host: { trackCurrent?: boolean } = {}) {
  const storage = memoryStorage();
  const lab = createLabStore(createCluster, {}, {});
  const controller = createSessionController(lab, createCluster, { storage, href: () => "http://localhost/", replaceUrl: () => {} });
  const selected: (Selection | null)[] = [];
  const rulesOpened: string[] = [];
  const focused: (readonly string[])[] = [];
  const runtime = createLessonRuntime(
    {
      lab,
      loadScenario: (id) => controller.loadScenario(id),
      select: (s) => void selected.push(s),
      focus: (ids) => void focused.push(ids),
      openRules: (node) => void rulesOpened.push(node),
      startTraffic: (spec: TrafficSpec) => {
        const r = lab.getState().cluster!.traffic.start(spec);
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      },
      storage,
      ...host,
    },
    lessons,
  );
  return { lab, controller, runtime, storage, selected, rulesOpened, focused };
}

export type LessonLab = ReturnType<typeof lessonLab>;

/** The check context the runtime would build now (for tests of single checks). */
export function contextOf(l: LessonLab, extra: Partial<CheckContext> = {}): CheckContext {
  const cluster = l.lab.getState().cluster!;
  return {
    snapshot: cluster.snapshot(),
    commands: [],
    flows: [],
    memory: l.runtime.store.getState().memory,
    proxies: () => cluster.proxies(),
    rules: (n) => cluster.nodeRules(n),
    traffic: () => cluster.traffic.metrics(),
    ...extra,
  };
}

/** Does what a learner would for one action: types commands in the terminal, lets time pass, starts traffic. */
function actAsLearner(l: LessonLab, a: Action) {
  const s = l.lab.getState();
  if (typeof a === "string") {
    if (a.includes("\n")) s.pasteText(`${a}\n`);
    else s.enterLine(a);
  } else if ("wait" in a) s.step(a.wait);
  else if ("traffic" in a) s.cluster!.traffic.start(a.traffic);
}

/**
 * Plays a lesson from its first step: each step's prediction is answered (right), then the step
 * is done by "show me" or by typing its commands; time is let run (up to `maxWaitMs` virtual)
 * until the check passes. Returns the results; throws with the step id when a step never passes.
 */
export function playLesson(l: LessonLab, lesson: Lesson, mode: "show-me" | "learner", maxWaitMs = 120_000): CheckResult[] {
  const rt = l.runtime;
  rt.open(lesson.id, 0);
  const results: CheckResult[] = [];
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i];
    if (rt.store.getState().stepIndex !== i) throw new Error(`expected to be at step ${step.id}, at ${rt.store.getState().stepIndex}`);
    if (step.predict) rt.predict(step.predict.answer);
    if (mode === "show-me") rt.showMe();
    else for (const a of rt.actionsNow()) actAsLearner(l, a);
    let waited = 0;
    while (rt.store.getState().step.phase !== "passed" && waited < maxWaitMs) {
      l.lab.getState().step(1000);
      rt.evaluate();
      waited += 1000;
    }
    const state = rt.store.getState();
    if (state.step.phase !== "passed") throw new Error(`lesson ${lesson.id}, step ${step.id} (${mode}) did not pass: ${JSON.stringify(state.step.result)} ${JSON.stringify(state.step.showError ?? "")}`);
    results.push(state.step.result);
    if (i < lesson.steps.length - 1) rt.next();
  }
  return results;
}

/** A command record as the runtime keeps it (for hand-made check contexts). */
export function record(line: string, out: { stdout?: string; stderr?: string; exitCode?: number; prompt?: string } = {}): CommandRecord {
  const stdout = out.stdout ?? "";
  const stderr = out.stderr ?? "";
  const exitCode = out.exitCode ?? (stderr ? 1 : 0);
  return { line, prompt: out.prompt ?? "controlplane:~$ ", result: { stdout, stderr, exitCode, output: stdout + stderr }, source: "terminal" };
}

/** Runs `line` on the lab as typed and returns its record (real output). */
export function typed(l: LessonLab, line: string): CommandRecord {
  const prompt = l.lab.getState().cluster!.prompt();
  const result = l.lab.getState().cluster!.exec(line);
  return { line, prompt, result, source: "terminal" };
}
