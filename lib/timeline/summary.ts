import { currentEvents, labSeriesByAnalyte, analytesPresent, formatLabValue, type LabPoint } from "@/lib/activity";
import {
  formatChanges,
  formatShownResponse,
  imagingSumMm,
  shownResponse,
  analytes,
  dayOf,
  isClinicalDate,
  isKind,
  type AnalyteCode,
  type ClinicalDate,
  type DiagnosisRole,
  type EventOfKind,
  type RecistResponse,
  type TimelineEvent,
} from "@/lib/events";
import { calendarDayOf, dayNumber } from "./axis";
import { windowFor } from "./presets";
import type { DayNumber, TimelineModel } from "./types";

/**
 * The MDT pack's view of a record: where each thread of the course stands at the end of the chosen
 * window (the meeting discusses "now", or a past date when the window ends earlier). Pure: events in,
 * plain data out; the page only lays it out.
 */

/** A score then and now: "skin grade 1 → 3". `previous` is absent with a single assessment. */
export interface Trend {
  latest: { date: ClinicalDate; value: number };
  previous?: { date: ClinicalDate; value: number };
  direction: "up" | "down" | "same" | "single";
}

export interface TreatmentLineSummary {
  line: number;
  regimens: string[];
  firstCycle: ClinicalDate;
  lastCycle: ClinicalDate;
  cyclesGiven: number;
  /** The last cycle of the line given at a changed dose, with the change. */
  lastDoseChange?: { date: ClinicalDate; cycleNumber: number; percent: number; reason?: string };
}

export interface ImagingSummary {
  date: ClinicalDate;
  modality: string;
  response?: RecistResponse;
  baseline: boolean;
  targetSumMm?: number;
  findings?: string;
  /** The response as every reader shows it: recorded, with the computed one beside it when they differ. */
  responseText?: string;
  /** "+18% from baseline, +28% from nadir". */
  changes?: string;
}

export interface LabSummary {
  analyte: AnalyteCode;
  /** "CK" */
  name: string;
  latest: LabPoint;
  previous?: LabPoint;
  /** The highest ×ULN in the window (by value when no upper limit was printed); absent when it is the latest. */
  peak?: LabPoint;
}

export interface MedicationSummary {
  drug: string;
  since: ClinicalDate;
  /** "15 mg/day", or the strength for a cream. */
  dose?: string;
  route: string;
  tapering: boolean;
}

export interface MdtSummary {
  asOf: ClinicalDate;
  diagnoses: { date: ClinicalDate; role: DiagnosisRole; name: string; stage?: string }[];
  treatmentLine?: TreatmentLineSummary;
  lastImaging?: ImagingSummary;
  skinGrade?: Trend;
  cdasiActivity?: Trend;
  mmt8?: Trend & { scale: 80 | 150 };
  proximalWeaknessMrc?: Trend;
  labs: LabSummary[];
  immunosuppression: MedicationSummary[];
}

const onOrBefore = (asOf: ClinicalDate) => (e: { occurredAt: ClinicalDate }) => dayOf(e.occurredAt) <= asOf;

function trendOf(points: { date: ClinicalDate; value: number }[]): Trend | undefined {
  const latest = points.at(-1);
  if (!latest) return undefined;
  const previous = points.at(-2);
  if (!previous) return { latest, direction: "single" };
  return { latest, previous, direction: latest.value > previous.value ? "up" : latest.value < previous.value ? "down" : "same" };
}

/** The most recently started line of therapy (by its first cycle), its regimens and cycles. */
export function currentTreatmentLine(cycles: readonly EventOfKind<"treatment_cycle">[]): TreatmentLineSummary | undefined {
  const byLine = new Map<number, EventOfKind<"treatment_cycle">[]>();
  for (const cycle of cycles) {
    const line = byLine.get(cycle.payload.lineOfTherapy) ?? [];
    line.push(cycle);
    byLine.set(cycle.payload.lineOfTherapy, line);
  }
  let current: EventOfKind<"treatment_cycle">[] | undefined;
  for (const line of byLine.values()) if (!current || line[0].occurredAt >= current[0].occurredAt) current = line;
  if (!current) return undefined;
  const changed = current.filter((c) => c.payload.doseChangePercent !== undefined && c.payload.doseChangePercent !== 0).at(-1);
  return {
    line: current[0].payload.lineOfTherapy,
    regimens: [...new Set(current.map((c) => c.payload.regimen))],
    firstCycle: current[0].occurredAt,
    lastCycle: current.at(-1)!.occurredAt,
    cyclesGiven: current.length,
    ...(changed
      ? {
          lastDoseChange: {
            date: changed.occurredAt,
            cycleNumber: changed.payload.cycleNumber,
            percent: changed.payload.doseChangePercent!,
            ...(changed.payload.doseChangeReason ? { reason: changed.payload.doseChangeReason } : {}),
          },
        }
      : {}),
  };
}

/** The last tumour scan with a RECIST response; a baseline study only when no response was ever given. */
export function lastTumourImaging(scans: readonly EventOfKind<"imaging">[]): ImagingSummary | undefined {
  const withResponse = scans.filter((s) => shownResponse(s.payload).response !== undefined);
  const scan = withResponse.at(-1) ?? scans.filter((s) => s.payload.baseline).at(-1);
  if (!scan) return undefined;
  const p = scan.payload;
  const response = shownResponse(p).response;
  const sum = imagingSumMm(p);
  const text = formatShownResponse(p);
  const changes = formatChanges(p);
  return {
    date: scan.occurredAt,
    modality: p.modality,
    baseline: p.baseline === true && response === undefined,
    ...(response ? { response } : {}),
    ...(sum !== undefined ? { targetSumMm: sum } : {}),
    ...(p.findings ? { findings: p.findings } : {}),
    ...(text ? { responseText: text } : {}),
    ...(changes ? { changes } : {}),
  };
}

const severity = (p: LabPoint) => p.timesUln ?? Number.NEGATIVE_INFINITY;

/** Each analyte's latest result, the one before, and the window's peak when that was another result. */
export function labSummaries(events: readonly TimelineEvent[], fromDay: ClinicalDate): LabSummary[] {
  const series = labSeriesByAnalyte(events);
  return analytesPresent(series).map((analyte) => {
    const points = series[analyte]!;
    const latest = points.at(-1)!;
    const previous = points.at(-2);
    const inWindow = points.filter((p) => dayOf(p.date) >= fromDay);
    const peak = inWindow.reduce<LabPoint | undefined>((best, p) => (!best || severity(p) > severity(best) || (severity(p) === severity(best) && p.value > best.value) ? p : best), undefined);
    return { analyte, name: analytes[analyte].short, latest, ...(previous ? { previous } : {}), ...(peak && peak !== latest ? { peak } : {}) };
  });
}

function doseText(p: EventOfKind<"medication">["payload"]): string | undefined {
  if (p.dose) return `${p.dose.value} ${p.dose.unit}`;
  return p.strength;
}

/** Immunosuppression in force on `asOf`: started by then and not stopped before it. */
export function immunosuppressionOn(medications: readonly EventOfKind<"medication">[], asOf: ClinicalDate): MedicationSummary[] {
  return medications
    .filter((m) => m.payload.role === "immunosuppression" && dayOf(m.occurredAt) <= asOf && (m.endedAt === undefined || dayOf(m.endedAt) >= asOf))
    .map((m) => {
      const dose = doseText(m.payload);
      return { drug: m.payload.drug, since: m.occurredAt, ...(dose ? { dose } : {}), route: m.payload.route, tapering: m.payload.tapering === true };
    });
}

/** The pack's summary of the record up to and including `asOf`; the window's start bounds the lab peaks. */
export function mdtSummary(events: readonly TimelineEvent[], window: { from: ClinicalDate; to: ClinicalDate }): MdtSummary {
  const upTo = currentEvents(events).filter(onOrBefore(window.to));
  const skin = upTo.filter(isKind("skin_assessment"));
  const muscle = upTo.filter(isKind("muscle_assessment"));
  const latestMmt = muscle.filter((m) => m.payload.mmt8).at(-1)?.payload.mmt8;
  // MMT-8 scores are compared only on the same scale (0–80 and 0–150 are different instruments).
  const mmt8 = latestMmt
    ? trendOf(muscle.flatMap((m) => (m.payload.mmt8?.scale === latestMmt.scale ? [{ date: m.occurredAt, value: m.payload.mmt8.score }] : [])))
    : undefined;
  const mrc = trendOf(muscle.flatMap((m) => (m.payload.proximalWeaknessMrc !== undefined ? [{ date: m.occurredAt, value: m.payload.proximalWeaknessMrc }] : [])));
  const skinGrade = trendOf(skin.map((s) => ({ date: s.occurredAt, value: s.payload.grade })));
  const cdasi = trendOf(skin.flatMap((s) => (s.payload.cdasiActivity !== undefined ? [{ date: s.occurredAt, value: s.payload.cdasiActivity }] : [])));
  const treatmentLine = currentTreatmentLine(upTo.filter(isKind("treatment_cycle")));
  const lastImaging = lastTumourImaging(upTo.filter(isKind("imaging")));
  return {
    asOf: window.to,
    diagnoses: upTo.filter(isKind("diagnosis")).map((d) => ({ date: d.occurredAt, role: d.payload.role, name: d.payload.name, ...(d.payload.stage ? { stage: d.payload.stage } : {}) })),
    ...(treatmentLine ? { treatmentLine } : {}),
    ...(lastImaging ? { lastImaging } : {}),
    ...(skinGrade ? { skinGrade } : {}),
    ...(cdasi ? { cdasiActivity: cdasi } : {}),
    ...(mmt8 && latestMmt ? { mmt8: { ...mmt8, scale: latestMmt.scale } } : {}),
    ...(mrc ? { proximalWeaknessMrc: mrc } : {}),
    labs: labSummaries(upTo, window.from),
    immunosuppression: immunosuppressionOn(upTo.filter(isKind("medication")), window.to),
  };
}

/** "1 → 3", or "3" for a single assessment. */
export function formatTrend(trend: Trend): string {
  return trend.previous ? `${trend.previous.value} → ${trend.latest.value}` : `${trend.latest.value}`;
}

/** "CK 695 U/L": the analyte and the result as the lab printed it. */
export function formatLabResult(name: string, point: LabPoint): string {
  return `${name} ${formatLabValue(point)}`;
}

/**
 * The pack's window from `?from=&to=` (YYYY-MM-DD). Missing or malformed ends fall back to the last
 * 12 months of the record; a reversed window is put the right way round.
 */
export function mdtWindow(model: TimelineModel, from?: string, to?: string): { from: ClinicalDate; to: ClinicalDate; days: [DayNumber, DayNumber] } {
  const [defaultFrom, defaultTo] = windowFor(model, "last-year");
  const valid = (value: string | undefined) => (value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && isClinicalDate(value) ? value : undefined);
  let start = valid(from) ?? calendarDayOf(Math.floor(defaultFrom));
  let end = valid(to) ?? calendarDayOf(Math.floor(defaultTo));
  if (start > end) [start, end] = [end, start];
  return { from: start, to: end, days: [dayNumber(start), dayNumber(end) + 1] };
}

/** Open and acknowledged alerts, and any whose flare began in the window; most recent flare first. */
export function alertsForPack<A extends { status: string; episodeStart: ClinicalDate }>(alerts: readonly A[], window: { from: ClinicalDate; to: ClinicalDate }): A[] {
  return alerts
    .filter((a) => a.status === "open" || a.status === "acknowledged" || (dayOf(a.episodeStart) >= window.from && dayOf(a.episodeStart) <= window.to))
    .sort((a, b) => (a.episodeStart < b.episodeStart ? 1 : a.episodeStart > b.episodeStart ? -1 : 0));
}
