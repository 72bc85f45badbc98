/**
 * The app's lesson runtime, bound to the app's lab store, session and UI; and the start-up of
 * lessons: a `#lesson=` deep link or an `?embed=` frame opens its lesson on its starting cluster,
 * otherwise the lesson the learner had open is shown again over the restored lab.
 */
import { useStore } from "zustand";
import { trafficAction } from "../actions/trafficAction";
import { labStore, sessionController, sessionStarted } from "../store";
import { browserStorage } from "../store/storage";
import { uiStore } from "../ui/store";
import { LESSONS } from ".";
import { embedFromSearch, lessonFromHash, type LessonLink } from "./links";
import { createLessonRuntime, type LessonRunState } from "./runtime";

const inBrowser = typeof window !== "undefined" && typeof location !== "undefined";

/** The lesson this page is embedded for (`?embed=`), if it is an embed. */
export const embedded: LessonLink | undefined = inBrowser ? embedFromSearch(location.search) : undefined;

export const lessonRuntime = createLessonRuntime(
  {
    lab: labStore,
    loadScenario: (id) => sessionController.loadScenario(id),
    select: (s) => uiStore.getState().select(s),
    focus: (ids) => uiStore.getState().focusOn(ids),
    openRules: (node) => uiStore.getState().openDialog({ kind: "rules", node }),
    startTraffic: (spec) => {
      const r = trafficAction({ kind: "start", spec });
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    },
    storage: browserStorage(),
    trackCurrent: !embedded,
  },
  LESSONS,
);

export function useLesson<T>(selector: (s: LessonRunState) => T): T {
  return useStore(lessonRuntime.store, selector);
}

function unknownLesson(name: string) {
  labStore.getState().setNotice({ tone: "error", title: `There is no lesson called "${name.slice(0, 40)}".`, detail: "The lesson list (Lessons, in the top bar) has them all." });
}

/** Opens a linked lesson; an unknown one falls back to the learner's own lab, with a message. */
async function openLink(link: LessonLink): Promise<void> {
  if (lessonRuntime.open(link.lesson, link.step)) return;
  unknownLesson(link.lesson);
  if (!labStore.getState().cluster) await sessionController.start();
}

function stripHash() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

// End-to-end tests play a lesson "as a learner": they read what to type for the open step here.
// Only under automation (navigator.webdriver); nothing for a person's browser.
if (inBrowser && navigator.webdriver) Object.assign(window, { __podflowLesson: { actionsNow: () => lessonRuntime.actionsNow() } });

if (inBrowser) {
  void sessionStarted.then(async () => {
    const link = embedded ?? lessonFromHash(location.hash);
    if (link) {
      if (!embedded) stripHash();
      await openLink(link);
      return;
    }
    const current = lessonRuntime.store.getState().progress.current;
    if (current) lessonRuntime.resume(current.lesson, current.step);
  });
  addEventListener("hashchange", () => {
    const link = lessonFromHash(location.hash);
    if (!link) return;
    stripHash();
    void sessionStarted.then(() => openLink(link));
  });
}
