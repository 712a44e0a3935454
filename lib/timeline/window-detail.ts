import { calendarDayOf, dayNumber } from "./axis";
import type { ClinicalDate } from "@/lib/events";
import type { MuscleLane, SkinLane, TableModel, TimelineModel } from "./types";
import type { TimeWindow } from "./viewport";

/**
 * A zoomed window at full detail, merged into the stored overview.
 *
 * The overview (chart-digest.ts) thins only the dense numeric series of the skin and muscle lanes
 * (enzymes as ×ULN, skin grade, CDASI, MMT-8, MRC): each keeps its monthly shape points and the whole
 * record's count in `counts.total`, so a series is thinned when it has fewer points than that total.
 * Imaging, treatment, medication and alerts are never thinned and always come from the overview (the
 * window model has no alerts at all).
 */

/** The lanes whose series the overview thins, and the only ones taken from a window model. */
export const DETAIL_LANES = ["skin", "muscle"] as const;

/**
 * Detail is fetched for windows up to this many days (two years). Wider, the overview's per-month
 * first/last/lowest/highest points and threshold crossings already draw each month's envelope, and a
 * full-detail read would approach reading the whole record, which the overview exists to avoid.
 */
export const DETAIL_MAX_DAYS = 731;

export interface DetailRange {
  from: ClinicalDate;
  to: ClinicalDate;
}

const detailLanes = (model: TimelineModel): (SkinLane | MuscleLane)[] => [model.lanes[2], model.lanes[3]];

/** Ids of the overview's series drawn with fewer points than the record has. */
export function thinnedSeries(overview: TimelineModel): string[] {
  return detailLanes(overview).flatMap((lane) => lane.series.filter((s) => s.counts.total > s.points.length).map((s) => s.id));
}

function monthStartOf(x: number): ClinicalDate {
  return `${calendarDayOf(x).slice(0, 8)}01`;
}

function monthEndOf(x: number): ClinicalDate {
  const [y, m] = calendarDayOf(x).split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The calendar days to fetch at full detail for a window, widened to whole months (so small pans
 * reuse what was fetched), or undefined when there is nothing to gain: no series is thinned, the
 * window shows the whole record, or it is wider than DETAIL_MAX_DAYS.
 */
export function detailRange(overview: TimelineModel, [from, to]: TimeWindow): DetailRange | undefined {
  if (thinnedSeries(overview).length === 0) return undefined;
  const [first, last] = overview.axis.domain;
  if (from <= first && to >= last) return undefined;
  if (to - from > DETAIL_MAX_DAYS) return undefined;
  return { from: monthStartOf(Math.max(from, first)), to: monthEndOf(Math.min(to, last)) };
}

/** Whether `outer` includes every day of `inner`. */
export function coversRange(outer: DetailRange, inner: DetailRange): boolean {
  return outer.from <= inner.from && outer.to >= inner.to;
}

/** The x range [start, end) a detail range covers. */
function xRange(range: DetailRange): [number, number] {
  return [dayNumber(range.from), dayNumber(range.to) + 1];
}

/** The window's items, then the overview's that the window lacks; sorted by x, stable (the window's order first at one x). */
function unionBy<T>(overview: readonly T[], detail: readonly T[], key: (item: T) => string, x: (item: T) => number): T[] {
  const seen = new Set(detail.map(key));
  const merged = [...detail, ...overview.filter((item) => !seen.has(key(item)))];
  return merged.map((item, i) => ({ item, i })).sort((p, q) => x(p.item) - x(q.item) || p.i - q.i).map((p) => p.item);
}

/**
 * The overview with a window's full detail: for each series of the skin and muscle lanes, the
 * overview's points plus every point of the same series in the window model (no point twice); the
 * lanes' tables likewise. Series, their order and styles, notes, the axis and every other lane stay
 * the overview's, so the alerts lane keeps its markers and statuses. `counts.total` stays the whole
 * record's; `counts.shown` becomes the points now drawn. Window points outside `range` are ignored.
 */
export function withWindowDetail(overview: TimelineModel, windowModel: TimelineModel, range: DetailRange): TimelineModel {
  const [start, end] = xRange(range);
  const inRange = (x: number) => x >= start && x < end;
  const merge = <L extends SkinLane | MuscleLane>(lane: L, detail: L): L => {
    const series = lane.series.map((s) => {
      const extra = detail.series.find((d) => d.id === s.id)?.points.filter((p) => inRange(p.x)) ?? [];
      if (extra.length === 0) return s;
      const points = unionBy(s.points, extra, (p) => `${p.eventId}:${p.x}`, (p) => p.x);
      return { ...s, points, counts: { total: Math.max(s.counts.total, points.length), shown: points.length } };
    });
    const rows: TableModel["rows"] = unionBy(lane.table.rows, detail.table.rows.filter((r) => inRange(r.x)), (r) => r.key, (r) => r.x);
    return { ...lane, series, table: { ...lane.table, rows } };
  };
  const [tumour, treatment, skin, muscle, immunosuppression, alerts] = overview.lanes;
  return { ...overview, lanes: [tumour, treatment, merge(skin, windowModel.lanes[2]), merge(muscle, windowModel.lanes[3]), immunosuppression, alerts] };
}
