import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, type EventInput, type TimelineEvent } from "@/lib/events";
import * as build from "@/lib/events/testing";
import type { ServiceContext } from "./context";
import { fullEvaluationDrift } from "./alert-evaluation";
import { createPatient, recordEvent, recordEvents } from "./index";
import { applyWriteStep, testActor, value, writeSteps, type WriteStep } from "./testing";

/**
 * Incremental = full: each write re-evaluates only the alerts its dates can affect (the window from the
 * last answering scan before it). After every step of random write sequences — back-dated entries,
 * amendments that move dates, entries in error, batches, acknowledgements and dismissals — a full
 * evaluation of the whole record must find nothing to change.
 */
const start = "2024-01-01";
const on = (day: number) => addDays(start, day);

const aDay = fc.integer({ min: 0, max: 300 });

const anInput: fc.Arbitrary<EventInput> = fc.oneof(
  fc.record({ day: aDay, grade: fc.integer({ min: 0, max: 4 }), sign: fc.boolean() }).map(({ day, grade, sign }) => build.skin({ occurredAt: on(day), grade, signs: sign ? ["shawl-sign"] : [] })),
  fc.record({ day: aDay, value: fc.oneof(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 20, max: 1200 })) }).map(({ day, value }) => build.lab({ occurredAt: on(day), value })),
  fc.record({ day: aDay, mrc: fc.integer({ min: 2, max: 5 }), dysphagia: fc.boolean() }).map(({ day, mrc, dysphagia }) => build.muscle({ occurredAt: on(day), proximalWeaknessMrc: mrc, dysphagia })),
  fc
    .record({ day: aDay, response: fc.constantFrom("SD", "PD", "PR", "NE"), modality: fc.constantFrom("CT", "CT", "X-ray") })
    .map(({ day, response, modality }) => build.imaging({ occurredAt: on(day), modality, response })),
  fc.record({ day: aDay, regimen: fc.constantFrom("doxorubicin", "pembrolizumab") }).map(({ day, regimen }) => build.cycle({ occurredAt: on(day), regimen })),
  fc.record({ day: aDay, dose: fc.integer({ min: 5, max: 40 }) }).map(({ day, dose }) => build.medication({ occurredAt: on(day), dose: { value: dose, unit: "mg/day" } })),
  aDay.map((day) => build.diagnosis({ occurredAt: on(day), role: "dermatomyositis", name: "Dermatomyositis" })),
);

type Step = WriteStep;

const aStep = writeSteps(anInput, { weights: { record: 6, batch: 1, amend: 2, error: 1, dismiss: 1, acknowledge: 1 }, batchMax: 4, maxShift: 120 });

let n = 0;

describeEachDatabase("alert re-evaluation per write equals a full evaluation", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("after every step of random write sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aStep, { minLength: 4, maxLength: 16 }), fc.boolean(), async (steps, withDm) => {
        n += 1;
        const patient = value(await createPatient(ctx(), { identifier: `INCR-${n}-${Date.now()}`, familyName: "Incremental", givenName: "Test", sex: "female", birthDate: "1970-01-01" }));
        value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: on(0), payload: { role: "cancer", name: "Leiomyosarcoma" } }));
        if (withDm) value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: on(0), payload: { role: "dermatomyositis", name: "Dermatomyositis" } }));
        const events: TimelineEvent[] = [];
        for (const step of steps) {
          await applyWriteStep(ctx(), patient.id, events, step);
          const drift = await db().prisma.$transaction((tx) => fullEvaluationDrift(tx, patient.id));
          expect({ step, drift }).toEqual({ step, drift: { insert: [], update: [] } });
        }
      }),
      { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 30) },
    );
  }, 240_000);

  // The parts of the window that random sequences reach only now and then, each written out.
  it.each<[string, EventInput[], (events: TimelineEvent[]) => Step[]]>([
    [
      "a CK before the scan is the reference for a CK after it",
      [ck(10, 100), ct(20)],
      () => [{ op: "record", input: ck(60, 300) }],
    ],
    [
      "a steroid dose before the look-back is the dose a later reduction is compared with",
      [medication(0, 60), medication(10, 40), ct(200), skin(190, 0)],
      () => [{ op: "record", input: medication(230, 10) }, { op: "record", input: skin(250, 3) }],
    ],
    ["moving the anchor scan later re-anchors the findings", [ct(20), skin(10, 0), skin(80, 3)], (events) => [{ op: "amend", pick: events.findIndex((e) => e.kind === "imaging"), shift: 70 }]],
    ["the anchor scan entered in error", [ct(5), ct(40), skin(30, 0), skin(90, 3)], (events) => [{ op: "error", pick: events.findIndex((e) => e.occurredAt === on(40)) }]],
    ["a back-dated flare before the last scan", [ct(20), ct(100), skin(110, 0)], () => [{ op: "record", input: skin(60, 3) }]],
    [
      // Found by the random sequences: the withdrawn alert keeps the scan's old date; the write after the move must not raise it twice.
      "an alert withdrawn before its anchor scan was moved later, then raised again by a write after it",
      [ct(0), ct(0), muscle(28, 2)],
      (events) => [
        { op: "error", pick: events.findIndex((e) => e.kind === "muscle_assessment") },
        { op: "amend", pick: 0, shift: 1 },
        { op: "amend", pick: 1, shift: 1 },
        { op: "record", input: muscle(29, 2) },
        { op: "record", input: ck(2, 20) },
      ],
    ],
    [
      "a CK amended into a CRP result (a lab the rules do not read) withdraws what the CK raised",
      [ct(0), skin(-5, 0), ck(-5, 100), ck(40, 900)],
      (events) => [{ op: "amend-analyte", pick: events.findIndex((e) => e.occurredAt === on(40)) }],
    ],
    [
      "a DM-specific sign after a scan establishes DM for a finding before it",
      [ct(0), skin(0, 2)],
      () => [{ op: "record", input: { kind: "skin_assessment", occurredAt: on(1), payload: { grade: 0, signs: ["shawl-sign"] } } }],
    ],
  ])("%s", async (name, setup, steps) => {
    n += 1;
    const patient = value(await createPatient(ctx(), { identifier: `INCR-${n}-${Date.now()}`, familyName: "Incremental", givenName: "Case", sex: "female", birthDate: "1970-01-01" }));
    value(await recordEvent(ctx(), patient.id, dx("cancer")));
    if (!name.startsWith("a DM-specific sign")) value(await recordEvent(ctx(), patient.id, dx("dermatomyositis")));
    const events = value(await recordEvents(ctx(), patient.id, setup));
    for (const step of steps(events)) {
      await applyWriteStep(ctx(), patient.id, events, step);
      expect(await db().prisma.$transaction((tx) => fullEvaluationDrift(tx, patient.id))).toEqual({ insert: [], update: [] });
    }
    // Each case raised an alert at some point (withdrawn ones included), so the comparison was not vacuous.
    expect(await db().prisma.alert.count({ where: { patientId: patient.id } })).toBeGreaterThan(0);
  });
});

const ck = (day: number, value: number): EventInput => ({ kind: "lab_result", occurredAt: on(day), payload: { analyte: "ck", value, unit: "U/L", referenceRange: { low: 25, high: 200 } } });
const muscle = (day: number, mrc: number): EventInput => ({ kind: "muscle_assessment", occurredAt: on(day), payload: { proximalWeaknessMrc: mrc, dysphagia: false } });
const ct = (day: number): EventInput => ({ kind: "imaging", occurredAt: on(day), payload: { modality: "CT", response: "SD" } });
const skin = (day: number, grade: number): EventInput => ({ kind: "skin_assessment", occurredAt: on(day), payload: { grade, signs: [] } });
const medication = (day: number, dose: number): EventInput => ({
  kind: "medication",
  occurredAt: on(day),
  payload: { drug: "prednisolone", role: "immunosuppression", route: "oral", dose: { value: dose, unit: "mg/day" } },
});
const dx = (role: "cancer" | "dermatomyositis"): EventInput => ({ kind: "diagnosis", occurredAt: on(0), payload: { role, name: role } });
