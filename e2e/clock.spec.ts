import { expect, test } from "./fixtures";
import { LabPage } from "./pages/lab";

// Playwright's fake clock drives requestAnimationFrame, so virtual time is checked exactly.
test("the virtual clock runs, pauses, resumes and changes speed", async ({ page, consoleErrors: _ }) => {
  await page.clock.install();
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.virtualTime).toHaveText("00:00:00");

  await page.clock.runFor(2_100);
  await expect(lab.virtualTime).toHaveText("00:00:02");

  await lab.pauseButton.click();
  await expect(lab.playButton).toBeVisible();
  await page.clock.runFor(5_000);
  await expect(lab.virtualTime).toHaveText("00:00:02");

  await lab.speed.selectOption("4");
  await lab.playButton.click();
  await page.clock.runFor(1_000);
  await expect(lab.virtualTime).toHaveText("00:00:06");
});
