import { LESSONS } from "./lessons";
import { expect, test } from "./fixtures";
import { LabPage } from "./pages/lab";
import { LessonPage } from "./pages/lesson";

/**
 * Every lesson, played from its first step to its closing check twice in the built site: once
 * as a learner (commands typed in the terminal, traffic from the panel) and once with "show me".
 */
for (const lesson of LESSONS) {
  for (const mode of ["learner", "show me"] as const) {
    test(`lesson ${lesson.number} (${lesson.title}) can be completed ${mode === "learner" ? "by hand" : "with show me"}`, async ({ page, consoleErrors: _ }) => {
      test.setTimeout(240_000);
      const lab = new LabPage(page);
      await page.goto(`./#lesson=${lesson.id}`);
      const l = new LessonPage(lab);
      await expect(l.rail).toBeVisible();
      await l.terminal.ready();
      for (let i = 0; i < lesson.steps.length; i++) {
        await expect(l.stepTitle()).toHaveText(new RegExp(`^${i + 1}\\. ${lesson.steps[i].title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
        await l.predictIfAsked();
        if (mode === "learner") await l.doAsLearner();
        else await l.showMe();
        await l.expectPassed();
        if (i < lesson.steps.length - 1) await l.next();
      }
      await expect(l.rail.getByText("Lesson complete.")).toBeVisible();
      await page.getByRole("button", { name: "Lessons", exact: true }).first().click();
      await expect(page.getByRole("dialog", { name: "Lessons" }).getByRole("listitem").nth(lesson.number - 1)).toContainText("✓ done");
    });
  }
}
