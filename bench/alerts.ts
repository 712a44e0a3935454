/**
 * Alert evaluation: per write for one 20 000-event patient (inside the write's transaction, as the
 * app does it), and for a whole cohort (default 1 000 patients × 500 events), on PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL. Targets (issue 4): ≤ 5 ms per write for a 20 000-event patient on PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { evaluate, defaultAlertSettings } from "@/lib/alerts";
import { systemActor } from "@/lib/auth";
import { openPGlite, type Database } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { backtestCohort, clinicToday, getTimeline, recordEvent, reevaluateAllAlerts } from "@/lib/patients";
import { reevaluatePatientAlerts } from "@/lib/patients/alerts";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { measure, ms } from "./measure";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "20000" },
    patients: { type: "string", default: "1000" },
    "events-per-patient": { type: "string", default: "500" },
    iterations: { type: "string", default: "30" },
    "skip-cohort": { type: "boolean", default: false },
  },
});

async function perWrite(name: string, db: Database) {
  const [generated] = generateCohort({ patients: 1, eventsPerPatient: Number(values.events), identifierPrefix: "ALERTBENCH", seed: 7 });
  await loadPatients(db, [generated]);
  const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = $1`, [generated.patient.identifier]);
  const ctx = { db, actor: systemActor("bench") };
  const iterations = Number(values.iterations);
  const inTransaction = await measure(() => db.prisma.$transaction((tx) => reevaluatePatientAlerts(tx, id)), iterations);
  const timeline = await getTimeline(ctx, id);
  if (!timeline.ok) throw new Error("timeline");
  const engine = await measure(async () => evaluate({ id }, timeline.value, defaultAlertSettings, clinicToday()), iterations);
  const write = await measure(() => recordEvent(ctx, id, exampleEvents.note), iterations, 2);
  console.log(
    `${name.padEnd(10)} ${timeline.value.length} events  re-evaluation in the write's transaction p50 ${ms(inTransaction.p50)} p95 ${ms(inTransaction.p95)}  ` +
      `engine alone p50 ${ms(engine.p50)}  whole write (event + alerts) p50 ${ms(write.p50)} p95 ${ms(write.p95)}`,
  );
}

async function cohort(name: string, db: Database) {
  const patients = Number(values.patients);
  const perPatient = Number(values["events-per-patient"]);
  const loadStart = performance.now();
  await loadPatients(db, generateCohort({ patients, eventsPerPatient: perPatient, identifierPrefix: "COHORT", seed: 11 }));
  const loaded = (performance.now() - loadStart) / 1000;
  const start = performance.now();
  const result = await reevaluateAllAlerts(db);
  const seconds = (performance.now() - start) / 1000;
  const backtestStart = performance.now();
  const backtest = await backtestCohort({ db, actor: systemActor("bench") });
  const backtestSeconds = (performance.now() - backtestStart) / 1000;
  console.log(
    `${name.padEnd(10)} cohort ${patients} × ${perPatient} (loaded in ${loaded.toFixed(0)} s): whole-cohort evaluation ${seconds.toFixed(1)} s ` +
      `(${((seconds * 1000) / result.patients).toFixed(1)} ms/patient, ${result.inserted} alerts raised); backtest ${backtestSeconds.toFixed(1)} s (${backtest.alerts.length} runs of findings)`,
  );
}

const targets: [string, () => Promise<Database>, () => void][] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-alerts-"));
targets.push(["PGlite", () => openPGlite(path.join(dir, "pglite")), () => fs.rmSync(dir, { recursive: true, force: true })]);
if (process.env.TEST_DATABASE_URL) targets.push(["PostgreSQL", () => openTestDatabase("postgres"), () => {}]);
else console.log("PostgreSQL skipped: set TEST_DATABASE_URL");

for (const [name, open, cleanup] of targets) {
  const db = await open();
  try {
    await perWrite(name, db);
    if (!values["skip-cohort"]) await cohort(name, db);
  } finally {
    await db.close();
    cleanup();
  }
}
