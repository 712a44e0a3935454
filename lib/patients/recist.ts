import "server-only";
import type { Prisma } from "@prisma/client";
import type { ClinicalDate, EventInput, EventOfKind, FieldErrors } from "@/lib/events";
import {
  courseScansFromImaging,
  defaultRecistSettings,
  lineStartsFromCycles,
  recistFieldChanges,
  vouchForImaging,
  type CourseScan,
  type LineStart,
  type RecistSettings,
} from "@/lib/recist";
import type { Database } from "@/lib/db";
import { toTimelineEvent } from "./mapping";
import { invalid, ok, type Result } from "./result";
import { refreshSummary } from "./summary";

type Tx = Prisma.TransactionClient;

/**
 * The installation's RECIST settings. RECIST 1.1 leaves the minimum interval for SD to the protocol
 * ("generally 6–8 weeks"); the default is the shorter 6 weeks, FLAREWATCH_RECIST_SD_MIN_WEEKS changes it.
 */
export function recistSettings(env: Record<string, string | undefined> = process.env): RecistSettings {
  const weeks = Number(env.FLAREWATCH_RECIST_SD_MIN_WEEKS);
  return Number.isFinite(weeks) && weeks > 0 && weeks <= 52 ? { ...defaultRecistSettings, sdMinimumDays: Math.round(weeks * 7) } : defaultRecistSettings;
}

interface Course {
  scans: CourseScan[];
  lines: LineStart[];
  rows: Map<string, { versionId: string; payload: unknown; occurredAt: ClinicalDate }>;
}

/** The patient's current imaging and treatment cycles, as RECIST reads them. */
export async function loadCourse(tx: Tx, patientId: string): Promise<Course> {
  const rows = await tx.event.findMany({ where: { patientId, current: true, kind: { in: ["imaging", "treatment_cycle"] }, status: { not: "entered_in_error" } } });
  const events = rows.map(toTimelineEvent);
  const imaging = events.filter((e): e is EventOfKind<"imaging"> => e.kind === "imaging");
  const cycles = events.filter((e): e is EventOfKind<"treatment_cycle"> => e.kind === "treatment_cycle");
  return {
    scans: courseScansFromImaging(imaging),
    lines: lineStartsFromCycles(cycles),
    rows: new Map(imaging.map((e) => [e.id, { versionId: e.versionId, payload: e.payload, occurredAt: e.occurredAt }])),
  };
}

/**
 * The server's word on imaging written by a clinician (form or API): the computed response and its
 * figures are set here, never taken from the writer; a typed sum that disagrees with the lesions, or a
 * stated response other than the computed one without a reason, is refused naming both. `errorPrefix`
 * places the field errors as the caller's input names them ("", "1.", "event.").
 */
export async function vouchForClinicianWrites(
  tx: Tx,
  patientId: string,
  events: readonly EventInput[],
  options: { replacing?: string; errorPrefix?: (index: number) => string } = {},
): Promise<Result<EventInput[]>> {
  if (!events.some((e) => e.kind === "imaging")) return ok([...events]);
  const { scans, lines } = await loadCourse(tx, patientId);
  const others = scans.filter((s) => s.id !== options.replacing);
  const problems: FieldErrors = {};
  const out = events.map((event, index) => {
    if (event.kind !== "imaging") return event;
    const id = options.replacing ?? `new:${index}`;
    const vouched = vouchForImaging(others, lines, { id, date: event.occurredAt, payload: event.payload }, "clinician", recistSettings());
    const prefix = options.errorPrefix?.(index) ?? "";
    for (const [field, messages] of Object.entries(vouched.problems)) problems[`${prefix}${field}`] = messages;
    others.push({ id, date: event.occurredAt, payload: vouched.payload });
    return { ...event, payload: vouched.payload };
  });
  if (Object.keys(problems).length > 0) return invalid(problems, Object.values(problems)[0][0]);
  return ok(out);
}

/**
 * Recomputes the server's RECIST fields of every current scan of the patient, after any write that can
 * change them (imaging, a treatment line, an import): a scan recorded late, or a new line, changes the
 * comparison for the scans after it. Only the computed fields change, in place on the current version;
 * what a writer recorded is never touched. The long-record timeline cache is dropped when anything changed.
 */
export async function refreshRecist(tx: Tx, patientId: string): Promise<ClinicalDate[]> {
  const course = await loadCourse(tx, patientId);
  const changes = recistFieldChanges(course.scans, course.lines, recistSettings());
  for (const { id, fields } of changes) {
    const row = course.rows.get(id)!;
    const payload = { ...(row.payload as Record<string, unknown>) };
    delete payload.computedResponse;
    delete payload.recist;
    await tx.event.update({ where: { id: row.versionId }, data: { payload: { ...payload, ...fields } as Prisma.InputJsonValue } });
  }
  if (changes.length > 0) await tx.timelineCache.deleteMany({ where: { patientId } });
  // The dates of the scans whose computed fields changed: what they answer may have changed too.
  return changes.map(({ id }) => course.rows.get(id)!.occurredAt);
}

/**
 * Computes RECIST for every patient with imaging, each in its own transaction: for records written
 * without the services (the demo cohort's bulk load), before their alerts are evaluated.
 */
export async function refreshRecistForAll(db: Database): Promise<number> {
  const patients = await db.prisma.event.findMany({ where: { kind: "imaging", current: true }, distinct: ["patientId"], select: { patientId: true } });
  let changed = 0;
  for (const { patientId } of patients) {
    changed += (
      await db.prisma.$transaction(
        async (tx) => {
          const rescored = await refreshRecist(tx, patientId);
          // A rescored scan can start or stop answering: the worklist's row follows.
          if (rescored.length > 0) await refreshSummary(tx, patientId);
          return rescored;
        },
        { timeout: 60_000 },
      )
    ).length;
  }
  return changed;
}

/** Whether writing events of these kinds can change a scan's computed response. */
export const changesRecist = (kinds: readonly string[]) => kinds.some((kind) => kind === "imaging" || kind === "treatment_cycle");
