import { describe, expect, it } from "vitest";
import { lessonLab, type LessonLab } from "../testing";
import type { Lesson, Step } from "../types";
import { threeRanges as threeRangesTs } from "./01-three-ranges";
import { podIps as podIpsTs } from "./02-pod-ips";
import { serviceVip as serviceVipTs } from "./03-service-vip";
import { selectors as selectorsTs } from "./04-selectors";
import { fileMethod as fileMethodTs } from "./05-file-method";
import { rulesLesson as rulesLessonTs } from "./06-rules";
import { microservices as microservicesTs } from "./07-microservices";
import { loadLesson as loadLessonTs } from "./08-load";
import { LESSON_FILES, builtinLesson, fileMethod, loadLesson, microservices, podIps, rulesLesson, selectors, serviceVip, threeRanges } from "./files";

/** What the learner reads and what show me types, step by step (a show me that reads live names is compared where it plays). */
const words = (s: Step) => ({
  id: s.id,
  title: s.title,
  body: s.body,
  predict: s.predict,
  hints: s.hints,
  showMe: typeof s.showMe === "function" ? "live" : s.showMe,
  shell: s.shell,
  explain: s.explain,
  notes: s.notes,
  fresh: s.fresh,
  setup: s.setup,
});

/**
 * Plays a lesson and records, step by step, what a presenter and a learner see: what show me
 * would type (live names filled in), what the camera is asked to look at, the verdict, what is
 * selected and which rules are offered once the step passed, and the memory.
 */
function trace(lesson: Lesson, mode: "show-me" | "learner") {
  const l: LessonLab = lessonLab([lesson]);
  const rt = l.runtime;
  rt.open(lesson.id, 0);
  const steps = [];
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i];
    if (step.predict) rt.predict(step.predict.answer);
    const actions = rt.actionsNow();
    const focus = rt.focusIds();
    if (mode === "show-me") rt.showMe();
    else
      for (const a of actions) {
        const s = l.lab.getState();
        if (typeof a === "string") {
          if (a.includes("\n")) s.pasteText(`${a}\n`);
          else s.enterLine(a);
        } else if ("wait" in a) s.step(a.wait);
        else if ("traffic" in a) s.cluster!.traffic.start(a.traffic);
      }
    let waited = 0;
    while (rt.store.getState().step.phase !== "passed" && waited < 120_000) {
      l.lab.getState().step(1000);
      rt.evaluate();
      waited += 1000;
    }
    const st = rt.store.getState();
    steps.push({ id: step.id, actions, focus, phase: st.step.phase, result: st.step.result, waited, selected: l.selected.at(-1) ?? null, rulesNode: st.step.rulesNode, memory: st.memory });
    if (st.step.phase !== "passed") break;
    if (i < lesson.steps.length - 1) rt.next();
  }
  return { steps, progress: rt.store.getState().progress.lessons[lesson.id] };
}

/** The TypeScript lessons and their files (while both exist). */
const PAIRS: [Lesson, Lesson][] = [
  [threeRanges, threeRangesTs],
  [podIps, podIpsTs],
  [serviceVip, serviceVipTs],
  [selectors, selectorsTs],
  [fileMethod, fileMethodTs],
  [rulesLesson, rulesLessonTs],
  [microservices, microservicesTs],
  [loadLesson, loadLessonTs],
];

describe("the built-in lesson files", () => {
  it("all parse", () => {
    for (const f of LESSON_FILES) expect(() => builtinLesson(f.path, f.text), f.path).not.toThrow();
  });

  for (const [file, ts] of PAIRS) {
    describe(`${ts.number}. ${ts.title}`, () => {
      it("reads as the TypeScript lesson: the same header, steps, words, predictions, hints and show me", () => {
        expect({ ...file, steps: undefined }).toEqual({ ...ts, steps: undefined });
        // Where the TypeScript show me read live names, the file names them with remembered values: compared where it plays.
        const live = (s: Step, i: number) => (typeof ts.steps[i]?.showMe === "function" ? { ...words(s), showMe: "live" } : words(s));
        expect(file.steps.map(live)).toEqual(ts.steps.map(live));
      });
      for (const mode of ["show-me", "learner"] as const) {
        it(`plays as the TypeScript lesson (${mode}): what show me types, focus, verdicts, what it points at, memory`, () => {
          const a = trace(file, mode);
          const b = trace(ts, mode);
          expect(a.progress).toEqual({ passed: ts.steps.map((s) => s.id), completed: true });
          expect(a.progress).toEqual(b.progress);
          for (let i = 0; i < b.steps.length; i++) {
            const { memory: ma, ...ra } = a.steps[i];
            const { memory: mb, ...rb } = b.steps[i];
            expect(ra, ra.id).toEqual(rb);
            // A file may remember a value of its own (to point at a live name); the lesson's are equal.
            // A list is written `a, b` by a file and `a,b` by some TypeScript lessons (either is read back the same).
            const lists = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.replace(/,\s*/g, ",")]));
            expect(lists(ma), ra.id).toMatchObject(lists(mb));
          }
        });
      }
    });
  }
});
