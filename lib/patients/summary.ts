import "server-only";
import { alertSettings, defaultAlertSettings, dmSpecificSigns } from "@/lib/alerts";
import type { Database } from "@/lib/db";
import type { Tx } from "@/lib/service";

/**
 * The per-patient summary the worklist, the inbox count and the navigation read (PatientSummary):
 * refreshed inside every write's transaction from the patient's own indexed rows, so a list never
 * aggregates events on a request, and a write costs a handful of index look-ups, however long the
 * record. Bump SUMMARY_VERSION when what a column means changes: rows below it are recomputed at start
 * (upgradeSummaries), and the migration's trigger default must follow.
 */
export const SUMMARY_VERSION = 1;

const CURRENT = `e."patientId" = p.id AND e.current AND e.status <> 'entered_in_error'`;
/** Latest first, as the alert engine orders events on the same date (lib/patients/alerts.ts). */
const LATEST = `ORDER BY e."occurredAt" DESC, e."datePrecision" DESC, e."chainId" DESC`;
const CK = `e.kind = 'lab_result' AND e.payload->>'analyte' = 'ck'`;
const TIMES_ULN = `CASE WHEN (e.payload->'referenceRange'->>'high')::float8 > 0 THEN (e.payload->>'value')::float8 / (e.payload->'referenceRange'->>'high')::float8 END`;

/**
 * Recomputes the summary of the patients `$1` in one statement. The answering scan is the alert
 * engine's (lib/alerts/record.ts): an answering modality (`$2`, the settings in force), and a baseline
 * study without a response or a response of CR, PR, SD or PD, the server-computed one first.
 * DM is a recorded dermatomyositis diagnosis or a DM-specific skin sign (`$4`), as the rules read it.
 */
const REFRESH_SQL = `
INSERT INTO "PatientSummary" AS s ("patientId", version, "lastEventAt", "openAlerts", "openHighAlerts", "alertRank", "oldestOpenAlertAt",
    "lastScanAt", "lastScanModality", "lastScanResponse", "currentLine", "currentRegimen", "skinGrade", "skinGradeAt", "previousSkinGrade",
    "ckValue", "ckUnit", "ckTimesUln", "ckAt", "previousCkTimesUln", "cancerType", dm, diagnoses, "updatedAt")
SELECT p.id, $3::int,
       (SELECT e."occurredAt" FROM "Event" e WHERE ${CURRENT} ORDER BY e."occurredAt" DESC LIMIT 1),
       a.open, a.high, CASE WHEN a.high > 0 THEN 0 WHEN a.open > 0 THEN 1 ELSE 2 END, a.oldest,
       scan."occurredAt", scan.payload->>'modality', coalesce(scan.payload->>'computedResponse', scan.payload->>'response'),
       line.line, line.regimen,
       skin1.grade, skin1."occurredAt", skin2.grade,
       ck1.value, ck1.unit, ck1.uln, ck1."occurredAt", ck2.uln,
       d.cancer, coalesce(d.dm, false) OR EXISTS (SELECT 1 FROM "Event" e WHERE ${CURRENT} AND e.kind = 'skin_assessment' AND e.payload->'signs' ?| $4::text[]),
       coalesce(d.names, ''), now()
  FROM "Patient" p
  CROSS JOIN LATERAL (SELECT count(*)::int AS open, (count(*) FILTER (WHERE al.priority = 'high'))::int AS high, min(al."raisedAt") AS oldest
                        FROM "Alert" al WHERE al."patientId" = p.id AND al.status = 'open') a
  LEFT JOIN LATERAL (SELECT e."occurredAt", e.payload FROM "Event" e
                      WHERE ${CURRENT} AND e.kind = 'imaging' AND e.payload->>'modality' = ANY($2::text[])
                        AND (coalesce(e.payload->>'computedResponse', e.payload->>'response') IN ('CR', 'PR', 'SD', 'PD')
                             OR (e.payload->>'baseline' = 'true' AND coalesce(e.payload->>'computedResponse', e.payload->>'response') IS NULL))
                      ${LATEST} LIMIT 1) scan ON true
  LEFT JOIN LATERAL (SELECT l.line,
                            (SELECT e.payload->>'regimen' FROM "Event" e WHERE ${CURRENT} AND e.kind = 'treatment_cycle' AND (e.payload->>'lineOfTherapy')::int = l.line ${LATEST} LIMIT 1) AS regimen
                       FROM (SELECT (e.payload->>'lineOfTherapy')::int AS line, min(e."occurredAt") AS first FROM "Event" e
                              WHERE ${CURRENT} AND e.kind = 'treatment_cycle' GROUP BY 1 ORDER BY first DESC, line DESC LIMIT 1) l) line ON true
  LEFT JOIN LATERAL (SELECT (e.payload->>'grade')::int AS grade, e."occurredAt" FROM "Event" e WHERE ${CURRENT} AND e.kind = 'skin_assessment' ${LATEST} LIMIT 1) skin1 ON true
  LEFT JOIN LATERAL (SELECT (e.payload->>'grade')::int AS grade FROM "Event" e WHERE ${CURRENT} AND e.kind = 'skin_assessment' ${LATEST} OFFSET 1 LIMIT 1) skin2 ON true
  LEFT JOIN LATERAL (SELECT (e.payload->>'value')::float8 AS value, e.payload->>'unit' AS unit, ${TIMES_ULN} AS uln, e."occurredAt" FROM "Event" e WHERE ${CURRENT} AND ${CK} ${LATEST} LIMIT 1) ck1 ON true
  LEFT JOIN LATERAL (SELECT ${TIMES_ULN} AS uln FROM "Event" e WHERE ${CURRENT} AND ${CK} ${LATEST} OFFSET 1 LIMIT 1) ck2 ON true
  LEFT JOIN LATERAL (SELECT string_agg(e.payload->>'name', '; ' ORDER BY e."occurredAt", e."chainId") AS names,
                            (array_agg(e.payload->>'name' ORDER BY e."occurredAt", e."chainId") FILTER (WHERE e.payload->>'role' = 'cancer'))[1] AS cancer,
                            bool_or(e.payload->>'role' = 'dermatomyositis') AS dm
                       FROM "Event" e WHERE ${CURRENT} AND e.kind = 'diagnosis') d ON true
 WHERE p.id = ANY($1::uuid[])
ON CONFLICT ("patientId") DO UPDATE SET
  version = EXCLUDED.version, "lastEventAt" = EXCLUDED."lastEventAt", "openAlerts" = EXCLUDED."openAlerts", "openHighAlerts" = EXCLUDED."openHighAlerts",
  "alertRank" = EXCLUDED."alertRank", "oldestOpenAlertAt" = EXCLUDED."oldestOpenAlertAt", "lastScanAt" = EXCLUDED."lastScanAt",
  "lastScanModality" = EXCLUDED."lastScanModality", "lastScanResponse" = EXCLUDED."lastScanResponse", "currentLine" = EXCLUDED."currentLine",
  "currentRegimen" = EXCLUDED."currentRegimen", "skinGrade" = EXCLUDED."skinGrade", "skinGradeAt" = EXCLUDED."skinGradeAt",
  "previousSkinGrade" = EXCLUDED."previousSkinGrade", "ckValue" = EXCLUDED."ckValue", "ckUnit" = EXCLUDED."ckUnit", "ckTimesUln" = EXCLUDED."ckTimesUln",
  "ckAt" = EXCLUDED."ckAt", "previousCkTimesUln" = EXCLUDED."previousCkTimesUln", "cancerType" = EXCLUDED."cancerType", dm = EXCLUDED.dm,
  diagnoses = EXCLUDED.diagnoses, "updatedAt" = EXCLUDED."updatedAt"`;

type Runner = Tx | Database["prisma"];

/** The answering modalities of the alert settings in force (the same read as the alert service's). */
export async function answeringModalitiesInForce(tx: Runner): Promise<string[]> {
  const latest = await tx.alertSettingsVersion.findFirst({ orderBy: { version: "desc" } });
  return [...(latest ? alertSettings.parse(latest.settings) : defaultAlertSettings).answeringModalities];
}

/**
 * Recomputes the summaries of these patients inside the caller's transaction: every write to a record
 * and every change to its alerts calls it before committing, so the lists never show a stale row.
 */
export async function refreshSummaries(tx: Runner, patientIds: readonly string[], modalities?: readonly string[]): Promise<void> {
  if (patientIds.length === 0) return;
  await tx.$executeRawUnsafe(REFRESH_SQL, [...patientIds], [...(modalities ?? (await answeringModalitiesInForce(tx)))], SUMMARY_VERSION, dmSpecificSigns);
}

export async function refreshSummary(tx: Runner, patientId: string): Promise<void> {
  await refreshSummaries(tx, [patientId]);
}

/**
 * Brings every summary written by an older SUMMARY_VERSION (or by the migration, version 0) up to date,
 * in batches of `batch` patients, each its own transaction. `npm start` runs it before serving, so an
 * existing install's worklist is right from its first request. Returns how many were recomputed.
 */
export async function upgradeSummaries(db: Database, batch = 500): Promise<number> {
  let done = 0;
  const modalities = await answeringModalitiesInForce(db.prisma);
  for (;;) {
    const rows = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT p.id::text AS id FROM "Patient" p LEFT JOIN "PatientSummary" s ON s."patientId" = p.id
        WHERE s."patientId" IS NULL OR s.version < $1 ORDER BY p.id LIMIT $2`,
      SUMMARY_VERSION,
      batch,
    );
    if (rows.length === 0) return done;
    await db.prisma.$transaction((tx) => refreshSummaries(tx, rows.map((row) => row.id), modalities), { timeout: 120_000 });
    done += rows.length;
  }
}

/** Every patient's summary, recomputed (after a settings change that alters which scans answer). */
export async function refreshAllSummaries(db: Database, batch = 500): Promise<number> {
  const modalities = await answeringModalitiesInForce(db.prisma);
  const ids = (await db.prisma.patient.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
  for (let at = 0; at < ids.length; at += batch) {
    await db.prisma.$transaction((tx) => refreshSummaries(tx, ids.slice(at, at + batch), modalities), { timeout: 120_000 });
  }
  return ids.length;
}
