import type { ResolvedClusterOptions } from "../api";
import { Prng } from "../util/prng";
import { Clock } from "./clock";
import { ObjectStore } from "./store";

/**
 * A piece of the control plane that reacts to watch events. `register` subscribes to the store;
 * work is done later on the virtual clock through {@link WorkQueue}s.
 */
export interface Controller {
  readonly name: string;
  register(rt: Runtime): void;
}

/**
 * A controller's work queue (client-go's workqueue): keys are deduplicated while waiting, and one
 * sync per key runs after `delayMs` of virtual time. Syncing the same key again is always safe.
 */
export class WorkQueue {
  private readonly dirty = new Set<string>();

  constructor(
    private readonly rt: Runtime,
    private readonly delayMs: number,
    private readonly sync: (key: string) => void,
  ) {}

  add(key: string, delayMs = this.delayMs): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    this.rt.clock.schedule(delayMs, () => {
      this.dirty.delete(key);
      this.sync(key);
    });
  }

  /** Runs `sync(key)` again after `delayMs`, whether or not it is queued (a resync timer). */
  addAfter(key: string, delayMs: number): void {
    this.rt.clock.schedule(delayMs, () => this.add(key, 0));
  }
}

/** Everything the control plane shares: the store, the clock, the PRNG, the options. */
export class Runtime {
  readonly store: ObjectStore;
  readonly clock: Clock;
  /** Names, ClusterIPs, scheduling ties: choices a learner sees. */
  readonly prng: Prng;
  /**
   * UIDs and machine IDs come from their own stream, so adding an object to the boot sequence
   * does not shift every generated name and IP after it (golden transcripts stay stable).
   */
  readonly uids: Prng;
  /** Event aggregation: key → event name. */
  readonly eventKeys = new Map<string, string>();
  eventSeq = 0;

  constructor(
    readonly options: ResolvedClusterOptions,
    startTime: number,
  ) {
    this.store = new ObjectStore(1000);
    this.clock = new Clock(startTime);
    this.prng = new Prng(options.seed);
    this.uids = new Prng((options.seed ^ 0x9e3779b9) >>> 0);
  }
}
