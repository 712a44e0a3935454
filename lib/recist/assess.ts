import { formatClinicalDate, type ClinicalDate } from "@/lib/events";
import { baselineAndNadir, type PriorAssessment } from "./baseline";
import { targetLesionSum, type TargetLesion } from "./lesions";
import { formatMm, percentChange, toHundredths, toMm } from "./millimetres";
import { explainOverallResponse, explainTargetResponse, type ExplainedResponse, type NonTargetResponse } from "./response";

export interface ResponseAssessmentInput {
  /** Date of the scan being assessed. */
  date: ClinicalDate;
  /**
   * Today's target lesions. An empty list means the patient has no target lesions (non-target disease
   * only); leave it out when they were not measured, or when only `targetSumMm` was recorded.
   */
  targetLesions?: readonly TargetLesion[];
  /** The sum as reported, used only when the lesions are not itemised. */
  targetSumMm?: number;
  /**
   * Left out means not evaluated (NE), the cautious reading: a target CR then stays a PR. Pass "none"
   * for a patient with no non-target lesions, so that a target CR can be a CR.
   */
  nonTargetResponse?: NonTargetResponse | "none";
  /** Left out means none reported: RECIST has no "not evaluated" for new lesions. */
  newLesions?: boolean;
  /** This scan starts a new baseline (e.g. before a new line of therapy). */
  baseline?: boolean;
  /** The patient's other imaging, in any order; scans on or after `date` are ignored. */
  priorAssessments: readonly PriorAssessment[];
}

export interface ResponseAssessment extends ExplainedResponse {
  targetSumMm?: number;
  baselineSumMm?: number;
  nadirSumMm?: number;
  changeFromBaselinePercent?: number;
  changeFromNadirPercent?: number;
  changeFromNadirMm?: number;
}

function currentTargetSum(input: ResponseAssessmentInput): number | undefined {
  if (input.targetLesions && input.targetLesions.length > 0) return targetLesionSum(input.targetLesions);
  if (input.targetLesions === undefined) return input.targetSumMm;
  return undefined;
}

/**
 * The response for one scan, as the imaging form shows it live and the alerts engine reads it:
 * the RECIST 1.1 overall response, the sums behind it, and the rule that decided it in plain words.
 */
export function assessResponse(input: ResponseAssessmentInput): ResponseAssessment {
  const targetSumMm = currentTargetSum(input);
  const { baselineDate, baselineSumMm, nadirSumMm } = baselineAndNadir(input.priorAssessments, input.date);

  // A baseline scan is the reference for later ones and has no response of its own. Without a flag,
  // the first scan that measures target lesions is the baseline (earlier imaging, such as a muscle
  // MRI, may have measured none).
  if (input.baseline || (baselineDate === undefined && targetSumMm !== undefined)) {
    const sum = targetSumMm === undefined ? "" : ` (target sum ${formatMm(toHundredths(targetSumMm))})`;
    const why = input.baseline ? "baseline scan" : "first scan with target lesions measured, so it is the baseline";
    return { response: "NE", rule: `${why}${sum}; later scans are compared with it: NE`, targetSumMm, baselineSumMm: targetSumMm };
  }

  const noTargetLesionsNow = input.targetLesions !== undefined && input.targetLesions.length === 0;

  let target: ExplainedResponse | "none";
  if (noTargetLesionsNow && baselineDate === undefined) {
    target = "none";
  } else if (noTargetLesionsNow) {
    target = { response: "NE", rule: "target lesions were measured before but none are listed now" };
  } else if (baselineDate !== undefined && baselineSumMm === undefined) {
    target = { response: "NE", rule: `the baseline scan of ${formatClinicalDate(baselineDate)} has no sum of target lesions` };
  } else {
    target = explainTargetResponse({ currentSum: targetSumMm, baselineSum: baselineSumMm, nadirSum: nadirSumMm, lesions: input.targetLesions });
  }

  const overall = explainOverallResponse(
    { target: target === "none" ? "none" : target.response, nonTarget: input.nonTargetResponse ?? "NE", newLesions: input.newLesions ?? false },
    target === "none" ? undefined : target.rule,
  );

  const current = targetSumMm === undefined ? undefined : toHundredths(targetSumMm);
  const baseline = baselineSumMm === undefined ? undefined : toHundredths(baselineSumMm);
  const nadir = nadirSumMm === undefined ? undefined : toHundredths(nadirSumMm);
  return {
    ...overall,
    targetSumMm,
    baselineSumMm,
    nadirSumMm,
    changeFromBaselinePercent: current === undefined || baseline === undefined ? undefined : percentChange(baseline, current),
    changeFromNadirPercent: current === undefined || nadir === undefined ? undefined : percentChange(nadir, current),
    changeFromNadirMm: current === undefined || nadir === undefined ? undefined : toMm(current - nadir),
  };
}
