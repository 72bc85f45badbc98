import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/find-chromium.mjs";

// End-to-end tests run against the BUILT app (dist/, served by `vite preview`) in a system
// Chromium: Playwright's own browser download is never used (see scripts/find-chromium.mjs).
// `npm run test:e2e` (scripts/e2e.mjs) finds the browser first and passes it in PODFLOW_CHROMIUM;
// running `npx playwright test` directly finds it here. Setting the variable here also hands it
// to the worker processes, so the search runs once.
process.env.PODFLOW_CHROMIUM ??= findChromium();

// PODFLOW_PORT and PODFLOW_DIST let several people (or checkouts) test their own builds side by
// side: `vite build --outDir /tmp/mine && PODFLOW_DIST=/tmp/mine PODFLOW_PORT=4273 npx playwright test`.
const PORT = Number(process.env.PODFLOW_PORT ?? 4173);
const DIST = process.env.PODFLOW_DIST ?? "dist";
process.env.PODFLOW_DIST = DIST; // for specs that serve the build themselves (hosting.spec.ts)
const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: CI ? 2 : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The list for people; the summary line for .ci/run.
  reporter: [["list"], ["./e2e/summary-reporter.ts"]],
  outputDir: process.env.PODFLOW_RESULTS ?? "test-results",
  use: {
    baseURL: `http://localhost:${PORT}/`,
    browserName: "chromium",
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: process.env.PODFLOW_CHROMIUM, args: [...CHROMIUM_ARGS] },
    // The service worker (precaching the whole build) only matters to e2e/hosting.spec.ts, which
    // allows it; elsewhere it would only slow every fresh context down.
    serviceWorkers: "block",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: `npm run preview -- --port ${PORT} --strictPort --outDir ${JSON.stringify(DIST)}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
