import type { DayNumber, NumericSeries, SeriesPoint, TimelineModel } from "./types";

/** The part of the time axis on screen: [from, to] in day numbers. */
export type TimeWindow = [DayNumber, DayNumber];

/** Zooming stops at three days across: narrower shows nothing more, the events of a day share one x. */
export const MIN_WINDOW_DAYS = 3;

/**
 * The window to draw for a range of events: widened to MIN_WINDOW_DAYS around its middle if narrower,
 * then given a margin of 2% (at least one day) on each side, so that markers on the first and last day
 * are drawn whole rather than cut by the plot's edge.
 */
export function padWindow([from, to]: TimeWindow): TimeWindow {
  if (to - from < MIN_WINDOW_DAYS) {
    const middle = (from + to) / 2;
    [from, to] = [middle - MIN_WINDOW_DAYS / 2, middle + MIN_WINDOW_DAYS / 2];
  }
  const margin = Math.max(1, (to - from) * 0.02);
  return [from - margin, to + margin];
}

/** The window moved, not resized, so that it lies inside `limits` (or equals them if it is wider). */
export function clampWindow([from, to]: TimeWindow, [min, max]: TimeWindow): TimeWindow {
  const span = to - from;
  if (span >= max - min) return [min, max];
  if (from < min) return [min, min + span];
  if (to > max) return [max - span, max];
  return [from, to];
}

/**
 * Zoom by `factor` (< 1 zooms in) keeping `centre` where it is on screen, within `limits`. The span stays
 * between MIN_WINDOW_DAYS and the limits' span.
 */
export function zoomWindow(window: TimeWindow, centre: DayNumber, factor: number, limits: TimeWindow): TimeWindow {
  const [from, to] = window;
  const span = to - from;
  const next = Math.min(Math.max(span * factor, MIN_WINDOW_DAYS), limits[1] - limits[0]);
  const at = span > 0 ? Math.min(Math.max((centre - from) / span, 0), 1) : 0.5;
  return clampWindow([centre - at * next, centre - at * next + next], limits);
}

/** A brushed range as a window: in order, at least MIN_WINDOW_DAYS wide, inside the limits. */
export function brushWindow(a: DayNumber, b: DayNumber, limits: TimeWindow): TimeWindow {
  let [from, to] = a <= b ? [a, b] : [b, a];
  if (to - from < MIN_WINDOW_DAYS) {
    const middle = (from + to) / 2;
    [from, to] = [middle - MIN_WINDOW_DAYS / 2, middle + MIN_WINDOW_DAYS / 2];
  }
  return clampWindow([from, to], limits);
}

/** The window shifted just enough to show x (keyboard moves of the crosshair carry the view with them). */
export function windowShowing(window: TimeWindow, x: DayNumber, limits: TimeWindow): TimeWindow {
  const [from, to] = window;
  const span = to - from;
  if (x >= from && x <= to) return window;
  const margin = span * 0.05;
  return clampWindow(x < from ? [x - margin, x - margin + span] : [x + margin - span, x + margin], limits);
}

/**
 * Every calendar day that has something on the chart (a point, a marker, a cycle, the start of a span
 * or an alert), ascending. The crosshair steps through these days with the arrow keys and snaps to them.
 */
export function eventDays(model: TimelineModel): DayNumber[] {
  const days = new Set<number>();
  const add = (x: number) => days.add(Math.floor(x));
  const [tumour, treatment, , , immunosuppression, alerts] = model.lanes;
  for (const lane of model.lanes) for (const s of lane.series) for (const p of s.points) add(p.x);
  tumour.markers.forEach((m) => add(m.x));
  treatment.cycles.forEach((c) => add(c.x));
  treatment.adverseEvents.forEach((a) => add(a.x));
  treatment.interventions.forEach((i) => add(i.from));
  immunosuppression.otherMedications.forEach((m) => add(m.from));
  alerts.markers.forEach((m) => add(m.x));
  return [...days].sort((a, b) => a - b);
}

/** First index whose value is ≥ target, in an ascending list. */
function lowerBound<T>(items: readonly T[], target: number, value: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value(items[mid]) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The event day nearest x, if one lies within `tolerance` days; else undefined. */
export function nearestEventDay(days: readonly DayNumber[], x: DayNumber, tolerance: number): DayNumber | undefined {
  const i = lowerBound(days, x - 0.5, (d) => d);
  let best: number | undefined;
  for (const j of [i - 1, i]) {
    const day = days[j];
    if (day === undefined) continue;
    const distance = Math.abs(day + 0.5 - x);
    if (distance <= tolerance && (best === undefined || distance < Math.abs(best + 0.5 - x))) best = day;
  }
  return best;
}

/** The next (direction 1) or previous (−1) event day after the day under x; undefined at either end. */
export function adjacentEventDay(days: readonly DayNumber[], x: DayNumber, direction: 1 | -1): DayNumber | undefined {
  const day = Math.floor(x);
  if (direction === 1) return days[lowerBound(days, day + 1, (d) => d)];
  const i = lowerBound(days, day, (d) => d) - 1;
  return i >= 0 ? days[i] : undefined;
}

/**
 * The points of a series that the window needs: those inside it plus one on each side, so that a line
 * leaving the window is still drawn to its edge. Points are sorted by x.
 */
export function pointsInWindow(points: readonly SeriesPoint[], [from, to]: TimeWindow): SeriesPoint[] {
  const start = Math.max(0, lowerBound(points, from, (p) => p.x) - 1);
  const end = Math.min(points.length, lowerBound(points, to, (p) => p.x) + 1);
  return points.slice(start, end);
}

/**
 * The drawn line of a step series (a dose): its points, plus the last dose held to `end` when it has not
 * dropped to zero, as the readout does (a dose recorded without a stop is still being taken).
 */
export function stepLine(series: NumericSeries, end: DayNumber): { x: number; y: number }[] {
  const line = series.points.map((p) => ({ x: p.x, y: p.y }));
  const last = line[line.length - 1];
  if (series.interpolation === "step-after" && last && last.y !== 0 && last.x < end) line.push({ x: end, y: last.y });
  return line;
}
