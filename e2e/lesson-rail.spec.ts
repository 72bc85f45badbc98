import { LESSONS } from "./lessons";
import { expect, test } from "./fixtures";
import { LabPage } from "./pages/lab";
import { LessonPage } from "./pages/lesson";

/**
 * The lesson rail at a projector's 1280x720: a step's question, its Commit button, its
 * instruction and first command are in view without scrolling; hints read like the body; a
 * command stays on one line and copies.
 */
test.use({ viewport: { width: 1280, height: 720 } });

const withCommand = (body: string) => /^\$ /m.test(body);

for (const lesson of LESSONS.filter((l) => l.steps.some((s) => s.predict && withCommand(s.body)))) {
  test(`lesson ${lesson.number}: every prediction's Commit, then the instruction and its command, are in view at 1280x720`, async ({ page, consoleErrors: _ }) => {
    test.setTimeout(180_000);
    const lab = new LabPage(page);
    await page.goto(`./#lesson=${lesson.id}`);
    const l = new LessonPage(lab);
    await l.terminal.ready();
    for (let i = 0; i < lesson.steps.length; i++) {
      const step = lesson.steps[i];
      await expect(l.stepTitle()).toContainText(step.title);
      if (step.predict && withCommand(step.body)) {
        const commit = l.rail.getByRole("button", { name: "Commit my answer" });
        await l.expectInView(commit, `step ${i + 1}'s Commit button`);
        await l.rail.getByRole("group", { name: /^Predict first/ }).getByRole("radio").first().check();
        await commit.click();
        await l.expectInView(l.instruction().getByRole("paragraph").first(), `step ${i + 1}'s instruction`);
        await l.expectInView(l.firstCommand(), `step ${i + 1}'s first command`);
      } else await l.predictIfAsked();
      await l.showMe();
      await l.expectPassed();
      await l.expectInView(l.rail.getByRole("heading", { name: "Why" }), `step ${i + 1}'s explanation`);
      if (i < lesson.steps.length - 1) await l.next();
    }
  });
}

test("hints show code the way the body does, and come into view with the instruction", async ({ page, consoleErrors: _ }) => {
  const lab = new LabPage(page);
  await page.goto("./#lesson=lesson-1");
  const l = new LessonPage(lab);
  await l.terminal.ready();
  await l.terminal.run("kubectl get nodes"); // a near miss: the check says what is missing
  const hints = l.hints();
  await expect(hints).toContainText("Add -o wide");
  await expect(hints.locator("code")).toHaveText("-o wide");
  await l.rail.getByRole("button", { name: "Hint" }).click();
  await expect(hints).toContainText("Hint 1 of 1");
  await expect(hints.locator("code")).toHaveText(["-o wide", "kubectl get nodes -o wide"]);
  await expect(hints).not.toContainText("`");
  await l.expectInView(hints, "the hints");
  await l.expectInView(l.instruction(), "the instruction");
  await l.expectInView(l.firstCommand(), "the command");
});

test("a long command stays on one line, scrolls sideways, and its copy button copies it", async ({ page, consoleErrors: _ }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const lab = new LabPage(page);
  await page.goto("./#lesson=lesson-3");
  const l = new LessonPage(lab);
  await l.terminal.ready();
  await l.rail.getByRole("button", { name: "Skip" }).click();
  const command = l.firstCommand();
  const text = "kubectl expose deployment test --port=8080 --target-port=80 --name=my-service";
  await expect(command).toHaveText(`$ ${text}`);
  // One line: the code is one box, one line high, wider than the rail (it scrolls).
  const lines = await command.locator("code").evaluate((el) => ({ rects: el.getClientRects().length, height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 0 }));
  expect(lines.rects).toBe(1);
  expect(lines.height).toBeLessThan(2 * (lines.lineHeight || 20));
  expect(await command.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const copy = l.firstCommandCopy();
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
});

test("where the clipboard is blocked, the copy button selects the command instead", async ({ page, consoleErrors: _ }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("blocked", "NotAllowedError")) } });
  });
  const lab = new LabPage(page);
  await page.goto("./#lesson=lesson-1");
  const l = new LessonPage(lab);
  await l.terminal.ready();
  await l.firstCommandCopy().click();
  await expect(l.firstCommandCopy()).toHaveText("Ctrl+C");
  expect(await page.evaluate(() => getSelection()?.toString().trim())).toBe("kubectl get nodes -o wide");
});

test("presenting, the rail's text is large and a passed step folds its instruction away", async ({ page, consoleErrors: _ }) => {
  const lab = new LabPage(page);
  await page.goto("./#lesson=lesson-2");
  const l = new LessonPage(lab);
  await l.terminal.ready();
  await page.keyboard.press("f");
  await expect(page.locator("html")).toHaveClass(/presentation/);
  const size = await l.instruction().getByRole("paragraph").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  const rail = (await l.rail.boundingBox())!;
  expect(rail.width).toBeLessThanOrEqual(0.32 * 1280);
  await l.showMe();
  await l.expectPassed();
  await expect(l.instruction()).toBeHidden(); // folded into "What this step asked"
  await expect(l.rail.getByText("What this step asked")).toBeVisible();
  await l.expectInView(l.rail.getByRole("button", { name: "Next step →" }), "Next step");
});
