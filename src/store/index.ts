/**
 * The app's one lab store, bound to the real engine, and the hook components read it with.
 * Select the smallest slice you draw: `useLab((s) => s.snapshot.nodes)`.
 *
 * In the browser, importing this module also starts the session (controller.ts): a shared link
 * (`#s=…`), a deep link (`#scenario=ID`) or the lab saved in localStorage is replayed, and the lab
 * is saved as it runs. While that replay runs, `restoring` is set and commands wait.
 */
import { useStore } from "zustand";
// The cluster half of the engine comes with the app; the terminal half (shell, kubectl, node and
// pod tools, help texts) loads right after, so the canvas can draw the cluster first.
import { createCluster, isShellLoaded, loadShell } from "../engine/core";
import { createSessionController, type SessionEnv } from "./controller";
import { createLabStore, type LabState } from "./lab";
import { packedFromHash } from "./share";
import { browserStorage, hasSaved } from "./storage";

const inBrowser = typeof window !== "undefined" && typeof location !== "undefined";

function browserEnv(): SessionEnv {
  return {
    storage: browserStorage(),
    href: () => location.href,
    replaceUrl: (url) => history.replaceState(history.state, "", url),
  };
}

/**
 * True when the page opens a lesson (a `#lesson=` link or an `?embed=` frame): the lesson loads
 * its own starting cluster, so the saved lab is not replayed first. An embed also never saves:
 * a lesson framed in a blog must not overwrite the learner's own lab.
 */
/** `?embed=…`: one lesson in a frame, without the lab's chrome (see README, "Embed a lesson"). */
export const embedded = inBrowser && new URLSearchParams(location.search).has("embed");
const opensLesson = embedded || (inBrowser && /(^#|&)lesson=/.test(location.hash));

/** True when the start-up will replace the default lab (so it is not built for nothing). */
function startsFromElsewhere(): boolean {
  if (!inBrowser) return false;
  const hash = location.hash;
  return opensLesson || packedFromHash(hash) !== undefined || /(^#|&)scenario=/.test(hash) || hasSaved();
}

const terminalLoaded = loadShell();

export const labStore = createLabStore(createCluster, {}, { deferred: startsFromElsewhere(), terminalReady: isShellLoaded });

/** Save, share, undo and scenarios for {@link labStore}; see session.ts for the public calls. */
export const sessionController = createSessionController(labStore, createCluster, inBrowser ? browserEnv() : { href: () => "http://localhost/", replaceUrl: () => {} });

/** Resolves when commands can run (the terminal half of the engine has loaded). */
export const terminalReady: Promise<void> = terminalLoaded;

let started: () => void = () => {};
/**
 * Resolves once the start-up is done: the saved or shared lab is in (a lesson link skips that and
 * leaves the lab to the lesson). Lessons wait for it before they touch the cluster.
 */
export const sessionStarted = new Promise<void>((resolve) => (started = resolve));

if (inBrowser) {
  // Replaying a saved or shared lab runs commands: it waits for the terminal half.
  void terminalLoaded.then(
    async () => {
      if (!opensLesson) await sessionController.start();
      if (!embedded) sessionController.startAutosave();
      started();
    },
    (error: unknown) => {
      // Offline before the chunk was cached, or a stale page after a new deploy: say so.
      console.error("Podflow: the terminal half of the engine could not load.", error);
      const s = labStore.getState();
      s.setRestoring(null);
      s.setNotice({ tone: "error", title: "Part of Podflow could not load.", detail: "The cluster is drawn, but commands cannot run. Reload the page (you may be offline, or Podflow was updated).", action: { label: "Reload", run: () => location.reload() } });
    },
  );
  // A shared link pasted into the address bar of an open lab changes only the hash.
  addEventListener("hashchange", () => {
    const hash = location.hash;
    if (packedFromHash(hash) !== undefined) void sessionController.openHash(hash);
    else {
      const id = new URLSearchParams(hash.slice(1)).get("scenario");
      if (id !== null && sessionController.loadScenario(id)) history.replaceState(history.state, "", location.pathname + location.search);
    }
  });
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}

export { SPEEDS, STEP_MS, type LabState, type LabStore, type Notice, type TerminalEntry } from "./lab";
export { startClock } from "./clock";
export { CONTINUATION_PROMPT } from "./terminal";
