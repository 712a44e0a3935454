import type { ClinicalDate } from "@/lib/events";
import type { DayNumber } from "./record";

export interface SeriesPoint {
  date: ClinicalDate;
  day: DayNumber;
  value: number;
}

/** What came before a point of a series: the lowest value of the reference period, and the last value. */
export interface PriorValues {
  /** Lowest value dated before the point and at most `windowDays` days before it. */
  lowestInWindow?: number;
  /** The value dated last before the point, however long ago. */
  lastBefore?: number;
}

/**
 * For each point of a series in clinical order, the values before it. Points on the same clinical date
 * are not "before" one another. A sliding-window minimum (a queue of candidate minima) keeps this
 * linear, so a long record costs no more than sorting it.
 */
export function priorValues(points: readonly SeriesPoint[], windowDays: number): PriorValues[] {
  const prior: PriorValues[] = new Array(points.length);
  // Candidates for the window's minimum: days ascending, values strictly ascending from `head` on.
  const candidates: SeriesPoint[] = [];
  let head = 0;
  let lastBefore: number | undefined;
  let start = 0;
  while (start < points.length) {
    let end = start;
    while (end < points.length && points[end].date === points[start].date) end++;
    const day = points[start].day;
    while (head < candidates.length && day - candidates[head].day > windowDays) head++;
    const lowestInWindow = head < candidates.length ? candidates[head].value : undefined;
    for (let i = start; i < end; i++) prior[i] = { lowestInWindow, lastBefore };
    for (let i = start; i < end; i++) {
      while (candidates.length > head && candidates[candidates.length - 1].value >= points[i].value) candidates.pop();
      candidates.push(points[i]);
      lastBefore = points[i].value;
    }
    start = end;
  }
  return prior;
}

/** a ≥ b, forgiving the last bits of floating-point division (240/200 against 2 × 100/200). */
export function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9;
}
