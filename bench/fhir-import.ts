/**
 * FHIR import throughput: one patient's bundle of N resources (default 20 000) sent through the same
 * path as POST /api/v1/fhir — streamed JSON → reader (mapping + zod validation) → one transaction —
 * into an empty database, on PGlite and (with TEST_DATABASE_URL) PostgreSQL. Then the same bundle
 * again, which must change nothing. Target (issue): ≥ 2 000 resources/s on PostgreSQL.
 */
import { parseArgs } from "node:util";
import { systemActor } from "@/lib/auth";
import { openTestDatabase, type TestTarget } from "@/lib/db/testing";
import { eventInput, precisionOf, type EventInput, type Patient, type TimelineEvent } from "@/lib/events";
import { courseBundle, readBundleStream } from "@/lib/fhir";
import { importReadBundle } from "@/lib/patients";
import { generateCohort } from "@/prisma/seed/cohort";

const { values } = parseArgs({ options: { resources: { type: "string", default: "20000" } } });
const resources = Number(values.resources);

function bundleText(): string {
  const [generated] = generateCohort({ patients: 1, eventsPerPatient: resources - 1, identifierPrefix: "BENCH-FHIR" });
  const patient: Patient = { id: crypto.randomUUID(), ...generated.patient, createdAt: new Date().toISOString(), createdBy: "bench" } as Patient;
  const events = generated.events.slice(0, resources - 1).map((input): TimelineEvent => {
    const event = eventInput.parse(input) as EventInput;
    const id = crypto.randomUUID();
    return { id, versionId: id, version: 1, status: "final", patientId: patient.id, ...event, datePrecision: precisionOf(event.occurredAt), recordedAt: new Date().toISOString(), recordedBy: "bench", recordedRole: "admin" } as TimelineEvent;
  });
  return JSON.stringify({ ...courseBundle(patient, events), type: "transaction" });
}

async function* chunks(text: string, size = 64 * 1024) {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function run(target: TestTarget, text: string): Promise<number> {
  const db = await openTestDatabase(target);
  try {
    const ctx = { db, actor: systemActor("bench") };
    const started = performance.now();
    const read = await readBundleStream(chunks(text));
    const readMs = performance.now() - started;
    const outcome = await importReadBundle(ctx, read);
    const totalMs = performance.now() - started;
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.rejection.problems.slice(0, 5)));
    const n = outcome.report.counts.resources;
    const rate = n / (totalMs / 1000);
    const againStart = performance.now();
    const again = await importReadBundle(ctx, await readBundleStream(chunks(text)));
    const againMs = performance.now() - againStart;
    if (!again.ok || again.report.counts.created + again.report.counts.updated > 0) throw new Error("re-import changed something");
    console.log(
      `${(target === "pglite" ? "PGlite" : "PostgreSQL").padEnd(10)} ${n} resources (${(text.length / 1e6).toFixed(1)} MB) in ${(totalMs / 1000).toFixed(2)} s: ` +
        `${Math.round(rate)} resources/s  (read+validate ${(readMs / 1000).toFixed(2)} s, write ${((totalMs - readMs) / 1000).toFixed(2)} s; ` +
        `same bundle again, all unchanged: ${(againMs / 1000).toFixed(2)} s)`,
    );
    return rate;
  } finally {
    await db.close();
  }
}

const text = bundleText();
await run("pglite", text);
if (process.env.TEST_DATABASE_URL) {
  const rate = await run("postgres", text);
  console.log(`PostgreSQL: ${Math.round(rate)} resources/s (target ≥ 2 000): ${rate >= 2000 ? "met" : "NOT met"}`);
} else {
  console.log("PostgreSQL skipped: set TEST_DATABASE_URL");
}
