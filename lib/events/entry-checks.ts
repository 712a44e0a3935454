import { dayOf, formatClinicalDate, type ClinicalDate } from "./dates";
import type { EventInput, TimelineEvent } from "./event";
import { analytes } from "./labs";
import type { FieldErrors } from "./problems";

/**
 * Checks on an event about to be recorded that the schemas cannot make alone (docs/data-entry.md):
 * a date after today, a value far outside what is seen in practice, a second record of the same
 * thing on the same day. The services run them on every clinician write (form and API); the imports
 * run the date check on every row.
 */

/* ------------------------------------------------------------------------------------------------ */
/* Dates after today                                                                                  */

/**
 * An event dated after today (the clinic's day, lib/patients clinicToday) has not happened: it is
 * refused. No kind records planned events; a planned scan or cycle is not an event yet. The end of a
 * span (a medication's last day) is refused too: an end date is recorded once it has happened.
 */
export function futureDateErrors(event: Pick<EventInput, "occurredAt" | "endedAt">, today: ClinicalDate): FieldErrors {
  const errors: FieldErrors = {};
  const later = (date: ClinicalDate) => dayOf(date) > today;
  if (later(event.occurredAt)) errors.occurredAt = [`${formatClinicalDate(event.occurredAt)} is after today (${formatClinicalDate(today)}): record an event once it has happened`];
  if (event.endedAt !== undefined && later(event.endedAt)) {
    errors.endedAt = [`${formatClinicalDate(event.endedAt)} is after today (${formatClinicalDate(today)}): leave the end date empty until it has happened`];
  }
  return errors;
}

/* ------------------------------------------------------------------------------------------------ */
/* Implausible values                                                                                 */

/**
 * Limits above which a value is far more often a typing slip than a result, so the writer is asked to
 * confirm it (never refused: each can be real). Defaults are cautious and can be changed here only.
 *
 * - CK above 100 000 U/L: the issue's limit. CK can exceed it in severe rhabdomyolysis, which is why it
 *   is a confirmation, not a refusal (rhabdomyolysis is commonly defined from CK > 5× ULN, ~1000 U/L,
 *   and reported peaks run to the hundreds of thousands).
 * - Glucocorticoid daily dose 10× the usual maximum: in myositis, oral prednisolone is given at
 *   0.5–1 mg/kg/day, usually at most 60–80 mg/day, and pulsed intravenous methylprednisolone at
 *   500–1000 mg/day for 3 days (BSR guideline on the management of idiopathic inflammatory myopathy,
 *   Oldroyd et al., Rheumatology 2022;61:1760–8). Dexamethasone is at most ~40 mg/day in pulses,
 *   hydrocortisone ~400 mg/day. Ten times those is a slip of a unit or a zero (800 for 80 mg).
 */
export const plausibilityLimits = {
  ckUnitsPerLitre: 100_000,
  /** Usual maximum daily dose in mg by glucocorticoid; a dose of 10× this or more asks for confirmation. */
  usualMaxSteroidMgPerDay: { prednisolone: 80, prednisone: 80, methylprednisolone: 1000, dexamethasone: 40, hydrocortisone: 400, deflazacort: 120 } as Record<string, number>,
  steroidFactor: 10,
} as const;

export interface Implausible {
  /** The field, as the event's own paths name it ("payload.value"). */
  path: string;
  message: string;
}

function steroidOf(drug: string): string | undefined {
  const name = drug.toLowerCase();
  return Object.keys(plausibilityLimits.usualMaxSteroidMgPerDay).find((steroid) => name.includes(steroid));
}

export function implausibleValues(event: EventInput): Implausible[] {
  if (event.kind === "lab_result" && event.payload.analyte === "ck" && event.payload.unit === "U/L" && event.payload.value > plausibilityLimits.ckUnitsPerLitre) {
    return [
      {
        path: "payload.value",
        message: `CK ${event.payload.value} U/L is above ${plausibilityLimits.ckUnitsPerLitre.toLocaleString("en-GB")} U/L, a value seen only in severe rhabdomyolysis: check it against the lab report`,
      },
    ];
  }
  if (event.kind === "medication" && event.payload.dose) {
    const steroid = steroidOf(event.payload.drug);
    const { value, unit } = event.payload.dose;
    // A daily dose in mg ("mg" alone is read as a single dose given that day).
    const mgPerDay = unit === "mg/day" || unit === "mg" ? value : unit === "g" ? value * 1000 : undefined;
    if (steroid && mgPerDay !== undefined) {
      const usual = plausibilityLimits.usualMaxSteroidMgPerDay[steroid];
      if (mgPerDay >= usual * plausibilityLimits.steroidFactor) {
        return [
          {
            path: "payload.dose.value",
            message: `${value} ${unit} of ${steroid} is ${Math.round(mgPerDay / usual)}× the usual maximum of ${usual} mg a day: check the dose and its unit`,
          },
        ];
      }
    }
  }
  return [];
}

/* ------------------------------------------------------------------------------------------------ */
/* The same thing twice on one day                                                                   */

/**
 * What makes two records "the same observation" on one day (a second flare logged by a colleague, a
 * form sent twice). Two records with the same key are not refused — a repeat CK on the same day can be
 * real — but the second one is recorded only once the writer has seen the first and confirmed.
 *
 * | kind               | same key when                                  |
 * |--------------------|------------------------------------------------|
 * | skin assessment    | same day                                       |
 * | muscle assessment  | same day                                       |
 * | lab result         | same day and same analyte                      |
 * | imaging            | same day and same modality                     |
 * | treatment cycle    | same day, same regimen and cycle number        |
 * | antibody result    | same day and same antibody                     |
 * | others             | not checked (two notes or medications a day are ordinary) |
 */
export function sameDayKey(event: EventInput | TimelineEvent): string | undefined {
  const day = dayOf(event.occurredAt);
  switch (event.kind) {
    case "skin_assessment":
    case "muscle_assessment":
      return `${event.kind}|${day}`;
    case "lab_result":
      return `${event.kind}|${day}|${event.payload.analyte}`;
    case "imaging":
      return `${event.kind}|${day}|${event.payload.modality}`;
    case "treatment_cycle":
      return `${event.kind}|${day}|${event.payload.regimen.trim().toLowerCase()}|${event.payload.cycleNumber}`;
    case "antibody_result":
      return `${event.kind}|${day}|${event.payload.antibody}`;
    default:
      return undefined;
  }
}

/** How a duplicate is named to the writer: "Skin assessment of 3 Aug 2020 (grade 3)". */
export function sameDayLabel(event: TimelineEvent): string {
  const date = formatClinicalDate(event.occurredAt);
  switch (event.kind) {
    case "skin_assessment":
      return `Skin assessment of ${date}: grade ${event.payload.grade}${event.payload.cdasiActivity !== undefined ? `, CDASI activity ${event.payload.cdasiActivity}` : ""}`;
    case "muscle_assessment":
      return `Muscle assessment of ${date}`;
    case "lab_result":
      return `${analytes[event.payload.analyte].short} of ${date}: ${event.payload.comparator ?? ""}${event.payload.value} ${event.payload.unit}`;
    case "imaging":
      return `${event.payload.modality} of ${date}`;
    case "treatment_cycle":
      return `${event.payload.regimen} cycle ${event.payload.cycleNumber} of ${date}`;
    case "antibody_result":
      return `Antibody result of ${date}`;
    default:
      return `${event.kind} of ${date}`;
  }
}

/** What a writer can confirm after seeing the warning. */
export const confirmations = ["implausible", "duplicate"] as const;
export type Confirmation = (typeof confirmations)[number];

export interface EntryWarning {
  kind: Confirmation;
  /** The field the warning is about, in the caller's paths ("payload.value", "1.payload.value", "occurredAt"). */
  path: string;
  message: string;
  /** For a duplicate: the event already recorded. */
  existing?: { id: string; label: string; recordedBy: string; recordedAt: string };
}
