import "server-only";
import type { Prisma } from "@prisma/client";
import { evaluateScreening, isScreeningRule, reconcile, type AlertSettings } from "@/lib/alerts";
import { toWallClock, type ClinicalDate, type EventKind, type TimelineEvent } from "@/lib/events";
import { screeningPlan, storedScreeningPlan, type ScreeningPlan } from "@/lib/screening";
import { tumourMarkerAnalytes } from "@/lib/events";
import type { ServiceContext } from "./context";
import { patientRead, visiblePatientWhere, type Tx } from "@/lib/service";
import { lockPatientAlerts, writeReconciliation, type AlertChange } from "./alert-evaluation";
import { settingsInForce, storedAlerts, type SettingsInForce } from "./alert-mapping";
import { clinicToday } from "./clinic";
import { ok, type Result } from "./result";
import { refreshSummary } from "./summary";
import { eventsFromJson, timelineSelect } from "./timeline-query";

/**
 * Cancer screening when dermatomyositis comes first, as a service: the plan as of the clinic's today,
 * and the "screening due" / "screening overdue" alerts kept in step.
 *
 * Time moves a plan without any write (an item becomes due, then overdue). So that the stored alerts
 * follow, each evaluation stores the plan and the next day on which it changes by time alone
 * (`ScreeningCheck.plan`, `.nextChangeOn`); a read before that day returns the stored plan (valid until
 * then: every write that touches what the plan reads evaluates it again), and reading the inbox or a
 * patient on or after that day re-evaluates
 * those patients' screening alerts first, inside the same audited transaction, so what is shown is
 * never a day behind. `npm run alerts:evaluate` (e.g. nightly) does the same for every patient.
 */

/** What the screening rules read: diagnoses, antibodies, procedures, imaging, the labs of the panels, dysphagia and ulceration. */
const SCREENING_ANALYTES: readonly string[] = [...tumourMarkerAnalytes, "wbc", "esr", "crp"];
const SCREENING_INPUTS_SQL = timelineSelect(`AND (e.kind IN ('diagnosis', 'antibody_result', 'procedure', 'imaging')
      OR (e.kind = 'lab_result' AND e.payload->>'analyte' IN (${SCREENING_ANALYTES.map((a) => `'${a}'`).join(", ")}))
      OR (e.kind = 'muscle_assessment' AND e.payload->>'dysphagia' = 'true')
      OR (e.kind = 'skin_assessment' AND e.payload->'signs' ? 'ulceration'))`);

const SCREENING_KINDS: ReadonlySet<EventKind> = new Set(["diagnosis", "antibody_result", "procedure", "imaging", "muscle_assessment", "skin_assessment"]);

/** Whether a write can change the screening plan. */
export function screeningReads(change: AlertChange): boolean {
  return change.recordWide === true || change.kinds.some((kind) => SCREENING_KINDS.has(kind) || (kind === "lab_result" && (change.analytes === undefined || change.analytes.some((a) => SCREENING_ANALYTES.includes(a)))));
}

async function screeningInputs(tx: Tx, patientId: string): Promise<{ patient: { id: string; birthDate?: string; sex?: string }; events: TimelineEvent[] }> {
  const [row] = await tx.$queryRawUnsafe<{ events: TimelineEvent[] | string }[]>(SCREENING_INPUTS_SQL, patientId);
  const patient = await tx.patient.findUniqueOrThrow({ where: { id: patientId }, select: { id: true, birthDate: true, sex: true } });
  return { patient: { id: patient.id, sex: patient.sex, ...(patient.birthDate && { birthDate: patient.birthDate.toISOString().slice(0, 10) }) }, events: eventsFromJson(row.events) };
}

/**
 * Re-evaluates one patient's screening alerts as of `now` inside the caller's transaction (which holds
 * the patient's alert lock) and records when the plan next changes by time alone. Returns the plan.
 */
export async function reevaluateScreeningAlerts(tx: Tx, patientId: string, now: ClinicalDate, inForce: SettingsInForce): Promise<{ inserted: number; updated: number; plan: ScreeningPlan }> {
  const { patient, events } = await screeningInputs(tx, patientId);
  const plan = screeningPlan(patient, events, inForce.settings, now);
  const rows = (await tx.alert.findMany({ where: { patientId } })).filter((row) => isScreeningRule(row.ruleId));
  const evaluated = evaluateScreening(patient, events, inForce.settings, now, plan);
  const written = await writeReconciliation(tx, patientId, rows, reconcile(storedAlerts(rows), evaluated), inForce.version);
  const check = {
    nextChangeOn: plan.nextChange ? toWallClock(plan.nextChange) : null,
    evaluatedOn: toWallClock(now.slice(0, 10)),
    plan: JSON.parse(JSON.stringify(plan)) as Prisma.InputJsonValue,
    settingsVersion: inForce.version,
  };
  await tx.screeningCheck.upsert({ where: { patientId }, create: { patientId, ...check }, update: check });
  // A read that moved an alert from due to overdue keeps the worklist's row true as well.
  if (written.inserted + written.updated > 0) await refreshSummary(tx, patientId);
  return { ...written, plan };
}

/** After a change to what the plan reads outside the events (the birth date, the sex): the plan and its alerts, now. */
export async function rescreen(tx: Tx, patientId: string, today: ClinicalDate = clinicToday()): Promise<void> {
  await lockPatientAlerts(tx, patientId);
  await reevaluateScreeningAlerts(tx, patientId, today, await settingsInForce(tx));
}

/** At most this many patients are brought up to date per read; the rest at the next read or the nightly task. */
const REFRESH_LIMIT = 200;

/**
 * Before a read: the screening alerts of the patients (one, or all the actor may see) whose plan has
 * changed by time alone since it was last evaluated. Patients in sorted order, each under its alert lock.
 */
export async function refreshScreening(tx: Tx, ctx: ServiceContext, patientId?: string, today: ClinicalDate = clinicToday()): Promise<number> {
  const due = await tx.screeningCheck.findMany({
    where: { nextChangeOn: { lte: toWallClock(today) }, ...(patientId ? { patientId } : { patient: visiblePatientWhere(ctx.actor) }) },
    select: { patientId: true },
    orderBy: { patientId: "asc" },
    take: REFRESH_LIMIT,
  });
  if (due.length === 0) return 0;
  const inForce = await settingsInForce(tx);
  for (const { patientId: id } of due) {
    await lockPatientAlerts(tx, id);
    await reevaluateScreeningAlerts(tx, id, today, inForce);
  }
  return due.length;
}

export interface ScreeningView {
  plan: ScreeningPlan;
  settingsVersion: number;
  /** The settings the plan was computed with (the page names the windows and grace days). */
  settings: Pick<AlertSettings, "screeningGraceDays" | "screeningLeadDays" | "screeningWindowMonths" | "screeningIntervalMonths">;
}

/**
 * The patient's screening plan as of the clinic's today, with its alerts brought up to date in the
 * same audited transaction (the plan and the alerts shown beside it always agree).
 */
export async function getScreeningPlan(ctx: ServiceContext, patientId: string): Promise<Result<ScreeningView>> {
  return patientRead(ctx, "patient.screening", patientId, async (tx, note) => {
    const view = await screeningOf(tx, patientId);
    note.detail = view.plan.risk ? `${view.plan.state}, ${view.plan.risk.category} risk` : view.plan.state;
    return ok(view);
  });
}

/**
 * The plan inside a caller's transaction (the patient page's one read), after bringing the patient's
 * screening alerts up to date: call it before reading the alerts.
 */
export async function screeningOf(tx: Tx, patientId: string, settings?: SettingsInForce): Promise<ScreeningView> {
  const today = clinicToday();
  const inForce = settings ?? (await settingsInForce(tx));
  const check = await tx.screeningCheck.findUnique({ where: { patientId } });
  // The plan changes only when a write touches what it reads (re-evaluated then), when a day it marked
  // has come, or with new settings: otherwise the read returns the plan stored at the last evaluation
  // and writes nothing (no lock, no row touched, no pass over the record).
  const stored = check && check.settingsVersion === inForce.version ? storedScreeningPlan.safeParse(check.plan) : undefined;
  const due = !check || (check.nextChangeOn !== null && check.nextChangeOn.toISOString().slice(0, 10) <= today);
  let plan: ScreeningPlan;
  if (!due && stored?.success) {
    plan = { ...stored.data, today };
  } else {
    await lockPatientAlerts(tx, patientId);
    plan = (await reevaluateScreeningAlerts(tx, patientId, today, inForce)).plan;
  }
  const { screeningGraceDays, screeningLeadDays, screeningWindowMonths, screeningIntervalMonths } = inForce.settings;
  return { plan, settingsVersion: inForce.version, settings: { screeningGraceDays, screeningLeadDays, screeningWindowMonths, screeningIntervalMonths } };
}
