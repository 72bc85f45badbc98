/**
 * The built-in lessons for the specs, read from their files on disk (the app bundles the same
 * files as text: src/lessons/content/files.ts) by the same parser, checks written in code included.
 */
import { readFileSync } from "node:fs";
import { readBuiltinLessons } from "../src/lessons/content/builtin";

export const LESSONS = readBuiltinLessons((path) => readFileSync(new URL(`../src/lessons/content/${path}`, import.meta.url), "utf8"));
