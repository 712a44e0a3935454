import {
  compareClinicalDates,
  isTumourAssessment,
  precisionOf,
  type ClinicalDate,
  type EventOfKind,
  type MyositisAntibody,
  type PayloadOf,
  type RecistResponse,
  type SkinSign,
  type TimelineEvent,
} from "@/lib/events";
import { namesOneOf, type AlertSettings } from "./settings";
import type { ImagingReference, UnansweringScan } from "./types";

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

/** A dose of an immune checkpoint inhibitor: a treatment cycle or a medication naming one. */
export interface CheckpointDose {
  eventId: string;
  date: ClinicalDate;
  day: DayNumber;
  drug: string;
}

/** A recorded myositis adverse event (CTCAE "Myositis"). */
export interface MyositisEvent {
  eventId: string;
  date: ClinicalDate;
  day: DayNumber;
  term: string;
  grade: number;
}

/**
 * DM-specific skin signs: their presence establishes dermatomyositis for the re-imaging rule when no
 * DM diagnosis is recorded (Bohan & Peter's typical rash; the hallmark cutaneous signs of DM).
 */
export const dmSpecificSigns: readonly SkinSign[] = ["heliotrope", "gottron-papules", "shawl-sign", "v-sign", "periungual-erythema", "flagellate-erythema"];

/**
 * The response a scan stands for: the one the server computed from measured lesions when there is one,
 * else the recorded response (a report without measurements). Never a response the browser computed.
 */
export function responseOfRecord(payload: PayloadOf<"imaging">): RecistResponse | undefined {
  return payload.computedResponse ?? payload.response;
}

/** The parts of a patient's record the rules read besides the measures, indexed for quick look-ups. */
export interface PatientRecord {
  /** Current events in clinical order. */
  events: TimelineEvent[];
  cancerDiagnosisIds: string[];
  /** A dermatomyositis diagnosis is recorded (any date). */
  dmDiagnosed: boolean;
  /** A skin assessment showed a DM-specific sign (any date). */
  dmSignSeen: boolean;
  /** Scans that answer "is the cancer progressing?" (answering modality; baseline or CR/PR/SD/PD), in clinical order. */
  answeringScans: DatedImaging[];
  /** Tumour imaging that cannot answer (NE, or another modality), in clinical order. */
  unansweringScans: (UnansweringScan & { day: DayNumber })[];
  /** Anticancer treatment cycles, by start day. */
  treatments: TreatmentGiven[];
  /** For each cycle, the one among it and those before it that ended last. */
  latestTreatmentSoFar: TreatmentGiven[];
  /** The latest result of each antibody tested. */
  latestAntibodies: Map<MyositisAntibody, EventOfKind<"antibody_result">>;
  /** Medications in clinical order (steroid reductions and statin starts are read from them). */
  medications: EventOfKind<"medication">[];
  checkpointDoses: CheckpointDose[];
  myositisEvents: MyositisEvent[];
  /** Troponin results in clinical order. */
  troponins: EventOfKind<"lab_result">[];
  /** Muscle assessments in clinical order (a normal examination on the day of a CK rise is context). */
  muscleAssessments: EventOfKind<"muscle_assessment">[];
}

export function patientRecord(events: readonly TimelineEvent[], settings: AlertSettings, now?: ClinicalDate): PatientRecord {
  const current = currentEvents(events, now);
  const record: PatientRecord = {
    events: current,
    cancerDiagnosisIds: [],
    dmDiagnosed: false,
    dmSignSeen: false,
    answeringScans: [],
    unansweringScans: [],
    treatments: [],
    latestTreatmentSoFar: [],
    latestAntibodies: new Map(),
    medications: [],
    checkpointDoses: [],
    myositisEvents: [],
    troponins: [],
    muscleAssessments: [],
  };
  const answering = new Set<string>(settings.answeringModalities);
  for (const event of current) {
    switch (event.kind) {
      case "diagnosis":
        if (event.payload.role === "cancer") record.cancerDiagnosisIds.push(event.id);
        if (event.payload.role === "dermatomyositis") record.dmDiagnosed = true;
        break;
      case "imaging": {
        if (!isTumourAssessment(event.payload) && responseOfRecord(event.payload) === undefined) break;
        const response = responseOfRecord(event.payload);
        const scan = { eventId: event.id, date: event.occurredAt, modality: event.payload.modality, ...(response && { response }), day: dayNumber(event.occurredAt) };
        if (!answering.has(event.payload.modality)) record.unansweringScans.push({ ...scan, why: "modality" });
        else if (response === "NE" || (response === undefined && event.payload.baseline !== true)) record.unansweringScans.push({ ...scan, why: "not-evaluable" });
        else record.answeringScans.push(scan);
        break;
      }
      case "skin_assessment":
        if (event.payload.signs.some((sign) => dmSpecificSigns.includes(sign))) record.dmSignSeen = true;
        break;
      case "muscle_assessment":
        record.muscleAssessments.push(event);
        break;
      case "lab_result":
        if (event.payload.analyte === "troponin-t" || event.payload.analyte === "troponin-i") record.troponins.push(event);
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
        const drug = namesOneOf(event.payload.regimen, settings.checkpointInhibitors);
        if (drug) record.checkpointDoses.push({ eventId: event.id, date: event.occurredAt, day: dayNumber(event.occurredAt), drug });
        break;
      }
      case "medication": {
        record.medications.push(event);
        const drug = namesOneOf(event.payload.drug, settings.checkpointInhibitors);
        if (drug) record.checkpointDoses.push({ eventId: event.id, date: event.occurredAt, day: dayNumber(event.occurredAt), drug });
        break;
      }
      case "adverse_event":
        if (/myositis/i.test(event.payload.term)) {
          record.myositisEvents.push({ eventId: event.id, date: event.occurredAt, day: dayNumber(event.occurredAt), term: event.payload.term, grade: event.payload.grade });
        }
        break;
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
export function firstOnOrAfter<T extends { day: DayNumber }>(items: readonly T[], day: DayNumber): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].day < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the last answering scan dated on a day before `day`, or -1. */
export function anchorIndexBefore(record: PatientRecord, day: DayNumber): number {
  return firstOnOrAfter(record.answeringScans, day) - 1;
}

/** Of the anticancer treatment cycles started on or before `day`, the one that ended last. */
export function lastTreatmentBy(record: PatientRecord, day: DayNumber): TreatmentGiven | undefined {
  const index = firstOnOrAfter(record.treatments, day + 1);
  return index > 0 ? record.latestTreatmentSoFar[index - 1] : undefined;
}

export function imagingReference({ eventId, date, response, modality }: ImagingReference): ImagingReference {
  return { eventId, date, ...(response && { response }), ...(modality && { modality }) };
}
