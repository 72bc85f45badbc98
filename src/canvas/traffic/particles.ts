/**
 * The imperative particle API: `sendParticle` moves one dot along flow-coordinate waypoints
 * (client → rules → Service → pod) and colours it by outcome; `burst` marks where a request
 * failed; `flash` is the reduced-motion stand-in (opacity only, nothing travels).
 *
 * No React involved. Elements are plain pooled `<div>`s, and one requestAnimationFrame loop moves
 * every element in flight by writing its `transform` and `opacity` — nothing else, so no layout.
 * One loop for all of them (rather than one Web Animation each) keeps the per-frame cost of a
 * hundred dots at a few style writes: measured in `npm run bench -- canvas`, a Web Animation per
 * dot cost the main thread about 4 ms a frame more while panning. Idle elements stay in the layer
 * at opacity 0 and are reused by look (class and text), so a dot setting off or arriving never
 * changes layout either. At most MAX_PARTICLES are in flight.
 */
import type { FlowOutcome } from "../../engine/api";
import type { Point } from "./route";

export type { Point } from "./route";
export type Outcome = FlowOutcome;

/** The most elements in flight at once (dots, bursts and flashes together). */
export const MAX_PARTICLES = 300;

/** One keyframe of a particle: where it is, how big, how opaque, and when (0…1). */
export interface Frame {
  x: number;
  y: number;
  scale: number;
  opacity: number;
  offset: number;
}

interface Flight {
  el: HTMLElement;
  frames: Frame[];
  easeOut: boolean;
  /** performance.now() at which it sets off (after its delay). */
  start: number;
  duration: number;
  /** performance.now() at which the clock was paused, while it is. */
  heldAt?: number;
  done: () => void;
}

const hosts: HTMLElement[] = [];
/** Idle elements by look ("class|text"), transparent, still in the layer. */
const pools = new Map<string, HTMLElement[]>();
let pooled = 0;
const flights = new Set<Flight>();
let frameId = 0;

/** Called by <TrafficLayer>: where particles are appended (the latest mounted layer wins). */
export function setTrafficHost(el: HTMLElement | null, previous?: HTMLElement | null): void {
  if (el) hosts.push(el);
  else if (previous) hosts.splice(hosts.lastIndexOf(previous), 1);
}

function host(): HTMLElement | undefined {
  const h = hosts[hosts.length - 1];
  return h?.isConnected ? h : undefined;
}

/** Room for this many more elements. */
export function particleRoom(): number {
  return host() ? MAX_PARTICLES - flights.size : 0;
}

/** How many elements are in flight (bench and tests). */
export function particlesInFlight(): number {
  return flights.size;
}

/**
 * Freezes (or resumes) every element in flight: the virtual clock is paused. Requests made while
 * paused (a curl typed in the terminal, a Step) still play: they happened just now.
 */
export function pauseParticles(pause: boolean): void {
  const now = performance.now();
  for (const f of flights) {
    if (pause) f.heldAt ??= now;
    else if (f.heldAt !== undefined) {
      f.start += now - f.heldAt;
      f.heldAt = undefined;
    }
  }
  run();
}

/** Keyframes by distance travelled, so a dot moves at one speed along uneven waypoints. */
export function particleKeyframes(points: readonly Point[], outcome: Outcome): Frame[] {
  const lengths = [0];
  for (let i = 1; i < points.length; i++) lengths.push(lengths[i - 1] + Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
  const total = lengths[lengths.length - 1];
  const frames = points.map((p, i) => ({
    x: p.x,
    y: p.y,
    scale: 1,
    opacity: 1,
    offset: points.length < 2 ? 0 : total > 0 ? lengths[i] / total : i / (points.length - 1),
  }));
  // A failed request fades where it failed (the burst takes over there).
  if (outcome !== "ok" && frames.length > 1) frames[frames.length - 1].opacity = 0.4;
  return frames;
}

/** Where a particle is at progress `t` (0…1, already eased): linear between the keyframes around t. */
export function frameAt(frames: readonly Frame[], t: number): Frame {
  if (frames.length === 1 || t <= frames[0].offset) return frames[0];
  let i = 1;
  while (i < frames.length - 1 && frames[i].offset < t) i++;
  const a = frames[i - 1];
  const b = frames[i];
  if (t >= b.offset) return b;
  const f = b.offset > a.offset ? (t - a.offset) / (b.offset - a.offset) : 1;
  const mix = (p: number, q: number) => p + (q - p) * f;
  return { x: mix(a.x, b.x), y: mix(a.y, b.y), scale: mix(a.scale, b.scale), opacity: mix(a.opacity, b.opacity), offset: t };
}

/** CSS ease-out (cubic-bezier(0, 0, 0.58, 1)), solved for y at x = t. */
export function easeOut(t: number): number {
  // x(s) = 3(1-s)s²·0.58 + s³ and y(s) = 3(1-s)s² + s³; x is monotonic, so bisection finds s.
  const bx = (s: number) => 3 * (1 - s) * s * s * 0.58 + s * s * s;
  const by = (s: number) => 3 * (1 - s) * s * s + s * s * s;
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 14; k++) {
    const mid = (lo + hi) / 2;
    if (bx(mid) < t) lo = mid;
    else hi = mid;
  }
  return by((lo + hi) / 2);
}

function show(el: HTMLElement, f: Frame): void {
  el.style.transform = f.scale === 1 ? `translate(${f.x}px, ${f.y}px)` : `translate(${f.x}px, ${f.y}px) scale(${f.scale})`;
  el.style.opacity = String(f.opacity);
}

function tick(now: number): void {
  frameId = 0;
  for (const f of flights) {
    if (f.heldAt !== undefined) continue;
    const raw = (now - f.start) / f.duration;
    if (raw >= 1) {
      flights.delete(f);
      release(f.el);
      f.done();
      continue;
    }
    if (raw < 0) continue; // still waiting: it shows its first frame
    show(f.el, frameAt(f.frames, f.easeOut ? easeOut(raw) : raw));
  }
  run();
}

/** Keeps the loop going while anything moves; it stops by itself when nothing does. */
function run(): void {
  if (frameId) return;
  for (const f of flights) {
    if (f.heldAt === undefined) {
      frameId = requestAnimationFrame(tick);
      return;
    }
  }
}

function take(className: string, text: string): HTMLElement | undefined {
  const h = host();
  if (!h || flights.size >= MAX_PARTICLES) return undefined;
  const pool = pools.get(`${className}|${text}`);
  while (pool?.length) {
    const idle = pool.pop()!;
    pooled--;
    if (idle.parentNode === h) return idle;
    idle.remove(); // left behind by an earlier layer
  }
  const el = document.createElement("div");
  el.className = className;
  el.textContent = text;
  h.appendChild(el);
  return el;
}

function release(el: HTMLElement): void {
  el.style.opacity = "0";
  // Keep no more idle elements than can ever be in flight at once.
  if (pooled >= MAX_PARTICLES || !el.isConnected) return void el.remove();
  const key = `${el.className}|${el.textContent ?? ""}`;
  const pool = pools.get(key);
  if (pool) pool.push(el);
  else pools.set(key, [el]);
  pooled++;
}

function fly(className: string, text: string, frames: Frame[], durationMs: number, delayMs: number, easeOutCurve: boolean): Promise<void> {
  const el = take(className, text);
  if (!el) return Promise.resolve();
  return new Promise((done) => {
    flights.add({ el, frames, easeOut: easeOutCurve, start: performance.now() + delayMs, duration: Math.max(1, durationMs), done });
    show(el, frames[0]);
    run();
  });
}

export interface ParticleOptions {
  /** Real ms to wait before setting off (spreads a batch of events over the frame they came in). */
  delayMs?: number;
  /** The backend is on another node than the rules that picked it. */
  crossNode?: boolean;
}

/** Sends one dot; resolves when it has arrived (at once if there is no layer or no room). */
export function sendParticle(points: readonly Point[], outcome: Outcome, durationMs: number, opts: ParticleOptions = {}): Promise<void> {
  if (points.length === 0) return Promise.resolve();
  const failed = outcome !== "ok";
  return fly(`particle ${failed ? "fail" : "ok"}${opts.crossNode ? " cross" : ""}`, failed ? "✕" : "", particleKeyframes(points, outcome), durationMs, opts.delayMs ?? 0, false);
}

/** A red ring with a cross where a request failed (refused, timed out, reset), with the reason. */
export function burst(at: Point, outcome: Outcome, delayMs = 0): Promise<void> {
  const frames: Frame[] = [
    { ...at, scale: 0.6, opacity: 1, offset: 0 },
    { ...at, scale: 1.15, opacity: 1, offset: 0.3 },
    { ...at, scale: 1.3, opacity: 0, offset: 1 },
  ];
  return fly("particle-burst", `✕ ${outcome}`, frames, 1100, delayMs, true);
}

/**
 * Reduced motion: a mark that appears and fades in place (opacity only) — on the pod that served
 * a request, or where one failed, with the reason in words.
 */
export function flash(at: Point, outcome: Outcome, label = ""): Promise<void> {
  const failed = outcome !== "ok";
  const frames: Frame[] = [0, 0.15, 0.6, 1].map((offset, i) => ({ ...at, scale: 1, opacity: i === 1 || i === 2 ? 1 : 0, offset }));
  return fly(`particle-flash ${failed ? "fail" : "ok"}`, failed ? `✕ ${outcome}` : label, frames, 900, 0, false);
}
