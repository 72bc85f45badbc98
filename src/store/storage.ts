/**
 * The lab in localStorage, under a key that carries the format version. A value under another
 * version's key, or one that does not validate, is never replayed: the lab starts fresh and the
 * learner is told why (see `controller.ts`).
 */
import { FORMAT_VERSION, toSaved, validateSession, type Refusal } from "./codec";
import type { LabSession } from "./replay";

/** Where this version saves. */
export const STORAGE_KEY = `podflow:lab:v${FORMAT_VERSION}`;
/** Keys other versions of Podflow saved under (current one excluded). */
const OTHER_VERSION = /^podflow:lab:v\d+$/;

/** The part of the Storage interface used here (tests pass a Map-backed fake). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export type Loaded = { kind: "none" } | { kind: "ok"; session: LabSession } | ({ kind: "refused" } & Refusal);

/** The browser's localStorage, or undefined where it is blocked (some privacy modes throw). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function otherVersionKeys(storage: KeyValueStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && k !== STORAGE_KEY && OTHER_VERSION.test(k)) keys.push(k);
  }
  return keys;
}

/** True if something is saved (of any version): the app then waits for the restore. */
export function hasSaved(storage: KeyValueStorage | undefined = browserStorage()): boolean {
  try {
    return !!storage && (storage.getItem(STORAGE_KEY) !== null || otherVersionKeys(storage).length > 0);
  } catch {
    return false;
  }
}

/**
 * Reads the saved lab. A refused one (older version, corrupt) is removed, so the message about it
 * shows once.
 */
export function loadSaved(storage: KeyValueStorage | undefined = browserStorage()): Loaded {
  if (!storage) return { kind: "none" };
  try {
    const old = otherVersionKeys(storage);
    for (const k of old) storage.removeItem(k);
    const text = storage.getItem(STORAGE_KEY);
    if (text === null) {
      return old.length > 0 ? { kind: "refused", reason: "version", error: "it was saved by an older version of Podflow" } : { kind: "none" };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      storage.removeItem(STORAGE_KEY);
      return { kind: "refused", reason: "invalid", error: "the saved data is damaged (it is not valid JSON)" };
    }
    const checked = validateSession(parsed);
    if (checked.ok) return { kind: "ok", session: checked.value };
    storage.removeItem(STORAGE_KEY);
    return { kind: "refused", reason: checked.reason, error: checked.error };
  } catch {
    return { kind: "none" };
  }
}

/** Saves the lab; false when storage is blocked or full. */
export function saveSession(session: LabSession, storage: KeyValueStorage | undefined = browserStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(toSaved(session)));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the saved lab. */
export function clearSaved(storage: KeyValueStorage | undefined = browserStorage()): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // blocked storage: nothing was saved either
  }
}
