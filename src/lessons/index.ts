/** Every lesson, in the order the lesson list shows them: the built-in lesson files (content/files.ts). */
import { fileMethod, loadLesson, microservices, podIps, rulesLesson, selectors, serviceVip, threeRanges } from "./content/files";
import type { Lesson } from "./types";

export const LESSONS: readonly Lesson[] = [threeRanges, podIps, serviceVip, selectors, fileMethod, rulesLesson, microservices, loadLesson];

export type { Lesson, Step } from "./types";
