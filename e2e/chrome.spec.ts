import { expect, test, WELCOME_KEY } from "./fixtures";
import { ChromePage } from "./pages/chrome";
import { LabPage } from "./pages/lab";
import { LessonPage } from "./pages/lesson";

test.describe("the first visit's welcome", () => {
  test.use({ welcome: true });

  test("greets a fresh visit and, once closed, never again", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    await chrome.open();
    await expect(chrome.welcome).toBeVisible();
    await expect(chrome.wayIn("Start lesson 1: Three IP ranges")).toBeFocused();
    expect(await chrome.welcomeViolations()).toEqual([]);
    await chrome.welcome.getByRole("button", { name: "Close the welcome" }).click();
    await expect(chrome.welcome).toBeHidden();
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), WELCOME_KEY)).toBe("dismissed");
    await chrome.open();
    await expect(new LabPage(page).node("node01")).toBeVisible();
    await expect(chrome.welcome).toBeHidden();
  });

  test("starts lesson 1, and is gone for good", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    await chrome.open();
    await chrome.wayIn("Start lesson 1: Three IP ranges").click();
    const lesson = new LessonPage(new LabPage(page));
    await expect(lesson.rail).toHaveAccessibleName(/^Lesson 1:/);
    await expect(chrome.welcome).toBeHidden();
    await chrome.open();
    await expect(chrome.welcome).toBeHidden();
  });

  test("loads the article's deployment", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    const lab = new LabPage(page);
    await chrome.open();
    await chrome.wayIn("Load the article's deployment").click();
    await expect(chrome.welcome).toBeHidden();
    await expect(lab.service("my-service")).toBeVisible();
    await expect(lab.terminalOutput).toContainText("# Scenario: The article's test deployment");
  });

  test("types kubectl get nodes in the terminal, ready for the next command", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    const lab = new LabPage(page);
    await chrome.open();
    await chrome.wayIn("Type kubectl get nodes").click();
    await expect(chrome.welcome).toBeHidden();
    await expect(lab.terminalOutput).toContainText(/controlplane\s+Ready\s+control-plane/);
    await expect(lab.terminalInput).toBeFocused();
    await page.keyboard.type("kubectl get ns");
    await page.keyboard.press("Enter");
    await expect(lab.terminalOutput).toContainText(/kube-system\s+Active/);
  });

  test("goes once a lesson starts from the lesson list", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    await chrome.open();
    await expect(chrome.welcome).toBeVisible();
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    await page.getByRole("dialog", { name: "Lessons" }).getByRole("button", { name: /^Start lesson 2:/ }).click();
    await expect(new LessonPage(new LabPage(page)).rail).toHaveAccessibleName(/^Lesson 2:/);
    await expect(chrome.welcome).toBeHidden();
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), WELCOME_KEY)).toBe("dismissed");
  });

  test("is not shown in an embed, nor over a deep link", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    await page.goto("./?embed=lesson-1");
    await expect(new LessonPage(new LabPage(page)).rail).toBeVisible();
    await expect(chrome.welcome).toHaveCount(0);
    await chrome.open("./#scenario=article");
    await expect(new LabPage(page).service("my-service")).toBeVisible();
    await expect(chrome.welcome).toHaveCount(0);
  });
});

test.describe("Reset", () => {
  test("runs at once and can be undone from the message over the canvas, without moving the page", async ({ lab, page }) => {
    await lab.run("kubectl create deployment keep --image=nginx");
    await expect(lab.deployment("keep")).toBeVisible();
    const before = await lab.canvas.boundingBox();

    await page.getByRole("button", { name: "Reset", exact: true }).click();
    await expect(page.getByText("Cluster reset.")).toBeVisible();
    await expect(lab.deployment("keep")).toHaveCount(0);
    expect(await lab.canvas.boundingBox()).toEqual(before); // the message floats over the canvas

    await page.getByRole("button", { name: "Undo reset" }).click();
    await expect(page.getByText("Cluster reset.")).toBeHidden();
    await expect(lab.deployment("keep")).toBeVisible();
    await expect(lab.terminalOutput).toContainText("deployment.apps/keep created");
  });

  test("stops offering its undo once a command runs on the fresh cluster", async ({ lab, page }) => {
    await lab.run("kubectl create deployment gone --image=nginx");
    await expect(lab.deployment("gone")).toBeVisible();
    await page.getByRole("button", { name: "Reset", exact: true }).click();
    await expect(page.getByRole("button", { name: "Undo reset" })).toBeVisible();
    await lab.run("kubectl get deploy");
    await expect(lab.terminalOutput).toContainText("No resources found in default namespace.");
    await expect(page.getByRole("button", { name: "Undo reset" })).toBeHidden();
    await expect(lab.deployment("gone")).toHaveCount(0);
  });
});

test.describe("the selection", () => {
  test("is cleared when the selected pod is deleted, and when a scenario replaces the cluster", async ({ page, consoleErrors: _ }) => {
    const chrome = new ChromePage(page);
    const lab = new LabPage(page);
    await chrome.open("./#scenario=article");
    const pod = lab.pod(/^test-/);
    await expect(pod).toContainText("Running");
    const name = (await pod.getAttribute("aria-label"))!;
    await lab.select(pod);
    await expect(lab.inspector.getByRole("heading", { name })).toBeVisible();

    await lab.run(`kubectl delete pod ${name}`);
    await expect(lab.terminalOutput).toContainText(`pod "${name}" deleted`);
    await expect(lab.inspector.getByRole("heading", { name })).toHaveCount(0);
    await expect(lab.inspector).toContainText("Click a pod, Service, Deployment or node");

    await lab.select(lab.service("my-service"));
    await expect(lab.inspector.getByRole("heading", { name: "my-service" })).toBeVisible();
    await page.getByRole("combobox", { name: "Scenario" }).selectOption({ label: "The article's test deployment" });
    await page.getByRole("button", { name: "Load", exact: true }).click();
    await expect(lab.inspector.getByRole("heading", { name: "my-service" })).toHaveCount(0);
    await expect(lab.inspector).toContainText("Click a pod, Service, Deployment or node");
  });
});

for (const size of [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
]) {
  test(`the top bar and the ranges bar neither wrap nor clip at ${size.width}×${size.height}, presenting or not`, async ({ lab, page }) => {
    await page.setViewportSize(size);
    const chrome = new ChromePage(page);
    // The widest the bar gets: the clock says "paused", and the longest scenario name is picked.
    await lab.pauseButton.click();
    await page.getByLabel("Scenario").selectOption("slow-lc");
    for (const presenting of [false, true]) {
      if (presenting) {
        await chrome.togglePresentation();
        await expect(lab.inspector).toBeHidden();
      }
      const bar = await chrome.layoutOf(chrome.topBar);
      expect(bar, `top bar${presenting ? ", presenting" : ""}`).toMatchObject({ fits: true, rows: 1, offscreen: [] });
      const ranges = await chrome.layoutOf(chrome.ranges);
      expect(ranges.fits, "ranges bar fits its width").toBe(true);
      expect(ranges.offscreen).toEqual([]);
      for (const range of ["Node range", "Pod range", "Service range"]) {
        // Each range's name and CIDR on one line.
        const heading = chrome.ranges.getByRole("heading", { name: range });
        const cidr = heading.locator("xpath=following-sibling::*[1]");
        const [h, c] = [(await heading.boundingBox())!, (await cidr.boundingBox())!];
        expect(Math.abs(h.y + h.height / 2 - (c.y + c.height / 2)), `${range}: name and CIDR on one line`).toBeLessThan(h.height / 2);
      }
      if (presenting) {
        expect(ranges.rows, "presenting, the ranges are one strip").toBe(1);
        expect(bar.height + ranges.height, "top bar and ranges strip together").toBeLessThanOrEqual(90);
        // What each range has handed out, where there is room for it (not at 1024 px).
        if (size.width >= 1280) await expect(chrome.ranges.getByText("3 nodes")).toBeVisible();
      }
    }
  });
}
