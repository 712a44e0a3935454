import type { PayloadOf, RecistResponse } from "@/lib/events";
import { recistThresholds, targetLesionSum, type TargetLesion } from "./lesions";
import { formatMm, formatMmChange, formatPercent, percentChange, toHundredths, type Hundredths } from "./millimetres";

/** A response with the plain-words reason that decided it, e.g. "new lesion: PD". */
export interface ExplainedResponse {
  response: RecistResponse;
  rule: string;
}

export interface TargetResponseInput {
  /** Sum of diameters now; taken from `lesions` when omitted. */
  currentSum?: number;
  baselineSum?: number;
  /** Smallest sum on study; the baseline counts, so a nadir above the baseline is ignored. */
  nadirSum?: number;
  /** Today's lesions, needed to recognise a CR in which normal-sized nodes still measure above 0 mm. */
  lesions?: readonly TargetLesion[];
}

/**
 * CR: every non-nodal target lesion gone and every target node back under 10 mm short axis. The sum of
 * a CR may therefore be above 0 mm. Without itemised lesions only a sum of 0 mm proves it.
 */
function isCompleteResponse(current: Hundredths, lesions: readonly TargetLesion[] | undefined): boolean {
  if (!lesions || lesions.length === 0) return current === 0;
  const normalNode = toHundredths(recistThresholds.normalNodeShortAxisMm);
  return lesions.every((lesion) => (lesion.nodal ? toHundredths(lesion.diameterMm) < normalNode : toHundredths(lesion.diameterMm) === 0));
}

/**
 * Target-lesion response per RECIST 1.1, with its reason (the reason has no trailing ": XX"; the
 * overall response adds it). Order matters: CR first; then PD, because a sum can be 30% under the
 * baseline and still 20% over a lower nadir, and progression must win; then PR; else SD.
 * Thresholds are cross-multiplied integers (hundredths of a mm), never divided floats.
 */
export function explainTargetResponse(input: TargetResponseInput): ExplainedResponse {
  const currentMm = input.currentSum ?? (input.lesions && input.lesions.length > 0 ? targetLesionSum(input.lesions) : undefined);
  if (currentMm === undefined) return { response: "NE", rule: "target lesions not measured" };
  if (input.baselineSum === undefined) return { response: "NE", rule: "no baseline sum of target lesions to compare with" };

  const current = toHundredths(currentMm);
  const baseline = toHundredths(input.baselineSum);
  if (baseline === 0) return { response: "NE", rule: "the baseline sum of target lesions is 0 mm, so there is nothing to compare with" };
  const nadir = Math.min(baseline, toHundredths(input.nadirSum ?? input.baselineSum));

  if (isCompleteResponse(current, input.lesions)) {
    return { response: "CR", rule: `every target lesion gone and every target node under ${recistThresholds.normalNodeShortAxisMm} mm` };
  }

  const sum = `sum ${formatMm(current)}`;
  const fromBaseline = `${formatPercent(percentChange(baseline, current)!)} from baseline ${formatMm(baseline)}`;
  const growth = current - nadir;
  // Nadir 0 mm (everything had gone) has no percentage: any regrowth is "infinitely" over 20%.
  const overNadirPercent = nadir === 0 ? undefined : percentChange(nadir, current)!;
  const overNadir = `${overNadirPercent === undefined ? formatMmChange(growth) : formatPercent(overNadirPercent)} over nadir ${formatMm(nadir)}`;
  const atLeast20Percent = current * 5 >= nadir * 6;
  const atLeast5Mm = growth >= toHundredths(5);

  if (atLeast20Percent && atLeast5Mm) {
    const rule = overNadirPercent === undefined ? `${sum} is ${overNadir}` : `${sum} is ${overNadir} and ${formatMmChange(growth)}`;
    return { response: "PD", rule };
  }
  if (current * 10 <= baseline * 7) return { response: "PR", rule: `${sum} is ${fromBaseline}` };

  // SD: say which threshold it fell short of; both when it shrank from baseline but regrew from the nadir.
  const shortOfPr = `${fromBaseline} (PR needs −30%)`;
  const shortOfPd =
    overNadirPercent === undefined
      ? `${overNadir} (PD needs +5 mm)`
      : atLeast20Percent
        ? `${overNadir} but only ${formatMmChange(growth)} (PD needs +5 mm too)`
        : `${overNadir} (PD needs +20%)`;
  if (growth <= 0) return { response: "SD", rule: `${sum} is ${shortOfPr}` };
  if (current >= baseline) return { response: "SD", rule: `${sum} is ${shortOfPd}` };
  return { response: "SD", rule: `${sum} is ${shortOfPr} and ${shortOfPd}` };
}

export function targetResponse(input: TargetResponseInput): RecistResponse {
  return explainTargetResponse(input).response;
}

export type NonTargetResponse = NonNullable<PayloadOf<"imaging">["nonTargetResponse"]>;

export interface OverallResponseInput {
  /** "none": the patient has no target lesions at all (non-target disease only). */
  target: RecistResponse | "none";
  /**
   * "NE" means not (all) evaluated; "none" means the patient has no non-target lesions, which
   * RECIST treats like a non-target CR (a target CR alone is then a CR).
   */
  nonTarget: NonTargetResponse | "none";
  newLesions: boolean;
}

/**
 * Overall response, row by row from the RECIST 1.1 table (DOMAIN.md). `targetRule` is the reason
 * from explainTargetResponse; without it the rule names the target response only.
 */
export function explainOverallResponse(input: OverallResponseInput, targetRule = `target lesions ${input.target}`): ExplainedResponse {
  const { target, nonTarget, newLesions } = input;

  // Any new lesion, target PD or unequivocal non-target progression is PD, whatever else is seen.
  const progression = [
    newLesions ? "new lesion" : undefined,
    target === "PD" ? targetRule : undefined,
    nonTarget === "PD" ? "non-target progression" : undefined,
  ].filter((reason) => reason !== undefined);
  if (progression.length > 0) return { response: "PD", rule: `${progression.join("; ")}: PD` };

  if (target === "none") {
    // Non-target disease only. RECIST's "non-CR/non-PD" is not one of our five values; like most trial
    // reports we record it as SD, and the rule says so.
    if (nonTarget === "CR") return { response: "CR", rule: "no target lesions; non-target lesions gone: CR" };
    if (nonTarget === "non-CR/non-PD") return { response: "SD", rule: "no target lesions; non-target disease persists (non-CR/non-PD, recorded as SD): SD" };
    if (nonTarget === "NE") return { response: "NE", rule: "no target lesions and non-target lesions not evaluated: NE" };
    return { response: "NE", rule: "no target or non-target lesions recorded: NE" };
  }

  if (target === "CR") {
    if (nonTarget === "CR") return { response: "CR", rule: `${targetRule}; non-target lesions gone: CR` };
    if (nonTarget === "none") return { response: "CR", rule: `${targetRule}: CR` };
    if (nonTarget === "non-CR/non-PD") return { response: "PR", rule: `${targetRule} but non-target disease persists: PR` };
    return { response: "PR", rule: `${targetRule} but non-target lesions not evaluated: PR` };
  }

  // PR, SD and NE carry over as long as nothing progressed and no new lesion appeared.
  return { response: target, rule: `${targetRule}: ${target}` };
}

export function overallResponse(input: OverallResponseInput): RecistResponse {
  return explainOverallResponse(input).response;
}
