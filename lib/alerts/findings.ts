import type { TimelineEvent } from "@/lib/events";
import { anchorIndexBefore, dayNumber, type DayNumber, type PatientRecord } from "./record";
import type { AlertSettings } from "./settings";
import type { FlareDomain, Finding, Measure, Observation, ObservedValue } from "./types";

/** Lower is better for these; higher is better for MRC and MMT-8; absent (0) is better for the yes/no findings. */
const lowerIsBetter: Record<Measure, boolean> = {
  "skin-grade": true,
  "cdasi-activity": true,
  ck: true,
  mrc: false,
  mmt8: false,
  dysphagia: true,
  respiratory: true,
};

export const measureDomain: Record<Measure, FlareDomain> = {
  "skin-grade": "skin",
  "cdasi-activity": "skin",
  ck: "muscle",
  mrc: "muscle",
  mmt8: "muscle",
  dysphagia: "muscle",
  respiratory: "muscle",
};

/** A series key: the measure, and for MMT-8 its scale (values on different scales never compare). */
export function seriesKey(observation: Pick<Observation, "measure" | "scale">): string {
  return observation.measure === "mmt8" ? `mmt8/${observation.scale}` : observation.measure;
}

/** `a` is better than `b` for this measure (strictly). */
export function better(measure: Measure, a: number, b: number): boolean {
  return lowerIsBetter[measure] ? a < b : a > b;
}

/**
 * Every value of every measure in the record, grouped into series (one per measure, MMT-8 per scale),
 * each in clinical order. A CK printed as "< x" is kept: it can be a reference, never a finding.
 */
export function observationsOf(events: readonly TimelineEvent[], settings: AlertSettings): Map<string, Observation[]> {
  const series = new Map<string, Observation[]>();
  const add = (observation: Observation) => {
    const key = seriesKey(observation);
    const held = series.get(key);
    if (held) held.push(observation);
    else series.set(key, [observation]);
  };
  for (const event of events) {
    const base = { eventId: event.id, date: event.occurredAt };
    if (event.kind === "skin_assessment") {
      add({ ...base, measure: "skin-grade", value: event.payload.grade });
      if (event.payload.cdasiActivity !== undefined) add({ ...base, measure: "cdasi-activity", value: event.payload.cdasiActivity });
    } else if (event.kind === "muscle_assessment") {
      const { mmt8, proximalWeaknessMrc, dysphagia, respiratoryInvolvement } = event.payload;
      if (proximalWeaknessMrc !== undefined) add({ ...base, measure: "mrc", value: proximalWeaknessMrc });
      if (mmt8) add({ ...base, measure: "mmt8", value: mmt8.score, scale: mmt8.scale });
      if (dysphagia !== undefined) add({ ...base, measure: "dysphagia", value: dysphagia ? 1 : 0 });
      if (respiratoryInvolvement !== undefined) add({ ...base, measure: "respiratory", value: respiratoryInvolvement ? 1 : 0 });
    } else if (event.kind === "lab_result" && event.payload.analyte === "ck") {
      const { value, unit, comparator, referenceRange } = event.payload;
      const printed = referenceRange?.high !== undefined && referenceRange.high > 0;
      const high = printed ? referenceRange!.high! : settings.ckAssumedRangeHigh;
      const low = printed ? referenceRange?.low : settings.ckAssumedRangeLow;
      add({
        ...base,
        measure: "ck",
        value: value / high,
        lab: { value, unit, ...(comparator && { comparator }), high, ...(low !== undefined && { low }), assumedRange: !printed },
      });
    }
  }
  return series;
}

/** a ≥ b, forgiving the last bits of floating-point division (240/200 against 2 × 100/200). */
function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9;
}

/** Is `value` a worsening against `reference` (or, with none, abnormal on its own) by the measure's threshold? */
export function worsens(measure: Measure, value: number, reference: number | undefined, settings: AlertSettings): boolean {
  switch (measure) {
    case "skin-grade":
      return value >= settings.skinGradeMin && (reference === undefined || value - reference >= settings.skinGradeRise);
    case "cdasi-activity":
      return value >= settings.cdasiActivityMin && (reference === undefined || value - reference >= settings.cdasiActivityRise);
    case "ck":
      return reference === undefined ? atLeast(value, settings.ckFirstAssessmentTimesUln) : atLeast(value, settings.ckTimesUlnMin) && atLeast(value, settings.ckRiseFactor * reference);
    case "mrc":
      return reference === undefined ? value <= settings.mrcFirstAssessmentMax : reference - value >= settings.mrcFallGrades;
    case "mmt8":
      // No standalone MMT-8 threshold: a fall needs something to fall from. Whole-number arithmetic.
      return reference !== undefined && (reference - value) * 100 >= settings.mmt8FallPercent * reference;
    case "dysphagia":
    case "respiratory":
      return value === 1 && (reference === undefined || reference === 0);
  }
}

export function isSevere(observation: Observation, settings: AlertSettings): boolean {
  switch (observation.measure) {
    case "skin-grade":
      return observation.value >= 4;
    case "ck":
      return atLeast(observation.value, settings.severeCkTimesUln);
    case "mrc":
      return observation.value <= settings.severeMrcMax;
    case "dysphagia":
    case "respiratory":
      return observation.value === 1;
    default:
      return false;
  }
}

/** The best of two compared values; on a tie the later one, so a reason quotes the most recent. */
function bestOf(measure: Measure, held: Observation | undefined, next: Observation): Observation {
  return !held || !better(measure, held.value, next.value) ? next : held;
}

const quote = (observation: Observation): ObservedValue => ({
  eventId: observation.eventId,
  date: observation.date,
  value: observation.value,
  ...(observation.lab && { lab: observation.lab }),
});

export interface FindingOptions {
  /** Series keys known to have values dated before the events given (a windowed evaluation). */
  earlierSeries?: ReadonlySet<string>;
}

/**
 * The worsening findings of a record, in clinical order. Each value is compared with the patient's
 * reference: the best value since the last answering scan before it (the latest value on or before
 * that scan, if within `referenceLookbackDays` of it, and every value after it up to the day before),
 * or with no answering scan, the best value of the `referenceLookbackDays` before it. Values on the
 * same clinical date are never compared with one another. When the scan has no value of its own to
 * compare with (or there is no answering scan), a value abnormal on its own counts too.
 */
export function findingsOf(record: PatientRecord, settings: AlertSettings, options: FindingOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const lookback = settings.referenceLookbackDays;
  for (const [key, series] of observationsOf(record.events, settings)) {
    const measure = series[0].measure;
    const days = series.map((observation) => dayNumber(observation.date));
    let anchor = -2;
    /** The anchor scan's own value: the latest on or before it, within the look-back. */
    let anchorValue: Observation | undefined;
    /** Best of the anchor's value and the values after the anchor (answering-scan segments). */
    let segmentBest: Observation | undefined;
    let start = 0;
    while (start < series.length) {
      let end = start;
      while (end < series.length && days[end] === days[start]) end++;
      const day = days[start];
      const anchorIndex = anchorIndexBefore(record, day);
      if (anchorIndex !== anchor) {
        anchor = anchorIndex;
        anchorValue = anchorIndex >= 0 ? latestWithin(series, days, record.answeringScans[anchorIndex].day, lookback, start) : undefined;
        segmentBest = anchorValue;
      }
      const reference = anchorIndex >= 0 ? segmentBest : bestInWindow(measure, series, days, day - lookback, start);
      const previousIndex = start - 1;
      const previous = previousIndex >= 0 && day - days[previousIndex] <= lookback ? series[previousIndex] : undefined;
      const firstAssessment = start === 0 && !options.earlierSeries?.has(key);
      for (let i = start; i < end; i++) {
        const observation = series[i];
        if (measure === "ck" && (observation.lab?.comparator === "<" || observation.lab?.comparator === "<=")) continue;
        const againstReference = reference !== undefined && worsens(measure, observation.value, reference.value, settings);
        // Without the scan's own value to compare with, an abnormal value counts on its own, whatever came
        // after the scan: so an extra visit can never turn a finding into none (more visits, never fewer alerts).
        const onItsOwn = !againstReference && anchorValue === undefined && worsens(measure, observation.value, undefined, settings);
        if (!againstReference && !onItsOwn) continue;
        findings.push({
          ...observation,
          domain: measureDomain[measure],
          basis: againstReference ? "reference" : firstAssessment ? "first-assessment" : "on-its-own",
          ...(againstReference && reference && { reference: quote(reference) }),
          ...(previous && previous.eventId !== (againstReference ? reference?.eventId : undefined) && { previous: quote(previous) }),
          firstAssessment,
          severe: isSevere(observation, settings),
        });
      }
      if (anchorIndex >= 0) for (let i = start; i < end; i++) segmentBest = bestOf(measure, segmentBest, series[i]);
      start = end;
    }
  }
  return findings.sort(byDateThenEvent);
}

/** The latest value dated on or before `anchorDay` and at most `lookback` days before it, among series[0..before). */
function latestWithin(series: readonly Observation[], days: readonly DayNumber[], anchorDay: DayNumber, lookback: number, before: number): Observation | undefined {
  for (let i = before - 1; i >= 0; i--) {
    if (days[i] > anchorDay) continue;
    return anchorDay - days[i] <= lookback ? series[i] : undefined;
  }
  return undefined;
}

/** The best value dated from `fromDay` up to (not including) series[before]'s date. */
function bestInWindow(measure: Measure, series: readonly Observation[], days: readonly DayNumber[], fromDay: DayNumber, before: number): Observation | undefined {
  let best: Observation | undefined;
  for (let i = before - 1; i >= 0 && days[i] >= fromDay; i--) {
    // Walking backwards: on a tie keep the later value already held.
    if (!best || better(measure, series[i].value, best.value)) best = series[i];
  }
  return best;
}

function byDateThenEvent(a: Finding, b: Finding): number {
  const day = dayNumber(a.date) - dayNumber(b.date);
  if (day !== 0) return day;
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : measureOrder.indexOf(a.measure) - measureOrder.indexOf(b.measure);
}

export const measureOrder: Measure[] = ["skin-grade", "cdasi-activity", "ck", "mrc", "mmt8", "dysphagia", "respiratory"];
