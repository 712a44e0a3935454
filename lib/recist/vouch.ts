import { recistResponseNames, type RecistResponse } from "@/lib/events";
import { assessCourse, defaultRecistSettings, scanSumMm, type CourseScan, type ImagingPayload, type LineStart, type RecistSettings, type ScanInCourse } from "./course";
import { targetLesionSum } from "./lesions";
import { toHundredths } from "./millimetres";

type RecistFields = Pick<ImagingPayload, "computedResponse" | "recist">;

/** The fields only the server writes on an imaging payload. */
export const serverOwnedImagingFields = ["computedResponse", "recist"] as const;

/** The payload as its writer sent it: without the fields the server computes. */
export function withoutServerFields<P extends Partial<ImagingPayload>>(payload: P): P {
  const copy = { ...payload };
  for (const field of serverOwnedImagingFields) delete copy[field];
  return copy;
}

const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 100) / 100);

/** What the server stores for a scan, from its place in the course. */
export function recistFieldsOf(entry: ScanInCourse | undefined): RecistFields {
  if (!entry || entry.role === "not-assessed") return {};
  if (entry.role === "baseline") {
    return { recist: { rule: entry.baselineRule ?? "baseline scan", line: entry.line, targetSumMm: entry.baselineSumMm, baselineSumMm: entry.baselineSumMm } };
  }
  const a = entry.assessment!;
  const recist: NonNullable<ImagingPayload["recist"]> = {
    rule: entry.opensLine !== undefined ? `${a.rule}; this scan is also the baseline for line ${entry.opensLine}` : a.rule,
    line: entry.line,
    targetSumMm: a.targetSumMm,
    baselineDate: entry.baselineDate,
    baselineSumMm: a.baselineSumMm,
    nadirDate: entry.nadirDate,
    nadirSumMm: a.nadirSumMm,
    // A partial scan's sum (a subset of the lesions, or no baseline of its line) is no change at all.
    changeFromBaselinePercent: a.complete ? round(a.changeFromBaselinePercent) : undefined,
    changeFromNadirPercent: a.complete ? round(a.changeFromNadirPercent) : undefined,
    matches: a.matches,
  };
  for (const key of Object.keys(recist) as (keyof typeof recist)[]) if (recist[key] === undefined) delete recist[key];
  return { computedResponse: a.response, recist };
}

export interface VouchedWrite {
  payload: ImagingPayload;
  /** Field errors, keyed like the schema's (payload.targetSumMm, payload.response). */
  problems: Record<string, string[]>;
}

const named = (r: RecistResponse) => `${r} (${recistResponseNames[r]})`;

/**
 * The server's word on an imaging write, whoever the writer. The response is computed from the lesions
 * against the line's baseline and nadir, in the patient's whole course. A typed sum that disagrees with
 * the itemised lesions is refused. A clinician (form or API) who states another response must give the
 * reason; a response with no statement is the computed one. An imported report keeps the radiologist's
 * response, with the computed one stored beside it (the difference is shown wherever the response is).
 */
export function vouchForImaging(
  others: readonly CourseScan[],
  lines: readonly LineStart[],
  candidate: CourseScan,
  writer: "clinician" | "import",
  settings: RecistSettings = defaultRecistSettings,
): VouchedWrite {
  const problems: Record<string, string[]> = {};
  const payload: ImagingPayload = withoutServerFields(candidate.payload);
  const lesions = payload.targetLesions;
  if (lesions && lesions.length > 0) {
    const sum = targetLesionSum(lesions);
    if (payload.targetSumMm !== undefined && toHundredths(payload.targetSumMm) !== toHundredths(sum)) {
      problems["payload.targetSumMm"] = [`The target lesions add up to ${sum} mm, not the ${payload.targetSumMm} mm given: correct the sum or the lesions`];
    }
    if (writer === "clinician" && payload.targetSumMm === undefined) payload.targetSumMm = sum;
  }
  const course = assessCourse([...others.filter((s) => s.id !== candidate.id), { ...candidate, payload }], lines, settings);
  const fields = recistFieldsOf(course.get(candidate.id));
  const computed = fields.computedResponse;
  if (writer === "clinician" && computed !== undefined) {
    const stated = payload.response;
    const reason = payload.responseOverrideReason?.trim() ?? "";
    if (stated === undefined) payload.response = computed;
    else if (stated !== computed && reason.length < 3) {
      problems["payload.response"] = [
        `The measurements give ${named(computed)}, not ${named(stated)}: record ${computed}, or give the reason for recording ${stated} instead (${fields.recist?.rule ?? ""})`,
      ];
    }
  }
  return { payload: { ...payload, ...fields }, problems };
}

/** For every scan of the course, the server fields that differ from what is stored. */
export function recistFieldChanges(scans: readonly CourseScan[], lines: readonly LineStart[], settings: RecistSettings = defaultRecistSettings): { id: string; fields: RecistFields }[] {
  const course = assessCourse(scans, lines, settings);
  return scans.flatMap((scan) => {
    const fields = recistFieldsOf(course.get(scan.id));
    const same = JSON.stringify(fields.computedResponse) === JSON.stringify(scan.payload.computedResponse) && canonical(fields.recist) === canonical(scan.payload.recist);
    return same ? [] : [{ id: scan.id, fields }];
  });
}

function canonical(value: unknown): string {
  if (value === undefined) return "";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}:${canonical(v)}`)
    .join(",")}}`;
}

/** The sum every reader shows: from the itemised lesions when there are any, never only the typed one. */
export function shownSumMm(payload: ImagingPayload): number | undefined {
  return scanSumMm(payload);
}
