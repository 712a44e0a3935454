import { compareClinicalDates, dayOf, recistResponseNames, type ClinicalDate, type EventOfKind, type RecistResponse } from "@/lib/events";
import type { TargetLesion } from "./lesions";
import { assessCourse, courseScansFromImaging, lineStartsFromCycles, type CourseScan, type LineStart } from "./course";

/**
 * The target lesions to measure again on a scan of `date`: those itemised on the latest earlier scan,
 * without their sizes. RECIST 1.1 follows the same target lesions from baseline to the end, so the
 * imaging form offers them for re-measurement instead of asking for the organs again.
 */
export function targetLesionsToRemeasure(imaging: readonly EventOfKind<"imaging">[], date: ClinicalDate): Pick<TargetLesion, "id" | "organ" | "organCode" | "site" | "nodal">[] {
  const latest = imaging
    .filter((event) => event.status !== "entered_in_error" && (event.payload.targetLesions?.length ?? 0) > 0)
    .filter((event) => compareClinicalDates(dayOf(event.occurredAt), dayOf(date)) < 0)
    .sort((a, b) => compareClinicalDates(a.occurredAt, b.occurredAt))
    .at(-1);
  // Lesions recorded without ids (older records) are offered as T1, T2, … in the order listed, as the
  // baseline's lesions are identified; lesions that merged into another are no longer measured.
  return (latest?.payload.targetLesions ?? [])
    .map((lesion, i) => ({ id: lesion.id ?? `T${i + 1}`, organ: lesion.organ, ...(lesion.organCode ? { organCode: lesion.organCode } : {}), ...(lesion.site ? { site: lesion.site } : {}), nodal: lesion.nodal }));
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

/** What the imaging form needs of the patient's course (see ImagingCourse in the form). */
export interface FormCourse {
  scans: CourseScan[];
  lines: LineStart[];
  editingId?: string;
  nextLine: number;
  missingBaseline?: { line: number; date: ClinicalDate; regimen?: string };
}

/**
 * The course for the imaging form: the scans and lines, the line a new baseline would be for, and a
 * line that started without a baseline of its own (the form prompts for one: a new line takes a new
 * baseline, and the scan that showed progression can be both).
 */
export function formCourse(imaging: readonly EventOfKind<"imaging">[], cycles: readonly EventOfKind<"treatment_cycle">[], editingId?: string): FormCourse {
  const scans = courseScansFromImaging(imaging);
  const lines = lineStartsFromCycles(cycles);
  const course = assessCourse(scans, lines);
  const baselineLines = [...course.values()].map((s) => (s.role === "baseline" ? s.line : s.opensLine)).filter((line): line is number => line !== undefined);
  const latestStarted = lines.at(-1);
  const anyBaseline = [...course.values()].some((s) => s.role === "baseline");
  // A baseline with no treatment line recorded is the first line's.
  const covered = baselineLines.length > 0 ? Math.max(...baselineLines) : anyBaseline ? 1 : undefined;
  const missing = latestStarted && latestStarted.line > 1 && covered !== undefined && latestStarted.line > covered ? latestStarted : undefined;
  const nextLine = missing ? missing.line : Math.max(latestStarted?.line ?? 0, covered ?? 0) + 1;
  return { scans, lines, ...(editingId ? { editingId } : {}), nextLine, ...(missing ? { missingBaseline: { line: missing.line, date: missing.date, regimen: missing.regimen } } : {}) };
}
