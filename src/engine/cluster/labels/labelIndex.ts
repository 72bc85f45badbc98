/**
 * Inverted indexes so that matching one object against many selectors (or one selector against
 * many objects) does not scan everything:
 *
 * - {@link LabelIndex}: objects by their labels → "which objects does this selector select?"
 *   (a Service's or ReplicaSet's pods).
 * - {@link SelectorIndex}: selectors by one of their equality requirements → "which selectors
 *   select these labels?" (the Services and ReplicaSets a pod event concerns).
 *
 * Both give exactly `selector.matches(labels)` semantics; the index only narrows the candidates.
 * Results come out in insertion order (the order ids were first added), so they are deterministic.
 */

import type { Labels } from "../types";
import type { Requirement, Selector } from "./selector";

type KV<Id> = Map<string, Map<string, Set<Id>>>;

function kvAdd<Id>(kv: KV<Id>, key: string, value: string, id: Id): void {
  let byValue = kv.get(key);
  if (!byValue) kv.set(key, (byValue = new Map()));
  let ids = byValue.get(value);
  if (!ids) byValue.set(value, (ids = new Set()));
  ids.add(id);
}

function kvRemove<Id>(kv: KV<Id>, key: string, value: string, id: Id): void {
  const byValue = kv.get(key);
  const ids = byValue?.get(value);
  if (!byValue || !ids) return;
  ids.delete(id);
  if (ids.size === 0) byValue.delete(value);
  if (byValue.size === 0) kv.delete(key);
}

/** Requirements an index can use: they only match when the key has one of `values`. */
function isEqualityLike(r: Requirement): boolean {
  return r.operator === "=" || r.operator === "==" || r.operator === "in";
}

/** Objects (pods) indexed by label key=value and by key. */
export class LabelIndex<Id = string> {
  private readonly labelsOf = new Map<Id, Readonly<Labels>>();
  private readonly byKV: KV<Id> = new Map();
  private readonly byKey = new Map<string, Set<Id>>();
  private readonly seq = new Map<Id, number>();
  private nextSeq = 0;

  get size(): number {
    return this.labelsOf.size;
  }

  has(id: Id): boolean {
    return this.labelsOf.has(id);
  }

  labels(id: Id): Readonly<Labels> | undefined {
    return this.labelsOf.get(id);
  }

  /** Add an object, or replace its labels if it is already indexed. */
  add(id: Id, labels: Readonly<Labels> | undefined | null): void {
    if (this.labelsOf.has(id)) this.unindex(id);
    else this.seq.set(id, this.nextSeq++);
    const copy: Labels = { ...(labels ?? {}) };
    this.labelsOf.set(id, copy);
    for (const [k, v] of Object.entries(copy)) {
      kvAdd(this.byKV, k, v, id);
      let ids = this.byKey.get(k);
      if (!ids) this.byKey.set(k, (ids = new Set()));
      ids.add(id);
    }
  }

  update(id: Id, labels: Readonly<Labels> | undefined | null): void {
    this.add(id, labels);
  }

  remove(id: Id): void {
    if (!this.labelsOf.has(id)) return;
    this.unindex(id);
    this.labelsOf.delete(id);
    this.seq.delete(id);
  }

  private unindex(id: Id): void {
    const old = this.labelsOf.get(id) ?? {};
    for (const [k, v] of Object.entries(old)) {
      kvRemove(this.byKV, k, v, id);
      const ids = this.byKey.get(k);
      if (ids) {
        ids.delete(id);
        if (ids.size === 0) this.byKey.delete(k);
      }
    }
  }

  /**
   * A superset of the objects `selector` matches, from the most selective equality (`=`, `==`,
   * `in`) or `exists` requirement; every object only when the selector has none of those.
   */
  candidates(selector: Selector): Iterable<Id> {
    if (!selector.selectable) return [];
    let best: Set<Id> | Id[] | null = null;
    let bestSize = Infinity;
    for (const r of selector.requirements) {
      let size: number;
      let ids: Set<Id> | Id[];
      if (isEqualityLike(r)) {
        const byValue = this.byKV.get(r.key);
        if (!byValue) return [];
        if (r.values.length === 1) {
          ids = byValue.get(r.values[0]) ?? new Set<Id>();
          size = ids.size;
        } else {
          const union: Id[] = [];
          for (const v of new Set(r.values)) for (const id of byValue.get(v) ?? []) union.push(id);
          ids = union;
          size = union.length;
        }
      } else if (r.operator === "exists") {
        ids = this.byKey.get(r.key) ?? new Set<Id>();
        size = ids.size;
      } else {
        continue;
      }
      if (size < bestSize) {
        best = ids;
        bestSize = size;
        if (size === 0) return [];
      }
    }
    return best ?? this.labelsOf.keys();
  }

  /** The objects `selector` matches, in insertion order. */
  matching(selector: Selector): Id[] {
    const out: Id[] = [];
    for (const id of this.candidates(selector)) {
      if (selector.matches(this.labelsOf.get(id))) out.push(id);
    }
    return out.length > 1 ? out.sort((a, b) => (this.seq.get(a) as number) - (this.seq.get(b) as number)) : out;
  }
}

/**
 * Selectors (Services, ReplicaSets…) indexed by one equality requirement each; selectors without
 * one (`Everything()`, only `!=`/`notin`/`exists`/`!`/`gt`/`lt`) sit in a small scan list.
 * `Nothing()` is kept but never matches.
 */
export class SelectorIndex<Id = string> {
  private readonly selectors = new Map<Id, Selector>();
  private readonly indexedBy = new Map<Id, Requirement>();
  private readonly byKV: KV<Id> = new Map();
  private readonly scan = new Set<Id>();
  private readonly seq = new Map<Id, number>();
  private nextSeq = 0;

  get size(): number {
    return this.selectors.size;
  }

  /** How many selectors `matching` always has to test (for tests and benchmarks). */
  get scanSize(): number {
    return this.scan.size;
  }

  has(id: Id): boolean {
    return this.selectors.has(id);
  }

  get(id: Id): Selector | undefined {
    return this.selectors.get(id);
  }

  /** Add a selector, or replace it if `id` is already indexed. */
  add(id: Id, selector: Selector): void {
    if (this.selectors.has(id)) this.unindex(id);
    else this.seq.set(id, this.nextSeq++);
    this.selectors.set(id, selector);
    if (!selector.selectable) return; // Nothing(): never matches, needs no index entry
    // Prefer a single-value equality (one bucket), then the `in` with the fewest values.
    let pick: Requirement | undefined;
    for (const r of selector.requirements) {
      if (!isEqualityLike(r) || r.values.length === 0) continue;
      if (!pick || r.values.length < pick.values.length) pick = r;
      if (pick.values.length === 1) break;
    }
    if (!pick) {
      this.scan.add(id);
      return;
    }
    this.indexedBy.set(id, pick);
    for (const v of new Set(pick.values)) kvAdd(this.byKV, pick.key, v, id);
  }

  update(id: Id, selector: Selector): void {
    this.add(id, selector);
  }

  remove(id: Id): void {
    if (!this.selectors.has(id)) return;
    this.unindex(id);
    this.selectors.delete(id);
    this.seq.delete(id);
  }

  private unindex(id: Id): void {
    this.scan.delete(id);
    const r = this.indexedBy.get(id);
    if (r) {
      for (const v of new Set(r.values)) kvRemove(this.byKV, r.key, v, id);
      this.indexedBy.delete(id);
    }
  }

  /** The ids of the selectors that match `labels`, in insertion order. */
  matching(labels: Readonly<Labels> | undefined | null): Id[] {
    const ls = labels ?? {};
    const out: Id[] = [];
    for (const [k, v] of Object.entries(ls)) {
      const ids = this.byKV.get(k)?.get(v);
      if (!ids) continue;
      for (const id of ids) if ((this.selectors.get(id) as Selector).matches(ls)) out.push(id);
    }
    for (const id of this.scan) if ((this.selectors.get(id) as Selector).matches(ls)) out.push(id);
    return out.length > 1 ? out.sort((a, b) => (this.seq.get(a) as number) - (this.seq.get(b) as number)) : out;
  }
}
