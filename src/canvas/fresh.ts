/**
 * Motion that means something: a card animates in when its pod is new, a status word settles
 * when readiness changes, a ring beats when the pod joins or leaves a Service — not when React
 * Flow merely mounts an element again (a filter, a collapse, a canvas that loads after the
 * cluster). Each hook decides once per mount, in a useState initializer, so a re-render never
 * cancels a running animation, and records what it saw in an effect.
 */
import { useEffect, useState } from "react";

const seen = new Set<string>();
const last = new Map<string, number>();
let armed = false;

/** Called once the canvas has drawn the cluster it opened on: what is already there is not new. */
export function armFreshness(): void {
  armed = true;
}

/** True when `key` is shown for the first time since the canvas opened (not on a remount). */
export function useFirstSight(key: string): boolean {
  const [fresh] = useState(() => armed && !seen.has(key));
  useEffect(() => {
    seen.add(key);
  }, [key]);
  return fresh;
}

/** How much `value` differs from the last value shown for `key` (0 the first time, or unchanged). */
export function useDeltaFrom(key: string, value: number): number {
  const [delta] = useState(() => {
    const prev = last.get(key);
    return prev === undefined ? 0 : value - prev;
  });
  useEffect(() => {
    last.set(key, value);
  }, [key, value]);
  return delta;
}

/** True when `value` differs from the last value shown for `key` (false the first time). */
export function useChangedFrom(key: string, value: number): boolean {
  return useDeltaFrom(key, value) !== 0;
}
