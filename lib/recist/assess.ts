import type { ClinicalDate } from "@/lib/events";
import { baselineAndNadir, type PriorAssessment } from "./baseline";
import { targetLesionSum, type TargetLesion } from "./lesions";
import { formatMm, toHundredths } from "./millimetres";
import type { NonTargetResponse } from "./response";
import { assessTimePoint, type TimePointAssessment, type TimePointReference } from "./timepoint";

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

export type ResponseAssessment = Omit<TimePointAssessment, "complete">;

/**
 * The response for one scan from sums of earlier scans (no lesion identity): the RECIST 1.1 overall
 * response, the sums behind it, and the rule that decided it in plain words. The whole course, with
 * lesion identity, lines of therapy and confirmation, is assessCourse (course.ts).
 */
export function assessResponse(input: ResponseAssessmentInput): ResponseAssessment {
  const itemised = input.targetLesions && input.targetLesions.length > 0;
  const targetSumMm = itemised ? targetLesionSum(input.targetLesions!) : input.targetLesions === undefined ? input.targetSumMm : undefined;
  const { baselineDate, baselineSumMm, nadirDate, nadirSumMm } = baselineAndNadir(input.priorAssessments, input.date);
  // A baseline scan is the reference for later ones and has no response of its own. Without a flag,
  // the first scan that measures target lesions is the baseline (earlier imaging, such as a muscle
  // MRI, may have measured none).
  if (input.baseline || (baselineDate === undefined && targetSumMm !== undefined)) {
    const sum = targetSumMm === undefined ? "" : ` (target sum ${formatMm(toHundredths(targetSumMm))})`;
    const why = input.baseline ? "baseline scan" : "first scan with target lesions measured, so it is the baseline";
    return { response: "NE", rule: `${why}${sum}; later scans are compared with it: NE`, targetSumMm, baselineSumMm: targetSumMm };
  }
  const reference: TimePointReference = {
    baseline:
      baselineDate === undefined
        ? { date: input.date, targets: input.targetLesions !== undefined && input.targetLesions.length === 0 ? "none" : "unknown" }
        : { date: baselineDate, sumMm: baselineSumMm, targets: baselineSumMm === undefined ? "unknown" : "measured" },
    nadir: nadirDate !== undefined && nadirSumMm !== undefined ? { date: nadirDate, sumMm: nadirSumMm } : undefined,
  };
  const assessment: Partial<TimePointAssessment> = assessTimePoint(
    { date: input.date, targetLesions: input.targetLesions, targetSumMm: input.targetSumMm, nonTargetResponse: input.nonTargetResponse, newLesions: input.newLesions },
    reference,
  );
  delete assessment.complete;
  return assessment as ResponseAssessment;
}
