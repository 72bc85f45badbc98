import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LabPage } from "./pages/lab";
import { TerminalPage } from "./pages/terminal";

const KEY = "podflow:lab:v1";

/** Waits until the autosave has written something matching `text`. */
async function savedContains(page: Page, text: string) {
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? "", KEY)).toContain(text);
}

/** Puts `value` under `key` in localStorage before the app first runs (once per test). */
async function seedStorage(page: Page, key: string, value: string) {
  await page.addInitScript(
    ([k, v]) => {
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(k, v);
    },
    [key, value],
  );
}

async function openLab(page: Page, url = "./") {
  await page.goto(url);
  const term = new TerminalPage(page);
  await term.ready();
  return term;
}

test.describe("saving and sharing the lab", () => {
  test("a reload keeps the cluster, the terminal and its history", async ({ page, consoleErrors: _ }) => {
    let term = await openLab(page);
    await term.run("kubectl create deployment keep --image=nginx --replicas=2");
    await expect(term.output).toContainText("deployment.apps/keep created");
    await savedContains(page, "keep");

    await page.reload();
    term = new TerminalPage(page);
    await term.ready();
    await expect(term.output).toContainText("deployment.apps/keep created");
    await term.run("kubectl get deploy keep -o jsonpath={.spec.replicas}");
    await expect(term.output).toContainText(/replicas\}\s*2/);
    await term.press("ArrowUp");
    await term.press("ArrowUp");
    await term.expectLine("kubectl create deployment keep --image=nginx --replicas=2");
  });

  test("a shared link restores the lab in another browser", async ({ page, browser, consoleErrors: _ }) => {
    const term = await openLab(page);
    await term.run("kubectl create deployment shared --image=nginx");
    await term.run("kubectl expose deployment shared --port=80");
    await expect(term.output).toContainText("service/shared exposed");
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const link = page.getByLabel("Link that restores this lab");
    await expect(link).toHaveValue(/#s=z\./);
    const url = await link.inputValue();

    const other = await browser.newContext();
    const friend = await other.newPage();
    const theirs = await openLab(friend, url);
    await expect(friend.getByText("You are looking at a shared lab.")).toBeVisible();
    await expect(theirs.output).toContainText("service/shared exposed");
    expect(new URL(friend.url()).hash).toBe("");
    await theirs.run("kubectl get svc shared -o name");
    await expect(theirs.output).toContainText("service/shared");
    await other.close();
  });

  test("a damaged shared link is reported, and the lab still works", async ({ page, consoleErrors: _ }) => {
    const term = await openLab(page, "./#s=z.this-is-not-a-lab");
    const message = page.getByText("This shared link can't be opened.");
    await expect(message).toBeVisible();
    await expect(page.getByText(/The link is damaged or incomplete/)).toBeVisible();
    await page.getByRole("button", { name: "Dismiss message" }).click();
    await expect(message).toBeHidden();
    await term.run("kubectl get nodes");
    await expect(term.output).toContainText(/controlplane\s+Ready/);
  });

  test("a link that is not a valid lab says what is wrong", async ({ page, consoleErrors: _ }) => {
    const bad = Buffer.from(JSON.stringify({ v: 1, scenario: "empty", options: { seed: -3 }, log: [] })).toString("base64url");
    await openLab(page, `./#s=j.${bad}`);
    await expect(page.getByText(/It is not a valid lab: the seed must be a whole number/)).toBeVisible();
  });

  test("a corrupt saved lab starts fresh with a message", async ({ page, consoleErrors: _ }) => {
    await seedStorage(page, KEY, "{this is not json");
    const term = await openLab(page);
    const message = page.getByText("Your saved lab could not be restored.");
    await expect(message).toBeVisible();
    await expect(page.getByText(/The saved data is damaged .* A fresh lab was started instead\./)).toBeVisible();
    await term.run("kubectl get pods");
    await expect(term.output).toContainText("No resources found in default namespace.");
    await page.getByRole("button", { name: "Dismiss message" }).click();
    await expect(message).toBeHidden();
  });

  test("a lab saved by an older version starts fresh with a message", async ({ page, consoleErrors: _ }) => {
    await seedStorage(page, "podflow:lab:v0", '{"commands":["kubectl get pods"]}');
    await openLab(page);
    await expect(page.getByText("Your saved lab could not be restored.")).toBeVisible();
    await expect(page.getByText(/It was saved by an older version of Podflow/)).toBeVisible();
  });

  test("a deep link starts a scenario", async ({ page, consoleErrors: _ }) => {
    const term = await openLab(page, "./#scenario=article");
    await expect(term.output).toContainText("# Scenario: The article's test deployment");
    await expect(term.output).toContainText("service/my-service exposed");
    await expect(new LabPage(page).service("my-service")).toBeVisible();
  });

  test("undo takes back the last command", async ({ page, consoleErrors: _ }) => {
    const term = await openLab(page);
    await term.run("kubectl create deployment first --image=nginx");
    await term.run("kubectl create deployment second --image=nginx");
    await expect(term.output).toContainText("deployment.apps/second created");
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(term.output).not.toContainText("deployment.apps/second created");
    await term.run("kubectl get deploy -o name");
    await expect(term.output).toContainText(/deploy -o name\s*deployment\.apps\/first\s*$/);
  });
});
