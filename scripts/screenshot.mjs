// Takes screenshots of Podflow in headless Chromium, as a person would see it.
//
//   node scripts/screenshot.mjs [--dir dist] [--url URL] [--out /tmp] [--size 1280x720]...
//                               [--run "kubectl get nodes"]... [--click BUTTON]... [--wait-for TEXT]
//                               [--name lab] [--full-page]
//
// Without --url it serves --dir (default dist/) itself. Each --run line is typed into the
// terminal input and entered; each --click clicks the button with that (partial) name; --wait-for waits until TEXT is visible before the screenshot.
// Writes OUT/NAME-WIDTHxHEIGHT.png for each --size (default 1280x720 and 1920x1080).

import { chromium } from "@playwright/test";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CHROMIUM_ARGS, findChromium } from "./find-chromium.mjs";
import { startServer } from "./serve.mjs";


const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "dist" },
    url: { type: "string" },
    out: { type: "string", default: "/tmp" },
    name: { type: "string", default: "podflow" },
    size: { type: "string", multiple: true },
    run: { type: "string", multiple: true },
    click: { type: "string", multiple: true },
    "wait-for": { type: "string" },
    "full-page": { type: "boolean", default: false },
  },
});

const sizes = (values.size?.length ? values.size : ["1280x720", "1920x1080"]).map((s) => {
  const [width, height] = s.split("x").map(Number);
  if (!width || !height) throw new Error(`--size ${s}: expected WIDTHxHEIGHT`);
  return { width, height };
});

let server;
let url = values.url;
if (!url) {
  const started = await startServer({ root: values.dir, port: 4180 });
  server = started.server;
  url = `http://localhost:${started.port}/`;
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (const viewport of sizes) {
    const page = await browser.newPage({ viewport });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") console.error(`[console.${m.type()}] ${m.text()}`);
    });
    page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
    // Pictures of the lab itself: a returning visitor, without the first visit's welcome.
    await page.addInitScript(() => localStorage.setItem("podflow:welcome:v1", "dismissed"));
    await page.goto(url);
    for (const line of values.run ?? []) {
      const input = page.getByLabel("Terminal input");
      await input.fill(line);
      await input.press("Enter");
    }
    for (const name of values.click ?? []) await page.getByRole("button", { name }).first().click();
    if (values["wait-for"]) await page.getByText(values["wait-for"]).first().waitFor({ timeout: 15000 });
    else await page.waitForLoadState("networkidle");
    const file = join(values.out, `${values.name}-${viewport.width}x${viewport.height}.png`);
    await page.screenshot({ path: file, fullPage: values["full-page"] });
    console.log(file);
    await page.close();
  }
} finally {
  await browser.close();
  server?.close();
}
