import type { StoreReader } from "../../cluster/client";

/** What a describer reads besides the object: the store (events, related objects) and the time. */
export interface DescribeEnv {
  store: StoreReader;
  /** Virtual now, in ms (ages of events and pods). */
  now: number;
  /** `--show-events` (default true). */
  showEvents: boolean;
}
