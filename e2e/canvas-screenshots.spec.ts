import { expect, test } from "./fixtures";
import { TrafficPage } from "./pages/traffic";

/**
 * The README's screenshots, reproducibly: the article's story half-way (a deployment of 3, a
 * Service, an orphan pod with matching labels, one pod selected) at 1024×768, 1280×720 and
 * 1920×1080, in light, dark and presentation mode. Runs only when asked:
 *
 *   PODFLOW_SCREENSHOTS=1 npx playwright test e2e/canvas-screenshots.spec.ts
 */
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const MODES = ["light", "dark", "presentation"] as const;

test.skip(!process.env.PODFLOW_SCREENSHOTS, "set PODFLOW_SCREENSHOTS=1 to write docs/screenshots/");

for (const size of SIZES) {
  for (const mode of MODES) {
    test(`screenshot ${mode} ${size.width}x${size.height}`, async ({ lab, page }) => {
      await page.setViewportSize(size);
      await lab.fast();
      await lab.run("kubectl create deployment test --image=nginx --replicas=3");
      await lab.run("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
      await lab.run("kubectl run orphan --image=nginx --labels=app=test");
      await expect(lab.service("my-service")).toContainText("4 ready endpoints");
      await lab.select(lab.service("my-service"));
      if (mode === "dark") {
        await page.getByRole("button", { name: "Settings" }).click();
        await page.getByRole("dialog", { name: "Settings" }).getByLabel("Theme").selectOption("dark");
        await page.keyboard.press("Escape");
      }
      if (mode === "presentation") {
        await page.getByRole("button", { name: "Legend" }).focus();
        await page.keyboard.press("f");
      }
      await page.getByRole("button", { name: "Fit View" }).click();
      await lab.speed.selectOption("1");
      await lab.pauseButton.click();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `docs/screenshots/lab-${mode}-${size.width}x${size.height}.png` });
    });
  }
}

/** The README's main picture: traffic from a client pod spreading over the endpoints. */
for (const size of SIZES) {
  test(`screenshot traffic ${size.width}x${size.height}`, async ({ lab, page }) => {
    await page.setViewportSize(size);
    await lab.fast();
    await lab.run("kubectl create deployment test --image=nginx --replicas=3");
    await lab.run("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
    await lab.run("kubectl run client --image=curlimages/curl -- sleep infinity");
    await expect(lab.service("my-service")).toContainText("3 ready endpoints");
    await expect(lab.pod("client")).toContainText("Running · ready");
    const traffic = new TrafficPage(lab);
    await traffic.open();
    await lab.speed.selectOption("0.5");
    await traffic.start({ from: "client", to: "my-service", rate: 20, duration: "until stopped" });
    await expect.poll(async () => Object.values(await traffic.perPod("Served")).reduce((a, b) => a + b, 0), { timeout: 30_000 }).toBeGreaterThan(20);
    await lab.pauseButton.click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `docs/screenshots/lab-traffic-${size.width}x${size.height}.png` });
  });
}

/** A lesson: a step that has just passed (its "why"), the presenter's notes window, and an embed. */
for (const size of SIZES) {
  test(`screenshot lesson ${size.width}x${size.height}`, async ({ page, consoleErrors: _ }) => {
    await page.setViewportSize(size);
    await page.goto("./#lesson=service-vip&step=5");
    const rail = page.getByRole("complementary", { name: /^Lesson 3:/ });
    await rail.getByRole("radio").nth(1).check();
    await rail.getByRole("button", { name: "Commit my answer" }).click();
    await rail.getByRole("button", { name: "Show me" }).click();
    await expect(rail.getByRole("heading", { name: "Why" })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel("Speed").selectOption("1");
    await page.getByRole("button", { name: "Pause" }).click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `docs/screenshots/lesson-${size.width}x${size.height}.png` });
    if (size.width !== 1920) return;
    const popup = page.waitForEvent("popup");
    await rail.getByRole("button", { name: /^Present/ }).click();
    const notes = await popup;
    await notes.setViewportSize({ width: 960, height: 720 });
    await expect(notes.getByRole("region", { name: "Speaker notes" })).toBeVisible();
    await notes.screenshot({ path: "docs/screenshots/lesson-presenter-notes-960x720.png" });
    await page.screenshot({ path: "docs/screenshots/lesson-presenting-1920x1080.png" });
    await notes.close();
    await page.setViewportSize({ width: 1200, height: 720 });
    await page.goto("./?embed=lesson-2");
    await expect(page.getByRole("complementary", { name: /^Lesson 2:/ })).toBeVisible();
    await page.waitForTimeout(1500); // the canvas fits itself to the frame
    await page.screenshot({ path: "docs/screenshots/lesson-embed-1200x720.png" });
  });
}
