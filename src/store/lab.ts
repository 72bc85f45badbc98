/**
 * The lab store: one engine instance, its latest snapshot, the terminal and the UI's own state
 * (clock speed, pause, what is collapsed). Views select narrow slices of it (DESIGN.md principle 7);
 * every change to the cluster goes through `cluster.exec`, the same door the terminal uses.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Cluster, ClusterOptions, ClusterSnapshot, ExecResult } from "../engine/api";
import { closesHeredoc, openHeredoc, splitCommands } from "./heredoc";
import {
  appendEntries,
  CONTINUATION_PROMPT,
  outputEntries,
  pushHistory,
  type TerminalEntry,
  type TerminalState,
} from "./terminal";

export type ClusterFactory = (options?: ClusterOptions) => Cluster;

/** Clock speeds the speed select offers: virtual ms per real ms. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

export interface LabState {
  cluster: Cluster | null;
  snapshot: ClusterSnapshot;
  /** Virtual time when this lab started, so the clock can show elapsed time. */
  startTime: number;
  /** Virtual ms since the lab started, in whole seconds (it is what the clock shows). */
  elapsedSeconds: number;
  paused: boolean;
  speed: number;
  showSystemPods: boolean;
  terminal: TerminalState;
  /** An engine invariant broke: the error boundary shows it with a "Reset lab" button. */
  fatal: Error | null;

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
  /** Abandons the line being typed or an open heredoc, like Ctrl+C. */
  interrupt(currentInput: string): void;
  clearTerminal(): void;
  setPaused(paused: boolean): void;
  setSpeed(speed: number): void;
  setShowSystemPods(show: boolean): void;
  /** Moves virtual time by `virtualMs` (called by the clock loop). */
  advance(virtualMs: number): void;
  /** Records an error that must not be swallowed. */
  fail(error: unknown): void;
  /** Throws the cluster away and starts a fresh one. */
  reset(): void;
}

export type LabStore = StoreApi<LabState>;

const EMPTY_SNAPSHOT: ClusterSnapshot = {
  version: 0,
  time: 0,
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

/** Creates a lab store around a fresh cluster from `factory`. */
export function createLabStore(factory: ClusterFactory, options?: ClusterOptions): LabStore {
  let unsubscribe: (() => void) | undefined;

  /** A new cluster and everything that depends on it; on failure, a lab in the fatal state. */
  function boot(set: LabStore["setState"]): Pick<
    LabState,
    "cluster" | "snapshot" | "startTime" | "elapsedSeconds" | "terminal" | "fatal" | "paused"
  > {
    unsubscribe?.();
    unsubscribe = undefined;
    const emptyTerminal: TerminalState = { entries: [], history: [], prompt: "$ " };
    try {
      const cluster = factory(options);
      unsubscribe = cluster.subscribe((snapshot) => set({ snapshot }));
      return {
        cluster,
        snapshot: cluster.snapshot(),
        startTime: cluster.now(),
        elapsedSeconds: 0,
        terminal: { ...emptyTerminal, prompt: cluster.prompt() },
        fatal: null,
        paused: false,
      };
    } catch (error) {
      return {
        cluster: null,
        snapshot: EMPTY_SNAPSHOT,
        startTime: 0,
        elapsedSeconds: 0,
        terminal: emptyTerminal,
        fatal: toError(error),
        paused: true,
      };
    }
  }

  /** Runs complete commands through the engine and appends what they print. */
  function execAll(commands: string[], terminal: TerminalState): TerminalState {
    const { cluster } = store.getState();
    if (!cluster) return terminal;
    let { entries, prompt } = terminal;
    for (const command of commands) {
      const added: Parameters<typeof appendEntries>[1] = [{ kind: "command", prompt, text: command }];
      const result = cluster.exec(command); // throws only on a broken engine invariant
      added.push(...outputEntries(result));
      entries = appendEntries(entries, added);
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

  const store = createStore<LabState>()((set, get) => ({
    ...boot(set),
    speed: 1,
    showSystemPods: false,

    run(command) {
      let result: ExecResult | null = null;
      guarded(() => {
        const { cluster, terminal: t } = get();
        if (!cluster) return;
        const entries: Parameters<typeof appendEntries>[1] = [{ kind: "command", prompt: t.prompt, text: command }];
        result = cluster.exec(command);
        entries.push(...outputEntries(result));
        set({ terminal: { ...t, history: pushHistory(t.history, command.split("\n")[0]), entries: appendEntries(t.entries, entries), prompt: cluster.prompt() } });
      });
      return result;
    },

    enterLine(line) {
      guarded(() => {
        const t = get().terminal;
        // Heredoc body lines are not commands: only the line that opened it goes in the history.
        const history = t.heredoc ? t.history : pushHistory(t.history, line);
        if (t.heredoc) {
          const heredoc = { ...t.heredoc, lines: [...t.heredoc.lines, line] };
          if (!closesHeredoc(heredoc, line)) {
            set({ terminal: { ...t, history, heredoc } });
            return;
          }
          const done = execAll([heredoc.lines.join("\n")], { ...t, history, heredoc: undefined });
          set({ terminal: done });
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
        set({ terminal: execAll([line], { ...t, history }) });
      });
    },

    pasteText(text) {
      let rest = "";
      guarded(() => {
        const t = get().terminal;
        const split = splitCommands(text, t.heredoc);
        rest = split.rest;
        let history = t.history;
        for (const c of split.commands) history = pushHistory(history, c.split("\n")[0]);
        const done = execAll(split.commands, { ...t, history, heredoc: undefined });
        set({ terminal: { ...done, heredoc: split.open } });
      });
      return rest;
    },

    interrupt(currentInput) {
      const t = get().terminal;
      const prompt = t.heredoc ? CONTINUATION_PROMPT : t.prompt;
      const entry = { kind: "command" as const, prompt, text: `${currentInput}^C` };
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
      const { cluster, paused, fatal, startTime, elapsedSeconds } = get();
      if (!cluster || paused || fatal || virtualMs <= 0) return;
      guarded(() => {
        cluster.advance(virtualMs);
        const seconds = Math.floor((cluster.now() - startTime) / 1000);
        if (seconds !== elapsedSeconds) set({ elapsedSeconds: seconds });
      });
    },

    fail(error) {
      console.error("Podflow: the simulated cluster hit an internal error.", error);
      set({ fatal: toError(error), paused: true });
    },

    reset() {
      set({ ...boot(set) });
    },
  }));
  return store;
}

export type { TerminalEntry };
