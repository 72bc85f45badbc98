/**
 * The lab store: one engine instance, its latest snapshot, the terminal and the UI's own state
 * (clock speed, pause, what is collapsed). Views select narrow slices of it (DESIGN.md principle 7);
 * every change to the cluster goes through `cluster.exec`, the same door the terminal uses, and
 * every exec and advance is recorded in the action log (log.ts) so the lab can be saved, shared,
 * undone and replayed (session.ts).
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Cluster, ClusterOptions, ClusterSnapshot, ExecResult, TrafficSpec } from "../engine/api";
import { closesHeredoc, openHeredoc, splitCommands } from "./heredoc";
import { LogRecorder } from "./log";
import { replaySync, type ClusterFactory, type LabSession, type Replayed } from "./replay";
import { DEFAULT_SCENARIO_ID, findScenario } from "./scenarios";
import { STEP_MS } from "./speeds";
import { trafficStartNote, trafficStopNote } from "./trafficNote";
import { appendEntries, commandEntries, CONTINUATION_PROMPT, pushHistory, type NewEntry, type TerminalEntry, type TerminalState } from "./terminal";

export type { ClusterFactory } from "./replay";
export { SPEEDS, STEP_MS } from "./speeds";

/** A message about the session (a saved lab or link that could not be restored, …). */
export interface Notice {
  tone: "error" | "info";
  /** One sentence, e.g. "Your saved lab could not be restored." */
  title: string;
  /** Why, and what happened instead. */
  detail?: string;
  /** A way out offered with the message, e.g. "Back to my lab". */
  action?: { label: string; run: () => void };
}

/** One line the engine ran, as a lesson's check sees it (see {@link LabState.onExec}). */
export interface ExecRecord {
  line: string;
  /** The prompt it ran at (`controlplane:~$ `, `node01:~$ `, a pod's shell). */
  prompt: string;
  result: ExecResult;
  /** Typed or pasted in the terminal, run for a UI action, or a panel's quiet read. */
  source: "terminal" | "ui" | "quiet";
}

export interface LabState {
  cluster: Cluster | null;
  snapshot: ClusterSnapshot;
  /** Virtual time when this lab's scenario was ready, so the clock can show elapsed time. */
  startTime: number;
  /** Virtual ms since the lab started, in whole seconds (it is what the clock shows). */
  elapsedSeconds: number;
  paused: boolean;
  speed: number;
  showSystemPods: boolean;
  terminal: TerminalState;
  /** An engine invariant broke: the error boundary shows it with a "Reset lab" button. */
  fatal: Error | null;
  /** The scenario this lab started from (see SCENARIOS). */
  scenarioId: string;
  /** The cluster options in force. */
  options: ClusterOptions;
  /** True when there is a command to undo. */
  canUndo: boolean;
  /** A session message to show until dismissed. */
  notice: Notice | null;
  /** Set while a saved or shared lab is being replayed; commands and the clock wait. */
  restoring: { done: number; total: number } | null;

  /**
   * Runs one command on behalf of a UI action (a canvas button, the YAML editor, a lesson's
   * "show me"): it is echoed in the terminal exactly as if typed, so the learner sees the kubectl
   * for every click. Returns what the engine answered (null if the lab is down).
   */
  run(command: string): ExecResult | null;
  /** Runs one entered line (continuing a heredoc being typed, if one is open). */
  enterLine(line: string): void;
  /** Runs pasted text: whole lines and heredoc blocks; returns the unfinished last line. */
  pasteText(text: string): string;
  /**
   * Shows a line the terminal handled itself (`vi FILE`, `kubectl edit …` open the YAML editor)
   * as a command with its output, and adds it to the history. The cluster is not involved and
   * nothing is recorded.
   */
  echo(command: string, output?: { stdout?: string; stderr?: string }): void;
  /** Abandons the line being typed or an open heredoc, like Ctrl+C. */
  interrupt(currentInput: string): void;
  clearTerminal(): void;
  setPaused(paused: boolean): void;
  setSpeed(speed: number): void;
  setShowSystemPods(show: boolean): void;
  /** Moves virtual time by `virtualMs` (called by the clock loop; nothing happens while paused). */
  advance(virtualMs: number): void;
  /** Moves virtual time by `virtualMs` (default one second) even while paused: the Step button. */
  step(virtualMs?: number): void;
  /** Records an error that must not be swallowed. */
  fail(error: unknown): void;
  /** Starts this lab's scenario again from scratch (same options), forgetting every action. */
  reset(): void;
  /** The lab as a session: what to save, share or replay. */
  session(): LabSession;
  /** Swaps in a lab rebuilt by replay (see replay.ts). */
  adopt(replayed: Replayed, session: Pick<LabSession, "scenario" | "options" | "ui">): void;
  /** Marks a restore in progress (commands and the clock wait) or finished (null). */
  setRestoring(progress: { done: number; total: number } | null): void;
  setNotice(notice: Notice | null): void;
  /**
   * Calls `listener` after every line the engine runs for the learner (terminal, UI actions,
   * panels' quiet reads), not for replays. Returns the unsubscribe function.
   */
  onExec(listener: (record: ExecRecord) => void): () => void;
}

export type LabStore = StoreApi<LabState>;

export const EMPTY_SNAPSHOT: ClusterSnapshot = {
  version: 0,
  time: 0,
  objects: {},
  namespaces: [],
  nodes: [],
  pods: [],
  services: [],
  endpoints: [],
  endpointSlices: [],
  deployments: [],
  replicaSets: [],
  daemonSets: [],
  configMaps: [],
  events: [],
  ranges: { nodeCidr: "", podCidr: "", serviceCidr: "", nodes: [], podBlocks: [], clusterIPs: [] },
};

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The prompt of the control plane's own shell, where kubectl works. */
export const CONTROL_PLANE_PROMPT = "controlplane:~$ ";

export interface LabInit {
  /** Scenario to start from; default "empty". */
  scenarioId?: string;
  /** Start with no cluster and `restoring` set: a saved or shared lab is about to be adopted. */
  deferred?: boolean;
  /**
   * False while the engine's terminal half (shell, kubectl) is still loading: the cluster is drawn,
   * but commands wait (as during a replay). Default: always ready.
   */
  terminalReady?: () => boolean;
}

/**
 * Creates a lab store around a fresh cluster from `factory`, set up as scenario
 * `init.scenarioId` with `options` (the scenario's own options win).
 */
/**
 * The cluster as views see it: `exec` and `advance` made directly on it (a panel reading
 * `iptables-save`, say) are recorded too, as quiet execs and advances, because they move the
 * engine's clock and the replay must do the same. Everything else passes through untouched.
 */
function recordingView(target: Cluster, recorder: LogRecorder, terminalReady: () => boolean, emit: (record: ExecRecord) => void, note: (text: string) => void): Cluster {
  return new Proxy(target, {
    get(t, prop) {
      if (prop === "exec")
        return (line: string): ExecResult => {
          if (!terminalReady()) {
            const stderr = "The lab's terminal is still loading; try again in a moment.\n";
            return { stdout: "", stderr, exitCode: 1, output: stderr };
          }
          const prompt = t.prompt();
          const r = t.exec(line);
          recorder.quiet(line);
          emit({ line, prompt, result: r, source: "quiet" });
          return r;
        };
      if (prop === "advance")
        return (ms: number) => {
          t.advance(ms);
          recorder.advance(ms);
        };
      if (prop === "traffic") {
        // Generators change what the cluster does next: their calls are replayed too.
        const traffic = t.traffic;
        return {
          ...traffic,
          start(spec: TrafficSpec) {
            const r = traffic.start(spec);
            if (r.ok) {
              recorder.traffic({ traffic: "start", spec: structuredClone(spec) });
              note(trafficStartNote(spec, t.snapshot()));
            }
            return r;
          },
          stop(id: number) {
            const was = traffic.running().find((g) => g.id === id);
            const r = traffic.stop(id);
            if (r) {
              recorder.traffic({ traffic: "stop", id });
              note(trafficStopNote(was, t.snapshot()));
            }
            return r;
          },
          resetMetrics() {
            traffic.resetMetrics();
            recorder.traffic({ traffic: "reset" });
          },
        } satisfies Cluster["traffic"];
      }
      const v: unknown = Reflect.get(t, prop, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
}

export function createLabStore(factory: ClusterFactory, options: ClusterOptions = {}, init: LabInit = {}): LabStore {
  const terminalReady = init.terminalReady ?? (() => true);
  let unsubscribe: (() => void) | undefined;
  let recorder = new LogRecorder();
  /** The engine itself; the store's `cluster` is its recording view. */
  let raw: Cluster | null = null;
  const execListeners = new Set<(record: ExecRecord) => void>();
  function emitExec(record: ExecRecord): void {
    for (const listener of execListeners) {
      try {
        listener(record);
      } catch (error) {
        console.error("Podflow: an exec listener failed.", error); // a lesson's bug must not stop the lab
      }
    }
  }

  type Booted = Pick<LabState, "cluster" | "snapshot" | "startTime" | "elapsedSeconds" | "terminal" | "fatal" | "canUndo" | "restoring">;

  /** Takes over a rebuilt lab: subscribes to it and records into its log from now on. */
  function attach(set: LabStore["setState"], r: Replayed): Booted {
    unsubscribe?.();
    recorder = r.recorder;
    raw = r.cluster;
    unsubscribe = r.cluster.subscribe((snapshot) => set({ snapshot }));
    return {
      cluster: recordingView(r.cluster, r.recorder, terminalReady, emitExec, (text) =>
        // A traffic generator's note: shown like a comment typed at the prompt, never run (trafficNote.ts).
        set((s) => ({ terminal: { ...s.terminal, entries: appendEntries(s.terminal.entries, [{ kind: "command", prompt: s.terminal.prompt, text }]) } })),
      ),
      snapshot: r.cluster.snapshot(),
      startTime: r.startTime,
      elapsedSeconds: Math.floor((r.cluster.now() - r.startTime) / 1000),
      terminal: r.terminal,
      fatal: null,
      canUndo: r.recorder.execs > 0,
      restoring: null,
    };
  }

  function down(fatal: Error | null, restoring: LabState["restoring"]): Booted {
    unsubscribe?.();
    unsubscribe = undefined;
    recorder = new LogRecorder();
    raw = null;
    const terminal: TerminalState = { entries: [], history: [], prompt: "$ " };
    return { cluster: null, snapshot: EMPTY_SNAPSHOT, startTime: 0, elapsedSeconds: 0, terminal, fatal, canUndo: false, restoring };
  }

  /** The scenario set up afresh; on failure, a lab in the fatal state. */
  function boot(set: LabStore["setState"], scenarioId: string, opts: ClusterOptions): Booted {
    try {
      return attach(set, replaySync(factory, { scenario: scenarioId, options: opts, log: [] }));
    } catch (error) {
      return down(toError(error), null);
    }
  }

  /** Runs commands through the engine, records them and appends what they print. */
  function execAll(commands: string[], terminal: TerminalState): TerminalState {
    const cluster = raw;
    if (!cluster) return terminal;
    let { entries, prompt } = terminal;
    for (const command of commands) {
      const result = cluster.exec(command); // throws only on a broken engine invariant
      recorder.exec(command);
      entries = appendEntries(entries, commandEntries(prompt, command, result));
      emitExec({ line: command, prompt, result, source: "terminal" });
      prompt = cluster.prompt();
    }
    return { ...terminal, entries, prompt };
  }

  function guarded(action: () => void) {
    try {
      action();
    } catch (error) {
      store.getState().fail(error);
    }
  }

  /** True when commands may run now. */
  const ready = () => store.getState().restoring === null && terminalReady();

  const scenario = findScenario(init.scenarioId ?? DEFAULT_SCENARIO_ID) ?? findScenario(DEFAULT_SCENARIO_ID)!;
  const startOptions = { ...options, ...scenario.options };

  const store = createStore<LabState>()((set, get) => ({
    ...(init.deferred ? down(null, { done: 0, total: 0 }) : boot(set, scenario.id, startOptions)),
    paused: false,
    speed: 1,
    showSystemPods: false,
    scenarioId: scenario.id,
    options: startOptions,
    notice: null,

    run(command) {
      let result: ExecResult | null = null;
      guarded(() => {
        const cluster = raw;
        const t = get().terminal;
        if (!cluster || !ready()) return;
        // UI actions are kubectl on the control plane; the terminal may be elsewhere (ssh, a pod).
        const prompt = cluster.prompt();
        if (prompt !== CONTROL_PLANE_PROMPT) {
          const stderr = `The terminal is in another session (${prompt.trim()}): type exit there to come back to the control plane, then try again.\n`;
          result = { stdout: "", stderr, exitCode: 1, output: stderr };
          return;
        }
        const ran = cluster.exec(command);
        result = ran;
        recorder.exec(command);
        const entries = appendEntries(t.entries, commandEntries(t.prompt, command, ran));
        set({ canUndo: true, terminal: { ...t, history: pushHistory(t.history, command.split("\n")[0]), entries, prompt: cluster.prompt() } });
        emitExec({ line: command, prompt, result: ran, source: "ui" });
      });
      return result;
    },

    enterLine(line) {
      guarded(() => {
        if (!ready()) return;
        const t = get().terminal;
        // Heredoc body lines are not commands: only the line that opened it goes in the history.
        const history = t.heredoc ? t.history : pushHistory(t.history, line);
        if (t.heredoc) {
          const heredoc = { ...t.heredoc, lines: [...t.heredoc.lines, line] };
          if (!closesHeredoc(heredoc, line)) {
            set({ terminal: { ...t, history, heredoc } });
            return;
          }
          set({ terminal: execAll([heredoc.lines.join("\n")], { ...t, history, heredoc: undefined }), canUndo: true });
          return;
        }
        const opened = openHeredoc(line);
        if (opened) {
          set({ terminal: { ...t, history, heredoc: opened } });
          return;
        }
        if (line.trim() === "") {
          set({ terminal: { ...t, entries: appendEntries(t.entries, [{ kind: "command", prompt: t.prompt, text: "" }]) } });
          return;
        }
        set({ terminal: execAll([line], { ...t, history }), canUndo: true });
      });
    },

    pasteText(text) {
      let rest = "";
      guarded(() => {
        if (!ready()) return;
        const t = get().terminal;
        const split = splitCommands(text, t.heredoc);
        rest = split.rest;
        let history = t.history;
        for (const c of split.commands) history = pushHistory(history, c.split("\n")[0]);
        const done = execAll(split.commands, { ...t, history, heredoc: undefined });
        set({ terminal: { ...done, heredoc: split.open }, canUndo: recorder.execs > 0 });
      });
      return rest;
    },

    echo(command, output) {
      const t = get().terminal;
      const entries = commandEntries(t.prompt, command, { stdout: output?.stdout ?? "", stderr: output?.stderr ?? "" });
      set({ terminal: { ...t, history: pushHistory(t.history, command), entries: appendEntries(t.entries, entries) } });
    },

    interrupt(currentInput) {
      const t = get().terminal;
      const prompt = t.heredoc ? CONTINUATION_PROMPT : t.prompt;
      const entry: NewEntry = { kind: "command", prompt, text: `${currentInput}^C` };
      set({ terminal: { ...t, heredoc: undefined, entries: appendEntries(t.entries, [entry]) } });
    },

    clearTerminal() {
      set({ terminal: { ...get().terminal, entries: [] } });
    },

    setPaused(paused) {
      set({ paused });
    },

    setSpeed(speed) {
      if (Number.isFinite(speed) && speed > 0) set({ speed });
    },

    setShowSystemPods(showSystemPods) {
      set({ showSystemPods });
    },

    advance(virtualMs) {
      if (get().paused) return;
      get().step(virtualMs);
    },

    step(virtualMs = STEP_MS) {
      const { fatal, startTime, elapsedSeconds } = get();
      const cluster = raw;
      if (!cluster || fatal || !ready() || !(virtualMs > 0)) return;
      guarded(() => {
        cluster.advance(virtualMs);
        recorder.advance(virtualMs);
        const seconds = Math.floor((cluster.now() - startTime) / 1000);
        if (seconds !== elapsedSeconds) set({ elapsedSeconds: seconds });
      });
    },

    fail(error) {
      console.error("Podflow: the simulated cluster hit an internal error.", error);
      set({ fatal: toError(error), paused: true });
    },

    reset() {
      const { scenarioId, options: opts } = get();
      set({ ...boot(set, scenarioId, opts), paused: false });
    },

    session() {
      const { scenarioId, options: opts, terminal, speed, paused } = get();
      return { scenario: scenarioId, options: { ...opts }, log: recorder.toArray(), history: terminal.history.slice(), ui: { speed, paused } };
    },

    adopt(replayed, session) {
      set({
        ...attach(set, replayed),
        scenarioId: session.scenario,
        options: { ...session.options },
        ...(session.ui ? { speed: session.ui.speed, paused: session.ui.paused } : {}),
      });
    },

    setRestoring(restoring) {
      set({ restoring });
    },

    setNotice(notice) {
      set({ notice });
    },

    onExec(listener) {
      execListeners.add(listener);
      return () => execListeners.delete(listener);
    },
  }));
  return store;
}

export type { TerminalEntry };
