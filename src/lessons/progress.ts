/**
 * Lesson progress in localStorage: which steps each lesson has had passed, which lessons are
 * complete, and where the learner is. Untrusted on the way in: anything malformed is dropped
 * field by field, so a damaged value costs at most the damaged part.
 */
import type { KeyValueStorage } from "../store/storage";

export const PROGRESS_KEY = "podflow:lessons:v1";

export interface LessonProgress {
  /** Ids of the steps passed (by the learner or by "show me"). */
  passed: string[];
  /** The closing check was passed. */
  completed: boolean;
}

export interface Progress {
  lessons: Record<string, LessonProgress>;
  /** The lesson open when the page was left, and its step (0-based). */
  current?: { lesson: string; step: number };
}

export const emptyProgress = (): Progress => ({ lessons: {} });

const ID = /^[a-z0-9-]{1,40}$/;

/** Parses stored text; never throws, drops what does not validate. */
export function parseProgress(text: string | null): Progress {
  const out = emptyProgress();
  if (!text || text.length > 100_000) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return out;
  }
  if (!raw || typeof raw !== "object") return out;
  const r = raw as { lessons?: unknown; current?: unknown };
  if (r.lessons && typeof r.lessons === "object") {
    for (const [id, v] of Object.entries(r.lessons as Record<string, unknown>)) {
      if (!ID.test(id) || !v || typeof v !== "object") continue;
      const p = v as { passed?: unknown; completed?: unknown };
      const passed = Array.isArray(p.passed) ? p.passed.filter((s): s is string => typeof s === "string" && ID.test(s)).slice(0, 100) : [];
      out.lessons[id] = { passed, completed: p.completed === true };
    }
  }
  const c = r.current as { lesson?: unknown; step?: unknown } | undefined;
  if (c && typeof c.lesson === "string" && ID.test(c.lesson) && Number.isInteger(c.step) && (c.step as number) >= 0 && (c.step as number) < 100)
    out.current = { lesson: c.lesson, step: c.step as number };
  return out;
}

export function loadProgress(storage: KeyValueStorage | undefined): Progress {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return emptyProgress();
  }
}

/** Saves; false where storage is blocked or full (progress then lives for this visit only). */
export function saveProgress(storage: KeyValueStorage | undefined, progress: Progress): boolean {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return !!storage;
  } catch {
    return false;
  }
}
