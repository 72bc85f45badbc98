import { expect, test } from "./fixtures";
import { NarrationPage } from "./pages/narration";

test.describe("live narration", () => {
  test("tells a deleted pod's replacement, and its caption shows the new pod", async ({ lab, page }) => {
    await page.goto("./#scenario=article");
    const narration = new NarrationPage(page);
    const pod = lab.pod(/^test-/);
    await expect(pod).toBeVisible();
    const victim = (await pod.getAttribute("aria-label"))!;
    await expect(narration.log).toBeVisible();
    await expect(narration.log).toHaveAttribute("aria-live", "polite");

    // Paused, the captions stay put while they are read (the delete still waits for the pod).
    await lab.pauseButton.click();
    await lab.run(`kubectl delete pod ${victim}`);
    const rs = victim.replace(/-[^-]+$/, "");
    const suffix = victim.slice(rs.length);
    const created = narration.caption(new RegExp(`ReplicaSet ${rs} created pod ${rs}-\\w+ to get back to 1 replica \\(pod …${suffix} was deleted\\)`));
    await expect(created).toBeVisible();
    const text = (await created.textContent())!;
    const fresh = new RegExp(`created pod (${rs}-\\w+)`).exec(text)![1];
    expect(fresh).not.toBe(victim);
    await expect(narration.log).toContainText(`removed pod ${victim}; Calico released its IP`);

    await created.click();
    await expect(lab.inspector.getByRole("heading", { name: fresh, level: 2 })).toBeVisible();
  });

  test("shows its newest caption while closed, and the earlier ones when pointed at", async ({ lab, page }) => {
    await page.goto("./#scenario=article");
    const narration = new NarrationPage(page);
    await expect(lab.pod(/^test-/)).toBeVisible();
    await lab.run("kubectl scale deployment test --replicas=3");
    await expect.poll(() => narration.lines.count()).toBeGreaterThanOrEqual(4);
    await lab.pauseButton.click(); // the captions stay put while they are looked at
    await page.mouse.move(0, 0);
    await expect(narration.lines.last()).toBeInViewport();
    await expect(narration.lines.first()).not.toBeInViewport();
    await page.getByRole("region", { name: "Narration" }).hover();
    await expect(narration.lines.nth(-2)).toBeInViewport();
  });

  test("can be hidden, and stays hidden after a reload", async ({ lab, page }) => {
    const narration = new NarrationPage(page);
    await expect(narration.log).toBeVisible();
    await narration.hide.click();
    await expect(narration.log).toBeHidden();
    await expect(narration.show).toBeVisible();

    await page.reload();
    await expect(lab.node("controlplane")).toBeVisible();
    await expect(narration.show).toBeVisible();
    await expect(narration.log).toBeHidden();

    await narration.show.click();
    await expect(narration.log).toBeVisible();
  });
});
