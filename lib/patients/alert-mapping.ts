import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { alertSettings, dayNumber, defaultAlertSettings, flareDomains, type AlertLifecycleStatus, type AlertSettings, type ImagingReference, type StoredAlert } from "@/lib/alerts";
import { clinicalDate, fromWallClock, imagingModalities, recistResponses, todayIn, toWallClock, type ClinicalDate } from "@/lib/events";
import type { Database } from "@/lib/db";
import type { Tx } from "@/lib/service";
import { clinicTimeZone, clinicToday } from "./clinic";

/**
 * Alerts between the database and the core: a stored row to the engine's StoredAlert and back
 * (its JSON columns parsed, never cast), a row to the view a clinician reads, and the stored settings
 * version to the AlertSettings the rules take.
 */

export interface SettingsInForce {
  version: number;
  settings: AlertSettings;
}

export async function settingsInForce(tx: Tx | Database["prisma"]): Promise<SettingsInForce> {
  const latest = await tx.alertSettingsVersion.findFirst({ orderBy: { version: "desc" } });
  return latest ? { version: latest.version, settings: alertSettings.parse(latest.settings) } : { version: 0, settings: defaultAlertSettings };
}

export type AlertRow = Prisma.AlertGetPayload<object>;
export type StoredRow = StoredAlert & { row: AlertRow };

// One schema per kind of JSON column an alert row holds (what engineColumns writes).
const imagingReference: z.ZodType<ImagingReference> = z.object({
  eventId: z.string(),
  date: clinicalDate,
  response: z.enum(recistResponses).optional(),
  modality: z.enum(imagingModalities).optional(),
});
const stringList = z.array(z.string());
const domainList = z.array(z.enum(flareDomains));

/** A stored JSON column parsed on read: a row the engine did not write fails loudly, never silently cast. */
function parseColumn<T>(schema: z.ZodType<T>, value: unknown, column: string, row: AlertRow): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`Alert ${row.id}: stored ${column} is not what the engine writes (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

export function toStored(row: AlertRow): StoredRow {
  return {
    row,
    key: row.key,
    patientId: row.patientId,
    ruleId: row.ruleId as StoredAlert["ruleId"],
    ruleVersion: row.ruleVersion,
    status: row.status,
    priority: row.priority,
    priorityReasons: parseColumn(stringList, row.priorityReasons, "priorityReasons", row),
    episodeStart: fromWallClock(row.episodeStart, "day"),
    domains: parseColumn(domainList, row.domains, "domains", row),
    evidence: parseColumn(stringList, row.evidence, "evidence", row),
    ...(row.lastImaging ? { lastImaging: parseColumn(imagingReference, row.lastImaging, "lastImaging", row) } : {}),
    ...(row.resolvedBy ? { resolvedBy: parseColumn(imagingReference, row.resolvedBy, "resolvedBy", row) } : {}),
    reason: row.reason,
    acknowledged: row.acknowledged,
  };
}

export function engineColumns(alert: StoredAlert, settingsVersion: number) {
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
    lastImaging: alert.lastImaging ? { ...alert.lastImaging } : Prisma.DbNull,
    resolvedBy: alert.resolvedBy ? { ...alert.resolvedBy } : Prisma.DbNull,
    reason: alert.reason,
    acknowledged: alert.acknowledged ?? false,
  };
}

/** The stored rows as `reconcile` reads them. */
export const storedAlerts = (rows: readonly AlertRow[]): StoredAlert[] => rows.map(toStored);

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
  /** Set with the acknowledgement: from this day the alert is due again. */
  reviewDate?: ClinicalDate;
  /** Acknowledged, and its review date has come (computed at read against the clinic's today). */
  reviewDue: boolean;
  dismissedAt?: string;
  dismissedBy?: string;
  dismissalReason?: string;
  /** Still open or acknowledged `overdueDays` (a setting) after it was raised. */
  overdue: boolean;
  /** Whole days since it was raised, in the clinic's calendar. */
  daysOpen: number;
}

const ACTIVE: readonly string[] = ["open", "acknowledged"];

function toView(row: AlertRow & { patient: { familyName: string; givenName: string; identifier: string } }, overdueDays: number, today: ClinicalDate): AlertView {
  const stored = toStored(row);
  const daysOpen = dayNumber(today) - dayNumber(todayIn(clinicTimeZone(), row.raisedAt));
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
    reviewDate: row.reviewDate ? fromWallClock(row.reviewDate, "day") : undefined,
    reviewDue: row.status === "acknowledged" && row.reviewDate !== null && fromWallClock(row.reviewDate, "day") <= today,
    dismissedAt: row.dismissedAt?.toISOString(),
    dismissedBy: row.dismissedBy ?? undefined,
    dismissalReason: row.dismissalReason ?? undefined,
    overdue: ACTIVE.includes(row.status) && daysOpen >= overdueDays,
    daysOpen,
  };
}

/** How views are made: the overdue threshold in force (read here unless the caller already holds it) and today's date. */
export async function viewer(tx: Tx | Database["prisma"], inForce?: SettingsInForce) {
  const { settings } = inForce ?? (await settingsInForce(tx));
  const today = clinicToday();
  return (row: Parameters<typeof toView>[0]) => toView(row, settings.overdueDays, today);
}

export const patientNames = { select: { familyName: true, givenName: true, identifier: true } } as const;

/** Every alert of one patient but withdrawn ones, inside the caller's (already access-checked) transaction. */
export async function patientAlertViews(tx: Tx, patientId: string, inForce?: SettingsInForce): Promise<AlertView[]> {
  const rows = await tx.alert.findMany({
    where: { patientId, status: { not: "withdrawn" } },
    include: { patient: patientNames },
    orderBy: [{ priority: "asc" }, { episodeStart: "asc" }, { key: "asc" }],
  });
  return rows.map(await viewer(tx, inForce));
}
