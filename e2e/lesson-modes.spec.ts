import { LESSONS } from "./lessons";
import { expect, test } from "./fixtures";
import { LabPage } from "./pages/lab";
import { LessonPage } from "./pages/lesson";

/**
 * The classroom modes: every lesson driven from the keyboard (a clicker's arrows) in presenter
 * mode, and every lesson in an embed (`?embed=lesson-N`, no chrome) with "show me".
 */
for (const lesson of LESSONS) {
  test(`lesson ${lesson.number} can be presented with the arrow keys alone`, async ({ page, consoleErrors: _ }) => {
    test.setTimeout(180_000);
    const lab = new LabPage(page);
    await page.goto(`./#lesson=${lesson.id}`);
    const l = new LessonPage(lab);
    await expect(l.rail).toBeVisible();
    await l.terminal.ready();
    const popup = page.waitForEvent("popup");
    await l.rail.getByRole("button", { name: /^Present/ }).click();
    const notes = await popup;
    await expect(notes.getByRole("heading", { level: 1 })).toHaveText(lesson.steps[0].title);
    await expect(page.locator("html")).toHaveClass(/presentation/);
    // Speaker notes are in the presenter's window only.
    await expect(notes.getByRole("region", { name: "Speaker notes" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Speaker notes" })).toHaveCount(0);
    for (let i = 0; i < lesson.steps.length; i++) {
      await expect(l.stepTitle()).toContainText(lesson.steps[i].title);
      if (lesson.steps[i].predict) {
        await expect(l.rail.getByRole("group", { name: /^Predict first/ })).toBeVisible();
        await page.keyboard.press("ArrowRight"); // reveal the instruction
        await expect(l.rail.getByRole("group", { name: /^Predict first/ })).toHaveCount(0);
      }
      await page.keyboard.press("PageDown"); // a clicker's "next": show me
      await l.expectPassed();
      await expect(notes.getByRole("status")).toHaveText("Done");
      if (i < lesson.steps.length - 1) await page.keyboard.press("ArrowRight");
    }
    await expect(l.rail.getByText("Lesson complete.")).toBeVisible();
    await notes.close();
  });

  test(`lesson ${lesson.number} can be completed in an embed`, async ({ page, consoleErrors: _ }) => {
    test.setTimeout(120_000);
    const lab = new LabPage(page);
    await page.goto(`./?embed=lesson-${lesson.number}`);
    const l = new LessonPage(lab);
    await expect(l.rail).toBeVisible();
    await expect(lab.canvas).toBeVisible();
    await expect(page.getByRole("banner")).toHaveCount(0); // no top bar
    await expect(lab.ipRanges).toBeVisible(); // lessons point at it (lesson 1's Calico blocks)
    await l.terminal.ready();
    for (let i = 0; i < lesson.steps.length; i++) {
      await l.predictIfAsked();
      await l.showMe();
      await l.expectPassed();
      if (i < lesson.steps.length - 1) await l.next();
    }
    await expect(l.rail.getByText("Lesson complete.")).toBeVisible();
  });
}

test("the presenter's window steps the lesson and pauses the clock", async ({ page, consoleErrors: _ }) => {
  const lab = new LabPage(page);
  await page.goto("./#lesson=pod-ips");
  const l = new LessonPage(lab);
  await l.terminal.ready();
  const popup = page.waitForEvent("popup");
  await l.rail.getByRole("button", { name: /^Present/ }).click();
  const notes = await popup;
  await notes.getByRole("button", { name: "Show me →" }).click();
  await l.expectPassed();
  await notes.getByRole("button", { name: "Next step →" }).click();
  await expect(l.stepTitle()).toContainText("Find the pod's IP");
  await expect(notes.getByRole("heading", { level: 1 })).toHaveText("Find the pod's IP");
  await notes.getByRole("button", { name: "Pause the clock" }).click();
  await expect(lab.playButton).toBeVisible();
  await notes.keyboard.press("b");
  await expect(lab.pauseButton).toBeVisible();
  await page.keyboard.press("b");
  await expect(lab.playButton).toBeVisible();
  await expect(notes.getByRole("button", { name: "Resume the clock" })).toBeVisible();
});

test("a deep link opens a lesson at a step, and the lesson list shows progress", async ({ page, consoleErrors: _ }) => {
  const lab = new LabPage(page);
  await page.goto("./#lesson=lesson-2&step=3");
  const l = new LessonPage(lab);
  await expect(l.stepTitle()).toContainText("3. Curl the pod directly");
  await expect(page).toHaveURL(/\/$/); // the link is handled, then removed
  await l.showMe();
  await l.expectPassed();
  await page.reload();
  await expect(l.stepTitle()).toContainText("3. Curl the pod directly"); // back where the learner was
  await page.getByRole("button", { name: "Lessons", exact: true }).first().click();
  const list = page.getByRole("dialog", { name: "Lessons" });
  await expect(list.getByRole("listitem").nth(1)).toContainText("of 6 steps");
  await list.getByRole("button", { name: /^Restart lesson 2/ }).click();
  await expect(l.stepTitle()).toContainText("1. A web server and a client");
});

test("an unknown lesson link says so and keeps the lab", async ({ page, consoleErrors: _ }) => {
  const lab = new LabPage(page);
  await page.goto("./#lesson=lesson-42");
  await expect(page.getByText('There is no lesson called "lesson-42".')).toBeVisible();
  await expect(lab.node("controlplane")).toBeVisible();
});
