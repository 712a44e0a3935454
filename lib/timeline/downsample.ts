/**
 * Downsampling for the chart: largest-triangle-three-buckets (LTTB, Steinarsson 2013) keeps the visual
 * shape of a long series, with guarantees a clinician relies on:
 * - the minimum and maximum of every bucket are kept (so the global extremes and every local peak, such
 *   as a CK spike, survive);
 * - both points around every crossing of a threshold are kept (×ULN crossing 1: the day a result became
 *   abnormal and the result before it);
 * - every point the caller flags with `mustKeep` is kept.
 *
 * Size bound: with more than `maxPoints` points in, at most max(maxPoints, F + 5) points come out,
 * F being the number of forced points (mustKeep, or either side of a crossing); so never more than
 * maxPoints + F, as promised, and no more than maxPoints whenever F leaves room. Forced points are
 * counted first; what remains of the budget buys floor((maxPoints − 2 − F) / 3) buckets (at least one),
 * each keeping up to 3 points (LTTB choice, bucket min, bucket max), plus the first and last point.
 * A 20 000-point series with maxPoints = 1500 and fewer than ~1 500 forced points yields ≤ 1 500
 * points. A series that hovers around a threshold can force many points: they are all kept, because
 * each one is a result changing between normal and abnormal.
 * With `maxPoints` points or fewer, the output is the input (sorted by x).
 * The output is always a subset of the input, sorted by x (stable for equal x).
 */
export interface XY {
  x: number;
  y: number;
}

export const DEFAULT_MAX_POINTS = 1500;
const MIN_MAX_POINTS = 5;

export function downsample<P extends XY>(
  points: readonly P[],
  maxPoints: number = DEFAULT_MAX_POINTS,
  mustKeep?: (point: P, index: number) => boolean,
  thresholds: readonly number[] = [],
): P[] {
  if (!Number.isInteger(maxPoints) || maxPoints < MIN_MAX_POINTS) {
    throw new RangeError(`maxPoints must be a whole number of at least ${MIN_MAX_POINTS}, got ${maxPoints}`);
  }
  const order = sortedOrder(points);
  const n = order.length;
  if (n <= maxPoints) return order.map((i) => points[i]);

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    xs[k] = points[order[k]].x;
    ys[k] = points[order[k]].y;
  }
  const keep = new Uint8Array(n);
  if (mustKeep) for (let k = 0; k < n; k++) if (mustKeep(points[order[k]], order[k])) keep[k] = 1;
  for (const t of thresholds) {
    for (let k = 1; k < n; k++) {
      if (ys[k - 1] > t !== ys[k] > t) keep[k - 1] = keep[k] = 1;
    }
  }
  let forced = 0;
  for (let k = 0; k < n; k++) forced += keep[k];
  keepShape(xs, ys, Math.max(1, Math.floor((maxPoints - 2 - forced) / 3)), keep);

  const out: P[] = [];
  for (let k = 0; k < n; k++) if (keep[k]) out.push(points[order[k]]);
  return out;
}

/** Indices sorted by x, stable; the identity when the input is already sorted (the usual case). */
function sortedOrder(points: readonly XY[]): number[] {
  const order = points.map((_, i) => i);
  for (let i = 1; i < points.length; i++) {
    if (points[i].x < points[i - 1].x) return order.sort((a, b) => points[a].x - points[b].x || a - b);
  }
  return order;
}

/** Marks first, last, and per bucket the LTTB choice, the minimum and the maximum. */
function keepShape(xs: Float64Array, ys: Float64Array, buckets: number, keep: Uint8Array): void {
  const n = xs.length;
  keep[0] = keep[n - 1] = 1;
  const size = (n - 2) / buckets;
  const start = (b: number) => Math.floor(b * size) + 1;
  let previous = 0;
  for (let b = 0; b < buckets; b++) {
    const from = start(b);
    const to = b === buckets - 1 ? n - 1 : start(b + 1);
    // The third corner of the triangle: the next bucket's average, or the last point for the last bucket.
    let cx = xs[n - 1];
    let cy = ys[n - 1];
    if (b < buckets - 1) {
      const nextTo = b + 1 === buckets - 1 ? n - 1 : start(b + 2);
      cx = 0;
      cy = 0;
      for (let k = to; k < nextTo; k++) {
        cx += xs[k];
        cy += ys[k];
      }
      cx /= nextTo - to;
      cy /= nextTo - to;
    }
    let best = from;
    let bestArea = -1;
    let lo = from;
    let hi = from;
    const ax = xs[previous];
    const ay = ys[previous];
    for (let k = from; k < to; k++) {
      const area = Math.abs((ax - cx) * (ys[k] - ay) - (ax - xs[k]) * (cy - ay));
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
      if (ys[k] < ys[lo]) lo = k;
      if (ys[k] > ys[hi]) hi = k;
    }
    keep[best] = keep[lo] = keep[hi] = 1;
    previous = best;
  }
}
