import { expect, test } from "./fixtures";

test.describe("the keyboard", () => {
  test("? opens the shortcuts, Escape closes them", async ({ lab, page }) => {
    await page.getByRole("button", { name: "Legend" }).focus();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Delete the selected pod");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await expect(lab.canvas).toBeVisible();
  });

  test("creates a deployment, selects a pod with Enter and deletes it with Delete", async ({ lab, page }) => {
    await lab.fast();
    await page.getByRole("button", { name: "Legend" }).focus();
    await page.keyboard.press("n");
    const d = page.getByRole("dialog", { name: "Create deployment" });
    await expect(d.getByLabel("Name", { exact: true })).toBeFocused();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("kb");
    await page.keyboard.press("Enter");
    await expect(d).toBeHidden();

    const pod = lab.pod(/^kb-/);
    await expect(pod).toContainText("Running · ready");
    const name = (await pod.getAttribute("aria-label"))!;
    await pod.focus();
    await expect(pod).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(lab.inspector.getByRole("heading", { name })).toBeVisible();

    await page.keyboard.press("Delete");
    await expect(lab.terminalOutput).toContainText(`kubectl delete pod ${name}`);
    await expect(lab.pod(name)).toHaveCount(0);
    await expect(lab.pod(/^kb-/)).toHaveCount(1);
  });

  test("p pauses and resumes the clock", async ({ lab, page }) => {
    await page.getByRole("button", { name: "Legend" }).focus();
    await page.keyboard.press("p");
    await expect(lab.playButton).toBeVisible();
    await expect(lab.stepButton).toBeEnabled();
    await page.keyboard.press("p");
    await expect(lab.pauseButton).toBeVisible();
  });
});
