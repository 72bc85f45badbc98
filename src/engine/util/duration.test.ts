import { describe, it, expect } from "vitest";
import { humanDuration, shortHumanDuration } from "./duration";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe("humanDuration (apimachinery duration.HumanDuration)", () => {
  // Cases from apimachinery's duration_test.go plus the reference's examples.
  const cases: [number, string][] = [
    [-2 * s, "<invalid>"],
    [-1999, "0s"],
    [-1 * s, "0s"],
    [-500, "0s"],
    [0, "0s"],
    [999, "0s"],
    [s, "1s"],
    [59 * s, "59s"],
    [90 * s, "90s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [150 * s, "2m30s"],
    [9 * m + 59 * s, "9m59s"],
    [10 * m, "10m"],
    [61 * m, "61m"],
    [3 * h - 1, "179m"],
    [3 * h, "3h"],
    [200 * m, "3h20m"],
    [7 * h + 59 * m, "7h59m"],
    [8 * h, "8h"],
    [47 * h + 59 * m, "47h"],
    [48 * h, "2d"],
    [49 * h, "2d1h"],
    [8 * d - 1, "7d23h"],
    [8 * d, "8d"],
    [2 * y - 1, "729d"],
    [2 * y, "2y"],
    [2 * y + d, "2y1d"],
    [8 * y - 1, "7y364d"],
    [8 * y, "8y"],
    [100 * y, "100y"],
  ];
  for (const [ms, want] of cases) it(`${ms}ms → ${want}`, () => expect(humanDuration(ms)).toBe(want));
});

describe("shortHumanDuration (apimachinery duration.ShortHumanDuration)", () => {
  const cases: [number, string][] = [
    [-2 * s, "<invalid>"],
    [-1 * s, "0s"],
    [0, "0s"],
    [5 * s, "5s"],
    [59 * s, "59s"],
    [60 * s, "1m"],
    [2 * m + 59 * s, "2m"],
    [59 * m, "59m"],
    [h, "1h"],
    [3 * h + 59 * m, "3h"],
    [23 * h, "23h"],
    [24 * h, "1d"],
    [4 * d, "4d"],
    [364 * d, "364d"],
    [365 * d, "1y"],
    [5 * y + 100 * d, "5y"],
  ];
  for (const [ms, want] of cases) it(`${ms}ms → ${want}`, () => expect(shortHumanDuration(ms)).toBe(want));
});
