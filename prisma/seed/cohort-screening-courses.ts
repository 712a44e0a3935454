import type { EventInput, MyositisAntibody } from "@/lib/events";
import { at, type Ctx } from "./cohort-events";

/**
 * "DM without a cancer found" (issue 11): four variants that exercise cancer screening when
 * dermatomyositis comes first (lib/screening, docs/screening.md), every date relative to the DM onset
 * (day 0; the diagnosis is recorded on day 7), so they keep their meaning when the cohort's dates move.
 * They draw nothing from the random stream, so the other patients' records stay as they were.
 * - 0: high risk (anti-TIF1γ, dysphagia): the enhanced panel done at diagnosis, the basic panel only in
 *   part, the 12-month CT done, nothing since (an overdue round);
 * - 1: moderate risk (anti-SAE): both panels done at diagnosis and the basic panel at 12 months, then nothing;
 * - 2: standard risk (anti-Jo-1, onset at 34: the loader gives this variant that birth date): the basic
 *   panel at diagnosis without the national screening, nothing since;
 * - 3: high risk (anti-NXP2, cutaneous ulceration): every round done, PET-CT and endoscopy too.
 */
export const screeningVariants = 4;
export const screeningAntibody: Record<number, MyositisAntibody> = { 0: "tif1-gamma", 1: "sae", 2: "jo-1", 3: "nxp2" };
/** Variant 2's age at onset, in days (about 34 years): the loader's birth date for it. */
export const standardRiskAgeDays = 12_500;

const ONSET = 7;

export function screeningCourse(ctx: Ctx, variant: number): number {
  const push = (event: EventInput) => ctx.events.push(event);
  const ct = (day: number) =>
    push({ kind: "imaging", occurredAt: at(ctx, day), payload: { modality: "CT", region: "thorax-abdomen-pelvis", findings: "Screening CT thorax, abdomen and pelvis: no malignancy." } });
  const chest = (day: number) => push({ kind: "imaging", occurredAt: at(ctx, day), payload: { modality: "X-ray", region: "chest", findings: "Chest radiograph: clear." } });
  const bloods = (day: number) => {
    push({ kind: "lab_result", occurredAt: at(ctx, day), payload: { analyte: "wbc", value: 7.2, unit: "10*9/L", referenceRange: { low: 4, high: 11 } } });
    push({ kind: "lab_result", occurredAt: at(ctx, day), payload: { analyte: "esr", value: 24, unit: "mm/h", referenceRange: { low: 0, high: 27 } } });
  };
  const markers = (day: number) => {
    push({ kind: "lab_result", occurredAt: at(ctx, day), payload: { analyte: "ca-125", value: 18, unit: "U/mL", referenceRange: { high: 35 } } });
    push({ kind: "lab_result", occurredAt: at(ctx, day), payload: { analyte: "cea", value: 2.1, unit: "ng/mL", referenceRange: { high: 5 } } });
  };
  const procedure = (day: number, screening: "history-examination" | "national-screening" | "upper-gi-endoscopy" | "lower-gi-endoscopy", name: string) =>
    push({ kind: "procedure", occurredAt: at(ctx, day), payload: { name, screening } });
  const basic = (day: number, national = true) => {
    procedure(day, "history-examination", "Cancer-directed history and examination");
    bloods(day);
    chest(day);
    if (national) procedure(day + 14, "national-screening", "National bowel and breast screening up to date");
  };
  const year = (n: number) => ONSET + 365 * n;
  switch (variant % screeningVariants) {
    case 0:
      push({ kind: "muscle_assessment", occurredAt: at(ctx, 9), payload: { dysphagia: true, proximalWeaknessMrc: 4 } });
      ct(20);
      markers(21);
      bloods(9);
      ct(year(1) + 5);
      return year(1) + 60;
    case 1:
      basic(9);
      ct(15);
      markers(15);
      basic(year(1));
      return year(1) + 60;
    case 2:
      basic(10, false);
      return 200;
    default:
      push({ kind: "skin_assessment", occurredAt: at(ctx, 8), payload: { grade: 3, cdasiActivity: 28, signs: ["gottron-papules", "ulceration"] } });
      for (const n of [0, 1, 2, 3]) {
        basic(year(n) + 2);
        ct(year(n) + 3);
        markers(year(n) + 3);
      }
      push({ kind: "imaging", occurredAt: at(ctx, 40), payload: { modality: "PET-CT", region: "whole-body", findings: "FDG PET-CT: no malignancy." } });
      procedure(45, "upper-gi-endoscopy", "Gastroscopy");
      procedure(46, "lower-gi-endoscopy", "Colonoscopy");
      return year(3) + 60;
  }
}
