/**
 * The built-in lessons, each a lesson file in its own folder (docs/lesson-format.md), read by the
 * same parser as a teacher's file. The few checks written in code are registered by name first
 * (their modules are imported before the files are parsed). A built-in file that does not parse
 * throws here, at load: `files.test.ts` parses every one, so such a file fails the unit suite and
 * never reaches a learner.
 */
import { formatError, parseLessonFile } from "../file/parse";
import type { Lesson } from "../types";
import "./02-pod-ips/checks";
import "./04-selectors/checks";
import "./05-file-method/checks";
import "./06-rules/checks";
import "./07-microservices/checks";
import "./08-load/checks";
import threeRangesFile from "./01-three-ranges/01-three-ranges.lesson.md?raw";
import podIpsFile from "./02-pod-ips/02-pod-ips.lesson.md?raw";
import serviceVipFile from "./03-service-vip/03-service-vip.lesson.md?raw";
import selectorsFile from "./04-selectors/04-selectors.lesson.md?raw";
import fileMethodFile from "./05-file-method/05-file-method.lesson.md?raw";
import rulesFile from "./06-rules/06-rules.lesson.md?raw";
import microservicesFile from "./07-microservices/07-microservices.lesson.md?raw";
import loadFile from "./08-load/08-load.lesson.md?raw";

/** Reads a built-in lesson file; a mistake in it is a bug, thrown with its lines. */
export function builtinLesson(path: string, text: string): Lesson {
  const r = parseLessonFile(text);
  if (!r.ok) throw new Error(`${path}:\n${r.errors.map(formatError).join("\n")}`);
  return r.lesson;
}

/** Every built-in lesson file, by its path under src/lessons/content/. */
export const LESSON_FILES: readonly { path: string; text: string }[] = [
  { path: "01-three-ranges/01-three-ranges.lesson.md", text: threeRangesFile },
  { path: "02-pod-ips/02-pod-ips.lesson.md", text: podIpsFile },
  { path: "03-service-vip/03-service-vip.lesson.md", text: serviceVipFile },
  { path: "04-selectors/04-selectors.lesson.md", text: selectorsFile },
  { path: "05-file-method/05-file-method.lesson.md", text: fileMethodFile },
  { path: "06-rules/06-rules.lesson.md", text: rulesFile },
  { path: "07-microservices/07-microservices.lesson.md", text: microservicesFile },
  { path: "08-load/08-load.lesson.md", text: loadFile },
];

const read = (i: number) => builtinLesson(LESSON_FILES[i].path, LESSON_FILES[i].text);
export const threeRanges = read(0);
export const podIps = read(1);
export const serviceVip = read(2);
export const selectors = read(3);
export const fileMethod = read(4);
export const rulesLesson = read(5);
export const microservices = read(6);
export const loadLesson = read(7);
