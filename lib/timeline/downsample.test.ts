import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downsample } from "./downsample";

interface P {
  id: number;
  x: number;
  y: number;
  flag: boolean;
}

/** Few distinct x values (so many points share a day), y near 1×ULN, some constant runs. */
const series = fc
  .array(
    fc.record({
      x: fc.integer({ min: 0, max: 80 }),
      y: fc.oneof(fc.double({ min: 0, max: 12, noNaN: true }), fc.constantFrom(0, 1, 2)),
      flag: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
    }),
    { maxLength: 600 },
  )
  .map((raw) => raw.map((p, id) => ({ ...p, id })));
const constantSeries = fc.tuple(fc.integer({ min: 0, max: 600 }), fc.double({ min: 0, max: 5, noNaN: true })).map(([n, y]) =>
  Array.from({ length: n }, (_, id) => ({ id, x: Math.floor(id / 3), y, flag: false })),
);
const anySeries = fc.oneof(series, constantSeries);
const maxPoints = fc.integer({ min: 5, max: 80 });
const stableSorted = (points: P[]) => [...points].sort((a, b) => a.x - b.x || a.id - b.id);
const mustKeep = (p: P) => p.flag;

function forced(sorted: P[], threshold: number): Set<P> {
  const keep = new Set(sorted.filter(mustKeep));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i - 1].y > threshold !== sorted[i].y > threshold) keep.add(sorted[i - 1]).add(sorted[i]);
  }
  return keep;
}

describe("downsample (LTTB with kept extremes and crossings)", () => {
  it("returns a subset of the input sorted by x, in stable order", () => {
    fc.assert(
      fc.property(anySeries, maxPoints, (points, max) => {
        const out = downsample(points, max, mustKeep, [1]);
        const rank = new Map(stableSorted(points).map((p, i) => [p, i]));
        expect(new Set(out).size).toBe(out.length);
        out.forEach((p, i) => {
          expect(rank.has(p)).toBe(true);
          if (i > 0) expect(rank.get(p)!).toBeGreaterThan(rank.get(out[i - 1])!);
        });
      }),
    );
  });

  it("keeps the global minimum and maximum", () => {
    fc.assert(
      fc.property(anySeries.filter((s) => s.length > 0), maxPoints, (points, max) => {
        const ys = downsample(points, max).map((p) => p.y);
        expect(Math.min(...ys)).toBe(Math.min(...points.map((p) => p.y)));
        expect(Math.max(...ys)).toBe(Math.max(...points.map((p) => p.y)));
      }),
    );
  });

  it("keeps both points of every 1×ULN crossing, and every must-keep point", () => {
    fc.assert(
      fc.property(anySeries, maxPoints, (points, max) => {
        const out = new Set(downsample(points, max, mustKeep, [1]));
        for (const p of forced(stableSorted(points), 1)) expect(out.has(p)).toBe(true);
      }),
    );
  });

  it("stays within max(maxPoints, forced + 5), hence within maxPoints plus the forced points", () => {
    fc.assert(
      fc.property(anySeries, maxPoints, (points, max) => {
        const out = downsample(points, max, mustKeep, [1]);
        const f = forced(stableSorted(points), 1).size;
        expect(out.length).toBeLessThanOrEqual(Math.max(max, f + 5));
        expect(out.length).toBeLessThanOrEqual(max + f);
      }),
    );
  });

  it("returns the input unchanged when it already fits", () => {
    fc.assert(
      fc.property(anySeries, (points) => {
        const sorted = stableSorted(points);
        expect(downsample(sorted, Math.max(5, sorted.length), mustKeep, [1])).toEqual(sorted);
      }),
    );
  });

  it("brings a 20 000-point series down to at most 1 500 points, its crossings and peak kept", () => {
    // A CK course around 1×ULN: above it for a while, below, above again, with one spike.
    const points = Array.from({ length: 20_000 }, (_, i) => ({ x: i / 4, y: 1 + 0.8 * Math.sin(i / 3000) + (i === 12_345 ? 40 : 0) }));
    const out = downsample(points, 1500, undefined, [1]);
    expect(out.length).toBeLessThanOrEqual(1500);
    expect(out.length).toBeGreaterThan(1400);
    expect(out.some((p) => p.y > 40)).toBe(true);
    const crossings = points.flatMap((p, i) => (i > 0 && points[i - 1].y > 1 !== p.y > 1 ? [points[i - 1], p] : []));
    expect(crossings.length).toBeGreaterThan(0);
    crossings.forEach((p) => expect(out).toContain(p));
  });

  it("sorts unsorted input", () => {
    expect(downsample([{ x: 3, y: 1 }, { x: 1, y: 2 }, { x: 2, y: 3 }]).map((p) => p.x)).toEqual([1, 2, 3]);
  });

  it("refuses a budget too small to keep first, last, minimum and maximum", () => {
    expect(() => downsample([], 4)).toThrow(RangeError);
  });
});
