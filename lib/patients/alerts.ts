import "server-only";
import { Prisma } from "@prisma/client";
import {
  alertRules,
  alertSettings,
  screeningRules,
  backtest,
  dayNumber,
  defaultAlertSettings,
  dmSpecificSigns,
  evaluate,
  flareDomains,
  isScreeningRule,
  reconcile,
  seriesKey,
  TROPONIN_DAYS,
  type AlertLifecycleStatus,
  type AlertSettings,
  type BacktestResult,
  type ImagingReference,
  type Reconciliation,
  type StoredAlert,
} from "@/lib/alerts";
import {
  addDays,
  clinicalDate,
  fieldErrorsOf,
  formatClinicalDate,
  fromWallClock,
  imagingModalities,
  isClinicalDate,
  isDemoPatient,
  recistResponses,
  todayIn,
  toWallClock,
  type ClinicalDate,
  type EventKind,
  type TimelineEvent,
} from "@/lib/events";
import { appendAudit } from "@/lib/audit";
import { systemActor } from "@/lib/auth";
import type { Database } from "@/lib/db";
import { z } from "zod";
import { clinicTimeZone } from "./clinic";
import type { ServiceContext } from "./context";
import { administrator, audited, changePatient, isUuid, seePatient, visiblePatientWhere, visibleToSql } from "./access";
import { conflict, invalid, notFound, ok, unsafeTextRefusal, type Result } from "./result";
import { refreshSummaries, refreshSummary } from "./summary";
import { eventsFromJson, timelineSelect } from "./timeline-query";
import { reevaluateScreeningAlerts, refreshScreening, screeningReads } from "./screening";

type Tx = Prisma.TransactionClient;

/** Today in the clinic's time zone: events dated after it are not yet considered. */
export function clinicToday(): ClinicalDate {
  return todayIn(clinicTimeZone());
}

/** Only what the rules read: assessments, CK and troponin, imaging, treatment, medication, adverse events, antibodies, diagnoses. */
const ALERT_KINDS = `('skin_assessment', 'muscle_assessment', 'imaging', 'treatment_cycle', 'medication', 'adverse_event', 'antibody_result', 'diagnosis')`;
const ALERT_ANALYTES: readonly string[] = ["ck", "troponin-t", "troponin-i"];
const ALERT_LABS = `(e.kind = 'lab_result' AND e.payload->>'analyte' IN (${ALERT_ANALYTES.map((analyte) => `'${analyte}'`).join(", ")}))`;
const ALERT_INPUTS_SQL = timelineSelect(`AND (e.kind IN ${ALERT_KINDS} OR ${ALERT_LABS})`);

/** Kinds whose change can alter any alert of the record (DM or cancer on record, antibodies, myositis adverse events): always a full evaluation. */
const RECORD_WIDE_KINDS: ReadonlySet<EventKind> = new Set(["diagnosis", "antibody_result", "adverse_event"]);
/** Kinds the rules never read. */
const UNREAD_KINDS: ReadonlySet<EventKind> = new Set(["note", "admission", "procedure", "radiotherapy"]);

/**
 * The inputs of a windowed evaluation anchored on the answering scan of day `$2` (wall-clock start of
 * that day), in one round trip, each part an index range on (patient, kind, date):
 * - every event the rules read dated from the anchor's day on;
 * - the diagnoses, antibodies and adverse events of any date (record-wide facts);
 * - the latest value of each measure in the `referenceLookbackDays` before the anchor (`$4` on): the
 *   anchor's own value, and the value before the first finding after it;
 * - treatment cycles and medications from `$5` (the longest context window back from the anchor), the
 *   cycle that ended last before that and the last medication of each drug before it;
 * - troponins from two weeks before the anchor, and the first skin assessment with a DM-specific sign.
 * evaluate's `fromAnchorDay` reads nothing else (lib/alerts/evaluate.property.test.ts mirrors this).
 */
const CURRENT = `e."patientId" = $1::uuid AND e.current AND e.status <> 'entered_in_error'`;
const LATEST = `ORDER BY e."occurredAt" DESC, e."datePrecision" DESC, e."chainId" DESC LIMIT 1`;
const BEFORE_ANCHOR = `e."occurredAt" < $2::timestamp AND e."occurredAt" >= $4::timestamp`;
const latestBeforeAnchor = (condition: string) => `(SELECT e.id FROM "Event" e WHERE ${CURRENT} AND ${BEFORE_ANCHOR} AND ${condition} ${LATEST})`;
const WINDOW_SQL = timelineSelect(`AND e.id IN (
      SELECT e.id FROM "Event" e WHERE ${CURRENT} AND e."occurredAt" >= $2::timestamp AND (e.kind IN ${ALERT_KINDS} OR ${ALERT_LABS})
      UNION ALL
      SELECT e.id FROM "Event" e WHERE ${CURRENT} AND e."occurredAt" < $2::timestamp AND e.kind IN ('diagnosis', 'antibody_result', 'adverse_event')
      UNION ALL ${latestBeforeAnchor(`e.kind = 'skin_assessment'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'skin_assessment' AND e.payload ? 'cdasiActivity'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'lab_result' AND e.payload->>'analyte' = 'ck'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'muscle_assessment' AND e.payload ? 'proximalWeaknessMrc'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'muscle_assessment' AND e.payload->'mmt8'->>'scale' = '80'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'muscle_assessment' AND e.payload->'mmt8'->>'scale' = '150'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'muscle_assessment' AND e.payload ? 'dysphagia'`)}
      UNION ALL ${latestBeforeAnchor(`e.kind = 'muscle_assessment' AND e.payload ? 'respiratoryInvolvement'`)}
      UNION ALL
      SELECT e.id FROM "Event" e WHERE ${CURRENT} AND e.kind IN ('treatment_cycle', 'medication') AND e."occurredAt" >= $5::timestamp AND e."occurredAt" < $2::timestamp
      UNION ALL
      (SELECT e.id FROM "Event" e WHERE ${CURRENT} AND e.kind = 'treatment_cycle' AND e."occurredAt" < $5::timestamp
        ORDER BY date_trunc('day', coalesce(e."endedAt", e."occurredAt")) DESC, e."occurredAt" DESC, e."datePrecision" DESC, e."chainId" DESC LIMIT 1)
      UNION ALL
      SELECT m.id FROM (SELECT DISTINCT ON (lower(e.payload->>'drug')) e.id FROM "Event" e
                         WHERE ${CURRENT} AND e.kind = 'medication' AND e."occurredAt" < $5::timestamp
                         ORDER BY lower(e.payload->>'drug'), e."occurredAt" DESC, e."datePrecision" DESC, e."chainId" DESC) m
      UNION ALL
      SELECT e.id FROM "Event" e WHERE ${CURRENT} AND ${ALERT_LABS} AND e.payload->>'analyte' <> 'ck' AND e."occurredAt" >= $6::timestamp AND e."occurredAt" < $2::timestamp
      UNION ALL
      (SELECT e.id FROM "Event" e WHERE ${CURRENT} AND e.kind = 'skin_assessment' AND e."occurredAt" < $2::timestamp AND e.payload->'signs' ?| $3::text[]
        ORDER BY e."occurredAt" LIMIT 1))`);

/**
 * The last answering scan dated on a day before `$2` (the start of that day), as the rules decide it:
 * an answering modality, and a baseline study without a response or a response of CR, PR, SD or PD
 * (the server-computed one where lesions were measured).
 */
const ANCHOR_SQL = `
  SELECT e."chainId" AS id, to_char(e."occurredAt", 'YYYY-MM-DD') AS day
    FROM "Event" e
   WHERE e."patientId" = $1::uuid AND e.current AND e.status <> 'entered_in_error' AND e.kind = 'imaging'
     AND e."occurredAt" < $2::timestamp AND e.payload->>'modality' = ANY($3::text[])
     AND (coalesce(e.payload->>'computedResponse', e.payload->>'response') IN ('CR', 'PR', 'SD', 'PD')
          OR (e.payload->>'baseline' = 'true' AND coalesce(e.payload->>'computedResponse', e.payload->>'response') IS NULL))
   ORDER BY e."occurredAt" DESC
   LIMIT 1`;

/** Which series have a value dated before `$2`: only asked when a windowed finding would otherwise read "at first assessment". */
const EARLIER_SERIES_SQL = `
  SELECT
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'skin_assessment') AS "skin-grade",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'skin_assessment' AND e.payload ? 'cdasiActivity') AS "cdasi-activity",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'lab_result' AND e.payload->>'analyte' = 'ck') AS "ck",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'muscle_assessment' AND e.payload ? 'proximalWeaknessMrc') AS "mrc",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'muscle_assessment' AND e.payload->'mmt8'->>'scale' = '80') AS "mmt8/80",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'muscle_assessment' AND e.payload->'mmt8'->>'scale' = '150') AS "mmt8/150",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'muscle_assessment' AND e.payload ? 'dysphagia') AS "dysphagia",
    EXISTS (SELECT 1 FROM "Event" e WHERE ${"$BASE"} AND e.kind = 'muscle_assessment' AND e.payload ? 'respiratoryInvolvement') AS "respiratory"`.replaceAll(
  "$BASE",
  `e."patientId" = $1::uuid AND e.current AND e.status <> 'entered_in_error' AND e."occurredAt" < $2::timestamp`,
);

async function alertInputs(tx: Tx, patientId: string): Promise<TimelineEvent[]> {
  const [row] = await tx.$queryRawUnsafe<{ events: TimelineEvent[] | string }[]>(ALERT_INPUTS_SQL, patientId);
  return eventsFromJson(row.events);
}

export interface SettingsInForce {
  version: number;
  settings: AlertSettings;
}

export async function settingsInForce(tx: Tx | Database["prisma"]): Promise<SettingsInForce> {
  const latest = await tx.alertSettingsVersion.findFirst({ orderBy: { version: "desc" } });
  return latest ? { version: latest.version, settings: alertSettings.parse(latest.settings) } : { version: 0, settings: defaultAlertSettings };
}

export type AlertRow = Prisma.AlertGetPayload<object>;
type StoredRow = StoredAlert & { row: AlertRow };

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

function toStored(row: AlertRow): StoredRow {
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
    lastImaging: alert.lastImaging ? { ...alert.lastImaging } : Prisma.DbNull,
    resolvedBy: alert.resolvedBy ? { ...alert.resolvedBy } : Prisma.DbNull,
    reason: alert.reason,
    acknowledged: alert.acknowledged ?? false,
  };
}

/** What a write changed, for re-evaluating only what it can affect: the clinical dates it touched (old and new) and the kinds. */
export interface AlertChange {
  dates: ClinicalDate[];
  kinds: EventKind[];
  /** The change can alter any alert of the record (it may establish dermatomyositis): evaluate it all. */
  recordWide?: boolean;
  /** The analytes of the lab results it touched: the rules read only CK and troponins. */
  analytes?: string[];
}

/** Whether the rules read nothing the change touched (a note, or a routine lab such as CRP): no re-evaluation. */
function unread(change: AlertChange): boolean {
  return change.kinds.every((kind) => UNREAD_KINDS.has(kind) || (kind === "lab_result" && change.analytes !== undefined && change.analytes.every((analyte) => !ALERT_ANALYTES.includes(analyte))));
}

/** Where a windowed evaluation starts: the last answering scan before the earliest date the change touched. */
interface Window {
  anchorDay: number;
  /** Wall-clock starts: the anchor's day, the look-back before it, the context windows before it, two weeks before it. */
  anchor: string;
  lookback: string;
  context: string;
  troponin: string;
}

async function windowFor(tx: Tx, patientId: string, change: AlertChange, settings: AlertSettings): Promise<Window | undefined> {
  const earliest = change.dates.map((date) => date.slice(0, 10)).sort()[0];
  const [anchor] = await tx.$queryRawUnsafe<{ id: string; day: string }[]>(ANCHOR_SQL, patientId, `${earliest}T00:00:00`, settings.answeringModalities);
  if (!anchor) return undefined;
  const back = (days: number) => `${addDays(anchor.day, -days)}T00:00:00`;
  return {
    anchorDay: dayNumber(anchor.day),
    anchor: back(0),
    lookback: back(settings.referenceLookbackDays),
    context: back(Math.max(settings.steroidTaperDays, settings.statinStartDays, settings.iciWindowDays)),
    troponin: back(TROPONIN_DAYS),
  };
}

const dismissedOf = (stored: readonly StoredRow[]) =>
  stored.filter((alert) => alert.status === "dismissed").map((alert) => ({ key: alert.key, ruleId: alert.ruleId, evidence: alert.evidence }));

/**
 * What the engine says now, over the whole record or, for a change that cannot reach further back,
 * over the window from the last answering scan before it (see `WINDOW_SQL`); with the stored alerts
 * that window covers. Equal to a full evaluation restricted to the same alerts (alerts.incremental.test.ts).
 */
async function evaluateFor(tx: Tx, patientId: string, settings: AlertSettings, now: ClinicalDate, stored: StoredRow[], change?: AlertChange) {
  const window = change && !change.recordWide && !change.kinds.some((kind) => RECORD_WIDE_KINDS.has(kind)) ? await windowFor(tx, patientId, change, settings) : undefined;
  const dismissed = dismissedOf(stored);
  if (!window) {
    const events = await alertInputs(tx, patientId);
    return { evaluated: evaluate({ id: patientId }, events, settings, now, { dismissed }), stored };
  }
  const [row] = await tx.$queryRawUnsafe<{ events: TimelineEvent[] | string }[]>(WINDOW_SQL, patientId, window.anchor, dmSpecificSigns, window.lookback, window.context, window.troponin);
  const events = eventsFromJson(row.events);
  const options = { dismissed, fromAnchorDay: window.anchorDay };
  let evaluated = evaluate({ id: patientId }, events, settings, now, options);
  // "At first assessment" needs to know whether older values exist: asked only when it matters.
  const unsure = new Set(evaluated.flatMap((alert) => alert.findings.filter((f) => f.firstAssessment).map(seriesKey)));
  if (unsure.size > 0) {
    const [earlier] = await tx.$queryRawUnsafe<Record<string, boolean>[]>(EARLIER_SERIES_SQL, patientId, window.lookback);
    const earlierSeries = new Set(Object.entries(earlier).flatMap(([key, exists]) => (exists ? [key] : [])));
    if ([...unsure].some((key) => earlierSeries.has(key))) evaluated = evaluate({ id: patientId }, events, settings, now, { ...options, earlierSeries });
  }
  // The stored alerts the window covers: those anchored in it, and any the engine produced again. A withdrawn
  // or dismissed alert is never rewritten, so the date of its anchor scan can be older than the scan's date now.
  const produced = new Set(evaluated.map((alert) => alert.key));
  const inWindow = stored.filter((alert) => produced.has(alert.key) || (alert.lastImaging !== undefined && dayNumber(alert.lastImaging.date) >= window.anchorDay));
  return { evaluated, stored: inWindow };
}

/**
 * Re-evaluates one patient's alerts inside the caller's transaction, so an event and the alerts it
 * raises or resolves are stored together or not at all. With `change`, only the alerts the change can
 * affect are re-evaluated (a write dated today reads the weeks since the last answering scan, not
 * years of record); without it, the whole record.
 */
export async function reevaluatePatientAlerts(tx: Tx, patientId: string, now: ClinicalDate = clinicToday(), inForce?: SettingsInForce, change?: AlertChange) {
  // Cancer screening (lib/patients/screening.ts) reads other inputs and moves with the date: its own pass.
  const screening = !change || screeningReads(change);
  if (change && unread(change) && !screening) return { inserted: 0, updated: 0 };
  await lockPatientAlerts(tx, patientId);
  const { version, settings } = inForce ?? (await settingsInForce(tx));
  const counts = { inserted: 0, updated: 0 };
  if (!change || !unread(change)) {
    const rows = (await tx.alert.findMany({ where: { patientId } })).filter((row) => !isScreeningRule(row.ruleId));
    const { evaluated, stored } = await evaluateFor(tx, patientId, settings, now, rows.map(toStored), change);
    const written = await writeReconciliation(tx, patientId, rows, reconcile(stored, evaluated), version);
    counts.inserted += written.inserted;
    counts.updated += written.updated;
  }
  if (screening) {
    const written = await reevaluateScreeningAlerts(tx, patientId, now, { version, settings });
    counts.inserted += written.inserted;
    counts.updated += written.updated;
  }
  return counts;
}

/**
 * One writer of a patient's alerts at a time (an event write, or a read that brings screening up to
 * date): the second waits and then reads what the first stored, so neither inserts a key twice.
 */
export async function lockPatientAlerts(tx: Tx, patientId: string) {
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(727433, hashtext($1))::text`, patientId);
}

/** Writes what `reconcile` decided for one patient's alerts (`rows`: the stored rows it was given). */
export async function writeReconciliation(tx: Tx, patientId: string, rows: readonly AlertRow[], plan: Reconciliation<StoredAlert>, version: number) {
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
        reviewDate: predecessor?.reviewDate ?? null,
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

/** The stored rows as `reconcile` reads them. */
export const storedAlerts = (rows: readonly AlertRow[]): StoredAlert[] => rows.map(toStored);

/**
 * What a full evaluation of the whole record would still change in the stored alerts: nothing, when
 * the incremental evaluations of the writes so far were right. For tests and checks; writes nothing.
 */
export async function fullEvaluationDrift(tx: Tx, patientId: string, now: ClinicalDate = clinicToday()) {
  const { settings } = await settingsInForce(tx);
  const stored = (await tx.alert.findMany({ where: { patientId } })).filter((row) => !isScreeningRule(row.ruleId)).map(toStored);
  const evaluated = evaluate({ id: patientId }, await alertInputs(tx, patientId), settings, now, { dismissed: dismissedOf(stored) });
  const plan = reconcile(stored, evaluated);
  return { insert: plan.insert.map((alert) => alert.key), update: plan.update.map(({ before, after }) => ({ key: before.key, before: before.status, after: after.status })) };
}

/** Every patient's alerts, each patient in its own transaction (`npm run alerts:evaluate`, settings changes, a new rule version). */
export async function reevaluateAllAlerts(db: Database, now: ClinicalDate = clinicToday()) {
  const inForce = await settingsInForce(db.prisma);
  const patients = await db.prisma.patient.findMany({ select: { id: true } });
  let inserted = 0;
  let updated = 0;
  for (const { id } of patients) {
    const result = await db.prisma.$transaction(
      async (tx) => {
        const changed = await reevaluatePatientAlerts(tx, id, now, inForce);
        // The settings decide which scans answer: the worklist's row follows them.
        await refreshSummaries(tx, [id], inForce.settings.answeringModalities);
        return changed;
      },
      { timeout: 60_000 },
    );
    inserted += result.inserted;
    updated += result.updated;
  }
  return { patients: patients.length, inserted, updated };
}

/**
 * After an upgrade that brings a new rule version: when any stored alert was written by an older
 * version of its rule, every patient is re-evaluated under the new one (`npm start` does this before
 * serving). An old alert that maps to a new one (same patient, overlapping findings) passes on its
 * acknowledgement, note or dismissal; one that no longer holds is withdrawn, never deleted. The audit
 * trail records it. Returns the number of outdated alerts found.
 */
export async function upgradeOutdatedAlerts(db: Database): Promise<number> {
  // Withdrawn and dismissed alerts are never rewritten by the engine: they keep the version that wrote them.
  const outdated = await db.prisma.alert.count({
    where: { status: { in: ["open", "acknowledged", "resolved"] }, OR: [...alertRules, ...screeningRules].map((rule) => ({ ruleId: rule.id, ruleVersion: { lt: rule.version } })) },
  });
  if (outdated === 0) return 0;
  const result = await reevaluateAllAlerts(db);
  await db.prisma.$transaction((tx) =>
    appendAudit(tx, systemActor("alert rule upgrade"), undefined, {
      action: "alerts.reevaluate-all",
      detail: `${outdated} alerts from an older rule version: ${result.patients} patients re-evaluated, ${result.inserted} alerts raised, ${result.updated} updated`,
    }),
  );
  return outdated;
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

/** How views are made: the overdue threshold in force and today's date. */
export async function viewer(tx: Tx | Database["prisma"]) {
  const { settings } = await settingsInForce(tx);
  const today = clinicToday();
  return (row: Parameters<typeof toView>[0]) => toView(row, settings.overdueDays, today);
}

export const alertFilter = z.object({
  status: z.enum(["active", "open", "acknowledged", "resolved", "dismissed", "all"]).default("active"),
  priority: z.enum(["high", "normal", "any"]).default("any"),
  patientId: z.string().optional(),
});

export const patientNames = { select: { familyName: true, givenName: true, identifier: true } } as const;

/** Every alert of one patient but withdrawn ones, inside the caller's (already access-checked) transaction. */
export async function patientAlertViews(tx: Tx, patientId: string): Promise<AlertView[]> {
  const rows = await tx.alert.findMany({
    where: { patientId, status: { not: "withdrawn" } },
    include: { patient: patientNames },
    orderBy: [{ priority: "asc" }, { episodeStart: "asc" }, { key: "asc" }],
  });
  return rows.map(await viewer(tx));
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
    // Screening alerts move from due to overdue as days pass: bring those that changed since up to date first.
    await refreshScreening(tx, ctx, patientId);
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
    return ok(rows.map(await viewer(tx)));
  });
}

/**
 * Counts for the navigation: alerts on the actor's patients waiting for someone: open ones, read from
 * the patient summaries (kept in each write's transaction; only those with an open alert, a partial
 * index), and acknowledged ones whose review date has come (a date that passes without a write, so
 * read from the alerts themselves: acknowledged alerts with a review date are few).
 */
export async function activeAlertCounts(ctx: ServiceContext): Promise<{ open: number; high: number }> {
  const visible = visibleToSql(ctx.actor, `s."patientId"`, 1);
  const [row] = await ctx.db.prisma.$queryRawUnsafe<{ open: number; high: number }[]>(
    `SELECT coalesce(sum(s."openAlerts"), 0)::int AS open, coalesce(sum(s."openHighAlerts"), 0)::int AS high
       FROM "PatientSummary" s WHERE s."openAlerts" > 0 AND ${visible.sql}`,
    ...visible.params,
  );
  const due = await ctx.db.prisma.alert.groupBy({
    by: ["priority"],
    where: { status: "acknowledged", reviewDate: { lte: toWallClock(clinicToday()) }, patient: visiblePatientWhere(ctx.actor) },
    _count: { _all: true },
  });
  const dueCount = due.reduce((sum, r) => sum + r._count._all, 0);
  const dueHigh = due.find((r) => r.priority === "high")?._count._all ?? 0;
  return { open: Number(row.open) + dueCount, high: Number(row.high) + dueHigh };
}

export const acknowledgeInput = z.object({
  note: z.string({ error: "Add a note" }).trim().min(1, { error: "Add a note saying what is planned" }).max(2000),
  /** Optional: the day the plan should be looked at again ("" from an empty form field means none). */
  reviewDate: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(value) && isClinicalDate(value)), { error: "Enter the review date as a real day, YYYY-MM-DD" }),
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
    if (!allowed.includes(row.status)) return conflict(`This alert is ${row.status}; it cannot be changed that way.`);
    const updated = await tx.alert.updateMany({ where: { id: alertId, status: row.status }, data: { ...data(row), updatedAt: new Date() } as Prisma.AlertUpdateManyMutationInput });
    if (updated.count !== 1) return conflict("Someone else changed this alert at the same time. Reload it.");
    await refreshSummary(tx, row.patientId);
    return ok((await viewer(tx))(await tx.alert.findUniqueOrThrow({ where: { id: alertId }, include: { patient: patientNames } })));
  });
}

/** Seen, with a note; the alert stays active and still resolves when imaging is recorded. */
export async function acknowledgeAlert(ctx: ServiceContext, alertId: string, input: unknown): Promise<Result<AlertView>> {
  const parsed = acknowledgeInput.safeParse(input);
  const today = clinicToday();
  const parse = () => {
    const refused = unsafeTextRefusal(input) ?? (parsed.success ? undefined : invalid(fieldErrorsOf(parsed.error)));
    if (refused) return refused;
    // A review date in the past would make the alert due again at once: refused, in the clinic's calendar.
    const review = parsed.data!.reviewDate;
    if (review !== undefined && review < today) return invalid({ reviewDate: [`The review date cannot be before today (${formatClinicalDate(today)})`] });
    return ok(parsed.data);
  };
  return changeAlert(ctx, "alert.acknowledge", alertId, parse, ["open"], () => ({
    status: "acknowledged",
    acknowledged: true,
    acknowledgedAt: new Date(),
    acknowledgedBy: `${ctx.actor.name} (${ctx.actor.role})`,
    acknowledgementNote: parsed.data!.note,
    reviewDate: parsed.data!.reviewDate !== undefined ? toWallClock(parsed.data!.reviewDate) : null,
  }));
}

/** Resolved by a clinician with a reason (e.g. "flare explained by steroid taper"); never reopened. */
export async function dismissAlert(ctx: ServiceContext, alertId: string, input: unknown): Promise<Result<AlertView>> {
  const parsed = dismissInput.safeParse(input);
  const parse = () => unsafeTextRefusal(input) ?? (parsed.success ? ok(parsed.data) : invalid(fieldErrorsOf(parsed.error)));
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
    const unsafe = unsafeTextRefusal(input);
    if (unsafe) return unsafe;
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
  return new Map(rows.map((row) => [row.patientId, eventsFromJson(row.events)]));
}

export interface BacktestView extends BacktestResult {
  settingsVersion: number;
  windowDays: number;
  patients: Record<string, { name: string; identifier: string }>;
  /** How many of the patients read are demo data (the published case and the generated cohort). */
  demoPatients: number;
}

/** Every run of worsening findings in the history of every patient the actor may see, against the answering scans that followed. */
export async function backtestCohort(ctx: ServiceContext): Promise<BacktestView> {
  const [{ version, settings }, inputs, patients] = await Promise.all([
    settingsInForce(ctx.db.prisma),
    allAlertInputs(ctx.db),
    ctx.db.prisma.patient.findMany({ where: visiblePatientWhere(ctx.actor), select: { id: true, familyName: true, givenName: true, identifier: true, createdBy: true } }),
  ]);
  const visible = new Set(patients.map((p) => p.id));
  const result = backtest(
    [...inputs].filter(([id]) => visible.has(id)).map(([id, events]) => ({ patient: { id }, events })),
    settings,
  );
  await ctx.db.prisma.$transaction((tx) =>
    appendAudit(tx, ctx.actor, ctx.origin, { action: "alerts.backtest", detail: `${visible.size} patients, ${result.alerts.length} runs of findings` }),
  );
  return {
    ...result,
    settingsVersion: version,
    windowDays: settings.backtestWindowDays,
    demoPatients: patients.filter(isDemoPatient).length,
    patients: Object.fromEntries(patients.map((p) => [p.id, { name: `${p.familyName.toUpperCase()}, ${p.givenName}`, identifier: p.identifier }])),
  };
}
