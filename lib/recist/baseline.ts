import { compareClinicalDates, dayOf, type ClinicalDate, type EventOfKind } from "@/lib/events";
import { targetLesionSum } from "./lesions";
import { toHundredths, toMm } from "./millimetres";

/** An earlier tumour assessment of the same patient, as far as RECIST needs it. */
export interface PriorAssessment {
  date: ClinicalDate;
  /** Sum of target-lesion diameters; undefined when the scan did not measure them. */
  targetSumMm?: number;
  /** Set on a scan chosen as a new baseline, e.g. before a new line of therapy after progression. */
  baseline?: boolean;
}

export interface BaselineAndNadir {
  baselineDate?: ClinicalDate;
  /** Undefined when there is no baseline, or when the flagged baseline scan has no sum. */
  baselineSumMm?: number;
  nadirDate?: ClinicalDate;
  /** Smallest sum on study, baseline included. */
  nadirSumMm?: number;
}

/**
 * Baseline and nadir for a scan on `currentDate`, from the patient's earlier scans in any order.
 *
 * Only scans on earlier days count: RECIST treats all imaging at one time point as one assessment,
 * so a scan on the same day is part of the current one (or is the current one, being edited).
 * The baseline is the latest scan flagged as baseline, else the first scan with a sum; the latest
 * flag wins because a new line of therapy restarts the comparison. A flagged baseline without a sum
 * is kept as it is (no baseline sum, so the response is NE) rather than silently falling back to an
 * older baseline from a previous line. Consecutive flagged scans (a staging CT, then a PET-CT that
 * measured nothing) are one baseline time point whose sum is the latest one measured in it. The nadir
 * is the smallest sum from the baseline on.
 */
export function baselineAndNadir(priorAssessments: readonly PriorAssessment[], currentDate: ClinicalDate): BaselineAndNadir {
  const earlier = priorAssessments
    .filter((assessment) => compareClinicalDates(dayOf(assessment.date), dayOf(currentDate)) < 0)
    .sort((a, b) => compareClinicalDates(a.date, b.date));

  const start = baselineIndex(earlier);
  if (start < 0) return {};

  const baseline = earlier[start];
  const result: BaselineAndNadir = { baselineDate: baseline.date, baselineSumMm: baseline.targetSumMm };
  for (const assessment of earlier.slice(start)) {
    if (assessment.targetSumMm === undefined) continue;
    // Compared in hundredths so that 40.60 and 40.6000001 from two entry paths are the same nadir.
    if (result.nadirSumMm === undefined || toHundredths(assessment.targetSumMm) < toHundredths(result.nadirSumMm)) {
      result.nadirDate = assessment.date;
      result.nadirSumMm = toMm(toHundredths(assessment.targetSumMm));
    }
  }
  return result;
}

/** Index of the baseline scan among date-ordered scans, or -1 when there is none. */
function baselineIndex(earlier: readonly PriorAssessment[]): number {
  const flagged = earlier.findLastIndex((assessment) => assessment.baseline === true);
  if (flagged < 0) return earlier.findIndex((assessment) => assessment.targetSumMm !== undefined);
  for (let i = flagged; i >= 0 && earlier[i].baseline === true; i -= 1) {
    if (earlier[i].targetSumMm !== undefined) return i;
  }
  return flagged;
}

/**
 * Prior assessments from recorded imaging events. Itemised lesions are the primary data, so their sum
 * wins over a typed total; events entered in error are left out. A scan flagged `baseline` (staging
 * before a line of therapy) restarts the comparison; without any flag the first measured scan is the baseline.
 */
export function priorAssessmentsFromImaging(events: readonly EventOfKind<"imaging">[]): PriorAssessment[] {
  return events
    .filter((event) => event.status !== "entered_in_error")
    .map((event) => {
      const { targetLesions, targetSumMm } = event.payload;
      return {
        date: event.occurredAt,
        targetSumMm: targetLesions && targetLesions.length > 0 ? targetLesionSum(targetLesions) : targetSumMm,
        ...(event.payload.baseline ? { baseline: true } : {}),
      };
    });
}
