import "server-only";
import { Prisma } from "@prisma/client";
import {
  alertSettings,
  backtest,
  defaultAlertSettings,
  evaluate,
  reconcile,
  type AlertLifecycleStatus,
  type AlertSettings,
  type BacktestResult,
  type ImagingReference,
  type StoredAlert,
} from "@/lib/alerts";
import { fieldErrorsOf, fromWallClock, todayIn, toWallClock, type ClinicalDate, type TimelineEvent } from "@/lib/events";
import { appendAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { z } from "zod";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { administrator, audited, changePatient, isUuid, seePatient, visiblePatientWhere } from "./access";
import { conflict, invalid, notFound, ok, type Result } from "./result";
import { timelineSelect } from "./timeline-query";

type Tx = Prisma.TransactionClient;

/** Today in the clinic's time zone: events dated after it are not yet considered. */
export function clinicToday(): ClinicalDate {
  return todayIn(clinicTimeZone());
}

/** Only what the rule reads: skin and muscle assessments, CK, tumour imaging, treatment, antibodies, diagnoses. */
const ALERT_INPUTS_SQL = timelineSelect(
  `AND (e.kind IN ('skin_assessment', 'muscle_assessment', 'imaging', 'treatment_cycle', 'antibody_result', 'diagnosis')
        OR (e.kind = 'lab_result' AND e.payload->>'analyte' = 'ck'))`,
);

async function alertInputs(tx: Tx, patientId: string): Promise<TimelineEvent[]> {
  const [row] = await tx.$queryRawUnsafe<{ events: TimelineEvent[] | string }[]>(ALERT_INPUTS_SQL, patientId);
  return (typeof row.events === "string" ? JSON.parse(row.events) : row.events) as TimelineEvent[];
}

export interface SettingsInForce {
  version: number;
  settings: AlertSettings;
}

export async function settingsInForce(tx: Tx | Database["prisma"]): Promise<SettingsInForce> {
  const latest = await tx.alertSettingsVersion.findFirst({ orderBy: { version: "desc" } });
  return latest ? { version: latest.version, settings: alertSettings.parse(latest.settings) } : { version: 0, settings: defaultAlertSettings };
}

type AlertRow = Prisma.AlertGetPayload<object>;
type StoredRow = StoredAlert & { row: AlertRow };

function toStored(row: AlertRow): StoredRow {
  return {
    row,
    key: row.key,
    patientId: row.patientId,
    ruleId: row.ruleId,
    ruleVersion: row.ruleVersion,
    status: row.status as AlertLifecycleStatus,
    priority: row.priority as StoredAlert["priority"],
    priorityReasons: row.priorityReasons as string[],
    episodeStart: fromWallClock(row.episodeStart, "day"),
    domains: row.domains as StoredAlert["domains"],
    evidence: row.evidence as string[],
    ...(row.lastImaging ? { lastImaging: row.lastImaging as unknown as ImagingReference } : {}),
    ...(row.resolvedBy ? { resolvedBy: row.resolvedBy as unknown as ImagingReference } : {}),
    reason: row.reason,
    acknowledged: row.acknowledged,
  };
}

function engineColumns(alert: StoredAlert, settingsVersion: number) {
  return {
    ruleId: alert.ruleId,
    ruleVersion: alert.ruleVersion,
    settingsVersion,
    status: alert.status,
    priority: alert.priority,
    priorityReasons: alert.priorityReasons,
    episodeStart: toWallClock(alert.episodeStart),
    domains: alert.domains,
    evidence: alert.evidence,
    lastImaging: alert.lastImaging ? (alert.lastImaging as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
    resolvedBy: alert.resolvedBy ? (alert.resolvedBy as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
    reason: alert.reason,
    acknowledged: alert.acknowledged ?? false,
  };
}

/**
 * Re-evaluates one patient's alerts inside the caller's transaction, so an event and the alerts it
 * raises or resolves are stored together or not at all.
 */
export async function reevaluatePatientAlerts(tx: Tx, patientId: string, now: ClinicalDate = clinicToday(), inForce?: SettingsInForce) {
  const { version, settings } = inForce ?? (await settingsInForce(tx));
  const [events, rows] = await Promise.all([alertInputs(tx, patientId), tx.alert.findMany({ where: { patientId } })]);
  const evaluated = evaluate({ id: patientId }, events, settings, now);
  const plan = reconcile(rows.map(toStored), evaluated);
  for (const alert of plan.insert) {
    const predecessor = alert.continues ? rows.find((row) => row.key === alert.continues) : undefined;
    await tx.alert.create({
      data: {
        key: alert.key,
        patientId,
        ...engineColumns(alert, version),
        continues: alert.continues ?? null,
        // A continued alert keeps what clinicians said about it.
        acknowledgedAt: predecessor?.acknowledgedAt ?? null,
        acknowledgedBy: predecessor?.acknowledgedBy ?? null,
        acknowledgementNote: predecessor?.acknowledgementNote ?? null,
        dismissedAt: predecessor?.dismissedAt ?? null,
        dismissedBy: predecessor?.dismissedBy ?? null,
        dismissalReason: predecessor?.dismissalReason ?? null,
      },
    });
  }
  for (const { before, after } of plan.update) {
    await tx.alert.update({ where: { id: (before as StoredRow).row.id }, data: { ...engineColumns(after, version), updatedAt: new Date() } });
  }
  return { inserted: plan.insert.length, updated: plan.update.length };
}

/** Every patient's alerts, each patient in its own transaction (`npm run alerts:evaluate`, settings changes). */
export async function reevaluateAllAlerts(db: Database, now: ClinicalDate = clinicToday()) {
  const inForce = await settingsInForce(db.prisma);
  const patients = await db.prisma.patient.findMany({ select: { id: true } });
  let inserted = 0;
  let updated = 0;
  for (const { id } of patients) {
    const result = await db.prisma.$transaction((tx) => reevaluatePatientAlerts(tx, id, now, inForce), { timeout: 60_000 });
    inserted += result.inserted;
    updated += result.updated;
  }
  return { patients: patients.length, inserted, updated };
}

export interface AlertView {
  id: string;
  key: string;
  patientId: string;
  patientName: string;
  patientIdentifier: string;
  status: AlertLifecycleStatus;
  priority: "high" | "normal";
  priorityReasons: string[];
  episodeStart: ClinicalDate;
  domains: ("skin" | "muscle")[];
  evidence: string[];
  lastImaging?: ImagingReference;
  resolvedBy?: ImagingReference;
  reason: string;
  ruleId: string;
  ruleVersion: number;
  settingsVersion: number;
  raisedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgementNote?: string;
  dismissedAt?: string;
  dismissedBy?: string;
  dismissalReason?: string;
}

function toView(row: AlertRow & { patient: { familyName: string; givenName: string; identifier: string } }): AlertView {
  const stored = toStored(row);
  return {
    id: row.id,
    key: row.key,
    patientId: row.patientId,
    patientName: `${row.patient.familyName.toUpperCase()}, ${row.patient.givenName}`,
    patientIdentifier: row.patient.identifier,
    status: stored.status,
    priority: stored.priority,
    priorityReasons: stored.priorityReasons,
    episodeStart: stored.episodeStart,
    domains: stored.domains,
    evidence: stored.evidence,
    lastImaging: stored.lastImaging,
    resolvedBy: stored.resolvedBy,
    reason: row.reason,
    ruleId: row.ruleId,
    ruleVersion: row.ruleVersion,
    settingsVersion: row.settingsVersion,
    raisedAt: row.raisedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString(),
    acknowledgedBy: row.acknowledgedBy ?? undefined,
    acknowledgementNote: row.acknowledgementNote ?? undefined,
    dismissedAt: row.dismissedAt?.toISOString(),
    dismissedBy: row.dismissedBy ?? undefined,
    dismissalReason: row.dismissalReason ?? undefined,
  };
}

export const alertFilter = z.object({
  status: z.enum(["active", "open", "acknowledged", "resolved", "dismissed", "all"]).default("active"),
  priority: z.enum(["high", "normal", "any"]).default("any"),
  patientId: z.string().optional(),
});

const patientNames = { select: { familyName: true, givenName: true, identifier: true } } as const;

/** Every alert of one patient but withdrawn ones, inside the caller's (already access-checked) transaction. */
export async function patientAlertViews(tx: Tx, patientId: string): Promise<AlertView[]> {
  const rows = await tx.alert.findMany({
    where: { patientId, status: { not: "withdrawn" } },
    include: { patient: patientNames },
    orderBy: [{ priority: "asc" }, { episodeStart: "asc" }, { key: "asc" }],
  });
  return rows.map(toView);
}

/** The inbox: by default open and acknowledged alerts, high priority first, then oldest episode first. Only the actor's patients. */
export async function listAlerts(ctx: ServiceContext, filter: unknown = {}, action?: string): Promise<Result<AlertView[]>> {
  const parsed = alertFilter.safeParse(filter);
  const patientId = parsed.success ? parsed.data.patientId : undefined;
  return audited(ctx, action ?? (patientId ? "patient.alerts" : "alert.list"), async (tx, note) => {
    if (patientId !== undefined) {
      const seen = await seePatient(tx, ctx, note, patientId);
      if (!seen.ok) return seen;
    }
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const { status, priority } = parsed.data;
    const rows = await tx.alert.findMany({
      where: {
        ...(status === "active" ? { status: { in: ["open", "acknowledged"] } } : status === "all" ? { status: { not: "withdrawn" } } : { status }),
        ...(priority !== "any" ? { priority } : {}),
        ...(patientId ? { patientId } : {}),
        patient: visiblePatientWhere(ctx.actor),
      },
      include: { patient: patientNames },
      orderBy: [{ priority: "asc" }, { episodeStart: "asc" }, { key: "asc" }],
    });
    if (!patientId) note.detail = `${rows.length} alert${rows.length === 1 ? "" : "s"} (status ${status}, priority ${priority})`;
    return ok(rows.map(toView));
  });
}

/** Counts for the navigation: alerts on the actor's patients waiting for someone. */
export async function activeAlertCounts(ctx: ServiceContext): Promise<{ open: number; high: number }> {
  const rows = await ctx.db.prisma.alert.groupBy({ by: ["priority"], where: { status: "open", patient: visiblePatientWhere(ctx.actor) }, _count: { _all: true } });
  const open = rows.reduce((sum, row) => sum + row._count._all, 0);
  return { open, high: rows.find((row) => row.priority === "high")?._count._all ?? 0 };
}

export const acknowledgeInput = z.object({
  note: z.string({ error: "Add a note" }).trim().min(1, { error: "Add a note saying what is planned" }).max(2000),
});
export const dismissInput = z.object({
  reason: z.string({ error: "Give the reason" }).trim().min(3, { error: "Give the reason (at least 3 characters)" }).max(2000),
});

async function changeAlert(
  ctx: ServiceContext,
  action: string,
  alertId: string,
  parse: () => Result<unknown>,
  allowed: AlertLifecycleStatus[],
  data: (row: AlertRow) => Prisma.AlertUpdateInput,
): Promise<Result<AlertView>> {
  return audited(ctx, action, async (tx, note) => {
    const row = isUuid(alertId) ? await tx.alert.findUnique({ where: { id: alertId } }) : null;
    if (!row) return notFound(`No alert with id ${alertId}`);
    const permitted = await changePatient(tx, ctx, note, row.patientId, `No alert with id ${alertId}`);
    if (!permitted.ok) return permitted;
    note.detail = `alert ${row.key}`;
    const parsed = parse();
    if (!parsed.ok) return parsed;
    if (!allowed.includes(row.status as AlertLifecycleStatus)) return conflict(`This alert is ${row.status}; it cannot be changed that way.`);
    const updated = await tx.alert.updateMany({ where: { id: alertId, status: row.status }, data: { ...data(row), updatedAt: new Date() } as Prisma.AlertUpdateManyMutationInput });
    if (updated.count !== 1) return conflict("Someone else changed this alert at the same time. Reload it.");
    return ok(toView(await tx.alert.findUniqueOrThrow({ where: { id: alertId }, include: { patient: patientNames } })));
  });
}

/** Seen, with a note; the alert stays active and still resolves when imaging is recorded. */
export async function acknowledgeAlert(ctx: ServiceContext, alertId: string, input: unknown): Promise<Result<AlertView>> {
  const parsed = acknowledgeInput.safeParse(input);
  const parse = () => (parsed.success ? ok(parsed.data) : invalid(fieldErrorsOf(parsed.error)));
  return changeAlert(ctx, "alert.acknowledge", alertId, parse, ["open"], () => ({
    status: "acknowledged",
    acknowledged: true,
    acknowledgedAt: new Date(),
    acknowledgedBy: `${ctx.actor.name} (${ctx.actor.role})`,
    acknowledgementNote: parsed.data!.note,
  }));
}

/** Resolved by a clinician with a reason (e.g. "flare explained by steroid taper"); never reopened. */
export async function dismissAlert(ctx: ServiceContext, alertId: string, input: unknown): Promise<Result<AlertView>> {
  const parsed = dismissInput.safeParse(input);
  const parse = () => (parsed.success ? ok(parsed.data) : invalid(fieldErrorsOf(parsed.error)));
  return changeAlert(ctx, "alert.dismiss", alertId, parse, ["open", "acknowledged"], () => ({
    status: "dismissed",
    dismissedAt: new Date(),
    dismissedBy: `${ctx.actor.name} (${ctx.actor.role})`,
    dismissalReason: parsed.data!.reason,
  }));
}

export async function getAlertSettings(ctx: ServiceContext): Promise<SettingsInForce> {
  return settingsInForce(ctx.db.prisma);
}

/** A new settings version (admins only), then every patient's alerts re-evaluated under it. */
export async function updateAlertSettings(ctx: ServiceContext, input: unknown): Promise<Result<SettingsInForce & { reevaluated: number }>> {
  const saved = await audited(ctx, "alert-settings.update", async (tx, note) => {
    const allowed = administrator(ctx);
    if (!allowed.ok) return allowed;
    const parsed = alertSettings.safeParse(input);
    if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
    const row = await tx.alertSettingsVersion.create({ data: { settings: parsed.data as Prisma.InputJsonValue, createdBy: `${ctx.actor.name} (${ctx.actor.role})` } });
    note.detail = `settings version ${row.version}`;
    return ok({ version: row.version, settings: parsed.data });
  });
  if (!saved.ok) return saved;
  const result = await reevaluateAllAlerts(ctx.db);
  return ok({ ...saved.value, reevaluated: result.patients });
}

/** Alert inputs of every patient in one query, grouped by patient (backtest, whole-cohort evaluation). */
async function allAlertInputs(db: Database): Promise<Map<string, TimelineEvent[]>> {
  const rows = await db.prisma.$queryRawUnsafe<{ patientId: string; events: TimelineEvent[] | string }[]>(
    `SELECT p.id AS "patientId", (${ALERT_INPUTS_SQL.replace("$1::uuid", "p.id")}) AS events FROM "Patient" p`,
  );
  return new Map(rows.map((row) => [row.patientId, (typeof row.events === "string" ? JSON.parse(row.events) : row.events) as TimelineEvent[]]));
}

export interface BacktestView extends BacktestResult {
  settingsVersion: number;
  patients: Record<string, { name: string; identifier: string }>;
}

/** Every flare episode in the history of every patient the actor may see, against the imaging that followed it. */
export async function backtestCohort(ctx: ServiceContext): Promise<BacktestView> {
  const [{ version, settings }, inputs, patients] = await Promise.all([
    settingsInForce(ctx.db.prisma),
    allAlertInputs(ctx.db),
    ctx.db.prisma.patient.findMany({ where: visiblePatientWhere(ctx.actor), select: { id: true, familyName: true, givenName: true, identifier: true } }),
  ]);
  const visible = new Set(patients.map((p) => p.id));
  const result = backtest(
    [...inputs].filter(([id]) => visible.has(id)).map(([id, events]) => ({ patient: { id }, events })),
    settings,
  );
  await ctx.db.prisma.$transaction((tx) =>
    appendAudit(tx, ctx.actor, ctx.origin, { action: "alerts.backtest", detail: `${visible.size} patients, ${result.episodes.length} episodes` }),
  );
  return {
    ...result,
    settingsVersion: version,
    patients: Object.fromEntries(patients.map((p) => [p.id, { name: `${p.familyName.toUpperCase()}, ${p.givenName}`, identifier: p.identifier }])),
  };
}
