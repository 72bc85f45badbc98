/**
 * The virtual clock and its task queue. Nothing in the engine reads real time: controllers
 * schedule work here, and `advance` runs it in time order. Ties run in scheduling order, so a
 * run is a pure function of the seed and the commands.
 */
export interface ScheduledTask {
  at: number;
  seq: number;
  run: () => void;
  /** Housekeeping (etcd's lease expiry), not a reaction: {@link Clock.pending} does not count it. */
  background?: boolean;
}

export class Clock {
  private heap: ScheduledTask[] = [];
  private seq = 0;
  private backgroundTasks = 0;

  constructor(public now: number) {}

  /** Runs `run` after `delayMs` virtual milliseconds (0 = after the current work, same instant). */
  schedule(delayMs: number, run: () => void, background = false): void {
    if (Number.isNaN(delayMs)) throw new Error(`clock: cannot schedule after ${delayMs} ms`);
    const task: ScheduledTask = { at: this.now + Math.max(0, delayMs), seq: this.seq++, run };
    if (background) {
      task.background = true;
      this.backgroundTasks++;
    }
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  /** When the next task is due, or undefined if nothing is scheduled. */
  nextAt(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Tasks still to run, housekeeping left out: 0 means every reaction has run (the cluster is idle). */
  pending(): number {
    return this.heap.length - this.backgroundTasks;
  }

  /** Runs every task due up to `now + ms`, in order, then sets the clock to `now + ms`. */
  advance(ms: number): void {
    // Callers validate what users type; a non-finite amount here is a broken invariant.
    if (!Number.isFinite(ms)) throw new Error(`clock: cannot advance by ${ms} ms`);
    const end = this.now + Math.max(0, ms);
    this.runUntil(end);
    this.now = end;
  }

  /** Runs due tasks until `until` (inclusive); the clock stops at the last task run. */
  runUntil(until: number): void {
    while (this.heap.length > 0 && this.heap[0].at <= until) {
      const task = this.pop();
      if (task.at > this.now) this.now = task.at;
      task.run();
    }
  }

  /**
   * Advances until `done()` holds, checking after every task, for at most `limitMs`.
   * Returns whether the condition held; the clock stops where it held (what a blocking command
   * such as `kubectl wait` sees).
   */
  advanceUntil(done: () => boolean, limitMs: number): boolean {
    const end = this.now + limitMs;
    if (done()) return true;
    while (this.heap.length > 0 && this.heap[0].at <= end) {
      const task = this.pop();
      if (task.at > this.now) this.now = task.at;
      task.run();
      // Let same-instant follow-up work finish before checking.
      if ((this.heap.length === 0 || this.heap[0].at > this.now) && done()) return true;
    }
    if (done()) return true;
    this.now = end;
    return false;
  }

  private pop(): ScheduledTask {
    const h = this.heap;
    const top = h[0];
    if (top.background) this.backgroundTasks--;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l], h[m])) m = l;
        if (r < h.length && less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: ScheduledTask, b: ScheduledTask): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** RFC 3339 in UTC with second precision, as Kubernetes prints metav1.Time. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
