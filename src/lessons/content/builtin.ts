/**
 * The built-in lessons as files, whoever reads them: the app and the unit tests through Vite
 * (files.ts, `?raw` imports), the Playwright specs from the disk (e2e/lessons.ts). The checks and
 * values written in code beside the files are registered here, before any file is parsed.
 */
import { formatError, parseLessonFile } from "../file/parse";
import type { Lesson } from "../types";
import "./02-pod-ips/checks";
import "./04-selectors/checks";
import "./05-file-method/checks";
import "./06-rules/checks";
import "./07-microservices/checks";
import "./08-load/checks";

/** Every built-in lesson file, in the lesson list's order, by its path under src/lessons/content/. */
export const BUILTIN_FILES = [
  "01-three-ranges/01-three-ranges.lesson.md",
  "02-pod-ips/02-pod-ips.lesson.md",
  "03-service-vip/03-service-vip.lesson.md",
  "04-selectors/04-selectors.lesson.md",
  "05-file-method/05-file-method.lesson.md",
  "06-rules/06-rules.lesson.md",
  "07-microservices/07-microservices.lesson.md",
  "08-load/08-load.lesson.md",
] as const;

export type BuiltinFile = (typeof BUILTIN_FILES)[number];

/** Reads a built-in lesson file; a mistake in it is a bug, thrown with its lines. */
export function builtinLesson(path: string, text: string): Lesson {
  const r = parseLessonFile(text);
  if (!r.ok) throw new Error(`${path}:\n${r.errors.map(formatError).join("\n")}`);
  return r.lesson;
}

/** The eight lessons, each file's text given by `read`. */
export function readBuiltinLessons(read: (path: BuiltinFile) => string): Lesson[] {
  return BUILTIN_FILES.map((path) => builtinLesson(path, read(path)));
}
