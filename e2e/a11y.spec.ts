import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

async function seriousViolations(page: import("@playwright/test").Page) {
  // The whole page, xterm.js's rows included (its theme sets readable bright colours too).
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)
    .join("\n");
}

test.describe("accessibility", () => {
  test("the lab with a deployment and a Service has no serious or critical axe violations", async ({ lab, page }) => {
    await lab.fast();
    await lab.run("kubectl create deployment test --image=nginx --replicas=2");
    await lab.run("kubectl expose deploy test --port=8080 --target-port=80 --name=my-service");
    await expect(lab.service("my-service")).toContainText("2 ready endpoints");
    await lab.select(lab.service("my-service"));
    expect(await seriousViolations(page)).toBe("");
  });

  test("the dark theme and an open dialog have no serious or critical axe violations", async ({ lab: _, page }) => {
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("dialog", { name: "Settings" }).getByLabel("Theme").selectOption("dark");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "New deployment" }).click();
    await expect(page.getByRole("dialog", { name: "Create deployment" })).toBeVisible();
    expect(await seriousViolations(page)).toBe("");
  });

  for (const theme of ["light", "dark"] as const) {
    test(`presenting in the ${theme} theme — traffic, a replacement pod, captions — has no serious or critical axe violations`, async ({ lab, page }) => {
      await page.goto("./#scenario=slow-lc");
      await expect(lab.service("web")).toContainText("3 ready endpoints");
      await page.getByRole("button", { name: "Settings" }).click();
      await page.getByRole("dialog", { name: "Settings" }).getByLabel("Theme").selectOption(theme);
      await page.keyboard.press("Escape");
      await lab.present();
      const victim = (await lab.pod(/^web-\w+-\w+$/).first().getAttribute("aria-label"))!;
      await lab.run(`kubectl delete pod ${victim}`);
      await expect(lab.canvas.getByText(/^new$/).first()).toBeVisible();
      await lab.pauseButton.click();
      expect(await seriousViolations(page)).toBe("");
    });
  }

  test("a lesson (a prediction, then a passed step with its explanation) and the lesson list have no serious or critical axe violations", async ({ page, consoleErrors: _ }) => {
    await page.goto("./#lesson=pod-ips&step=4");
    const rail = page.getByRole("complementary", { name: /^Lesson 2:/ });
    await expect(rail.getByRole("group", { name: /^Predict first/ })).toBeVisible();
    // The cards the jump just created are still settling (their status words fade in): poll.
    await expect.poll(() => seriousViolations(page), { timeout: 10_000 }).toBe("");
    await rail.getByRole("radio").nth(1).check();
    await rail.getByRole("button", { name: "Commit my answer" }).click();
    await rail.getByRole("button", { name: "Show me" }).click();
    await expect(rail.getByRole("heading", { name: "Why" })).toBeVisible({ timeout: 30_000 });
    // Show me's new pod is settling in the same way.
    await expect.poll(() => seriousViolations(page), { timeout: 10_000 }).toBe("");
    await page.getByRole("button", { name: "Lessons", exact: true }).first().click();
    await expect(page.getByRole("dialog", { name: "Lessons" })).toBeVisible();
    await expect.poll(() => seriousViolations(page), { timeout: 10_000 }).toBe("");
  });
});
