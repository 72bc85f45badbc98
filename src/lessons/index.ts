/** Every lesson, in the order the lesson list shows them. */
import { threeRanges } from "./content/01-three-ranges";
import { podIps } from "./content/02-pod-ips";
import { serviceVip } from "./content/03-service-vip";
import { selectors } from "./content/04-selectors";
import { fileMethod } from "./content/05-file-method";
import { rulesLesson } from "./content/06-rules";
import { microservices } from "./content/07-microservices";
import { loadLesson } from "./content/08-load";
import type { Lesson } from "./types";

export const LESSONS: readonly Lesson[] = [threeRanges, podIps, serviceVip, selectors, fileMethod, rulesLesson, microservices, loadLesson];

export type { Lesson, Step } from "./types";
