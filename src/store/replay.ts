/**
 * Rebuilds a lab from a session: a fresh cluster, the scenario's steps, then the action log, in
 * order. Because the engine is deterministic this gives back the same cluster, byte for byte, and
 * the terminal as it was (every command with its output). Used for reload, shared links, reset,
 * scenarios and undo.
 */
import type { Cluster, ClusterOptions } from "../engine/api";
import { applyTraffic, LogRecorder, type LogEntry } from "./log";
import { findScenario } from "./scenarios";
import { trafficNote } from "./trafficNote";
import { appendEntries, commandEntries, pushHistory, type NewEntry, type TerminalState } from "./terminal";

/** What a lab is, as saved and shared: where it started and what happened since. */
export interface LabSession {
  /** Scenario id (see SCENARIOS). */
  scenario: string;
  /** The cluster options in force (scenario options included). */
  options: ClusterOptions;
  /** Exec lines and advances since the scenario was set up. */
  log: LogEntry[];
  /** The terminal's up/down history; derived from the log when absent. */
  history?: string[];
  /** Clock settings. */
  ui?: { speed: number; paused: boolean };
}

/** A rebuilt lab, ready to be swapped into the store. */
export interface Replayed {
  cluster: Cluster;
  terminal: TerminalState;
  /** The log, to keep recording into. */
  recorder: LogRecorder;
  /** Virtual time when the scenario was ready (the clock shows time since then). */
  startTime: number;
}

/** A function that makes a cluster (the engine's `createCluster`, or a test fake). */
export type ClusterFactory = (options?: ClusterOptions) => Cluster;

/**
 * Replays step by step: yields the number of log entries done so far after each one, and returns
 * the rebuilt lab. Throws what the engine throws (a broken invariant) or an Error for an unknown
 * scenario; bad options make the factory throw.
 */
/** Virtual time replayed between two progress reports. */
const REPLAY_SLICE_MS = 1000;

export function* replaySteps(factory: ClusterFactory, session: LabSession): Generator<number, Replayed, void> {
  const scenario = findScenario(session.scenario);
  if (!scenario) throw new Error(`unknown scenario "${session.scenario}"`);
  const cluster = factory(session.options);
  const added: NewEntry[] = [];
  const run = (line: string) => {
    const prompt = cluster.prompt();
    added.push(...commandEntries(prompt, line, cluster.exec(line)));
  };

  if (scenario.steps.length > 0) added.push({ kind: "command", prompt: cluster.prompt(), text: `# Scenario: ${scenario.title}` });
  for (const step of scenario.steps) {
    if (typeof step === "number") cluster.advance(step);
    else run(step);
  }
  const startTime = cluster.now();

  const recorder = new LogRecorder();
  let history: string[] = [];
  let done = 0;
  for (const entry of session.log) {
    if (typeof entry === "number") {
      // Long stretches are replayed a second at a time (the clock runs the same tasks however
      // the time is cut), so a lab that ran traffic for an hour still reports progress.
      for (let left = entry; left > 0; left -= REPLAY_SLICE_MS) {
        const ms = Math.min(left, REPLAY_SLICE_MS);
        cluster.advance(ms);
        recorder.advance(ms);
        if (left > ms) yield done;
      }
    } else if (typeof entry === "object" && "traffic" in entry) {
      const running = cluster.traffic.running();
      applyTraffic(cluster, entry);
      recorder.traffic(entry);
      // The same note the live lab showed (only calls that worked are logged).
      const note = trafficNote(entry, cluster.snapshot(), running);
      if (note) added.push({ kind: "command", prompt: cluster.prompt(), text: note });
    } else if (typeof entry === "object") {
      cluster.exec(entry.q);
      recorder.quiet(entry.q);
    } else {
      run(entry);
      recorder.exec(entry);
      history = pushHistory(history, entry.split("\n")[0]);
    }
    yield ++done;
  }
  const terminal: TerminalState = {
    entries: appendEntries([], added),
    history: session.history ? session.history.slice() : history,
    prompt: cluster.prompt(),
  };
  return { cluster, terminal, recorder, startTime };
}

/** Replays in one go. */
export function replaySync(factory: ClusterFactory, session: LabSession): Replayed {
  const steps = replaySteps(factory, session);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface AsyncReplayOptions {
  /** Called with (entries done, total entries) between time slices. */
  onProgress?: (done: number, total: number) => void;
  /** Real milliseconds to work before letting the page breathe. */
  sliceMs?: number;
  now?: () => number;
  /** Yields to the event loop (tests pass a resolved promise). */
  pause?: () => Promise<void>;
}

/** Replays in time slices so a long log does not freeze the page, reporting progress between. */
export async function replayAsync(factory: ClusterFactory, session: LabSession, opts: AsyncReplayOptions = {}): Promise<Replayed> {
  const { onProgress, sliceMs = 12, now = () => performance.now(), pause = () => new Promise<void>((r) => setTimeout(r, 0)) } = opts;
  const total = session.log.length;
  const steps = replaySteps(factory, session);
  let sliceStart = now();
  for (;;) {
    const r = steps.next();
    if (r.done) {
      onProgress?.(total, total);
      return r.value;
    }
    if (now() - sliceStart > sliceMs) {
      onProgress?.(r.value, total);
      await pause();
      sliceStart = now();
    }
  }
}
