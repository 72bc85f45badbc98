/**
 * The action log: everything that changed the cluster since its scenario was set up, in order.
 * The engine is deterministic (same seed + same exec lines + same advance amounts ⇒ same state),
 * so this log *is* the lab's state: saving, sharing and undo all replay it on a fresh cluster.
 *
 * An entry is a string (one command: `cluster.exec(line)` echoed in the terminal, heredoc blocks
 * included), a number (virtual milliseconds given to `cluster.advance`) or `{ q: line }`, a quiet
 * exec: a read a view made directly on the cluster (it still moves the clock by the line latency,
 * so it must be replayed, but it was never shown in the terminal and is not an action to undo). Consecutive advances coalesce into
 * one: `advance(a); advance(b)` leaves the cluster exactly where `advance(a + b)` does, because
 * the engine's clock runs every task due in a window in time order, however the window is cut.
 */

import type { Cluster, TrafficSpec } from "../engine/api";

/** A `cluster.exec` a view made without echoing it in the terminal. */
export interface QuietExec {
  q: string;
}

/**
 * A traffic-generator call (`cluster.traffic.start/stop/resetMetrics`): not a kubectl command, but
 * it changes what the cluster does next, so replay must repeat it at the same point.
 */
export type TrafficStep = { traffic: "start"; spec: TrafficSpec } | { traffic: "stop"; id: number } | { traffic: "reset" };

/** One recorded step: a command, virtual ms for `cluster.advance`, a quiet exec or a traffic call. */
export type LogEntry = string | number | QuietExec | TrafficStep;

/** Replays a traffic step on `cluster`. */
export function applyTraffic(cluster: Pick<Cluster, "traffic">, step: TrafficStep): void {
  if (step.traffic === "start") cluster.traffic.start(step.spec);
  else if (step.traffic === "stop") cluster.traffic.stop(step.id);
  else cluster.traffic.resetMetrics();
}

/** A whole log, oldest first; never two numbers in a row once coalesced. */
export type ActionLog = readonly LogEntry[];

/** Returns `log` with consecutive advances merged and zero advances dropped. */
export function coalesce(log: ActionLog): LogEntry[] {
  const out: LogEntry[] = [];
  for (const entry of log) {
    if (typeof entry === "number") {
      if (entry <= 0) continue;
      const last = out.length - 1;
      if (last >= 0 && typeof out[last] === "number") out[last] = (out[last] as number) + entry;
      else out.push(entry);
    } else out.push(entry);
  }
  return out;
}

/** Number of exec lines in `log`. */
export function execCount(log: ActionLog): number {
  let n = 0;
  for (const e of log) if (typeof e === "string") n++;
  return n;
}

/** Sum of the advance amounts in `log`, in virtual ms (time spent inside commands not included). */
export function advancedMs(log: ActionLog): number {
  let ms = 0;
  for (const e of log) if (typeof e === "number") ms += e;
  return ms;
}

/**
 * The log without its last exec line (the time that passed after it is kept, so the clock does
 * not jump back); undefined when there is no exec to undo.
 */
export function withoutLastExec(log: ActionLog): LogEntry[] | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    if (typeof log[i] === "string") return coalesce([...log.slice(0, i), ...log.slice(i + 1)]);
  }
  return undefined;
}

/**
 * A log being written as the lab runs. Appending is O(1) (the clock loop advances every frame),
 * and advances coalesce as they come.
 */
export class LogRecorder {
  private readonly entries: LogEntry[];
  private execLines: number;

  constructor(initial: ActionLog = []) {
    this.entries = coalesce(initial);
    this.execLines = execCount(this.entries);
  }

  /** Records one `cluster.exec` line. */
  exec(line: string): void {
    this.entries.push(line);
    this.execLines++;
  }

  /** Records a `cluster.exec` that was not shown in the terminal. */
  quiet(line: string): void {
    this.entries.push({ q: line });
  }

  /** Records a traffic-generator call. */
  traffic(step: TrafficStep): void {
    this.entries.push(step);
  }

  /** Records `cluster.advance(ms)`; merges with an advance just before it. */
  advance(ms: number): void {
    if (!(ms > 0)) return;
    const last = this.entries.length - 1;
    if (last >= 0 && typeof this.entries[last] === "number") this.entries[last] = (this.entries[last] as number) + ms;
    else this.entries.push(ms);
  }

  /** Number of exec lines so far. */
  get execs(): number {
    return this.execLines;
  }

  /** A copy of the log, safe to keep. */
  toArray(): LogEntry[] {
    return this.entries.slice();
  }
}
