import "server-only";
import { backtest, type BacktestResult } from "@/lib/alerts";
import { isDemoPatient, type TimelineEvent } from "@/lib/events";
import { appendAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { visiblePatientWhere } from "@/lib/service";
import type { ServiceContext } from "./context";
import { settingsInForce } from "./alert-mapping";
import { ALERT_INPUTS_SQL } from "./alert-evaluation";
import { eventsFromJson } from "./timeline-query";

/** The rules run over the history of the actor's patients, against the scans that followed (docs/alerts.md, "backtest"). */

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
  // Not a kernel form: the cohort's history is read outside a transaction (one long read would hold
  // PGlite's only connection), limited to the actor's teams here, and the row written after it.
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
