/**
 * The session controller: starts the lab from a shared link, a deep link or the saved state;
 * saves as the lab runs; loads scenarios; undoes; makes share links. It wires the pure parts
 * (codec, share, storage, replay) to one lab store and to the page (location, storage), both
 * injected so tests can drive it. `session.ts` binds it to the app's store.
 */
import type { ClusterOptions } from "../engine/api";
import { toSaved, validateSession } from "./codec";
import type { LabStore, Notice } from "./lab";
import { withoutLastExec } from "./log";
import { replayAsync, replaySync, type ClusterFactory, type LabSession } from "./replay";
import { DEFAULT_SCENARIO_ID, findScenario } from "./scenarios";
import { linkWith, pack, packedFromHash, packPlain, unpack } from "./share";
import { clearSaved, loadSaved, saveSession, STORAGE_KEY, type KeyValueStorage } from "./storage";

/** The page, as far as the session is concerned. */
export interface SessionEnv {
  storage?: KeyValueStorage;
  /** Current URL (read each time: the hash changes). */
  href(): string;
  /** Replaces the URL without a reload (history.replaceState). */
  replaceUrl(url: string): void;
  /** Yields to the event loop between replay slices. */
  pause?: () => Promise<void>;
}

/** Where a set-aside lab waits while a shared one is open. */
const SET_ASIDE_KEY = `${STORAGE_KEY}:set-aside`;

export interface SessionController {
  /** The start-up flow: shared link, else `#scenario=`, else saved state, else the default. */
  start(): Promise<void>;
  /** Opens the lab packed in `hash` (`#s=…`); false (with a notice) if it cannot. */
  openHash(hash: string): Promise<boolean>;
  /** Starts scenario `id` afresh with the lab's options (plus `options`); false if unknown. */
  loadScenario(id: string, options?: ClusterOptions): boolean;
  /** A link that restores this lab (compressed where the browser can). */
  shareUrl(): Promise<string>;
  /** The same link, uncompressed, at once. */
  shareUrlNow(): string;
  /** Replays the log without its last command; false when there is nothing to undo. */
  undo(): boolean;
  /**
   * Replays `session` (one `store.getState().session()` returned earlier) into the lab, and saves
   * it: how a Reset is taken back. Resolves to false if the replay failed (the lab is then as it was).
   */
  restore(session: LabSession): Promise<boolean>;
  /** Resolves when no replay is running (tests, and callers that need the new state). */
  idle(): Promise<void>;
  /** Saves now; false if storage is blocked or the lab is too long to save. */
  save(): boolean;
  /** Saves after every command (debounced), every few seconds while time runs, and on page hide. */
  startAutosave(): () => void;
}

export function createSessionController(store: LabStore, factory: ClusterFactory, env: SessionEnv): SessionController {
  let running: Promise<unknown> = Promise.resolve();
  const notify = (notice: Notice) => store.getState().setNotice(notice);

  /** Replays `session` into the store; on an engine error, reports it and returns false. */
  async function replayInto(session: LabSession): Promise<boolean> {
    const s = store.getState();
    s.setRestoring({ done: 0, total: session.log.length });
    try {
      const replayed = await replayAsync(factory, session, {
        onProgress: (done, total) => store.getState().setRestoring({ done, total }),
        pause: env.pause,
      });
      store.getState().adopt(replayed, session);
      return true;
    } catch (error) {
      console.error("Podflow: replaying a lab failed.", error);
      store.getState().setRestoring(null);
      return false;
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    running = running.then(() => p, () => p);
    return p;
  }

  function bootDefault(): void {
    const s = store.getState();
    if (s.cluster && !s.restoring) return; // already running the default lab
    s.setRestoring(null);
    controller.loadScenario(DEFAULT_SCENARIO_ID);
  }

  function stripHash(): void {
    const url = new URL(env.href());
    if (url.hash === "") return;
    url.hash = "";
    env.replaceUrl(url.toString());
  }

  async function openSaved(): Promise<void> {
    const loaded = loadSaved(env.storage);
    if (loaded.kind === "none") return bootDefault();
    if (loaded.kind === "refused") {
      notify({ tone: "error", title: "Your saved lab could not be restored.", detail: `${capital(loaded.error)}. A fresh lab was started instead.` });
      return bootDefault();
    }
    if (!(await replayInto(loaded.session))) {
      clearSaved(env.storage);
      notify({ tone: "error", title: "Your saved lab could not be replayed.", detail: "The simulated cluster hit an internal error while replaying it. A fresh lab was started instead." });
      bootDefault();
    }
  }

  function setAside(): void {
    try {
      // Opening a second shared link must not overwrite the learner's own lab set aside earlier.
      if (env.storage?.getItem(SET_ASIDE_KEY)) return;
      const current = env.storage?.getItem(STORAGE_KEY);
      if (current) env.storage?.setItem(SET_ASIDE_KEY, current);
    } catch {
      // nothing set aside: the shared lab still opens
    }
  }

  function restoreSetAside(): void {
    try {
      const text = env.storage?.getItem(SET_ASIDE_KEY);
      env.storage?.removeItem(SET_ASIDE_KEY);
      const checked = text ? validateSession(JSON.parse(text)) : undefined;
      if (!checked?.ok) return;
      void track(
        replayInto(checked.value).then((ok) => {
          if (!ok) return;
          store.getState().setNotice(null);
          controller.save();
        }),
      );
    } catch {
      // a damaged set-aside lab is simply gone
    }
  }

  /** What a link carries: the session without the terminal history (the log implies it). */
  function shareable() {
    const { history: _, ...session } = store.getState().session();
    return toSaved(session);
  }

  const controller: SessionController = {
    async start() {
      const hash = new URL(env.href()).hash;
      const params = new URLSearchParams(hash.replace(/^#/, ""));
      if (packedFromHash(hash) !== undefined) {
        if (await controller.openHash(hash)) return;
        return openSaved();
      }
      const scenario = params.get("scenario");
      if (scenario !== null) {
        stripHash();
        if (controller.loadScenario(scenario)) return;
        notify({ tone: "error", title: `There is no scenario called "${scenario.slice(0, 60)}".`, detail: "Your own lab was opened instead." });
      }
      return openSaved();
    },

    openHash(hash) {
      return track(
        (async () => {
          const packed = packedFromHash(hash);
          stripHash();
          const fail = (why: string) => {
            notify({ tone: "error", title: "This shared link can't be opened.", detail: `${capital(why)}. Nothing was changed.` });
            return false;
          };
          if (packed === undefined) return fail("it holds no lab");
          const unpacked = await unpack(packed);
          if (!unpacked.ok) return fail(unpacked.error);
          const checked = validateSession(unpacked.value);
          if (!checked.ok) return fail(checked.reason === "version" ? `${checked.error}, which this one cannot replay` : `it is not a valid lab: ${checked.error}`);
          const hadOwn = store.getState().canUndo || (env.storage?.getItem(STORAGE_KEY) ?? null) !== null;
          if (hadOwn) setAside();
          if (!(await replayInto(checked.value))) {
            return fail("the simulated cluster hit an internal error while replaying it");
          }
          controller.save();
          store.getState().setNotice({
            tone: "info",
            title: "You are looking at a shared lab.",
            detail: hadOwn ? "Your own lab was set aside." : undefined,
            ...(hadOwn ? { action: { label: "Back to my lab", run: restoreSetAside } } : {}),
          });
          return true;
        })(),
      );
    },

    loadScenario(id, options) {
      const scenario = findScenario(id);
      if (!scenario) return false;
      const s = store.getState();
      // The previous scenario's own options (say, IPVS lc) are not carried into the next one.
      const previous = findScenario(s.scenarioId)?.options ?? {};
      const base = Object.fromEntries(Object.entries(s.options).filter(([k]) => !(k in previous)));
      const opts = { ...base, ...options, ...scenario.options };
      try {
        s.adopt(replaySync(factory, { scenario: id, options: opts, log: [] }), { scenario: id, options: opts });
      } catch (error) {
        store.getState().fail(error);
      }
      controller.save();
      return true;
    },

    async shareUrl() {
      return linkWith(env.href(), await pack(shareable()));
    },

    shareUrlNow() {
      return linkWith(env.href(), packPlain(shareable()));
    },

    undo() {
      const s = store.getState();
      if (s.restoring) return false;
      const session = s.session();
      const log = withoutLastExec(session.log);
      if (!log) return false;
      void track(replayInto({ ...session, log }).then((ok) => ok && controller.save()));
      return true;
    },

    restore(session) {
      return track(replayInto(session).then((ok) => ok && controller.save()));
    },

    idle() {
      return running.then(() => undefined);
    },

    save() {
      const s = store.getState();
      if (!s.cluster || s.restoring || s.fatal) return false;
      const session = s.session();
      const checked = validateSession(toSaved(session));
      if (!checked.ok) {
        if (!s.notice) notify({ tone: "info", title: "This lab is too long to save.", detail: `${capital(checked.error)}. It keeps running, but a reload will start over.` });
        return false;
      }
      return saveSession(session, env.storage);
    },

    startAutosave() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let savedAt = -1;
      const soon = () => {
        clearTimeout(timer);
        timer = setTimeout(saveNow, 250);
      };
      const saveNow = () => {
        clearTimeout(timer);
        timer = undefined;
        if (controller.save()) savedAt = store.getState().elapsedSeconds;
      };
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.terminal.entries !== prev.terminal.entries || s.canUndo !== prev.canUndo || s.cluster !== prev.cluster || s.speed !== prev.speed || s.paused !== prev.paused) soon();
      });
      // While time runs, the log's last advance grows: save it now and then, not every frame.
      const interval = setInterval(() => {
        if (store.getState().elapsedSeconds !== savedAt) saveNow();
      }, 3000);
      const page = typeof document === "undefined" ? undefined : document;
      const onHide = () => {
        if (page?.visibilityState === "hidden") saveNow();
      };
      page?.defaultView?.addEventListener("pagehide", saveNow);
      page?.addEventListener("visibilitychange", onHide);
      return () => {
        unsubscribe();
        clearTimeout(timer);
        clearInterval(interval);
        page?.defaultView?.removeEventListener("pagehide", saveNow);
        page?.removeEventListener("visibilitychange", onHide);
      };
    },
  };
  return controller;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
