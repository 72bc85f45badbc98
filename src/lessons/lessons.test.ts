import { describe, expect, it } from "vitest";
import { LESSONS } from ".";
import { lessonLab, playLesson } from "./testing";

describe("every lesson", () => {
  it("is in order, with unique ids and step ids, a prediction, and a closing check on a fresh cluster", () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      expect(new Set(lesson.steps.map((s) => s.id)).size, lesson.id).toBe(lesson.steps.length);
      expect(lesson.steps.some((s) => s.predict), lesson.id).toBe(true);
      const last = lesson.steps.at(-1)!;
      expect(last.id, lesson.id).toBe("check");
      expect(last.fresh, lesson.id).toBeTruthy();
      for (const s of lesson.steps) {
        expect(s.hints.length, `${lesson.id}/${s.id} hints`).toBeGreaterThan(0);
        if (s.predict) expect(s.predict.answer, `${lesson.id}/${s.id}`).toBeLessThan(s.predict.options.length);
      }
      expect(lesson.steps.filter((s) => s.notes).length, `${lesson.id} speaker notes`).toBeGreaterThanOrEqual(lesson.steps.length / 2);
    }
  });
});

describe("every lesson plays through", () => {
  for (const lesson of LESSONS) {
    it(`${lesson.number}. ${lesson.title}, with show me`, () => {
      const l = lessonLab(LESSONS);
      playLesson(l, lesson, "show-me");
      expect(l.runtime.store.getState().progress.lessons[lesson.id]?.completed).toBe(true);
    });
    it(`${lesson.number}. ${lesson.title}, typed as a learner`, () => {
      const l = lessonLab(LESSONS);
      playLesson(l, lesson, "learner");
      const p = l.runtime.store.getState().progress.lessons[lesson.id];
      expect(p?.completed).toBe(true);
      expect(p?.passed).toEqual(lesson.steps.map((s) => s.id));
    });
  }
});
