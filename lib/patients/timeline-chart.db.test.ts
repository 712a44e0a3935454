import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, type EventInput, type TimelineEvent } from "@/lib/events";
import { digestRecord, keptEvents, overviewModel } from "@/lib/timeline/chart-digest";
import { generateCohort } from "@/prisma/seed/cohort";
import { loadPatients } from "@/prisma/seed/load";
import type { ServiceContext } from "./context";
import { amendEvent, createPatient, getPatientPage, markEnteredInError, recordEvent, recordEvents } from "./index";
import { testActor, value } from "./testing";
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
  { weight: 4, arbitrary: fc.record({ day: aDay, value: fc.integer({ min: 20, max: 600 }) }).map(({ day, value }) => ({
    kind: "lab_result" as const,
    occurredAt: on(day),
    payload: { analyte: "ck" as const, value, unit: "U/L", referenceRange: { low: 25, high: 200 } },
  })) },
  { weight: 1, arbitrary: fc.record({ day: aDay, value: fc.integer({ min: 1, max: 30 }) }).map(({ day, value }) => ({
    kind: "lab_result" as const,
    occurredAt: on(day),
    payload: { analyte: "crp" as const, value, unit: "mg/L", referenceRange: { high: 5 } },
  })) },
  { weight: 2, arbitrary: fc.record({ day: aDay, grade: fc.integer({ min: 0, max: 4 }), cdasi: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }) }).map(({ day, grade, cdasi }) => ({
    kind: "skin_assessment" as const,
    occurredAt: on(day),
    payload: { grade, signs: [], ...(cdasi !== undefined ? { cdasiActivity: cdasi } : {}) },
  })) },
  { weight: 1, arbitrary: fc.record({ day: aDay, mrc: fc.integer({ min: 2, max: 5 }) }).map(({ day, mrc }) => ({
    kind: "muscle_assessment" as const,
    occurredAt: on(day),
    payload: { proximalWeaknessMrc: mrc, dysphagia: false },
  })) },
  { weight: 1, arbitrary: fc.record({ day: aDay, dose: fc.integer({ min: 5, max: 40 }) }).map(({ day, dose }) => ({
    kind: "medication" as const,
    occurredAt: on(day),
    payload: { drug: "prednisolone", role: "immunosuppression" as const, route: "oral" as const, dose: { value: dose, unit: "mg/day" as const } },
  })) },
  { weight: 1, arbitrary: aDay.map((day) => ({ kind: "imaging" as const, occurredAt: on(day), payload: { modality: "CT" as const, response: "SD" as const } })) },
);

type Step = { op: "record"; input: EventInput } | { op: "batch"; inputs: EventInput[] } | { op: "amend"; pick: number; shift: number } | { op: "error"; pick: number };

const aStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: anInput.map((input) => ({ op: "record" as const, input })) },
  { weight: 2, arbitrary: fc.array(anInput, { minLength: 2, maxLength: 12 }).map((inputs) => ({ op: "batch" as const, inputs })) },
  { weight: 2, arbitrary: fc.record({ pick: fc.nat(), shift: fc.integer({ min: -45, max: 45 }) }).map((s) => ({ op: "amend" as const, ...s })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: "error" as const, pick })) },
);

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

  async function stored(patientId: string) {
    const digests = await storedDigests(sql(), patientId);
    const [row] = await sql().query<{ model: string }>(`SELECT model FROM "ChartOverview" WHERE "patientId" = $1::uuid`, [patientId]);
    return { digests, overview: row ? JSON.parse(row.model) : undefined };
  }

  // Random writes repeat a measurement on a day: the clinician's "save anyway", as the form offers.

  const anyway = { confirm: ["duplicate", "implausible"] as const };


  async function apply(patientId: string, events: TimelineEvent[], step: Step) {
    switch (step.op) {
      case "record":
        events.push(value(await recordEvent(ctx(), patientId, step.input, anyway)));
        return;
      case "batch":
        events.push(...value(await recordEvents(ctx(), patientId, step.inputs, anyway)));
        return;
      case "amend": {
        if (events.length === 0) return;
        const target = events[step.pick % events.length];
        const moved = { kind: target.kind, occurredAt: addDays(target.occurredAt, step.shift), payload: target.payload } as EventInput;
        events[events.indexOf(target)] = value(await amendEvent(ctx(), target.id, { expectedVersion: target.version, event: moved, reason: "date corrected" }));
        return;
      }
      case "error": {
        if (events.length === 0) return;
        const target = events[step.pick % events.length];
        value(await markEnteredInError(ctx(), target.id, { expectedVersion: target.version, reason: "wrong patient" }));
        events.splice(events.indexOf(target), 1);
      }
    }
  }

  it("after every step of random write sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aStep, { minLength: 3, maxLength: 12 }), async (steps) => {
        n += 1;
        const patient = value(await createPatient(ctx(), { identifier: `CHART-${n}-${Date.now()}`, familyName: "Chart", givenName: "Test", sex: "female", birthDate: "1970-01-01" }));
        value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: on(0), payload: { role: "cancer", name: "Leiomyosarcoma" } }));
        const events: TimelineEvent[] = [];
        for (const step of steps) {
          await apply(patient.id, events, step);
          expect({ step, ...(await stored(patient.id)) }).toEqual({ step, ...(await fromScratch(patient.id)) });
        }
      }),
      { numRuns: Number(process.env.CHART_RUNS ?? 12) },
    );
  }, 300_000);

  it("is rebuilt on read after rows written outside the services (a bulk load), and the page reads it", async () => {
    const [generated] = generateCohort({ patients: 1, eventsPerPatient: 600, identifierPrefix: "CHARTBULK" });
    await loadPatients(db(), [generated]);
    const { id } = await db().prisma.patient.findUniqueOrThrow({ where: { identifier: generated.patient.identifier } });
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
    await readChart(sql(), id);
    expect(await stored(id)).toEqual(await fromScratch(id));
  });
});
