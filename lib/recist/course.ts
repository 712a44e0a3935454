import { compareClinicalDates, dayOf, daysBetween, type ClinicalDate, type EventOfKind, type PayloadOf, type RecistResponse } from "@/lib/events";
import { targetLesionSum } from "./lesions";
import { toHundredths, toMm, formatMm } from "./millimetres";
import { assessTimePoint, type TimePointAssessment, type TimePointReference } from "./timepoint";

export type ImagingPayload = PayloadOf<"imaging">;

/** One imaging study of the patient, as the course needs it. */
export interface CourseScan {
  id: string;
  date: ClinicalDate;
  payload: ImagingPayload;
}

/** The start of a line of therapy: the date of its first cycle. */
export interface LineStart {
  line: number;
  date: ClinicalDate;
  regimen?: string;
}

export interface RecistSettings {
  /** CR and PR are confirmed by a later assessment at least this many days after (RECIST 1.1 §4.6: ≥ 4 weeks). */
  confirmationDays: number;
  /**
   * SD counts as best response only at least this many days after the line's start. RECIST 1.1
   * (§4.6.2) leaves the interval to the protocol, "generally 6–8 weeks"; we default to the shorter,
   * 6 weeks, and the installation may change it (FLAREWATCH_RECIST_SD_MIN_WEEKS).
   */
  sdMinimumDays: number;
}

export const defaultRecistSettings: RecistSettings = { confirmationDays: 28, sdMinimumDays: 42 };

export type ScanRole = "baseline" | "assessment" | "baseline-and-assessment" | "not-assessed";

export interface ScanInCourse {
  id: string;
  date: ClinicalDate;
  role: ScanRole;
  /** The line whose baseline this scan is compared with (for a baseline: the line it opens). */
  line?: number;
  /** For a scan that is both: the line it opens. */
  opensLine?: number;
  /** For a pure baseline: why it is one, in words, and its sum. */
  baselineRule?: string;
  baselineSumMm?: number;
  /** For an assessment: the computed time point response. */
  assessment?: TimePointAssessment;
  baselineDate?: ClinicalDate;
  nadirDate?: ClinicalDate;
}

/** A scan measured something RECIST can use: itemised target lesions (even none), a typed sum, or non-target lesions. */
export function isMeasured(payload: ImagingPayload): boolean {
  return payload.targetLesions !== undefined || payload.targetSumMm !== undefined || (payload.nonTargetLesions?.length ?? 0) > 0;
}

/** The sum of a scan: the itemised lesions win over a typed total. */
export function scanSumMm(payload: ImagingPayload): number | undefined {
  const lesions = payload.targetLesions;
  if (lesions && lesions.length > 0) return targetLesionSum(lesions);
  return lesions === undefined ? payload.targetSumMm : undefined;
}

/** The response the server vouches for: computed where lesions were measured, else as recorded. */
export function effectiveResponse(payload: ImagingPayload): RecistResponse | undefined {
  return payload.computedResponse ?? payload.response;
}

interface LineState {
  line?: number;
  baseline: TimePointReference["baseline"] & { id: string };
  nadir?: { date: ClinicalDate; sumMm: number };
  previous?: { date: ClinicalDate; response: RecistResponse };
  responses: { date: ClinicalDate; response: RecistResponse }[];
  confirmedSince?: ClinicalDate;
  /** The last scan processed was part of the baseline time point (consecutive staging studies). */
  open: boolean;
}

const byDate = (a: { date: ClinicalDate }, b: { date: ClinicalDate }) => compareClinicalDates(a.date, b.date);

/** The line a baseline of `date` belongs to: as recorded, else the first line starting on or after it, else the latest started. */
function lineOfBaseline(date: ClinicalDate, lines: readonly LineStart[], recorded?: number): number | undefined {
  if (recorded !== undefined) return recorded;
  const day = dayOf(date);
  const next = lines.filter((l) => compareClinicalDates(dayOf(l.date), day) >= 0).sort(byDate)[0];
  if (next) return next.line;
  return lines.filter((l) => compareClinicalDates(dayOf(l.date), day) < 0).sort(byDate).at(-1)?.line;
}

function baselineOf(scan: CourseScan): LineState["baseline"] {
  const p = scan.payload;
  const lesions = p.targetLesions;
  const sumMm = scanSumMm(p);
  const targets = lesions !== undefined && lesions.length === 0 ? "none" : sumMm !== undefined ? "measured" : (p.nonTargetLesions?.length ?? 0) > 0 ? "none" : "unknown";
  return { id: scan.id, date: scan.date, sumMm, lesions: lesions && lesions.length > 0 ? lesions : undefined, targets };
}

/**
 * The patient's whole imaging course read by RECIST 1.1: which scan is the baseline of which line,
 * and each later scan's response against its line's baseline and nadir, in date order. Scans on the
 * same day are one time point: each is compared with what was known before that day.
 * A new line of therapy takes a new baseline (a scan flagged as the baseline for line N; the scan
 * that showed progression on the previous line can be both its last assessment and the new baseline).
 */
export function assessCourse(scans: readonly CourseScan[], lines: readonly LineStart[] = [], settings: RecistSettings = defaultRecistSettings): Map<string, ScanInCourse> {
  const result = new Map<string, ScanInCourse>();
  const ordered = [...scans].sort(byDate);
  let state: LineState | undefined;
  let day: ClinicalDate | undefined;
  let before: LineState | undefined;
  for (const scan of ordered) {
    // Everything on one day is compared with the state at the end of the previous day.
    if (day === undefined || compareClinicalDates(dayOf(scan.date), day) !== 0) {
      day = dayOf(scan.date);
      before = state && { ...state, responses: [...state.responses] };
    }
    const p = scan.payload;
    const measured = isMeasured(p);
    // Without any treatment line recorded, the baseline before is line 1's.
    const newLine = p.baseline === true && p.baselineForLine !== undefined && before !== undefined && p.baselineForLine > (before.line ?? 1);
    const pureBaseline = p.baseline === true && !newLine;

    if (pureBaseline || (before === undefined && measured && !p.baseline)) {
      const base = baselineOf(scan);
      const consecutive = state?.open === true && p.baseline === true;
      if (consecutive && state) {
        // Consecutive baseline studies (a staging CT, then a PET-CT) are one baseline time point; the
        // latest sum measured in it is the baseline sum.
        if (base.targets !== "unknown") state.baseline = { ...base };
        state.nadir = state.baseline.sumMm === undefined ? undefined : { date: state.baseline.date, sumMm: state.baseline.sumMm };
        if (p.baselineForLine !== undefined) state.line = p.baselineForLine;
      } else {
        state = {
          line: lineOfBaseline(scan.date, lines, p.baselineForLine),
          baseline: base,
          nadir: base.sumMm === undefined ? undefined : { date: scan.date, sumMm: base.sumMm },
          responses: [],
          open: true,
        };
      }
      const why = p.baseline ? (p.baselineForLine !== undefined ? `baseline for line ${p.baselineForLine}` : "baseline scan") : "first scan with target lesions measured, so it is the baseline";
      result.set(scan.id, {
        id: scan.id,
        date: scan.date,
        role: "baseline",
        line: state.line,
        baselineRule: `${why}${base.sumMm === undefined ? "" : ` (target sum ${formatMm(toHundredths(base.sumMm))})`}; later scans are compared with it`,
        baselineSumMm: base.sumMm,
      });
      continue;
    }
    if (!measured || before === undefined) {
      result.set(scan.id, { id: scan.id, date: scan.date, role: "not-assessed", line: state?.line });
      continue;
    }

    const started = lines.filter((l) => compareClinicalDates(dayOf(l.date), dayOf(scan.date)) < 0).sort(byDate).at(-1);
    const reference: TimePointReference = {
      baseline: before.baseline,
      nadir: before.nadir,
      previousResponse: before.previous,
      confirmedResponseSince: before.confirmedSince,
      lineWithoutBaseline:
        started && before.line !== undefined && started.line > before.line && !newLine ? { line: started.line, date: started.date } : undefined,
    };
    const assessment = assessTimePoint(
      {
        date: scan.date,
        targetLesions: p.targetLesions,
        targetSumMm: p.targetSumMm,
        nonTargetResponse: p.nonTargetResponse,
        nonTargetStatuses: p.nonTargetLesions?.map((l) => l.status),
        newLesions: p.newLesions || (p.newLesionList?.length ?? 0) > 0,
      },
      reference,
    );
    result.set(scan.id, {
      id: scan.id,
      date: scan.date,
      role: newLine ? "baseline-and-assessment" : "assessment",
      line: before.line,
      opensLine: newLine ? p.baselineForLine : undefined,
      assessment,
      baselineDate: before.baseline.date,
      nadirDate: before.nadir?.date,
    });
    if (!state) continue;
    state.open = false;
    if (newLine) {
      const base = baselineOf(scan);
      state = { line: p.baselineForLine, baseline: base, nadir: base.sumMm === undefined ? undefined : { date: scan.date, sumMm: base.sumMm }, responses: [], open: true };
      continue;
    }
    // Only a complete assessment (every baseline lesion measured) can be a nadir: a partial scan would be a false one.
    if (assessment.complete && assessment.targetSumMm !== undefined && (state.nadir === undefined || toHundredths(assessment.targetSumMm) < toHundredths(state.nadir.sumMm))) {
      state.nadir = { date: scan.date, sumMm: toMm(toHundredths(assessment.targetSumMm)) };
    }
    const response = assessment.response;
    if (response !== "NE") {
      if ((response === "PR" || response === "CR") && state.confirmedSince === undefined) {
        const earlier = state.responses.find((r) => (r.response === "PR" || r.response === "CR") && daysBetween(r.date, scan.date) >= settings.confirmationDays);
        if (earlier) state.confirmedSince = scan.date;
      }
      if (response === "PD") state.confirmedSince = undefined;
      state.responses.push({ date: scan.date, response });
      state.previous = { date: scan.date, response };
    }
  }
  return result;
}

/** Line starts from the patient's treatment cycles: the first cycle of each line. */
export function lineStartsFromCycles(cycles: readonly EventOfKind<"treatment_cycle">[]): LineStart[] {
  const starts = new Map<number, LineStart>();
  for (const cycle of cycles) {
    if (cycle.status === "entered_in_error") continue;
    const known = starts.get(cycle.payload.lineOfTherapy);
    if (!known || compareClinicalDates(cycle.occurredAt, known.date) < 0) {
      starts.set(cycle.payload.lineOfTherapy, { line: cycle.payload.lineOfTherapy, date: cycle.occurredAt, regimen: cycle.payload.regimen });
    }
  }
  return [...starts.values()].sort(byDate);
}

/** The scans of a course from imaging events, leaving out events entered in error. */
export function courseScansFromImaging(events: readonly EventOfKind<"imaging">[]): CourseScan[] {
  return events.filter((e) => e.status !== "entered_in_error").map((e) => ({ id: e.id, date: e.occurredAt, payload: e.payload }));
}
