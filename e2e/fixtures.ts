import { test as base, expect } from "@playwright/test";
import { LabPage } from "./pages/lab";

/** Where the app remembers that its first-visit welcome was dismissed (src/app/welcome.ts). */
export const WELCOME_KEY = "podflow:welcome:v1";

/**
 * `lab`: the lab page, opened. Every test using it also fails on any console error or uncaught
 * exception in the page, so a test cannot pass over a broken screen.
 *
 * `welcome`: false (the default) opens every page as a returning visitor who dismissed the
 * first-visit welcome, so it covers nothing; `test.use({ welcome: true })` meets it fresh.
 */
export const test = base.extend<{ lab: LabPage; consoleErrors: string[]; welcome: boolean }>({
  welcome: [false, { option: true }],
  page: async ({ page, welcome }, use) => {
    if (!welcome)
      await page.addInitScript((key) => {
        try {
          localStorage.setItem(key, "dismissed");
        } catch {
          // a page without storage (about:blank): nothing to greet there either
        }
      }, WELCOME_KEY);
    await use(page);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
    await use(errors);
    expect(errors, "errors in the browser console").toEqual([]);
  },
  lab: async ({ page, consoleErrors: _ }, use) => {
    const lab = new LabPage(page);
    await lab.open();
    await use(lab);
  },
});

export { expect };
