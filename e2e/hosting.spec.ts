import type { Server } from "node:http";
import { startServer } from "../scripts/serve.mjs";
import { expect, test } from "./fixtures";
import { YamlEditorPage } from "./pages/editor";
import { TerminalPage } from "./pages/terminal";

// The built site on a plain static host under a sub-path: only /podflow/… exists, with no
// rewrites or fallbacks (what GitHub Pages or a bucket gives). Deep links are hash-based.
let server: Server;
let site: string;

test.beforeAll(async () => {
  const started = await startServer({ root: process.env.PODFLOW_DIST ?? "dist", port: 4390, base: "/podflow/", strict: true });
  server = started.server;
  site = `http://localhost:${started.port}/podflow/`;
});

test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

test.use({ serviceWorkers: "allow" });

test("the site works from a sub-path, with its lazy chunks and deep links", async ({ page, consoleErrors: _ }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${site}#scenario=wordpress`);
  const term = new TerminalPage(page);
  await term.ready();
  await expect(term.output).toContainText("# Scenario: MySQL + WordPress");
  await term.run("kubectl get svc mysql -o name");
  await expect(term.output).toContainText("service/mysql");
  await term.run("vi hello.yaml");
  await expect(new YamlEditorPage(page, "Edit hello.yaml").code).toBeVisible();
  expect(failed).toEqual([]);
});

test("it works offline after the first visit", async ({ page, context, consoleErrors: _ }) => {
  await page.goto(site);
  await new TerminalPage(page).ready();
  // The service worker precaches the whole build (lazy chunks included), then takes control.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });

  await context.setOffline(true);
  await page.reload();
  const term = new TerminalPage(page);
  await term.ready();
  await term.run("kubectl create deployment offline --image=nginx");
  await expect(term.output).toContainText("deployment.apps/offline created");
  await term.run("kubectl edit deployment offline");
  await expect(new YamlEditorPage(page, "Edit deployment/offline").code).toContainText("kind: Deployment");
  await context.setOffline(false);
});
