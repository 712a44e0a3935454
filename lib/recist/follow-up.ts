import { compareClinicalDates, dayOf, recistResponseNames, type ClinicalDate, type EventOfKind, type RecistResponse } from "@/lib/events";
import type { TargetLesion } from "./lesions";

/**
 * The target lesions to measure again on a scan of `date`: those itemised on the latest earlier scan,
 * without their sizes. RECIST 1.1 follows the same target lesions from baseline to the end, so the
 * imaging form offers them for re-measurement instead of asking for the organs again.
 */
export function targetLesionsToRemeasure(imaging: readonly EventOfKind<"imaging">[], date: ClinicalDate): Omit<TargetLesion, "diameterMm">[] {
  const latest = imaging
    .filter((event) => event.status !== "entered_in_error" && (event.payload.targetLesions?.length ?? 0) > 0)
    .filter((event) => compareClinicalDates(dayOf(event.occurredAt), dayOf(date)) < 0)
    .sort((a, b) => compareClinicalDates(a.occurredAt, b.occurredAt))
    .at(-1);
  return (latest?.payload.targetLesions ?? []).map(({ organ, nodal }) => ({ organ, nodal }));
}

/**
 * A clinician may record a response other than the computed one (a radiologist's reading the
 * measurements do not capture), but must say why, so a reader of the record sees both.
 */
export function responseOverrideProblem(computed: RecistResponse, recorded: RecistResponse | undefined, reason: string | undefined): string | undefined {
  if (recorded === undefined || recorded === computed) return undefined;
  if (reason !== undefined && reason.trim().length >= 3) return undefined;
  return `The measurements give ${computed} (${recistResponseNames[computed]}); give the reason for recording ${recorded} (${recistResponseNames[recorded]}) instead`;
}
