// `npm run test:e2e`: finds (or, as root on Debian, installs) Chromium, then runs Playwright
// against the built app. Extra arguments go to Playwright: `npm run test:e2e -- --grep terminal`.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumVersion, findChromium } from "./find-chromium.mjs";

const browser = findChromium();
console.log(`Using ${chromiumVersion(browser) || "Chromium"} at ${browser}`);

if (!existsSync("dist/index.html")) {
  console.log("dist/ is missing: building the app first (npm run build).");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PODFLOW_CHROMIUM: browser },
});
if (result.error) {
  console.error(`Could not run Playwright: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
