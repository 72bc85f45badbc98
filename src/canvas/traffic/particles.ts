/**
 * The imperative particle API: `sendParticle` moves one dot along flow-coordinate waypoints
 * (client → rules → Service → pod) and colours it by outcome; `burst` marks where a request
 * failed; `flash` is the reduced-motion stand-in (opacity only, nothing travels). Elements are
 * pooled plain DOM nodes animated with the Web Animations API on transform and opacity only, and
 * at most MAX_PARTICLES are alive. No React involved, nothing rendered per frame.
 */
import type { FlowOutcome } from "../../engine/api";
import type { Point } from "./route";

export type { Point } from "./route";
export type Outcome = FlowOutcome;

/** The most elements the layer ever holds (dots, bursts and flashes together). */
export const MAX_PARTICLES = 300;

const hosts: HTMLElement[] = [];
const pool: HTMLElement[] = [];
const running = new Set<Animation>();

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
  return host() ? MAX_PARTICLES - running.size : 0;
}

/**
 * Freezes (or resumes) every element in flight: the virtual clock is paused. Requests made while
 * paused (a curl typed in the terminal, a Step) still play: they happened just now.
 */
export function pauseParticles(pause: boolean): void {
  for (const a of running) {
    if (pause) a.pause();
    else a.play();
  }
}

/** Keyframe offsets by distance travelled, so a dot moves at one speed along uneven waypoints. */
export function particleKeyframes(points: readonly Point[], outcome: Outcome): Keyframe[] {
  const lengths = [0];
  for (let i = 1; i < points.length; i++) lengths.push(lengths[i - 1] + Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
  const total = lengths[lengths.length - 1];
  const frames: Keyframe[] = points.map((p, i) => ({
    transform: `translate(${p.x}px, ${p.y}px)`,
    opacity: 1,
    offset: points.length < 2 ? 0 : total > 0 ? lengths[i] / total : i / (points.length - 1),
  }));
  // A failed request fades where it failed (the burst takes over there).
  if (outcome !== "ok" && frames.length > 1) frames[frames.length - 1] = { ...frames[frames.length - 1], opacity: 0.4 };
  return frames;
}

function take(className: string, text = ""): HTMLElement | undefined {
  const h = host();
  if (!h || running.size >= MAX_PARTICLES) return undefined;
  const el = pool.pop() ?? document.createElement("div");
  el.className = className;
  el.textContent = text;
  el.removeAttribute("style");
  h.appendChild(el);
  return el;
}

function play(el: HTMLElement, frames: Keyframe[], options: KeyframeAnimationOptions): Promise<void> {
  const anim = el.animate(frames, { fill: "both", ...options });
  running.add(anim);
  return anim.finished
    .catch(() => undefined)
    .then(() => {
      running.delete(anim);
      anim.cancel();
      el.remove();
      pool.push(el);
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
  const el = take(`particle ${failed ? "fail" : "ok"}${opts.crossNode ? " cross" : ""}`, failed ? "✕" : "");
  if (!el) return Promise.resolve();
  return play(el, particleKeyframes(points, outcome), { duration: durationMs, delay: opts.delayMs ?? 0, easing: "linear" });
}

/** A red ring with a cross where a request failed (refused, timed out, reset), with the reason. */
export function burst(at: Point, outcome: Outcome, delayMs = 0): Promise<void> {
  const el = take("particle-burst", `✕ ${outcome}`);
  if (!el) return Promise.resolve();
  const t = `translate(${at.x}px, ${at.y}px)`;
  return play(
    el,
    [
      { transform: `${t} scale(0.6)`, opacity: 1 },
      { transform: `${t} scale(1.15)`, opacity: 1, offset: 0.3 },
      { transform: `${t} scale(1.3)`, opacity: 0 },
    ],
    { duration: 1100, delay: delayMs, easing: "ease-out" },
  );
}

/**
 * Reduced motion: a mark that appears and fades in place (opacity only) — on the pod that served
 * a request, or where one failed, with the reason in words.
 */
export function flash(at: Point, outcome: Outcome, label = ""): Promise<void> {
  const failed = outcome !== "ok";
  const el = take(`particle-flash ${failed ? "fail" : "ok"}`, failed ? `✕ ${outcome}` : label);
  if (!el) return Promise.resolve();
  el.style.transform = `translate(${at.x}px, ${at.y}px)`;
  return play(el, [{ opacity: 0 }, { opacity: 1, offset: 0.15 }, { opacity: 1, offset: 0.6 }, { opacity: 0 }], { duration: 900 });
}
