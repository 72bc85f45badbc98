/**
 * Stable slots: each key keeps the slot it first got until it disappears, and a new key takes the
 * lowest free slot. This is what keeps cards from jumping when a pod before them in some list
 * order goes away (layout by list index would shift every later card).
 */

/** Slot numbers by key, for one region (one cluster node's frame, the Services row…). */
export type SlotMap = ReadonlyMap<string, number>;

/**
 * The slots for `keys`, keeping every slot `prev` had for a key still present. Returns `prev`
 * itself when nothing changed, so callers can compare by identity.
 */
export function assignSlots(prev: SlotMap | undefined, keys: readonly string[]): SlotMap {
  const present = new Set(keys);
  const next = new Map<string, number>();
  const taken = new Set<number>();
  if (prev) {
    for (const [key, slot] of prev) {
      if (!present.has(key)) continue;
      next.set(key, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const key of keys) {
    if (next.has(key)) continue;
    while (taken.has(free)) free++;
    next.set(key, free);
    taken.add(free);
  }
  if (prev && prev.size === next.size && [...next].every(([k, s]) => prev.get(k) === s)) return prev;
  return next;
}

/** One past the highest slot in use (how many rows a grid needs), 0 when empty. */
export function slotExtent(slots: SlotMap): number {
  let max = -1;
  for (const s of slots.values()) if (s > max) max = s;
  return max + 1;
}
