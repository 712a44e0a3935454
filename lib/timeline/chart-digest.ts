import { analytes, type AnalyteCode, type ClinicalDate, type TimelineEvent } from "@/lib/events";
import { activitySeries, currentEvents } from "@/lib/activity";
import { dayNumber, eventX } from "./axis";
import { buildTimeline } from "./build";
import { alertsLane } from "./lanes/alerts";
import { LOG_FLOOR } from "./lanes/muscle";
import { CDASI_MILD_LIMIT } from "./lanes/skin";
import { withReference } from "./reference";
import type { DayNumber, ImmunosuppressionLane, TimelineAlert, TimelineModel } from "./types";

/**
 * The chart's overview, kept small and maintained a month at a time.
 *
 * A long record is mostly dense numeric measurements (daily CK, weekly skin scores). For the overview
 * the chart needs, per series and per calendar month, only the points that carry its shape and its
 * clinical facts (the M4 idea, Jugel et al., VLDB 2014: first, last, minimum and maximum per bucket
 * keep a line chart's envelope):
 * - the first and last point of the month (so a crossing between two months is kept, and the axis ends);
 * - the lowest and highest point (every monthly peak, so the global extremes survive);
 * - both points around every crossing of the series' threshold inside the month (1×ULN for enzymes,
 *   CDASI 14): the day a result became abnormal and the result before it.
 * Every other event (imaging, treatment, medication, diagnoses, assessments drawn in no series) is
 * kept whole, but labs no lane shows (CRP, WBC: only muscle enzymes are charted), of which a month
 * keeps its first and last, which is all the axis needs of them. A month's digest depends only on that month's events, so a write
 * recomputes the months it touches and nothing else. The overview is the chart built from the kept
 * events, with each series' true total put back in `counts.total`; a zoomed window is built from all
 * events in it (`/api/v1/patients/:id/chart?from=&to=`).
 */

/** Kinds whose events may be left out of the overview when they are not one of their month's shape points. */
export const DENSE_KINDS = ["lab_result", "skin_assessment", "muscle_assessment"] as const;

export type MonthKey = number;

export const isDense = (e: Pick<TimelineEvent, "kind">) => (DENSE_KINDS as readonly string[]).includes(e.kind);

/** Calendar month of a clinical date, as year × 12 + month index. */
export function monthOf(date: ClinicalDate): MonthKey {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** First day of a month key, as a clinical date. */
export function monthStart(month: MonthKey): ClinicalDate {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, "0")}-${String((month % 12) + 1).padStart(2, "0")}-01`;
}

export interface MonthDigest {
  month: MonthKey;
  /** Event ids (chain ids) the overview keeps from this month's dense events, in timeline order. */
  keep: string[];
  /** Points per series id this month (before the digest). */
  counts: Record<string, number>;
}

interface Placed {
  eventId: string;
  y: number;
}

const enzyme = (code: AnalyteCode) => analytes[code].muscleEnzyme;

/** The series a set of events draws, with each point's y exactly as the lanes place it, in timeline order. */
function seriesPoints(events: readonly TimelineEvent[]): { id: string; threshold?: number; points: Placed[] }[] {
  const activity = activitySeries(events);
  const out: { id: string; threshold?: number; points: Placed[] }[] = [
    { id: "skin-grade", points: activity.skinGrade.map((p) => ({ eventId: p.eventId, y: p.value })) },
    { id: "cdasi-activity", threshold: CDASI_MILD_LIMIT, points: activity.cdasiActivity.map((p) => ({ eventId: p.eventId, y: p.value })) },
    { id: "mmt8-80", points: activity.mmt8.filter((p) => p.scale === 80).map((p) => ({ eventId: p.eventId, y: p.value })) },
    { id: "mmt8-150", points: activity.mmt8.filter((p) => p.scale === 150).map((p) => ({ eventId: p.eventId, y: p.value })) },
    { id: "proximal-mrc", points: activity.proximalWeaknessMrc.map((p) => ({ eventId: p.eventId, y: p.value })) },
  ];
  for (const code of Object.keys(activity.labs) as AnalyteCode[]) {
    if (!enzyme(code)) continue;
    const drawn = (activity.labs[code] ?? []).filter((r) => r.timesUln !== undefined);
    out.push({ id: `lab-${code}`, threshold: 1, points: drawn.map((r) => ({ eventId: r.eventId, y: Math.max(r.timesUln!, LOG_FLOOR) })) });
  }
  return out.filter((s) => s.points.length > 0);
}

/** The shape points of one series in one month: first, last, min, max, both sides of each threshold crossing. */
function shapeOf(points: readonly Placed[], threshold: number | undefined): Set<string> {
  const keep = new Set<string>();
  if (points.length === 0) return keep;
  let lo = 0;
  let hi = 0;
  for (let k = 1; k < points.length; k++) {
    if (points[k].y < points[lo].y) lo = k;
    if (points[k].y > points[hi].y) hi = k;
    if (threshold !== undefined && points[k - 1].y > threshold !== points[k].y > threshold) {
      keep.add(points[k - 1].eventId);
      keep.add(points[k].eventId);
    }
  }
  for (const k of [0, points.length - 1, lo, hi]) keep.add(points[k].eventId);
  return keep;
}

/**
 * The digest of one month from all its current, valid events (any kinds; only dense ones are
 * considered), in timeline order. Dense events drawn in no series are kept (they still place the axis).
 */
export function digestMonth(month: MonthKey, monthEvents: readonly TimelineEvent[]): MonthDigest {
  const dense = currentEvents(monthEvents).filter((e) => (DENSE_KINDS as readonly string[]).includes(e.kind));
  const keep = new Set<string>();
  const counts: Record<string, number> = {};
  const drawn = new Set<string>();
  for (const s of seriesPoints(dense)) {
    counts[s.id] = s.points.length;
    for (const p of s.points) drawn.add(p.eventId);
    for (const id of shapeOf(s.points, s.threshold)) keep.add(id);
  }
  // A lab no lane draws or lists (CRP, WBC, tumour markers: only muscle enzymes are charted) only
  // places the axis, so the month keeps its first and last; other undrawn events (an enzyme without
  // a printed upper limit, listed in its lane's table) are kept whole.
  const axisOnly = dense.filter((e) => !drawn.has(e.id) && e.kind === "lab_result" && !enzyme(e.payload.analyte));
  const placesAxis = new Set(axisOnly.map((e) => e.id));
  for (const e of dense) if (!drawn.has(e.id) && !placesAxis.has(e.id)) keep.add(e.id);
  if (axisOnly.length > 0) for (const e of [axisOnly[0], axisOnly[axisOnly.length - 1]]) keep.add(e.id);
  return { month, keep: dense.filter((e) => keep.has(e.id)).map((e) => e.id), counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** Digests of every month a record has dense events in, from scratch (what the stored ones must equal). */
export function digestRecord(events: readonly TimelineEvent[]): MonthDigest[] {
  const byMonth = new Map<MonthKey, TimelineEvent[]>();
  for (const e of currentEvents(events)) {
    if (!(DENSE_KINDS as readonly string[]).includes(e.kind)) continue;
    const month = monthOf(e.occurredAt);
    const list = byMonth.get(month) ?? [];
    list.push(e);
    byMonth.set(month, list);
  }
  return [...byMonth.entries()].sort(([a], [b]) => a - b).map(([month, list]) => digestMonth(month, list));
}

/** At most this many buckets across the overview: a long record's months are merged k at a time. */
export const OVERVIEW_BUCKETS = 48;

/**
 * The shape points of buckets of k months, from the months' own shape points. Exact: a merged
 * bucket's first, last, minimum and maximum are among its months', and a crossing is either inside a
 * month (both points kept) or between one month's last point and the next month's first (both kept).
 */
function mergeMonths(kept: readonly TimelineEvent[]): TimelineEvent[] {
  const dense = kept.filter(isDense);
  if (dense.length === 0) return [...kept];
  const months = dense.map((e) => monthOf(e.occurredAt));
  const first = Math.min(...months);
  const k = Math.max(1, Math.ceil((Math.max(...months) - first + 1) / OVERVIEW_BUCKETS));
  if (k === 1) return [...kept];
  const byBucket = new Map<number, TimelineEvent[]>();
  dense.forEach((e, i) => {
    const bucket = Math.floor((months[i] - first) / k);
    const list = byBucket.get(bucket) ?? [];
    list.push(e);
    byBucket.set(bucket, list);
  });
  const keep = new Set([...byBucket.entries()].flatMap(([bucket, list]) => digestMonth(bucket, list).keep));
  return kept.filter((e) => !isDense(e) || keep.has(e.id));
}

/** The stored overview's "today": far enough that any treatment without an end date counts as ongoing. */
export const ONGOING_UNTIL = "9999-12-31";

/**
 * The stored overview: the chart built from the kept events (every non-dense event and the shape
 * points of each month, or of each k months when the record spans more than OVERVIEW_BUCKETS
 * months), without alerts and with the default day 0, each series' total being the whole record's.
 */
export function overviewModel(kept: readonly TimelineEvent[], digests: readonly Pick<MonthDigest, "counts">[]): TimelineModel {
  // Built with a far "today" so every treatment without an end date is kept as ongoing; chartForPage
  // draws it up to the reading day's today (the axis never stretches for an ongoing span).
  const model = buildTimeline(mergeMonths(kept), { today: ONGOING_UNTIL });
  const totals = new Map<string, number>();
  for (const d of digests) for (const [id, n] of Object.entries(d.counts)) totals.set(id, (totals.get(id) ?? 0) + n);
  for (const lane of model.lanes) {
    for (const s of lane.series) {
      const total = totals.get(s.id);
      if (total !== undefined && total > s.counts.total) s.counts = { ...s.counts, total };
    }
  }
  return model;
}

/** Which events of a record the overview keeps, given its digests. */
export function keptEvents(events: readonly TimelineEvent[], digests: readonly MonthDigest[]): TimelineEvent[] {
  const keep = new Set(digests.flatMap((d) => d.keep));
  return currentEvents(events).filter((e) => !(DENSE_KINDS as readonly string[]).includes(e.kind) || keep.has(e.id));
}

/**
 * The page's chart from the stored overview: day 0 on `referenceEventId` when it is a choice, and
 * the alerts lane (markers linked to their evidence, at `positions`), the axis widened to fit alerts
 * as buildTimeline does.
 */
export function chartForPage(
  overview: TimelineModel,
  options: {
    referenceEventId?: string;
    alerts?: readonly TimelineAlert[];
    evidence?: readonly Pick<TimelineEvent, "id" | "occurredAt" | "datePrecision">[];
    /** The clinic's today: ongoing treatments (stored as running to ONGOING_UNTIL) are drawn up to it. */
    today?: ClinicalDate;
  },
): TimelineModel {
  const alerts = options.alerts ?? [];
  const positions = new Map<string, DayNumber>((options.evidence ?? []).map((e) => [e.id, eventX(e)]));
  let axis = overview.axis;
  if (alerts.length > 0) {
    const xs = alerts.map((a) => dayNumber(a.date));
    const empty = axis.reference === undefined;
    const domain: [number, number] = empty ? [Math.min(...xs), Math.max(...xs)] : [Math.min(axis.domain[0], ...xs), Math.max(axis.domain[1], ...xs)];
    axis = { ...axis, domain, ...(empty ? { origin: Math.floor(domain[0]) } : {}) };
  }
  const [tumour, treatment, skin, muscle, stored] = overview.lanes;
  // The overview is stored at a write and read on later days: an ongoing span's end is today's.
  const todayX = options.today !== undefined ? dayNumber(options.today) : undefined;
  const immunosuppression: ImmunosuppressionLane =
    todayX === undefined
      ? stored
      : { ...stored, otherMedications: stored.otherMedications.map((m) => (m.ongoing ? { ...m, to: Math.max(todayX, Math.floor(m.from)) } : m)) };
  const model: TimelineModel = { axis, lanes: [tumour, treatment, skin, muscle, immunosuppression, alertsLane(alerts, positions)] };
  return options.referenceEventId ? withReference(model, options.referenceEventId) : model;
}
