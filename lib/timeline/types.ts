import type { ClinicalDate, RecistResponse } from "@/lib/events";

/**
 * The chart's view model. Plain JSON only (strings, numbers, arrays, plain objects; no Dates, no
 * functions, no undefined-valued keys), because a server component builds it and a client chart draws it.
 *
 * x values are day numbers: days since 1970-01-01 of the clinical date's calendar day, with the time of
 * day as a fraction for time-precision events ("2020-08-03T12:00" → 18477.5).
 */
export type DayNumber = number;

export interface TimeAxis {
  /** [first, last] over every event date (start and end) and alert; [0, 0] when there is nothing. */
  domain: [DayNumber, DayNumber];
  /** Day 0 of the relative axis: the calendar day of the reference event. Earlier events have negative days. */
  origin: DayNumber;
  /** Absent only when the patient has no events. */
  reference?: { eventId: string; date: ClinicalDate; label: string };
  /**
   * The events day 0 may be put on, in date order: every diagnosis, the first cycle of each line of therapy,
   * every imaging study, procedure and radiotherapy, and the reference event itself whatever its kind.
   */
  choices: ReferenceChoice[];
}

export interface ReferenceChoice {
  eventId: string;
  /** Where the event sits; its calendar day becomes day 0 when chosen. */
  x: DayNumber;
  date: ClinicalDate;
  /** "Diagnosis: Leiomyosarcoma, grade 2, 6 Jan 2020", "Line 2 start: Trabectedin cycle 1, 13 Sep 2020". */
  label: string;
}

export interface SeriesPoint {
  x: DayNumber;
  /** What is plotted: ×ULN (floored to stay > 0 on a log scale) for enzymes, otherwise equal to value. */
  y: number;
  /** The true value as recorded, never rounded (CK 695, not 3.5×ULN). */
  value: number;
  unit: string;
  eventId: string;
  date: ClinicalDate;
  dateLabel: string;
  /** The value as read out: "695 U/L", "< 4 mg/L", "40 mg/day", "3 (severe)". */
  label: string;
  /** Labs: the range the lab printed, e.g. "25–200 U/L". */
  range?: string;
  /** Labs: value ÷ that result's own upper limit (unfloored). */
  timesUln?: number;
  /** Context worth reading out: skin signs, "stopped", the dose change. */
  detail?: string;
}

export interface NumericSeries {
  id: string;
  name: string;
  /** Unit of y: "×ULN", "grade", "mm", "mg/day"... */
  unit: string;
  /** Series with the same yAxis share a y axis. */
  yAxis: string;
  scale: "linear" | "log";
  /** "step-after": each value holds until the next point (doses). */
  interpolation: "linear" | "step-after";
  /** Fixed y range of a bounded score (grade 0–4, MMT-8 0–80); absent when open-ended. */
  yDomain?: [number, number];
  /** A horizontal line worth drawing, e.g. 1×ULN or CDASI 14. */
  reference?: { y: number; label: string };
  points: SeriesPoint[];
  /** How many points the series has, and how many survived downsampling. */
  counts: { total: number; shown: number };
}

export interface TableModel {
  caption: string;
  columns: string[];
  /** Sorted by x; cells align with columns. */
  rows: { key: string; x: DayNumber; cells: string[] }[];
}

export type ResponseColourKey = "recist-cr" | "recist-pr" | "recist-sd" | "recist-pd" | "recist-ne" | "recist-none";

export interface ImagingMarker {
  x: DayNumber;
  eventId: string;
  date: ClinicalDate;
  dateLabel: string;
  modality: string;
  response?: RecistResponse;
  colourKey: ResponseColourKey;
  label: string;
  /** The recorded response differs from the one the server computed from the lesions. */
  disagrees?: boolean;
}

/** A line's best overall response, over the span from its baseline to the next line's baseline. */
export interface BestResponseSpan {
  line?: number;
  from: DayNumber;
  to: DayNumber;
  label: string;
}

/** From assessment i to assessment i+1, coloured by assessment i's response (what was known meanwhile). */
export interface ResponseBand {
  from: DayNumber;
  to: DayNumber;
  response: RecistResponse;
  colourKey: ResponseColourKey;
  openedBy: string;
  closedBy: string;
  label: string;
}

export interface TumourLane {
  id: "tumour";
  title: string;
  markers: ImagingMarker[];
  bands: ResponseBand[];
  bestResponses: BestResponseSpan[];
  legend: { key: ResponseColourKey; label: string; colour: string }[];
  series: NumericSeries[];
  table: TableModel;
  notes: string[];
}

export interface LineSpan {
  line: number;
  from: DayNumber;
  to: DayNumber;
  regimens: string;
  cycleCount: number;
  label: string;
  firstCycleEventId: string;
  lastCycleEventId: string;
}

export interface CycleTick {
  x: DayNumber;
  eventId: string;
  dateLabel: string;
  line: number;
  cycleNumber: number;
  regimen: string;
  dose?: string;
  doseChangePercent?: number;
  label: string;
}

export interface TreatmentMarker {
  x: DayNumber;
  eventId: string;
  dateLabel: string;
  label: string;
}

export interface InterventionSpan {
  from: DayNumber;
  to: DayNumber;
  eventId: string;
  dateLabel: string;
  kind: "procedure" | "radiotherapy";
  label: string;
}

export interface TreatmentLane {
  id: "treatment";
  title: string;
  lines: LineSpan[];
  cycles: CycleTick[];
  doseChanges: (TreatmentMarker & { percent: number })[];
  adverseEvents: (TreatmentMarker & { grade: number })[];
  interventions: InterventionSpan[];
  series: NumericSeries[];
  table: TableModel;
  notes: string[];
}

export interface SkinLane {
  id: "skin";
  title: string;
  series: NumericSeries[];
  table: TableModel;
  notes: string[];
}

export interface MuscleLane {
  id: "muscle";
  title: string;
  series: NumericSeries[];
  /** The 1×ULN line of the ×ULN axis. */
  reference: { y: 1; label: string };
  /** ×ULN values below this are drawn at it so a log scale never meets 0; readouts keep the true value. */
  logFloor: number;
  table: TableModel;
  notes: string[];
}

export interface MedicationSpan {
  from: DayNumber;
  /** The last day taken; for a medication without an end date, the clinic's today. */
  to: DayNumber;
  eventId: string;
  label: string;
  /** Recorded without an end date: drawn up to today and read out as ongoing. */
  ongoing?: boolean;
}

export interface ImmunosuppressionLane {
  id: "immunosuppression";
  title: string;
  /** One step series per drug dosed in mg/day (oral or IV). */
  series: NumericSeries[];
  /** Other immunosuppression (topical, mg/week, g/kg...): spans, not part of a mg/day line. */
  otherMedications: MedicationSpan[];
  table: TableModel;
  notes: string[];
}

export interface TimelineAlert {
  key: string;
  date: ClinicalDate;
  priority: string;
  evidenceIds: string[];
  reason: string;
  /** "Open", "Acknowledged by … on …", "Resolved by CT of 3 Sep 2020"… as the header says it. */
  status?: string;
}

export interface AlertMarker {
  x: DayNumber;
  key: string;
  dateLabel: string;
  priority: string;
  reason: string;
  /** The alert's status in words ("Open", "Acknowledged…", "Resolved by CT of 3 Sep 2020"). */
  status?: string;
  /** Evidence events with their position, so the chart can link them; ids not on the chart have no x. */
  evidence: { eventId: string; x?: DayNumber }[];
}

export interface AlertsLane {
  id: "alerts";
  title: string;
  markers: AlertMarker[];
  series: NumericSeries[];
  table: TableModel;
  notes: string[];
}

export type Lane = TumourLane | TreatmentLane | SkinLane | MuscleLane | ImmunosuppressionLane | AlertsLane;
export type LaneId = Lane["id"];

export interface TimelineModel {
  axis: TimeAxis;
  /** Always all six, in this order: tumour, treatment, skin, muscle, immunosuppression, alerts. */
  lanes: [TumourLane, TreatmentLane, SkinLane, MuscleLane, ImmunosuppressionLane, AlertsLane];
}

export interface TimelineOptions {
  /** The clinic's today: treatments recorded without an end date are drawn as ongoing up to it. */
  today?: ClinicalDate;
  /** The event whose day is day 0; default the earliest cancer diagnosis, else the first event. */
  referenceEventId?: string;
  alerts?: TimelineAlert[];
  /** Per numeric series; default 1500. */
  maxPointsPerSeries?: number;
}
