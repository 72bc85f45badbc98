import { expect, test } from "./fixtures";
import { LabPage } from "./pages/lab";

// Playwright's fake clock drives requestAnimationFrame, so virtual time is checked exactly. The
// fake clock is paused from the start, so real time spent loading does not count; the lab is
// paused before the fake clock runs the timers that reveal the lazily loaded canvas.
test("the virtual clock runs, pauses, resumes, steps and changes speed", async ({ page, consoleErrors: _ }) => {
  await page.clock.install({ time: 0 });
  await page.clock.pauseAt(1_000);
  const lab = new LabPage(page);
  await page.goto("./");
  await lab.pauseButton.click();
  await page.clock.runFor(1_000);
  await expect(lab.node("controlplane")).toBeVisible();
  await expect(lab.virtualTime).toHaveText("00:00:00");

  await lab.playButton.click();
  await page.clock.runFor(2_100);
  await expect(lab.virtualTime).toHaveText("00:00:02");

  await lab.pauseButton.click();
  await expect(lab.playButton).toBeVisible();
  await page.clock.runFor(5_000);
  await expect(lab.virtualTime).toHaveText("00:00:02");

  // Step moves a paused clock by one second.
  await lab.stepButton.click();
  await expect(lab.virtualTime).toHaveText("00:00:03");

  await lab.speed.selectOption("4");
  await lab.playButton.click();
  await page.clock.runFor(1_000);
  await expect(lab.virtualTime).toHaveText("00:00:07");
});
