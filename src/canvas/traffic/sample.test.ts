import { describe, expect, it } from "vitest";
import { particleKeyframes } from "./particles";
import { sample } from "./sample";

describe("sampling requests for the particle layer", () => {
  it("keeps everything when there is room", () => {
    expect(sample([1, 2, 3], 5, () => false)).toEqual([1, 2, 3]);
  });

  it("keeps failures first, then spreads the rest evenly, in order", () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const picked = sample(items, 10, (i) => i === 97);
    expect(picked).toHaveLength(10);
    expect(picked).toContain(97);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
    expect(picked[0]).toBe(0);
    expect(picked[8]).toBeGreaterThan(80);
  });

  it("draws nothing without room", () => {
    expect(sample([1, 2], 0, () => true)).toEqual([]);
  });
});

describe("particle keyframes", () => {
  it("move at one speed: offsets follow the distance travelled", () => {
    const f = particleKeyframes([{ x: 0, y: 0 }, { x: 30, y: 0 }, { x: 30, y: 10 }], "ok");
    expect(f.map((k) => k.offset)).toEqual([0, 0.75, 1]);
    expect(f[2].transform).toBe("translate(30px, 10px)");
  });

  it("fade a failed request where it failed", () => {
    const f = particleKeyframes([{ x: 0, y: 0 }, { x: 10, y: 0 }], "refused");
    expect(f[1].opacity).toBeLessThan(1);
  });
});
