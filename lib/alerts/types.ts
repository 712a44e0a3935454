import type { ClinicalDate, RecistResponse } from "@/lib/events";

/** All the engine needs to know about a patient; the record itself comes as events. */
export interface AlertPatient {
  id: string;
}

export type FlareDomain = "skin" | "muscle";

export type FlareCriterion = "skin-grade" | "cdasi-activity" | "ck" | "mmt8-fall" | "proximal-weakness";

/**
 * One way an event showed a flare: what was seen and what it was compared with.
 * - skin-grade, cdasi-activity: value and the patient's reference (lowest of the reference period,
 *   else the last value before, else 0);
 * - ck: ×ULN and the lowest ×ULN of the reference period (absent when there was no CK in it);
 * - mmt8-fall: today's MMT-8 score and the previous score on the same `scale`;
 * - proximal-weakness: today's MRC grade and the previous MRC grade (absent when there was none).
 */
export interface FlareFinding {
  criterion: FlareCriterion;
  value: number;
  reference?: number;
  /** MMT-8 only: 80 (unilateral) or 150 (bilateral). */
  scale?: 80 | 150;
}

/** A flare evidence point: one event (skin assessment, CK result, muscle assessment) that met a flare rule. */
export interface FlarePoint {
  /** The logical event id (`TimelineEvent.id`). */
  eventId: string;
  occurredAt: ClinicalDate;
  domain: FlareDomain;
  findings: FlareFinding[];
}

/** Flare points less than `episodeGapDays` apart, in clinical order. */
export interface FlareEpisode {
  start: ClinicalDate;
  /** Date of the last flare point. */
  end: ClinicalDate;
  flares: FlarePoint[];
  /** "skin", "muscle" or both, in that order. */
  domains: FlareDomain[];
}

/** A tumour scan (an imaging event with a RECIST response), as an alert cites it. */
export interface ImagingReference {
  eventId: string;
  date: ClinicalDate;
  /** Absent for a baseline staging study. */
  response?: RecistResponse;
}

export type AlertPriority = "high" | "normal";

/** What the rule engine says: open until tumour imaging on or after the episode's start, then resolved. */
export type EvaluatedAlertStatus = "open" | "resolved";

/** An alert that should exist for a patient, as `evaluate` produces it. */
export interface Alert {
  /** `${patientId}:${ruleId}:${first evidence event id}`: re-evaluating never duplicates an alert. */
  key: string;
  patientId: string;
  ruleId: string;
  ruleVersion: number;
  priority: AlertPriority;
  /** Why it is high priority, in plain words; empty when normal. */
  priorityReasons: string[];
  /** Logical ids of the flare events, in clinical order; the first one is in the key. */
  evidence: string[];
  /** Date of the first flare finding. */
  episodeStart: ClinicalDate;
  domains: FlareDomain[];
  /** The most recent tumour imaging before the episode, if any. */
  lastImaging?: ImagingReference;
  status: EvaluatedAlertStatus;
  /** The first tumour imaging on or after the episode's start, when there is one (status "resolved"). */
  resolvedBy?: ImagingReference;
  /** Which events made it fire and what to do, in plain words. */
  reason: string;
}
