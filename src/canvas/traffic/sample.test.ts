import { describe, expect, it } from "vitest";
import { easeOut, frameAt, particleKeyframes } from "./particles";
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
    expect(f[2]).toMatchObject({ x: 30, y: 10, opacity: 1 });
  });

  it("fade a failed request where it failed", () => {
    const f = particleKeyframes([{ x: 0, y: 0 }, { x: 10, y: 0 }], "refused");
    expect(f[1].opacity).toBeLessThan(1);
  });
});

describe("a particle between its keyframes", () => {
  const path = particleKeyframes([{ x: 0, y: 0 }, { x: 30, y: 0 }, { x: 30, y: 10 }], "ok");

  it("is on the segment it has reached, in proportion", () => {
    expect(frameAt(path, 0)).toMatchObject({ x: 0, y: 0 });
    expect(frameAt(path, 0.375)).toMatchObject({ x: 15, y: 0 });
    expect(frameAt(path, 0.875)).toMatchObject({ x: 30, y: 5 });
    expect(frameAt(path, 1)).toMatchObject({ x: 30, y: 10 });
  });

  it("mixes scale and opacity too (a burst grows and fades)", () => {
    const burst = [
      { x: 5, y: 5, scale: 0.6, opacity: 1, offset: 0 },
      { x: 5, y: 5, scale: 1.3, opacity: 0, offset: 1 },
    ];
    const mid = frameAt(burst, 0.5);
    expect(mid.scale).toBeCloseTo(0.95);
    expect(mid.opacity).toBeCloseTo(0.5);
  });

  it("eases out like CSS ease-out: fast start, slow end, fixed ends", () => {
    expect(easeOut(0)).toBeCloseTo(0, 3);
    expect(easeOut(1)).toBeCloseTo(1, 3);
    // cubic-bezier(0, 0, 0.58, 1) at x = 0.5: the curve parameter is s ≈ 0.6257, so y ≈ 0.6846.
    expect(easeOut(0.5)).toBeCloseTo(0.685, 2);
    expect(easeOut(0.25)).toBeGreaterThan(0.25);
  });
});
