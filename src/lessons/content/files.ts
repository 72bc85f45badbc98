/**
 * The built-in lessons the app plays: each a lesson file in its own folder (docs/lesson-format.md),
 * bundled as text and read by the same parser as a teacher's file (builtin.ts). A built-in file
 * that does not parse throws here, at load: `files.test.ts` parses every one, so such a file fails
 * the unit suite and never reaches a learner.
 */
import threeRangesFile from "./01-three-ranges/01-three-ranges.lesson.md?raw";
import podIpsFile from "./02-pod-ips/02-pod-ips.lesson.md?raw";
import serviceVipFile from "./03-service-vip/03-service-vip.lesson.md?raw";
import selectorsFile from "./04-selectors/04-selectors.lesson.md?raw";
import fileMethodFile from "./05-file-method/05-file-method.lesson.md?raw";
import rulesFile from "./06-rules/06-rules.lesson.md?raw";
import microservicesFile from "./07-microservices/07-microservices.lesson.md?raw";
import loadFile from "./08-load/08-load.lesson.md?raw";
import { BUILTIN_FILES, readBuiltinLessons, type BuiltinFile } from "./builtin";

const TEXTS: Readonly<Record<BuiltinFile, string>> = {
  "01-three-ranges/01-three-ranges.lesson.md": threeRangesFile,
  "02-pod-ips/02-pod-ips.lesson.md": podIpsFile,
  "03-service-vip/03-service-vip.lesson.md": serviceVipFile,
  "04-selectors/04-selectors.lesson.md": selectorsFile,
  "05-file-method/05-file-method.lesson.md": fileMethodFile,
  "06-rules/06-rules.lesson.md": rulesFile,
  "07-microservices/07-microservices.lesson.md": microservicesFile,
  "08-load/08-load.lesson.md": loadFile,
};

/** Every built-in lesson file and its text. */
export const LESSON_FILES: readonly { path: BuiltinFile; text: string }[] = BUILTIN_FILES.map((path) => ({ path, text: TEXTS[path] }));

export const [threeRanges, podIps, serviceVip, selectors, fileMethod, rulesLesson, microservices, loadLesson] = readBuiltinLessons((path) => TEXTS[path]);
