/**
 * The UI's clock loop. The engine has no timers of its own (DESIGN.md principle 1): the store
 * turns real elapsed time into `advance(realMs * speed)` calls while the lab is not paused.
 */
import type { LabStore } from "./lab";

/** A frame longer than this (a background tab, a debugger pause) counts as this long. */
const MAX_FRAME_MS = 250;

/**
 * Starts ticking `store`'s cluster; returns a function that stops it. Uses requestAnimationFrame
 * where there is one (smooth, and it sleeps in background tabs) and setInterval elsewhere.
 */
export function startClock(store: LabStore, now: () => number = () => performance.now()): () => void {
  let last = now();
  let carry = 0; // fractional virtual ms, so slow speeds still add up to whole milliseconds
  let stopped = false;

  const tick = () => {
    const t = now();
    const real = Math.min(Math.max(t - last, 0), MAX_FRAME_MS);
    last = t;
    const { paused, speed, advance } = store.getState();
    if (paused) {
      carry = 0;
      return;
    }
    const virtual = real * speed + carry;
    const whole = Math.floor(virtual);
    carry = virtual - whole;
    if (whole > 0) advance(whole);
  };

  if (typeof requestAnimationFrame === "function") {
    let handle = 0;
    const frame = () => {
      if (stopped) return;
      tick();
      handle = requestAnimationFrame(frame);
    };
    handle = requestAnimationFrame(frame);
    return () => {
      stopped = true;
      cancelAnimationFrame(handle);
    };
  }
  const id = setInterval(tick, 50);
  return () => clearInterval(id);
}
