/**
 * Sampling for the particle layer: under heavy traffic, draw a fair share of the requests rather
 * than the first ones, and never drop a failure for a success (failures are what a learner must
 * see).
 */

/**
 * At most `room` of `items`, in their original order: every `important` item first (as many as fit),
 * then the others evenly spaced across the batch.
 */
export function sample<T>(items: readonly T[], room: number, important: (item: T) => boolean): T[] {
  if (items.length <= room) return items.slice();
  if (room <= 0) return [];
  const keep = new Set<number>();
  items.forEach((item, i) => {
    if (keep.size < room && important(item)) keep.add(i);
  });
  const rest = items.map((_, i) => i).filter((i) => !keep.has(i));
  const left = room - keep.size;
  for (let k = 0; k < left; k++) keep.add(rest[Math.floor((k * rest.length) / left)]);
  return items.filter((_, i) => keep.has(i));
}
