import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, type EventInput, type TimelineEvent } from "@/lib/events";
import { imaging, lab, medication, muscle, skin } from "@/lib/events/testing";
import { digestRecord, keptEvents, overviewModel } from "@/lib/timeline/chart-digest";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import type { ServiceContext } from "./context";
import { clinicToday, createPatient, getPatientPage, recordEvent } from "./index";
import { applyWriteStep, testActor, value, writeSteps } from "./testing";
import { readChart, storedDigests } from "./timeline-chart";
import { eventsFromJson, TIMELINE_SQL } from "./timeline-query";

/**
 * Incremental = from scratch: each write digests again only the months it touches and rebuilds the
 * overview from the kept events. After every step of random write sequences (back-dated entries,
 * amendments that move events across months, entries in error, batches), the stored months and the
 * stored overview must equal those computed from the whole record.
 */
const start = "2024-01-20";
const on = (day: number) => addDays(start, day);
const aDay = fc.integer({ min: 0, max: 75 });

const anInput: fc.Arbitrary<EventInput> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ day: aDay, value: fc.integer({ min: 20, max: 600 }) }).map(({ day, value }) => lab({ occurredAt: on(day), value })) },
  {
    weight: 1,
    arbitrary: fc.record({ day: aDay, value: fc.integer({ min: 1, max: 30 }) }).map(({ day, value }) => lab({ occurredAt: on(day), analyte: "crp", value, unit: "mg/L", referenceRange: { high: 5 } })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ day: aDay, grade: fc.integer({ min: 0, max: 4 }), cdasi: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }) })
      .map(({ day, grade, cdasi }) => skin({ occurredAt: on(day), grade, ...(cdasi !== undefined ? { cdasiActivity: cdasi } : {}) })),
  },
  { weight: 1, arbitrary: fc.record({ day: aDay, mrc: fc.integer({ min: 2, max: 5 }) }).map(({ day, mrc }) => muscle({ occurredAt: on(day), proximalWeaknessMrc: mrc, dysphagia: false })) },
  { weight: 1, arbitrary: fc.record({ day: aDay, dose: fc.integer({ min: 5, max: 40 }) }).map(({ day, dose }) => medication({ occurredAt: on(day), dose: { value: dose, unit: "mg/day" } })) },
  { weight: 1, arbitrary: aDay.map((day) => imaging({ occurredAt: on(day), response: "SD" })) },
);

const aStep = writeSteps(anInput, { weights: { record: 5, batch: 2, amend: 2, error: 1 }, batchMax: 12, maxShift: 45 });

let n = 0;

describeEachDatabase("the chart overview maintained by each write equals one built from scratch", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });
  const sql = () => db().sql;

  async function fromScratch(patientId: string) {
    const [row] = await sql().query<{ events: unknown }>(TIMELINE_SQL, [patientId, null, null, null]);
    const events = eventsFromJson(row.events);
    const digests = digestRecord(events);
    return { digests, overview: JSON.parse(JSON.stringify(overviewModel(keptEvents(events, digests), digests))) };
  }

  /** The database's own count of the record's rows (EventRowCount, kept by triggers) against counting them. */
  async function rowCounts(patientId: string) {
    const [kept] = await sql().query<{ rows: number; valid: number }>(`SELECT "rows", "valid" FROM "EventRowCount" WHERE "patientId" = $1::uuid`, [patientId]);
    const [counted] = await sql().query<{ rows: number; valid: number }>(
      `SELECT count(*)::int AS rows, (count(*) FILTER (WHERE current AND status <> 'entered_in_error'))::int AS valid FROM "Event" WHERE "patientId" = $1::uuid`,
      [patientId],
    );
    return { kept: kept ?? { rows: 0, valid: 0 }, counted };
  }
  const expectCountsKept = async (patientId: string) => {
    const { kept, counted } = await rowCounts(patientId);
    expect(kept).toEqual(counted);
  };

  async function stored(patientId: string) {
    const digests = await storedDigests(sql(), patientId);
    const [row] = await sql().query<{ model: string }>(`SELECT model FROM "ChartOverview" WHERE "patientId" = $1::uuid`, [patientId]);
    return { digests, overview: row ? JSON.parse(row.model) : undefined };
  }

  it("after every step of random write sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aStep, { minLength: 3, maxLength: 12 }), async (steps) => {
        n += 1;
        const patient = value(await createPatient(ctx(), { identifier: `CHART-${n}-${Date.now()}`, familyName: "Chart", givenName: "Test", sex: "female", birthDate: "1970-01-01" }));
        value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: on(0), payload: { role: "cancer", name: "Leiomyosarcoma" } }));
        const events: TimelineEvent[] = [];
        for (const step of steps) {
          await applyWriteStep(ctx(), patient.id, events, step);
          expect({ step, ...(await stored(patient.id)) }).toEqual({ step, ...(await fromScratch(patient.id)) });
          await expectCountsKept(patient.id);
        }
      }),
      { numRuns: Number(process.env.CHART_RUNS ?? 12) },
    );
  }, 300_000);

  it("is rebuilt on read after rows written outside the services (a bulk load), and the page reads it", async () => {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: 600, identifierPrefix: "CHARTBULK" });
    await loadPatients(db(), [generated]);
    const { id } = await db().prisma.patient.findUniqueOrThrow({ where: { identifier: generated.patient.identifier } });
    await expectCountsKept(id);
    const page = value(await getPatientPage(ctx(), id));
    const scratch = await fromScratch(id);
    // The page's chart is the overview with its alerts lane (none here).
    expect(page.chart.lanes.slice(0, 5)).toEqual(scratch.overview.lanes.slice(0, 5));
    expect(page.chart.axis).toEqual(scratch.overview.axis);
    expect(await stored(id)).toEqual(scratch);
    expect(page.events.events).toHaveLength(50);
    expect(page.events.total).toBe(await db().prisma.event.count({ where: { patientId: id, current: true, status: { not: "entered_in_error" } } }));
    // A later bulk row changes the count, so the next read brings the overview up to date.
    await db().prisma.event.create({
      data: { chainId: crypto.randomUUID(), version: 1, current: true, status: "final", patientId: id, kind: "lab_result", occurredAt: new Date("2030-03-01T00:00:00Z"), datePrecision: "day", payload: { analyte: "ck", value: 9000, unit: "U/L", referenceRange: { low: 25, high: 200 } }, recordedBy: "bulk", recordedRole: "system" },
    }).then((row) => db().prisma.event.update({ where: { id: row.id }, data: { chainId: row.id } }));
    await expectCountsKept(id);
    await readChart(sql(), id);
    expect(await stored(id)).toEqual(await fromScratch(id));
  });

  it("a first write to a bulk-loaded record never read since digests every month, not only its own", async () => {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: 400, identifierPrefix: "CHARTWRITE", today: clinicToday() });
    await loadPatients(db(), [generated]);
    const { id } = await db().prisma.patient.findUniqueOrThrow({ where: { identifier: generated.patient.identifier } });
    value(await recordEvent(ctx(), id, { kind: "lab_result", occurredAt: clinicToday(), payload: { analyte: "ck", value: 900, unit: "U/L", referenceRange: { low: 25, high: 200 } } }, { confirm: ["duplicate"] }));
    const scratch = await fromScratch(id);
    expect(scratch.digests.length).toBeGreaterThan(6);
    expect(await stored(id)).toEqual(scratch);
  });
});
