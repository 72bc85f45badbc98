import { test as base, expect } from "@playwright/test";
import { LabPage } from "./pages/lab";

/**
 * `lab`: the lab page, opened. Every test using it also fails on any console error or uncaught
 * exception in the page, so a test cannot pass over a broken screen.
 */
export const test = base.extend<{ lab: LabPage; consoleErrors: string[] }>({
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
