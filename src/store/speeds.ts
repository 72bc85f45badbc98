/** Clock speeds the speed select offers: virtual ms per real ms (0.25× to 8×). */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** Virtual ms one press of "Step" moves the clock by. */
export const STEP_MS = 1_000;
