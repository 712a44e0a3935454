import { formatClinicalDate, type ClinicalDate, type NonTargetStatus, type RecistResponse } from "@/lib/events";
import { describeIdentified, describeMatch, identifyBaselineLesions, matchToBaseline } from "./identity";
import { recistThresholds, targetLesionSum, type TargetLesion } from "./lesions";
import { percentChange, toHundredths, toMm } from "./millimetres";
import { organLabel } from "./organs";
import { explainOverallResponse, explainTargetResponse, type ExplainedResponse, type NonTargetResponse } from "./response";

/** What one scan recorded, as RECIST reads it. */
export interface TimePointInput {
  date: ClinicalDate;
  /** Today's target lesions; an empty list means none (non-target disease only); undefined: not itemised. */
  targetLesions?: readonly TargetLesion[];
  /** The sum as reported, used only when the lesions are not itemised. */
  targetSumMm?: number;
  /** Left out: derived from the non-target lesions' statuses, else not evaluated (the cautious reading). */
  nonTargetResponse?: NonTargetResponse | "none";
  nonTargetStatuses?: readonly (NonTargetStatus | undefined)[];
  newLesions?: boolean;
}

/** What the scan is compared with: its line's baseline, the nadir since, and the assessment before it. */
export interface TimePointReference {
  baseline: {
    date: ClinicalDate;
    sumMm?: number;
    /** Itemised baseline lesions, when the baseline listed them. */
    lesions?: readonly TargetLesion[];
    /** "none": the baseline recorded no target lesions (non-target disease only). */
    targets: "measured" | "none" | "unknown";
  };
  /** Smallest sum of a complete assessment since the baseline, baseline included. */
  nadir?: { date: ClinicalDate; sumMm: number };
  /** The overall response of the previous assessment in this line. */
  previousResponse?: { date: ClinicalDate; response: RecistResponse };
  /** A PR (or CR) confirmed earlier in this line: later shrinkage short of −30% stays PR until PD. */
  confirmedResponseSince?: ClinicalDate;
  /** A later line of therapy started after this baseline without a baseline of its own. */
  lineWithoutBaseline?: { line: number; date: ClinicalDate };
}

export interface TimePointAssessment extends ExplainedResponse {
  targetSumMm?: number;
  baselineSumMm?: number;
  nadirSumMm?: number;
  changeFromBaselinePercent?: number;
  changeFromNadirPercent?: number;
  changeFromNadirMm?: number;
  /** How lesions without ids were matched to the baseline, in words. */
  matches?: string[];
  /** Whether every baseline lesion was measured: only complete assessments can be a nadir. */
  complete: boolean;
}

/** The non-target response from each lesion's status, when no overall non-target response was given. */
export function nonTargetResponseOf(statuses: readonly (NonTargetStatus | undefined)[]): NonTargetResponse | undefined {
  if (statuses.length === 0) return undefined;
  if (statuses.includes("progression")) return "PD";
  if (statuses.some((status) => status === undefined || status === "not-evaluated")) return "NE";
  return statuses.every((status) => status === "absent") ? "CR" : "non-CR/non-PD";
}

/** Lesions today that show disease back after a CR: any non-nodal lesion above 0 mm, any node at 10 mm or more. */
function reappeared(lesions: readonly TargetLesion[]): TargetLesion[] {
  const normalNode = toHundredths(recistThresholds.normalNodeShortAxisMm);
  return lesions.filter((lesion) => (lesion.nodal ? toHundredths(lesion.diameterMm) >= normalNode : toHundredths(lesion.diameterMm) > 0));
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * RECIST 1.1 response at one time point, with every rule it applied said in plain words. The rules
 * beyond the basic target table come from the RECIST 1.1 paper (Eisenhauer et al., Eur J Cancer 2009;
 * 45:228–47) and the RECIST working group's FAQ (recist.eortc.org); each has a test naming its source.
 */
export function assessTimePoint(input: TimePointInput, reference: TimePointReference): TimePointAssessment {
  const { baseline } = reference;
  const lesions = input.targetLesions;
  const itemised = lesions !== undefined && lesions.length > 0;
  const targetSumMm = itemised ? targetLesionSum(lesions) : lesions === undefined ? input.targetSumMm : undefined;
  const nadirSumMm = reference.nadir?.sumMm ?? baseline.sumMm;
  const nonTarget: NonTargetResponse | "none" = input.nonTargetResponse ?? nonTargetResponseOf(input.nonTargetStatuses ?? []) ?? "NE";
  let matches: string[] | undefined;
  let complete = targetSumMm !== undefined;
  let target: ExplainedResponse | "none";

  if (reference.lineWithoutBaseline) {
    const { line, date } = reference.lineWithoutBaseline;
    target = {
      response: "NE",
      rule: `line ${line} started on ${formatClinicalDate(date)} without a baseline scan of its own, so there is nothing to compare with (record one: the scan that showed progression can be both)`,
    };
    complete = false;
  } else if (baseline.targets === "none") {
    // Non-target disease only (RECIST 1.1 Table 2).
    target = "none";
    complete = false;
  } else if (lesions !== undefined && lesions.length === 0) {
    target = { response: "NE", rule: "target lesions were measured at baseline but none are listed now" };
    complete = false;
  } else if (baseline.sumMm === undefined) {
    target = { response: "NE", rule: `the baseline scan of ${formatClinicalDate(baseline.date)} has no sum of target lesions` };
    complete = false;
  } else if (itemised && baseline.lesions && baseline.lesions.length > 0) {
    const identified = identifyBaselineLesions(baseline.lesions);
    const matching = matchToBaseline(identified, lesions);
    const shown = matching.matches.map((m) => describeMatch(m, identified)).filter((m) => m !== undefined);
    matches = shown.length > 0 ? shown : undefined;
    const measured = { currentSum: targetSumMm, baselineSum: baseline.sumMm, nadirSum: nadirSumMm, lesions };
    if (matching.unknown.length > 0) {
      const names = matching.unknown.map(({ index, lesion }) => `lesion ${index + 1} (${organLabel(lesion)}${lesion.id ? `, ${lesion.id}` : ""})`).join(", ");
      target = { response: "NE", rule: `${names} ${plural(matching.unknown.length, "is not one", "are not")} of the baseline's target lesions (record a new lesion as new)` };
      complete = false;
    } else if (matching.missing.length > 0) {
      // Eisenhauer 2009 §4.4, "Missing assessments and inevaluable designation": a subset of lesions
      // measured is NE unless the missing ones cannot change the result, which is the case only when the
      // lesions measured already make PD (the missing ones can only add to the sum).
      complete = false;
      const missing = matching.missing.map(describeIdentified).join(", ");
      const partial = explainTargetResponse(measured);
      target =
        partial.response === "PD"
          ? { response: "PD", rule: `${partial.rule}, even without baseline ${plural(matching.missing.length, "lesion", "lesions")} ${missing}` }
          : {
              response: "NE",
              rule: `baseline ${plural(matching.missing.length, "lesion", "lesions")} ${missing} not measured, and ${plural(matching.missing.length, "it", "they")} could change the result (a subset of target lesions is not evaluable)`,
            };
    } else {
      target = explainTargetResponse(measured);
    }
  } else {
    target = explainTargetResponse({ currentSum: targetSumMm, baselineSum: baseline.sumMm, nadirSum: nadirSumMm, lesions });
  }

  // EORTC RECIST FAQ "Does a new lesion always result in PD?": after an overall CR at the previous
  // assessment, the reappearance of any lesion is PD (a node counts as back at 10 mm short axis).
  if (reference.previousResponse?.response === "CR" && target !== "none" && itemised) {
    const back = reappeared(lesions);
    if (back.length > 0) {
      const names = back.map((lesion) => `${lesion.id ?? organLabel(lesion)} ${lesion.diameterMm} mm`).join(", ");
      target = { response: "PD", rule: `${names} back after the CR of ${formatClinicalDate(reference.previousResponse.date)}` };
    }
  }
  let nonTargetNow = nonTarget;
  if (reference.previousResponse?.response === "CR" && nonTarget === "non-CR/non-PD") {
    nonTargetNow = "PD";
  }

  // EORTC RECIST FAQ "Managing PR when measurements change slightly over time": once a PR is
  // confirmed, later shrinkage short of −30% stays PR as long as PD is not met.
  if (target !== "none" && target.response === "SD" && reference.confirmedResponseSince) {
    target = { response: "PR", rule: `${target.rule}; the response confirmed on ${formatClinicalDate(reference.confirmedResponseSince)} continues until progression` };
  }

  const overall = explainOverallResponse(
    { target: target === "none" ? "none" : target.response, nonTarget: nonTargetNow, newLesions: input.newLesions ?? false },
    target === "none" ? undefined : target.rule,
  );
  const rule =
    nonTargetNow !== nonTarget && reference.previousResponse
      ? overall.rule.replace("non-target progression", `non-target disease back after the CR of ${formatClinicalDate(reference.previousResponse.date)}`)
      : overall.rule;
  const current = targetSumMm === undefined ? undefined : toHundredths(targetSumMm);
  const base = baseline.sumMm === undefined ? undefined : toHundredths(baseline.sumMm);
  const nadir = nadirSumMm === undefined ? undefined : toHundredths(nadirSumMm);
  return {
    response: overall.response,
    rule,
    targetSumMm,
    baselineSumMm: baseline.sumMm,
    nadirSumMm,
    changeFromBaselinePercent: current === undefined || base === undefined ? undefined : percentChange(base, current),
    changeFromNadirPercent: current === undefined || nadir === undefined ? undefined : percentChange(nadir, current),
    changeFromNadirMm: current === undefined || nadir === undefined ? undefined : toMm(current - nadir),
    ...(matches ? { matches } : {}),
    complete,
  };
}

