import {
  isTumourAssessment,
  compareClinicalDates,
  precisionOf,
  type ClinicalDate,
  type EventOfKind,
  type MyositisAntibody,
  type TimelineEvent,
} from "@/lib/events";
import type { ImagingReference } from "./types";

/** Whole days since 1970-01-01, so that windows are integer comparisons. */
export type DayNumber = number;

// Dates reaching here have passed the `clinicalDate` schema: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/**
 * The day number of a clinical date: the same count as `daysBetween("1970-01-01", date)`, by calendar
 * arithmetic rather than through Date objects, because the rule engine needs it for every event of long
 * records (days-from-civil, H. Hinnant, "chrono-compatible low-level date algorithms").
 */
export function dayNumber(date: ClinicalDate): DayNumber {
  const month = digit(date, 5) * 10 + digit(date, 6);
  const dayOfMonth = digit(date, 8) * 10 + digit(date, 9);
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Orders within a day: 0 for a date given as a day, 1 + the minute of the day for a time. */
const MINUTES = 1441;

/**
 * A number that orders clinical dates as `compareClinicalDates` does: by day, a date given as a day
 * before any time on that day, then by time.
 */
function clinicalOrder(date: ClinicalDate): number {
  const minuteOfDay = date.length > 10 ? 1 + (digit(date, 11) * 10 + digit(date, 12)) * 60 + digit(date, 14) * 10 + digit(date, 15) : 0;
  return dayNumber(date) * MINUTES + minuteOfDay;
}

/**
 * The events that count, in clinical order (by date, then by id so that events on the same date
 * always sort the same way): the latest version of each logical event (an older version passed
 * alongside a newer one is dropped), without those entered in error, and none dated after `now`
 * (a date given as a day covers the whole of that day). Callers
 * pass current versions; filtering again here costs little and keeps a stale or mistaken entry from
 * ever raising an alert.
 */
export function currentEvents(events: readonly TimelineEvent[], now?: ClinicalDate): TimelineEvent[] {
  // Only an amended event (version 2 or later) can supersede another, so only those are indexed.
  const latestAmended = new Map<string, TimelineEvent>();
  for (const event of events) {
    if (event.version < 2) continue;
    const seen = latestAmended.get(event.id);
    if (!seen || event.version > seen.version || (event.version === seen.version && event.versionId > seen.versionId)) latestAmended.set(event.id, event);
  }
  const nowDay = now === undefined ? Infinity : dayNumber(now);
  const current: { order: number; event: TimelineEvent }[] = [];
  for (const event of events) {
    if (event.status === "entered_in_error") continue;
    if (latestAmended.size > 0 && (latestAmended.get(event.id) ?? event) !== event) continue;
    const order = clinicalOrder(event.occurredAt);
    const day = Math.floor(order / MINUTES);
    if (day > nowDay) continue;
    if (day === nowDay && precisionOf(now!) === "time" && precisionOf(event.occurredAt) === "time" && compareClinicalDates(event.occurredAt, now!) > 0) continue;
    current.push({ order, event });
  }
  current.sort((a, b) => a.order - b.order || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  return current.map(({ event }) => event);
}

export interface DatedImaging extends ImagingReference {
  day: DayNumber;
}

export interface TreatmentGiven {
  eventId: string;
  regimen: string;
  cycleNumber: number;
  /** The day the cycle started. */
  day: DayNumber;
  /** The cycle's last day: its end when recorded, else its start. */
  lastDay: DayNumber;
  lastDate: ClinicalDate;
}

/** The parts of a patient's record the rule reads besides flares, indexed for quick look-ups. */
export interface PatientRecord {
  /** Current events in clinical order. */
  events: TimelineEvent[];
  cancerDiagnosisIds: string[];
  /** Tumour imaging (baseline staging or a RECIST response; a muscle MRI is neither) in clinical order. */
  tumourImaging: DatedImaging[];
  /** Anticancer treatment cycles, by start day. */
  treatments: TreatmentGiven[];
  /** For each cycle, the one among it and those before it that ended last. */
  latestTreatmentSoFar: TreatmentGiven[];
  /** The latest result of each antibody tested. */
  latestAntibodies: Map<MyositisAntibody, EventOfKind<"antibody_result">>;
}

export function patientRecord(events: readonly TimelineEvent[], now?: ClinicalDate): PatientRecord {
  const current = currentEvents(events, now);
  const record: PatientRecord = { events: current, cancerDiagnosisIds: [], tumourImaging: [], treatments: [], latestTreatmentSoFar: [], latestAntibodies: new Map() };
  for (const event of current) {
    switch (event.kind) {
      case "diagnosis":
        if (event.payload.role === "cancer") record.cancerDiagnosisIds.push(event.id);
        break;
      case "imaging":
        if (isTumourAssessment(event.payload)) {
          record.tumourImaging.push({ eventId: event.id, date: event.occurredAt, response: event.payload.response, day: dayNumber(event.occurredAt) });
        }
        break;
      case "treatment_cycle": {
        const last = event.endedAt ?? event.occurredAt;
        record.treatments.push({
          eventId: event.id,
          regimen: event.payload.regimen,
          cycleNumber: event.payload.cycleNumber,
          day: dayNumber(event.occurredAt),
          lastDay: dayNumber(last),
          lastDate: last,
        });
        break;
      }
      case "antibody_result":
        // Events are in clinical order, so the last one seen is the latest result.
        record.latestAntibodies.set(event.payload.antibody, event);
        break;
    }
  }
  for (const treatment of record.treatments) {
    const before = record.latestTreatmentSoFar.at(-1);
    record.latestTreatmentSoFar.push(before && before.lastDay > treatment.lastDay ? before : treatment);
  }
  return record;
}

/** Index of the first item whose day is at least `day` (items sorted by day). */
function firstOnOrAfter<T extends { day: DayNumber }>(items: readonly T[], day: DayNumber): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].day < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The most recent tumour imaging on a day before `day`. */
export function lastImagingBefore(record: PatientRecord, day: DayNumber): DatedImaging | undefined {
  const index = firstOnOrAfter(record.tumourImaging, day);
  return index > 0 ? record.tumourImaging[index - 1] : undefined;
}

/** The first tumour imaging on or after `day`. */
export function firstImagingFrom(record: PatientRecord, day: DayNumber): DatedImaging | undefined {
  return record.tumourImaging[firstOnOrAfter(record.tumourImaging, day)];
}

/** Tumour imaging from `fromDay` to `toDay` inclusive, earliest first. */
export function imagingBetween(record: PatientRecord, fromDay: DayNumber, toDay: DayNumber): DatedImaging[] {
  const found: DatedImaging[] = [];
  for (let i = firstOnOrAfter(record.tumourImaging, fromDay); i < record.tumourImaging.length && record.tumourImaging[i].day <= toDay; i++) {
    found.push(record.tumourImaging[i]);
  }
  return found;
}

/** Of the anticancer treatment cycles started on or before `day`, the one that ended last. */
export function lastTreatmentBy(record: PatientRecord, day: DayNumber): TreatmentGiven | undefined {
  const index = firstOnOrAfter(record.treatments, day + 1);
  return index > 0 ? record.latestTreatmentSoFar[index - 1] : undefined;
}
