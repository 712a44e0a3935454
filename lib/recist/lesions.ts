import type { PayloadOf } from "@/lib/events";
import { toHundredths, toMm } from "./millimetres";
import { organKey } from "./organs";
import { organCodes, organNames, type OrganCode } from "@/lib/events";

function organNameOfKey(key: string): string {
  return (organCodes as readonly string[]).includes(key) ? organNames[key as OrganCode].toLowerCase() : key;
}

/** One target lesion as recorded on an imaging event: longest diameter, or short axis for a node. */
export type TargetLesion = NonNullable<PayloadOf<"imaging">["targetLesions"]>[number];

/** The RECIST 1.1 numbers the rest of the module relies on (Eisenhauer et al. 2009). */
export const recistThresholds = {
  /** Longest diameter for a measurable non-nodal lesion on CT with slices ≤ 5 mm. */
  measurableLesionMm: 10,
  /** Short axis for a measurable (pathological, target-eligible) lymph node. */
  measurableNodeShortAxisMm: 15,
  /** A node under this short axis is normal: it counts as gone for a complete response. */
  normalNodeShortAxisMm: 10,
  maxTargetLesions: 5,
  maxTargetLesionsPerOrgan: 2,
} as const;

/**
 * Sum of diameters in mm: longest diameter of non-nodal lesions plus short axis of nodes (the schema
 * already stores a node's short axis in `diameterMm`). Summed in hundredths so 12.1 + 7.3 is 19.4.
 */
export function targetLesionSum(lesions: readonly TargetLesion[]): number {
  return toMm(lesions.reduce((sum, lesion) => sum + toHundredths(lesion.diameterMm), 0));
}

/**
 * Whether a lesion may be chosen as a target at baseline. Assumes CT with slices ≤ 5 mm; with
 * thicker slices RECIST asks for twice the slice thickness, which the imaging form does not record.
 */
export function isMeasurableAtBaseline(lesion: TargetLesion): boolean {
  const minimum = lesion.nodal ? recistThresholds.measurableNodeShortAxisMm : recistThresholds.measurableLesionMm;
  return lesion.diameterMm >= minimum;
}

export interface LesionProblem {
  /** Position of the lesion in the list (0-based) when the problem is about one lesion. */
  lesionIndex?: number;
  message: string;
}

/**
 * The organ a lesion counts against for the two-per-organ limit. The EORTC RECIST FAQ ("paired
 * organs", recist.eortc.org/recist-1-1-2) counts both lungs, both kidneys, both ovaries and all
 * lymph nodes each as one organ; the coded organ list has one code for each, and older free-text
 * organs ("hepatic", "liver segment 4") are read as the coded organ (organs.ts).
 */
export function organForTargetLimit(lesion: TargetLesion): string {
  return organKey(lesion);
}

/**
 * What is wrong with a set of target lesions, in words for the clinician. Size limits apply only at
 * baseline: on follow-up a lesion may shrink to any size, down to 0 mm when it has gone.
 */
export function targetLesionProblems(lesions: readonly TargetLesion[], { atBaseline }: { atBaseline: boolean }): LesionProblem[] {
  const problems: LesionProblem[] = [];
  const { maxTargetLesions, maxTargetLesionsPerOrgan } = recistThresholds;

  if (lesions.length > maxTargetLesions) {
    problems.push({ message: `RECIST 1.1 allows at most ${maxTargetLesions} target lesions (${lesions.length} listed)` });
  }

  const perOrgan = new Map<string, number>();
  for (const lesion of lesions) {
    const organ = organForTargetLimit(lesion);
    perOrgan.set(organ, (perOrgan.get(organ) ?? 0) + 1);
  }
  for (const [organ, count] of perOrgan) {
    if (count <= maxTargetLesionsPerOrgan) continue;
    const has = organ === "lymph-node" ? "lymph nodes, counted as one organ, have" : `${organNameOfKey(organ)} has`;
    problems.push({ message: `RECIST 1.1 allows at most ${maxTargetLesionsPerOrgan} target lesions per organ (${has} ${count})` });
  }

  if (atBaseline) {
    lesions.forEach((lesion, lesionIndex) => {
      if (isMeasurableAtBaseline(lesion)) return;
      const where = `Target lesion ${lesionIndex + 1} (${lesion.organ.trim()})`;
      const message = lesion.nodal
        ? `${where} has a short axis of ${lesion.diameterMm} mm; a target lymph node needs at least ${recistThresholds.measurableNodeShortAxisMm} mm at baseline`
        : `${where} measures ${lesion.diameterMm} mm; a target lesion needs at least ${recistThresholds.measurableLesionMm} mm at baseline`;
      problems.push({ lesionIndex, message });
    });
  }

  return problems;
}
