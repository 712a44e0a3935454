/**
 * Reading a 20 000-event record, service against the SQL it actually sends, on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL, in one run:
 * - getTimeline (the whole record, as the API and exports read it) against its cached read (the
 *   query it runs while the record is unchanged) and that read plus JSON parsing; also the query
 *   that rebuilds the timeline, which the service runs only on the first read after a change;
 * - the read right after a write (the cache is rebuilt then) against a normal read;
 * - getPatientPage (what the patient page reads: header, chart overview, alerts, 50 events) against
 *   the read of its stored overview row plus parsing.
 * Targets (issue 2, kept honest by issue 13): getTimeline p95 ≤ 2× the SQL it actually runs; PGlite ≤ 3× PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "@/lib/auth";
import { openPGlite, type Database } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { addDays, exampleEvents } from "@/lib/events";
import { clinicToday, getPatientPage, getTimeline, recordEvent } from "@/lib/patients";
import { CACHED_SQL, TIMELINE_SQL, eventsFromJson } from "@/lib/patients/timeline-query";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { measure, ms } from "./measure";

const { values } = parseArgs({ options: { events: { type: "string", default: "20000" }, iterations: { type: "string", default: "40" } } });
const events = Number(values.events);
const iterations = Number(values.iterations);
const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? "met" : "NOT met"}`;

async function run(name: string, db: Database): Promise<number> {
  const [generated] = generateCohort({ patients: 1, eventsPerPatient: events, identifierPrefix: "BENCH", today: clinicToday() });
  await loadPatients(db, [generated]);
  const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = $1`, [generated.patient.identifier]);
  const ctx = { db, actor: systemActor("bench") };
  let count = 0;
  const service = await measure(async () => {
    const result = await getTimeline(ctx, id);
    if (!result.ok) throw new Error(result.error.message);
    count = result.value.length;
  }, iterations);
  // What the service runs while the record is unchanged: the cached read; with parsing; and the rebuild.
  const cached = await measure(() => db.sql.query(CACHED_SQL, [id]), iterations);
  const cachedParsed = await measure(async () => eventsFromJson((await db.sql.query<{ events: string }>(CACHED_SQL, [id]))[0].events), iterations);
  const rebuild = await measure(() => db.sql.query(TIMELINE_SQL, [id, null, null, null]), Math.max(5, iterations / 4));
  console.log(`${name}: ${count} events`);
  console.log(`  getTimeline          p50 ${ms(service.p50)} p95 ${ms(service.p95)}`);
  console.log(`  its cached read      p50 ${ms(cached.p50)} p95 ${ms(cached.p95)};  + JSON parse p50 ${ms(cachedParsed.p50)} p95 ${ms(cachedParsed.p95)}`);
  console.log(`  service / its SQL    p95 ${verdict(service.p95 / cached.p95, 2)};  / SQL + parse ${(service.p95 / cachedParsed.p95).toFixed(2)}×`);
  console.log(`  (the rebuild query, run once after each change: p50 ${ms(rebuild.p50)} p95 ${ms(rebuild.p95)})`);

  // The read right after a write: every write changes the record, so the next whole read rebuilds.
  const afterWrite: number[] = [];
  for (let i = 0; i < Math.max(5, iterations / 4); i++) {
    const written = await recordEvent(ctx, id, exampleEvents.note);
    if (!written.ok) throw new Error(written.error.message);
    const start = performance.now();
    await getTimeline(ctx, id);
    afterWrite.push(performance.now() - start);
  }
  afterWrite.sort((a, b) => a - b);
  const afterP50 = afterWrite[Math.floor(afterWrite.length / 2)];
  console.log(`  getTimeline right after a write p50 ${ms(afterP50)}: ${(afterP50 / service.p50).toFixed(2)}× a normal read (the patient page no longer reads this)`);

  // The patient page's read: one transaction, one audit row; the overview is a stored row.
  const page = await measure(async () => {
    const result = await getPatientPage(ctx, id);
    if (!result.ok) throw new Error(result.error.message);
  }, iterations);
  const overview = await measure(async () => JSON.parse((await db.sql.query<{ model: string }>(`SELECT model FROM "ChartOverview" WHERE "patientId" = $1::uuid`, [id]))[0].model), iterations);
  const pageAfterWrite: number[] = [];
  for (let i = 0; i < Math.max(5, iterations / 4); i++) {
    await recordEvent(ctx, id, { ...exampleEvents.lab_result, occurredAt: addDays(clinicToday(), -(i % 28)) }, { confirm: ["duplicate"] });
    const start = performance.now();
    await getPatientPage(ctx, id);
    pageAfterWrite.push(performance.now() - start);
  }
  pageAfterWrite.sort((a, b) => a - b);
  const pageAfter = pageAfterWrite[Math.floor(pageAfterWrite.length / 2)];
  console.log(`  getPatientPage       p50 ${ms(page.p50)} p95 ${ms(page.p95)};  its overview row + parse p50 ${ms(overview.p50)} p95 ${ms(overview.p95)}`);
  console.log(`  getPatientPage right after a write p50 ${ms(pageAfter)}: ${verdict(pageAfter / page.p50, 1.2)}`);
  return service.p95;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-bench-"));
console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
const pglite = await openPGlite(path.join(dir, "pglite"));
const pgliteP95 = await run("PGlite", pglite);
await pglite.close();
fs.rmSync(dir, { recursive: true, force: true });

if (process.env.TEST_DATABASE_URL) {
  const postgres = await openTestDatabase("postgres");
  try {
    const postgresP95 = await run("PostgreSQL", postgres);
    console.log(`PGlite / PostgreSQL getTimeline p95: ${verdict(pgliteP95 / postgresP95, 3)}`);
  } finally {
    await postgres.close();
  }
} else {
  console.log("PostgreSQL skipped: set TEST_DATABASE_URL");
}
