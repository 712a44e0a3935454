import type { ClinicalDate, ImagingModality, RecistResponse } from "@/lib/events";

/** All the engine needs to know about a patient; the record itself comes as events. */
export interface AlertPatient {
  id: string;
}

export const flareDomains = ["skin", "muscle"] as const;
export type FlareDomain = (typeof flareDomains)[number];

/**
 * The measures of dermatomyositis activity the rules compare, each with its better direction:
 * lower is better for skin grade, CDASI activity and CK (as ×ULN); higher is better for MRC grade and
 * MMT-8; absent is better for dysphagia and respiratory involvement (stored as 1 present, 0 absent).
 */
export type Measure = "skin-grade" | "cdasi-activity" | "ck" | "mrc" | "mmt8" | "dysphagia" | "respiratory";

/** One value of a measure, from one event. */
export interface Observation {
  /** The logical event id (`TimelineEvent.id`). */
  eventId: string;
  date: ClinicalDate;
  measure: Measure;
  /** Grade, CDASI points, ×ULN, MRC grade, MMT-8 score, or 1/0 for present/absent. */
  value: number;
  /** MMT-8 only: 80 (unilateral) or 150 (bilateral); values on different scales never compare. */
  scale?: 80 | 150;
  /** CK only: what was printed, and the range the ×ULN is taken against. */
  lab?: { value: number; unit: string; comparator?: string; high: number; low?: number; assumedRange: boolean };
}

/** An observation's comparison point, quoted with its date so a reason can say what it was compared with. */
export interface ObservedValue {
  eventId: string;
  date: ClinicalDate;
  value: number;
  /** CK only, as on the observation. */
  lab?: Observation["lab"];
}

/**
 * A worsening: an assessment worse than the patient's reference (the best value since the last
 * answering scan) by the measure's threshold, or abnormal on its own when there is no earlier value.
 */
export interface Finding extends Observation {
  domain: FlareDomain;
  /**
   * Why it counts: worse than the reference; abnormal on its own at the first assessment of the
   * measure; or abnormal on its own with no value at the anchor scan to compare with.
   */
  basis: "reference" | "first-assessment" | "on-its-own";
  /** With basis "reference": the best value since the last answering scan (or of the look-back window). */
  reference?: ObservedValue;
  /** The value just before this one, when it is not the reference (so "down from 8×ULN" can be said). */
  previous?: ObservedValue;
  /** No earlier value of this measure at all in the record ("at first assessment"). */
  firstAssessment: boolean;
  /** Severe for priority: skin grade 4, CK ≥ severe ×ULN, MRC ≤ severe grade, dysphagia, respiratory involvement. */
  severe: boolean;
}

/** A tumour scan, as an alert cites it. */
export interface ImagingReference {
  eventId: string;
  date: ClinicalDate;
  /** The scan's RECIST response as the server computed it (or as recorded where no lesions were measured); absent for a baseline staging study. */
  response?: RecistResponse;
  modality?: ImagingModality;
}

/** A tumour scan that could not answer "is the cancer progressing?", and why. */
export interface UnansweringScan extends ImagingReference {
  why: "not-evaluable" | "modality";
}

export const alertPriorities = ["high", "normal"] as const;
export type AlertPriority = (typeof alertPriorities)[number];

/** What the rule engine says: open until an answering scan, then resolved (the immune-related myositis alert stays open until a clinician acts). */
export type EvaluatedAlertStatus = "open" | "resolved";

export type AlertRuleId = "reimaging-after-flare" | "immune-related-myositis" | "screening-due" | "screening-overdue";

/** An alert that should exist for a patient, as `evaluate` produces it. */
export interface Alert {
  /**
   * `${patientId}:${ruleId}:${anchor}` where the anchor is the last answering scan before the findings
   * (or "none"), with "~2", "~3"… for a further worsening after the alert before it was dismissed:
   * re-evaluating never duplicates an alert.
   */
  key: string;
  patientId: string;
  ruleId: AlertRuleId;
  ruleVersion: number;
  priority: AlertPriority;
  /** Every priority factor that holds, in plain words; the alert is high priority when there are enough. */
  priorityReasons: string[];
  /** Logical ids of the finding events, in clinical order. */
  evidence: string[];
  /** Date of the first finding. */
  episodeStart: ClinicalDate;
  domains: FlareDomain[];
  /** The last answering scan before the findings: the alert's anchor. */
  lastImaging?: ImagingReference;
  status: EvaluatedAlertStatus;
  /** The answering scan on or after the first finding that resolved it. */
  resolvedBy?: ImagingReference;
  /** Which events made it fire, against what, the context, and what to consider, in plain words. */
  reason: string;
  /** The findings behind the alert, strongest per measure first. */
  findings: Finding[];
}

/** A stored alert a clinician dismissed: its evidence then holds the values at dismissal. */
export interface DismissedAlert {
  key: string;
  ruleId: string;
  evidence: readonly string[];
}
