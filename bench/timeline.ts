/**
 * The timeline service for one patient with 20 000 events, against the raw SQL query it needs on the
 * same connection in the same run, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 * Targets (issue 2): p95 ≤ 100 ms on PostgreSQL and ≤ 2× raw SQL; PGlite ≤ 3× PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "@/lib/auth";
import { openPGlite, type Database } from "@/lib/db";
import { openTestDatabase } from "@/lib/db/testing";
import { getTimeline } from "@/lib/patients";
import { TIMELINE_SQL } from "@/lib/patients/timeline-query";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import { measure, ms } from "./measure";

const { values } = parseArgs({ options: { events: { type: "string", default: "20000" }, iterations: { type: "string", default: "40" } } });
const events = Number(values.events);
const iterations = Number(values.iterations);

const RAW = `SELECT id, "chainId", version, status, "statusReason", "patientId", kind, "occurredAt", "endedAt",
                    "datePrecision", "endPrecision", payload, "recordedAt", "recordedBy", "recordedRole"
               FROM "Event"
              WHERE "patientId" = $1 AND current AND status <> 'entered_in_error'
              ORDER BY "occurredAt", "recordedAt"`;

async function run(name: string, db: Database): Promise<number> {
  const [generated] = generateCohort({ patients: 1, eventsPerPatient: events, identifierPrefix: "BENCH" });
  await loadPatients(db, [generated]);
  const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE identifier = $1`, [generated.patient.identifier]);
  const ctx = { db, actor: systemActor("bench") };
  let count = 0;
  const service = await measure(async () => {
    const result = await getTimeline(ctx, id);
    if (!result.ok) throw new Error(result.error.message);
    count = result.value.length;
  }, iterations);
  // The query the service sends, run bare on the same connection; and the plain row-per-event select.
  const raw = await measure(() => db.sql.query(TIMELINE_SQL, [id, null, null, null]), iterations);
  const rows = await measure(() => db.sql.query(RAW, [id]), iterations);
  console.log(
    `${name.padEnd(10)} ${count} events  service p50 ${ms(service.p50)} p95 ${ms(service.p95)}  ` +
      `its raw SQL p50 ${ms(raw.p50)} p95 ${ms(raw.p95)}  ratio p95 ${(service.p95 / raw.p95).toFixed(2)}×  ` +
      `(row-per-event select p95 ${ms(rows.p95)})`,
  );
  return service.p95;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flarewatch-bench-"));
const pglite = await openPGlite(path.join(dir, "pglite"));
const pgliteP95 = await run("PGlite", pglite);
await pglite.close();
fs.rmSync(dir, { recursive: true, force: true });

if (process.env.TEST_DATABASE_URL) {
  const postgres = await openTestDatabase("postgres");
  try {
    const postgresP95 = await run("PostgreSQL", postgres);
    console.log(`PGlite / PostgreSQL service p95: ${(pgliteP95 / postgresP95).toFixed(2)}×`);
  } finally {
    await postgres.close();
  }
} else {
  console.log("PostgreSQL skipped: set TEST_DATABASE_URL");
}
