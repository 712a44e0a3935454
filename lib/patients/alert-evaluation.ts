import "server-only";
import {
  alertRules,
  screeningRules,
  dayNumber,
  dmSpecificSigns,
  evaluate,
  isScreeningRule,
  reconcile,
  seriesKey,
  TROPONIN_DAYS,
  type AlertSettings,
  type Reconciliation,
  type StoredAlert,
} from "@/lib/alerts";
import { addDays, type ClinicalDate, type EventKind, type TimelineEvent } from "@/lib/events";
import { appendAudit } from "@/lib/audit";
import { systemActor } from "@/lib/auth";
import type { Database } from "@/lib/db";
import type { Tx } from "@/lib/service";
import { clinicToday } from "./clinic";
import { engineColumns, settingsInForce, toStored, type AlertRow, type SettingsInForce, type StoredRow } from "./alert-mapping";
import { refreshSummaries } from "./summary";
import { eventsFromJson, timelineSelect } from "./timeline-query";
import { reevaluateScreeningAlerts, screeningReads } from "./screening";

/**
 * Re-evaluating a patient's alerts from their events: after each write, in its transaction, only
 * what the write can affect (windowed from the last answering scan); the whole record or the whole
 * cohort when settings or rule versions change.
 */

/** Only what the rules read: assessments, CK and troponin, imaging, treatment, medication, adverse events, antibodies, diagnoses. */
const ALERT_KINDS = `('skin_assessment', 'muscle_assessment', 'imaging', 'treatment_cycle', 'medication', 'adverse_event', 'antibody_result', 'diagnosis')`;
const ALERT_ANALYTES: readonly string[] = ["ck", "troponin-t", "troponin-i"];
const ALERT_LABS = `(e.kind = 'lab_result' AND e.payload->>'analyte' IN (${ALERT_ANALYTES.map((analyte) => `'${analyte}'`).join(", ")}))`;
export const ALERT_INPUTS_SQL = timelineSelect(`AND (e.kind IN ${ALERT_KINDS} OR ${ALERT_LABS})`);

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
