/**
 * Canvas benchmarks in headless Chromium (`npm run bench -- canvas`, or `npx tsx bench/canvas.bench.ts`).
 *
 * Builds the app with `vite build --mode bench` into a temporary folder (that build alone has the
 * `window.__podflow` hook, src/app/benchHook.tsx), serves it, and drives it in the system Chromium
 * (scripts/find-chromium.mjs). The lab clock is paused while measuring, so only the canvas works.
 *
 * Figures (wall-clock ms):
 * - first render with 300 pods: a fresh canvas mounted on a 300-pod snapshot, until every pod
 *   card is in the DOM and painted (target ≤ 500 ms);
 * - frame times (p50/p95, from requestAnimationFrame timestamps) while panning 4 px per frame,
 *   with 300 pods (target p95 ≤ 30 ms) and with 1,000 pods (info);
 * - the same pan with 300 pods and about 100 requests moving (target p95 ≤ 30 ms): real traffic
 *   generators send to ten Services with the clock running at 1×, so the engine routes every
 *   request and the traffic feed animates it (the number of dots in flight is printed);
 * - the pan with 300 pods against a bare React Flow (plain nodes, as many, at the same places,
 *   no edges) panned the same way in the same run, A B A B: the ratio of their mean frame times
 *   (target ≤ 1.5×), so a slow or busy machine does not move the figure. The mean, not the p95:
 *   frame times come in whole vsync intervals (16.7, 33.3 ms…), so a p95 ratio can only be 1×
 *   or 2× and tells a single late frame from a slow canvas no better than a coin;
 * - one pod update per frame at 1,000 pods: each frame relabels one pod through the engine
 *   (`kubectl label pod … --overwrite`), so the snapshot and one card change (target p95 ≤ 25 ms);
 *   every other node object must keep its identity, and the last label must be on its card
 *   (checked, not timed). A label is drawn nowhere but on its card, so the graph is not rebuilt
 *   (graphStore's live pods); the same run with a label filter on, where every label is drawn and
 *   every frame rebuilds the graph, is printed for information.
 *
 * Pods come from Deployments of 10 replicas (below the collapse threshold, so every pod is a
 * card) on 10 workers: every pod is scheduled, and the whole graph fits in view. The
 * machine is shared: expect noise; p95 over a few hundred frames is the steadier figure.
 */
import { chromium, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".webmanifest": "application/manifest+json" };

/** A static server for the bench build (the page only asks for files that exist). */
function serve(root: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, new URL(req.url ?? "/", "http://x").pathname));
    const file = path.startsWith(root) && existsSync(path) && statSync(path).isFile() ? path : join(root, "index.html");
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function result(name: string, value: number, unit: "ms", target?: number): void {
  const r: Record<string, unknown> = { name, value: Number(value.toFixed(3)), unit };
  if (target !== undefined) r.target = target;
  console.log(`BENCH_RESULT ${JSON.stringify(r)}`);
}

function ratio(name: string, value: number, target: number): void {
  console.log(`BENCH_RESULT ${JSON.stringify({ name, value: Number(value.toFixed(3)), unit: "×", target })}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function report(label: string, frames: number[], target?: number): void {
  const s = [...frames].sort((a, b) => a - b);
  result(`${label} p50`, percentile(s, 0.5), "ms");
  result(`${label} p95`, percentile(s, 0.95), "ms", target);
}

/** Starts a lab with `workers` workers and `pods` pods in Deployments of 10, settled and paused. */
async function load(page: Page, workers: number, pods: number): Promise<void> {
  await page.evaluate(
    async ({ workers, pods }) => {
      const pf = (window as unknown as { __podflow: any }).__podflow; // eslint-disable-line @typescript-eslint/no-explicit-any
      // The controllers' write budget lifted (kube-controller-manager's --kube-api-qps): the pods are there in a few virtual seconds.
      pf.loadScenario("empty", { workers, controllerApiQps: 1e6, controllerApiBurst: 1e6 });
      const lab = pf.labStore;
      while (lab.getState().restoring || !lab.getState().cluster) await new Promise((r) => setTimeout(r, 50));
      lab.getState().setPaused(true);
      const cluster = lab.getState().cluster;
      for (let i = 0; i < pods / 10; i++) cluster.exec(`kubectl create deployment d${i} --image=nginx --replicas=10`);
      for (let t = 0; t < 60; t++) lab.getState().step(1000);
    },
    { workers, pods },
  );
  await page.waitForFunction((n) => document.querySelectorAll('[aria-roledescription="pod"]').length > 0 && (window as unknown as { __podflow: any }).__podflow.graphStore.getState().graph.nodes.filter((x: { type: string }) => x.type === "pod").length === n, pods, { timeout: 120_000 }); // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Frame intervals while panning the main canvas (or the pane `pane`) `frames` frames, 4 px each. */
async function pan(page: Page, frames: number, paneSelector = ".canvas-wrap .react-flow__pane"): Promise<number[]> {
  const pane = page.locator(paneSelector).first();
  const box = (await pane.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  // Frame times come from the page's own rAF clock; the mouse moves are the pan.
  // (Source text, not a function: tsx's helpers do not exist in the page.)
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = 0;
    const tick = (t) => {
      if (last) window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  for (let i = 1; i <= frames; i++) await page.mouse.move(x - ((i * 4) % 400), y - ((i * 2) % 200));
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(2);
  });
}

/**
 * Starts traffic that keeps about `inFlight` requests moving: ten Services (d0…d9 exposed), one
 * generator each from a pod of d10, clock running at 1×. Waits until the dots are flowing.
 */
async function startRequests(page: Page, inFlight: number): Promise<void> {
  await page.evaluate(`(async (inFlight) => {
    const lab = window.__podflow.labStore;
    const cluster = lab.getState().cluster;
    for (let i = 0; i < 10; i++) cluster.exec("kubectl expose deployment d" + i + " --port=80");
    lab.getState().step(2000);
    const client = lab.getState().snapshot.pods.find((p) => p.metadata.name.startsWith("d10-"));
    // A dot crosses the canvas in about 1.1 s at 1×: inFlight dots need inFlight / 1.1 requests per second.
    for (let i = 0; i < 10; i++) {
      const r = cluster.traffic.start({ source: { kind: "pod", name: client.metadata.name }, target: "d" + i, rate: inFlight / 1.1 / 10 });
      if (!r.ok) throw new Error(r.error);
    }
    lab.getState().setSpeed(1);
    lab.getState().setPaused(false);
    await new Promise((r) => setTimeout(r, 2000));
  })(${inFlight})`);
}

/** Stops the traffic and the clock again; returns the mean and max dots in flight seen meanwhile. */
async function stopRequests(page: Page): Promise<{ mean: number; max: number }> {
  return page.evaluate(`(() => {
    const lab = window.__podflow.labStore;
    const cluster = lab.getState().cluster;
    for (const g of cluster.traffic.running()) cluster.traffic.stop(g.id);
    lab.getState().setPaused(true);
    const seen = window.__dots || [];
    window.__dotsStop = true;
    return { mean: seen.reduce((a, b) => a + b, 0) / Math.max(1, seen.length), max: Math.max(0, ...seen) };
  })()`);
}

/** Counts the dots in flight every frame (read back by stopRequests). */
async function countDots(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__dots = [];
    window.__dotsStop = false;
    const tick = () => {
      window.__dots.push(window.__podflow.particlesInFlight());
      if (!window.__dotsStop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

/**
 * Frame intervals while relabelling one pod per frame; also checks node identity, and that the
 * last label reached its card. With `filter`, a label filter is on first, so each label is drawn
 * (it dims or not): the whole graph is rebuilt every frame, not just one card.
 */
async function podUpdates(page: Page, frames: number, filter = ""): Promise<{ frames: number[]; changedPerUpdate: number; shown: boolean }> {
  return page.evaluate(`(async ([n, filter, run]) => {
    const pf = window.__podflow;
    const cluster = pf.labStore.getState().cluster;
    const pods = pf.labStore.getState().snapshot.pods.filter((p) => p.metadata.namespace === "default");
    pf.uiStore.getState().setLabelFilter(filter);
    await new Promise((r) => setTimeout(r, 500));
    const out = [];
    let maxChanged = 0;
    let last = 0;
    await new Promise((resolve) => {
      let i = 0;
      const tick = (t) => {
        if (last) out.push(t - last);
        last = t;
        if (i >= n) return resolve();
        const before = pf.graphStore.getState().graph.nodes;
        cluster.exec("kubectl label pod " + pods[i % pods.length].metadata.name + " tick=" + run + i + " --overwrite");
        i++;
        // The graph is rebuilt in a microtask; compare identities once it has been.
        queueMicrotask(() => queueMicrotask(() => {
          const after = pf.graphStore.getState().graph.nodes;
          const old = new Set(before);
          maxChanged = Math.max(maxChanged, after.filter((x) => !old.has(x)).length);
        }));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await new Promise((r) => requestAnimationFrame(r));
    const lastPod = pods[(n - 1) % pods.length].metadata;
    const card = document.querySelector('[aria-roledescription="pod"][aria-label="' + lastPod.name + '"]');
    const shown = !!card && card.textContent.includes("tick=" + run + (n - 1));
    pf.uiStore.getState().setLabelFilter("");
    return { frames: out.slice(2), changedPerUpdate: maxChanged, shown };
  })(${JSON.stringify([frames, filter, filter ? "f" : "t"])})`);
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "podflow-bench-"));
  const build = spawnSync("npx", ["vite", "build", "--mode", "bench", "--outDir", out, "--emptyOutDir", "--logLevel", "error"], { stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) throw new Error("vite build --mode bench failed");
  const { server, port } = await serve(out);
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on("pageerror", (e) => console.error(`[pageerror] ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => "__podflow" in window);

    await load(page, 10, 300);
    const firstRender = await page.evaluate(async () => {
      const el = document.createElement("div");
      el.style.cssText = "position:fixed;left:0;top:0;width:1280px;height:600px;z-index:1000;background:#fff";
      document.body.append(el);
      const pf = (window as unknown as { __podflow: { mountCanvas(el: HTMLElement): Promise<number> } }).__podflow;
      const ms = await pf.mountCanvas(el);
      el.remove();
      return ms;
    });
    result("canvas: first render, 300 pods", firstRender, "ms", 500);
    await page.reload();
    await page.waitForFunction(() => "__podflow" in window);
    await load(page, 10, 300);
    // The pan, and the same pan on a bare React Flow with as many plain nodes, A B A B in this run.
    const mine: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 2; i++) {
      mine.push(...(await pan(page, 120)));
      await page.evaluate(async () => {
        const wrap = document.querySelector(".canvas-wrap")!.getBoundingClientRect();
        const el = document.createElement("div");
        el.className = "bare-flow";
        el.style.cssText = `position:fixed;left:${wrap.left}px;top:${wrap.top}px;width:${wrap.width}px;height:${wrap.height}px;z-index:1000;background:#fff`;
        document.body.append(el);
        const pf = (window as unknown as { __podflow: { mountBareFlow(el: HTMLElement): Promise<() => void> } }).__podflow;
        (window as unknown as { __unmountBare: () => void }).__unmountBare = await pf.mountBareFlow(el);
      });
      bare.push(...(await pan(page, 120, ".bare-flow .react-flow__pane")));
      await page.evaluate(() => {
        (window as unknown as { __unmountBare: () => void }).__unmountBare();
        document.querySelector(".bare-flow")!.remove();
      });
    }
    const p95 = (f: number[]) => percentile([...f].sort((a, b) => a - b), 0.95);
    const mean = (f: number[]) => f.reduce((a, b) => a + b, 0) / Math.max(1, f.length);
    report("canvas: frame time panning, 300 pods", mine, 30);
    report("canvas: bare React Flow panning, 300 plain nodes (baseline)", bare);
    console.log(`pan p95: Podflow ${p95(mine).toFixed(1)} ms, bare React Flow ${p95(bare).toFixed(1)} ms; mean: ${mean(mine).toFixed(1)} ms vs ${mean(bare).toFixed(1)} ms`);
    ratio("canvas: pan mean frame time ratio, 300 pods vs bare React Flow", mean(mine) / mean(bare), 1.5);
    await startRequests(page, 100);
    await countDots(page);
    report("canvas: frame time panning, 300 pods + 100 moving requests", await pan(page, 240), 30);
    const dots = await stopRequests(page);
    console.log(`requests moving while panning: ${dots.mean.toFixed(0)} on average, ${dots.max} at most`);

    await load(page, 10, 1000);
    report("canvas: frame time panning, 1,000 pods (info)", await pan(page, 240));
    const updates = await podUpdates(page, 240);
    report("canvas: frame time, one pod update per frame, 1,000 pods", updates.frames, 25);
    if (updates.changedPerUpdate > 2) throw new Error(`one pod update rebuilt ${updates.changedPerUpdate} node objects (identity lost)`);
    if (!updates.shown) throw new Error("the last relabelled pod's card does not show its new label");
    console.log(`node objects rebuilt per pod update: at most ${updates.changedPerUpdate}`);
    // The same with a label filter on: every label is drawn, so every frame rebuilds the graph.
    const rebuilds = await podUpdates(page, 120, "app");
    report("canvas: frame time, one drawn pod change per frame (graph rebuilt), 1,000 pods (info)", rebuilds.frames);
    if (rebuilds.changedPerUpdate > 2) throw new Error(`one drawn pod change rebuilt ${rebuilds.changedPerUpdate} node objects (identity lost)`);
    if (!rebuilds.shown) throw new Error("the last relabelled pod's card does not show its new label (graph rebuilt)");
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
