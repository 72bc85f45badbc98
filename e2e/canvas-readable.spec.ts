import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The canvas read from the back row. Effective size = the text's computed font size × the canvas
 * zoom (the transform above it), measured in the built site on the slow-lc scenario: three
 * endpoint pods behind `web`, with every pod and Service on screen.
 */

interface Reading {
  zoom: number;
  /** The smallest effective size of the story text: pod IPs and the Services' ClusterIPs. */
  podIp: number;
  clusterIp: number;
  /** Pods and Services whose cards are not wholly inside the canvas. */
  offscreen: string[];
  pods: number;
  /** The canvas's share of the window's area. */
  canvasShare: number;
}

async function read(page: Page): Promise<Reading> {
  return page.evaluate(() => {
    const viewport = document.querySelector(".react-flow__viewport")!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const canvas = document.querySelector(".react-flow")!.getBoundingClientRect();
    const sizes = (sel: string) => Array.from(document.querySelectorAll(sel)).map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom);
    const cards = Array.from(document.querySelectorAll<HTMLElement>('[aria-roledescription="pod"], [aria-roledescription="service"]'));
    const offscreen = cards
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return r.left < canvas.left - 1 || r.right > canvas.right + 1 || r.top < canvas.top - 1 || r.bottom > canvas.bottom + 1;
      })
      .map((n) => n.dataset.id ?? "?");
    return {
      zoom,
      podIp: Math.min(...sizes('[aria-roledescription="pod"] .ip')),
      clusterIp: Math.min(...sizes('[aria-roledescription="service"] .ip')),
      offscreen,
      pods: document.querySelectorAll('[aria-roledescription="pod"]').length,
      canvasShare: (canvas.width * canvas.height) / (innerWidth * innerHeight),
    };
  });
}

/** Waits until the camera has settled on the whole picture (the fit animates), then reads. */
async function settled(page: Page): Promise<Reading> {
  let last = "";
  let reading: Reading | undefined;
  await expect
    .poll(async () => {
      reading = await read(page);
      const now = JSON.stringify(reading);
      const same = now === last && reading.offscreen.length === 0;
      last = now;
      return same;
    })
    .toBe(true);
  return reading!;
}

const VIEWS = [
  { name: "presenting at 1280×720", size: { width: 1280, height: 720 }, presenting: true, min: 14 },
  { name: "presenting at 1024×768", size: { width: 1024, height: 768 }, presenting: true, min: 12 },
  { name: "normal at 1280×720", size: { width: 1280, height: 720 }, presenting: false, min: 11 },
  { name: "normal at 1920×1080", size: { width: 1920, height: 1080 }, presenting: false, min: 13 },
];

for (const view of VIEWS) {
  test(`pod IPs and ClusterIPs read at ${view.min} px or more, ${view.name}, every pod on screen`, async ({ lab, page }) => {
    await page.setViewportSize(view.size);
    await page.goto("./#scenario=slow-lc");
    await expect(lab.service("web")).toContainText("3 ready endpoints");
    if (view.presenting) await lab.present();
    const r = await settled(page);
    expect(r.pods).toBeGreaterThanOrEqual(3);
    expect(r.offscreen).toEqual([]);
    expect(r.podIp, `pod IP at zoom ${r.zoom.toFixed(2)}`).toBeGreaterThanOrEqual(view.min);
    expect(r.clusterIp, `ClusterIP at zoom ${r.zoom.toFixed(2)}`).toBeGreaterThanOrEqual(view.min);
  });
}

test("the view re-fits when a deployment scales to 5, so no pod lands under the terminal", async ({ lab, page }) => {
  await page.goto("./#scenario=slow-lc");
  await expect(lab.service("web")).toContainText("3 ready endpoints");
  const before = await settled(page);
  await lab.run("kubectl scale deployment web --replicas=5");
  await expect(lab.service("web")).toContainText("6 ready endpoints", { timeout: 30_000 });
  const after = await settled(page);
  expect(after.pods).toBe(before.pods + 3);
  expect(after.offscreen).toEqual([]);
  expect(after.zoom).toBeLessThanOrEqual(before.zoom);
});

test("a hand-made zoom is the learner's until they press fit", async ({ lab, page }) => {
  await page.goto("./#scenario=slow-lc");
  await expect(lab.service("web")).toContainText("3 ready endpoints");
  const fitted = await settled(page);
  await lab.canvas.getByRole("button", { name: /zoom in/i }).click();
  await expect.poll(async () => (await read(page)).zoom).toBeGreaterThan(fitted.zoom);
  await lab.run("kubectl scale deployment web --replicas=3");
  await expect(lab.service("web")).toContainText("4 ready endpoints", { timeout: 30_000 });
  expect((await read(page)).zoom).toBeGreaterThan(fitted.zoom); // not taken back
  await lab.canvas.getByRole("button", { name: /fit view/i }).click();
  const refitted = await settled(page);
  expect(refitted.offscreen).toEqual([]);
});

test("endpoint changes show on the Service card, and that its ClusterIP stayed", async ({ lab, page }) => {
  await page.goto("./#scenario=slow-lc");
  const web = lab.service("web");
  await expect(web).toContainText("3 ready endpoints");
  const ip = /10\.\d+\.\d+\.\d+/.exec((await web.textContent()) ?? "")![0];
  await lab.run("kubectl label pod web-slow app-");
  await expect(web).toContainText("2 ready endpoints");
  await expect(web).toContainText("−1");
  await expect(web).toContainText("ClusterIP unchanged");
  await expect(web).toContainText(ip);
});

test("presenting at 1280×720, the canvas has at least 70% of the screen", async ({ lab, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("./#scenario=slow-lc");
  await expect(lab.service("web")).toContainText("3 ready endpoints");
  await lab.present();
  const r = await settled(page);
  expect(r.canvasShare).toBeGreaterThanOrEqual(0.7);
});

test("a caption brings its pod into view, even after a hand-made zoom", async ({ lab, page }) => {
  await page.goto("./#scenario=slow-lc");
  await expect(lab.service("web")).toContainText("3 ready endpoints");
  await settled(page);
  // Zoom far in by hand: most of the picture leaves the screen.
  for (let i = 0; i < 4; i++) await lab.canvas.getByRole("button", { name: /zoom in/i }).click();
  await expect.poll(async () => (await read(page)).offscreen.length).toBeGreaterThan(0);
  await lab.pauseButton.click();
  const victim = (await lab.pod(/^web-\w+-\w+$/).first().getAttribute("aria-label"))!;
  await lab.run(`kubectl delete pod ${victim}`);
  const caption = page.getByRole("log", { name: "What just happened" }).getByRole("button", { name: /ReplicaSet \S+ created pod/ });
  const fresh = /created pod (\S+)/.exec((await caption.textContent())!)![1];
  await caption.click();
  const pod = lab.pod(fresh);
  await expect
    .poll(async () => {
      const box = await pod.boundingBox();
      const canvas = await lab.canvas.boundingBox();
      return !!box && !!canvas && box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width && box.y >= canvas.y && box.y + box.height <= canvas.y + canvas.height;
    })
    .toBe(true);
});
