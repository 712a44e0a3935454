/**
 * Alert evaluation: per write for one 20 000-event patient (inside the write's transaction, as the
 * app does it), and for a whole cohort (default 1 000 patients × 500 events), on PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL. Targets (rule version 2): alert work per write for a 20 000-event patient ≤ 10 ms p95 on
 * PostgreSQL and ≤ 2× the same write on a near-empty patient, measured in one run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { evaluate, defaultAlertSettings } from "@/lib/alerts";
import { addDays } from "@/lib/events";
import { systemActor } from "@/lib/auth";
import { openPGlite, type Database } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { backtestCohort, clinicToday, createPatient, getTimeline, recordEvent, reevaluateAllAlerts } from "@/lib/patients";
import { reevaluatePatientAlerts } from "@/lib/patients/alert-evaluation";
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

/**
 * Alert work per write: the re-evaluation a skin assessment dated today causes, inside a transaction as
 * the write path runs it, for a 20 000-event patient against the same write on a patient with only a
 * cancer and a DM diagnosis, in the same run. Baseline for the whole write: the same write on the empty patient.
 */
async function perWrite(name: string, db: Database) {
  const [generated] = generateCohort({ patients: 1, eventsPerPatient: Number(values.events), identifierPrefix: "ALERTBENCH", seed: 7 });
  // Years of monitoring with follow-up CT every 90 days, as a cancer under surveillance is imaged; the
  // windowed re-evaluation reads from the last answering scan on, so its cost follows the time since it.
  const days = generated.events.map((event) => event.occurredAt.slice(0, 10)).sort();
  for (let date = addDays(days[0], 90); date <= days[days.length - 1]; date = addDays(date, 90)) {
    generated.events.push({ kind: "imaging", occurredAt: date, payload: { modality: "CT", response: "SD", findings: "Follow-up: stable." } });
  }
  await loadPatients(db, [generated]);
  // A database that has seen a bulk load has its statistics refreshed by autovacuum; do it now, as it would be.
  await db.sql.exec(`ANALYZE "Event"`);
  const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = $1`, [generated.patient.identifier]);
  const ctx = { db, actor: systemActor("bench") };
  const empty = await createPatient(ctx, { identifier: `ALERTBENCH-EMPTY-${Date.now()}`, familyName: "Empty", givenName: "Bench", sex: "female", birthDate: "1970-01-01" });
  if (!empty.ok) throw new Error("empty patient");
  const emptyId = empty.value.id;
  for (const event of [
    { kind: "diagnosis", occurredAt: "2020-01-01", payload: { role: "cancer", name: "Leiomyosarcoma" } },
    { kind: "diagnosis", occurredAt: "2020-01-01", payload: { role: "dermatomyositis", name: "Dermatomyositis" } },
  ]) {
    if (!(await recordEvent(ctx, emptyId, event)).ok) throw new Error("empty patient's diagnoses");
  }
  const iterations = Number(values.iterations);
  const today = clinicToday();
  const change = { dates: [today], kinds: ["skin_assessment" as const] };
  const alertWork = (patientId: string) => () => db.prisma.$transaction((tx) => reevaluatePatientAlerts(tx, patientId, today, undefined, change));
  const full = await measure(() => db.prisma.$transaction((tx) => reevaluatePatientAlerts(tx, id, today)), Math.min(iterations, 10), 2);
  const big = await measure(alertWork(id), iterations);
  const small = await measure(alertWork(emptyId), iterations);
  const timeline = await getTimeline(ctx, id);
  if (!timeline.ok) throw new Error("timeline");
  const engine = await measure(async () => evaluate({ id }, timeline.value, defaultAlertSettings, today), Math.min(iterations, 10), 2);
  const flare = { kind: "skin_assessment", occurredAt: today, payload: { grade: 1, signs: [] } };
  const writeBig = await measure(() => recordEvent(ctx, id, flare, { confirm: ["duplicate"] }), iterations, 2);
  const writeSmall = await measure(() => recordEvent(ctx, emptyId, flare, { confirm: ["duplicate"] }), iterations, 2);
  const ratio = big.p95 / small.p95;
  const target = name === "PostgreSQL" ? ` target ≤ 10 ms p95: ${big.p95 <= 10 ? "met" : "NOT met"};` : "";
  console.log(
    `${name.padEnd(10)} ${timeline.value.length} events. Alert work per write (windowed, in the write's transaction): p50 ${ms(big.p50)} p95 ${ms(big.p95)}; ` +
      `same on a patient with 2 events: p50 ${ms(small.p50)} p95 ${ms(small.p95)}; ratio ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? "met" : "NOT met"});${target}\n` +
      `${"".padEnd(11)}for comparison: full re-evaluation p50 ${ms(full.p50)}, pure engine over the whole record p50 ${ms(engine.p50)}; ` +
      `whole write (event + alerts + audit) p50 ${ms(writeBig.p50)} p95 ${ms(writeBig.p95)} vs ${ms(writeSmall.p50)} / ${ms(writeSmall.p95)} on the small patient (${(writeBig.p95 / writeSmall.p95).toFixed(2)}×)`,
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
