/**
 * The lessons' starting clusters and the fresh clusters of their closing checks (src/lessons).
 * They are scenarios like the others — data replayed through `cluster.exec` — so a lab saved or
 * shared in the middle of a lesson replays; the top bar does not offer them.
 */
import type { Scenario } from "./scenarios";
import { LESSON_1 } from "./lesson-scenarios/01";
import { LESSON_2 } from "./lesson-scenarios/02";
import { LESSON_3 } from "./lesson-scenarios/03";
import { LESSON_4 } from "./lesson-scenarios/04";
import { LESSON_5 } from "./lesson-scenarios/05";
import { LESSON_6 } from "./lesson-scenarios/06";
import { LESSON_7 } from "./lesson-scenarios/07";
import { LESSON_8 } from "./lesson-scenarios/08";

export const LESSON_SCENARIOS: readonly Scenario[] = [...LESSON_1, ...LESSON_2, ...LESSON_3, ...LESSON_4, ...LESSON_5, ...LESSON_6, ...LESSON_7, ...LESSON_8];
