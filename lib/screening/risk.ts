import {
  ageOn,
  antibodyNames,
  formatClinicalDate,
  myositisSpecificAntibodies,
  type ClinicalDate,
  type EventOfKind,
  type MyositisAntibody,
  type TimelineEvent,
} from "@/lib/events";
import type { AlertSettings } from "@/lib/alerts/settings";

/**
 * Cancer screening when dermatomyositis comes first: the patient's IIM-associated cancer risk as the
 * IMACS guideline stratifies it (Oldroyd et al., Nat Rev Rheumatol 2023;19:805–817): standard,
 * moderate or high, by antibodies and clinical features. Every number and list is a setting
 * (lib/alerts/settings.ts, groups "screening-risk" and "screening-plan"); docs/screening.md says which
 * parts the public text settles and which are Flarewatch's cautious choices.
 */
export type RiskCategory = "standard" | "moderate" | "high";
export const riskCategoryNames: Record<RiskCategory, string> = { standard: "Standard", moderate: "Moderate", high: "High" };

/** One reason the patient is in their category, with the event it came from. */
export interface RiskReason {
  factor: "high-risk-antibody" | "moderate-risk-antibody" | "age" | "dysphagia" | "ulceration" | "seronegative";
  weight: "high" | "moderate";
  /** In plain words with the date, e.g. "anti-TIF1γ positive (12 Mar 2026)". */
  text: string;
  /** The event it came from (an antibody result, an assessment, the DM diagnosis). */
  eventId?: string;
  date?: ClinicalDate;
}

export interface Risk {
  category: RiskCategory;
  /** High-risk reasons first, each in clinical order. */
  reasons: RiskReason[];
}

/** What the screening rules need besides the events: the patient's birth date (age at onset). */
export interface ScreeningPatient {
  id: string;
  birthDate?: string;
  sex?: string;
}

/** The record as screening reads it: DM onset, cancers, antibodies and features, each linked to its event. */
export interface ScreeningRecord {
  /** The earliest dermatomyositis diagnosis: its date is the onset the plan counts from. */
  dmDiagnosis?: EventOfKind<"diagnosis">;
  /** The earliest cancer diagnosis: it ends (or precludes) the plan. */
  cancerDiagnosis?: EventOfKind<"diagnosis">;
  latestAntibodies: Map<MyositisAntibody, EventOfKind<"antibody_result">>;
  firstDysphagia?: EventOfKind<"muscle_assessment">;
  firstUlceration?: EventOfKind<"skin_assessment">;
  /** Current events (latest versions, none entered in error, none after today) in clinical order. */
  events: TimelineEvent[];
}

export function lowerFirst(text: string): string {
  return text.startsWith("ANA") ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The risk category and its reasons. Order-free: reads only the latest antibody results and the first
 * recorded features (ties broken by event id), so entering the same events in any order gives the same
 * result.
 */
export function riskOf(patient: ScreeningPatient, record: ScreeningRecord, settings: AlertSettings): Risk {
  const reasons: RiskReason[] = [];
  const features = new Set<string>(settings.screeningFeatures);
  const positive = (list: readonly string[]) =>
    [...record.latestAntibodies.values()].filter((event) => event.payload.result === "positive" && list.includes(event.payload.antibody)).sort(byDateThenId);
  for (const event of positive(settings.screeningHighRiskAntibodies)) {
    reasons.push({ factor: "high-risk-antibody", weight: "high", text: `${lowerFirst(antibodyNames[event.payload.antibody])} positive (${formatClinicalDate(event.occurredAt)})`, eventId: event.id, date: event.occurredAt });
  }
  const onset = record.dmDiagnosis;
  if (features.has("age") && onset) {
    if (patient.birthDate === undefined) {
      reasons.push({ factor: "age", weight: "high", text: "age at onset not known (no birth date): counted as over " + settings.screeningOnsetAge, eventId: onset.id, date: onset.occurredAt });
    } else {
      const age = ageOn(patient.birthDate, onset.occurredAt);
      if (age > settings.screeningOnsetAge) reasons.push({ factor: "age", weight: "high", text: `onset at ${age}`, eventId: onset.id, date: onset.occurredAt });
    }
  }
  if (features.has("dysphagia") && record.firstDysphagia) {
    reasons.push({ factor: "dysphagia", weight: "high", text: `dysphagia (${formatClinicalDate(record.firstDysphagia.occurredAt)})`, eventId: record.firstDysphagia.id, date: record.firstDysphagia.occurredAt });
  }
  if (features.has("ulceration") && record.firstUlceration) {
    reasons.push({ factor: "ulceration", weight: "high", text: `cutaneous ulceration (${formatClinicalDate(record.firstUlceration.occurredAt)})`, eventId: record.firstUlceration.id, date: record.firstUlceration.occurredAt });
  }
  for (const event of positive(settings.screeningModerateRiskAntibodies.filter((a) => !settings.screeningHighRiskAntibodies.includes(a)))) {
    reasons.push({ factor: "moderate-risk-antibody", weight: "moderate", text: `${lowerFirst(antibodyNames[event.payload.antibody])} positive (${formatClinicalDate(event.occurredAt)})`, eventId: event.id, date: event.occurredAt });
  }
  if (features.has("seronegative")) {
    const specific = [...record.latestAntibodies.values()].filter((event) => myositisSpecificAntibodies.includes(event.payload.antibody)).sort(byDateThenId);
    if (specific.length > 0 && specific.every((event) => event.payload.result === "negative")) {
      const last = specific[specific.length - 1];
      reasons.push({
        factor: "seronegative",
        weight: "moderate",
        text: `no myositis-specific antibody found (${specific.map((event) => antibodyNames[event.payload.antibody]).join(", ")} negative, latest ${formatClinicalDate(last.occurredAt)})`,
        eventId: last.id,
        date: last.occurredAt,
      });
    }
  }
  const high = reasons.filter((reason) => reason.weight === "high");
  const moderate = reasons.filter((reason) => reason.weight === "moderate");
  const category: RiskCategory =
    high.some((reason) => reason.factor === "high-risk-antibody") || high.length >= settings.screeningHighFactorsForHigh
      ? "high"
      : high.length >= 1 || moderate.length >= settings.screeningModerateFactorsForModerate
        ? "moderate"
        : "standard";
  return { category, reasons };
}

function byDateThenId(a: TimelineEvent, b: TimelineEvent): number {
  return a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** "High risk: anti-TIF1γ positive (12 Mar 2026), onset at 58, dysphagia (2 Apr 2026)" */
export function riskSentence(risk: Risk): string {
  const reasons = risk.reasons.map((reason) => reason.text);
  return `${riskCategoryNames[risk.category]} risk: ${reasons.length > 0 ? reasons.join(", ") : "no high- or moderate-risk factor recorded"}`;
}
