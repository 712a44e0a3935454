import { calendarDayOf, formatDayNumber, formatRelativeDay, relativeDay } from "./axis";
import type { DayNumber, Lane, LaneId, NumericSeries, ResponseColourKey, SeriesPoint, TimelineModel, TumourLane } from "./types";

export interface CarriedTumourStatus {
  /** Where the assessment that set it sits. */
  x: DayNumber;
  eventId: string;
  response: string;
  colourKey: ResponseColourKey;
  /** "PD since 18 Aug 2020": the response of the last assessment on or before the day. */
  label: string;
}

/**
 * The tumour status in force on the day under x: the RECIST response of the last assessment (imaging with
 * a response) on or before that day. A zoomed window that starts after that scan still says what the team
 * knew ("PD since 18 Aug 2020"); before the first assessment there is none. It says only what the last
 * scan found and when, never that the disease stayed so.
 */
export function carriedTumourStatus(lane: Pick<TumourLane, "markers">, x: DayNumber): CarriedTumourStatus | undefined {
  const day = Math.floor(x);
  let found: TumourLane["markers"][number] | undefined;
  for (const m of lane.markers) {
    if (Math.floor(m.x) > day) break;
    if (m.response !== undefined) found = m;
  }
  if (!found || found.response === undefined) return undefined;
  return { x: found.x, eventId: found.eventId, response: found.response, colourKey: found.colourKey, label: `${found.response} since ${found.dateLabel}` };
}

export interface ReadoutValue {
  eventId: string;
  dateLabel: string;
  value: number;
  unit: string;
  label: string;
  range?: string;
  timesUln?: number;
  detail?: string;
}

export interface ReadoutSeries {
  seriesId: string;
  name: string;
  /** "same-day": every point of that calendar day; "carried-forward": the last value on or before it (steps). */
  mode: "same-day" | "carried-forward";
  values: ReadoutValue[];
}

export interface ReadoutLane {
  lane: LaneId;
  title: string;
  series: ReadoutSeries[];
  /** What was happening: the response band, the line of therapy, a medication span covering the day. */
  context: string[];
  /** Markers on that day: imaging, cycles, dose changes, adverse events, procedures, alerts. */
  events: string[];
}

export interface Readout {
  x: DayNumber;
  date: string;
  dateLabel: string;
  relativeDay: number;
  relativeLabel: string;
  lanes: ReadoutLane[];
}

/** First index whose x is ≥ target (points are sorted by x). */
function lowerBound(points: readonly SeriesPoint[], target: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].x < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function readoutValue(p: SeriesPoint): ReadoutValue {
  const { eventId, dateLabel, value, unit, label, range, timesUln, detail } = p;
  const v: ReadoutValue = { eventId, dateLabel, value, unit, label };
  if (range !== undefined) v.range = range;
  if (timesUln !== undefined) v.timesUln = timesUln;
  if (detail !== undefined) v.detail = detail;
  return v;
}

function seriesAt(s: NumericSeries, day: number): ReadoutSeries {
  const end = lowerBound(s.points, day + 1);
  if (s.interpolation === "step-after") {
    const values = end > 0 ? [readoutValue(s.points[end - 1])] : [];
    return { seriesId: s.id, name: s.name, mode: "carried-forward", values };
  }
  const values = s.points.slice(lowerBound(s.points, day), end).map(readoutValue);
  return { seriesId: s.id, name: s.name, mode: "same-day", values };
}

const onDay = (x: number, day: number) => x >= day && x < day + 1;
const covers = (from: number, to: number, day: number) => from < day + 1 && to >= day;

function laneContext(lane: Lane, day: number): { context: string[]; events: string[] } {
  switch (lane.id) {
    case "tumour": {
      const bands = lane.bands.filter((b) => covers(b.from, b.to, day));
      // After the last assessment no band is drawn; the status it found is still what the team knows.
      const carried = bands.length === 0 ? carriedTumourStatus(lane, day) : undefined;
      return {
        context: [
          ...bands.map((b) => b.label),
          ...(carried && Math.floor(carried.x) < day ? [`Last assessment: ${carried.label}`] : []),
          ...lane.bestResponses.filter((b) => covers(b.from, b.to, day)).map((b) => b.label),
        ],
        events: lane.markers.filter((m) => onDay(m.x, day)).map((m) => m.label),
      };
    }
    case "treatment":
      return {
        context: lane.lines.filter((l) => covers(l.from, l.to, day)).map((l) => l.label),
        events: [
          ...lane.cycles.filter((c) => onDay(c.x, day)).map((c) => `Line ${c.line}: ${c.label}${c.dose ? `, ${c.dose}` : ""}`),
          ...lane.doseChanges.filter((d) => onDay(d.x, day)).map((d) => d.label),
          ...lane.adverseEvents.filter((a) => onDay(a.x, day)).map((a) => a.label),
          ...lane.interventions.filter((i) => covers(i.from, i.to, day)).map((i) => i.label),
        ],
      };
    case "immunosuppression":
      return { context: lane.otherMedications.filter((m) => covers(m.from, m.to, day)).map((m) => m.label), events: [] };
    case "alerts":
      return { context: [], events: lane.markers.filter((m) => onDay(m.x, day)).map((m) => `${m.priority}${m.status ? ` (${m.status})` : ""}: ${m.reason}`) };
    default:
      return { context: [], events: [] };
  }
}

/**
 * What the crosshair at x reads, lane by lane, for the calendar day under it: every point of that day
 * for measurements (several CK results the same day are all shown), the dose in force for step series.
 * It reads the points the model holds, so a downsampled series reads its shown points.
 */
export function readoutAt(model: TimelineModel, x: DayNumber): Readout {
  const day = Math.floor(x);
  const rel = relativeDay(model.axis, x);
  return {
    x,
    date: calendarDayOf(x),
    dateLabel: formatDayNumber(day),
    relativeDay: rel,
    relativeLabel: formatRelativeDay(rel),
    lanes: model.lanes.map((lane) => ({ lane: lane.id, title: lane.title, series: lane.series.map((s) => seriesAt(s, day)), ...laneContext(lane, day) })),
  };
}
