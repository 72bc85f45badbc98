/**
 * Whether to greet the learner: only on a first visit to the lab itself. Not in an embed, not when
 * the URL opens something (`#lesson=`, `#scenario=`, `#s=`), not when a lab is already saved here
 * (a returning learner), and never again once dismissed or once a lesson has started. Read at
 * start-up, before the session strips the deep link from the address bar.
 */
import { embedded } from "../store";
import { browserStorage, hasSaved } from "../store/storage";

/** Set (to "dismissed") once the welcome is gone for good. Tests pre-set it (e2e/fixtures.ts). */
export const WELCOME_KEY = "podflow:welcome:v1";

const inBrowser = typeof window !== "undefined" && typeof location !== "undefined";

/** True when `hash` opens a lesson, a scenario or a shared lab. */
export function isDeepLink(hash: string): boolean {
  return /(^#|&)(lesson|scenario|s)=/.test(hash);
}

function dismissedBefore(): boolean {
  try {
    return browserStorage()?.getItem(WELCOME_KEY) != null;
  } catch {
    return false; // blocked storage: greet, and let the learner close it for this visit
  }
}

/** Decided once, when the page loads (never in the benchmarks' build: they measure the lab). */
export const greetAtStart: boolean = inBrowser && import.meta.env.MODE !== "bench" && !embedded && !isDeepLink(location.hash) && !hasSaved() && !dismissedBefore();

/** Remembers that the welcome is done with (a no-op where storage is blocked). */
export function rememberDismissed(): void {
  try {
    browserStorage()?.setItem(WELCOME_KEY, "dismissed");
  } catch {
    // not remembered: it shows again on the next visit, nothing worse
  }
}
