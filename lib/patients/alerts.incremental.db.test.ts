import fc from "fast-check";
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, type EventInput, type TimelineEvent } from "@/lib/events";
import type { ServiceContext } from "./context";
import { fullEvaluationDrift } from "./alert-evaluation";
import { acknowledgeAlert, amendEvent, createPatient, dismissAlert, listAlerts, markEnteredInError, recordEvent, recordEvents } from "./index";
import { testActor, value } from "./testing";

/**
 * Incremental = full: each write re-evaluates only the alerts its dates can affect (the window from the
 * last answering scan before it). After every step of random write sequences — back-dated entries,
 * amendments that move dates, entries in error, batches, acknowledgements and dismissals — a full
 * evaluation of the whole record must find nothing to change.
 */
const start = "2024-01-01";
const on = (day: number) => addDays(start, day);

const anInput: fc.Arbitrary<EventInput> = fc.oneof(
  fc.record({ day: fc.integer({ min: 0, max: 300 }), grade: fc.integer({ min: 0, max: 4 }), sign: fc.boolean() }).map(({ day, grade, sign }) => ({
    kind: "skin_assessment" as const,
    occurredAt: on(day),
    payload: { grade, signs: sign ? (["shawl-sign"] as const).slice() : [] },
  })),
  fc.record({ day: fc.integer({ min: 0, max: 300 }), value: fc.oneof(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 20, max: 1200 })) }).map(({ day, value }) => ({
    kind: "lab_result" as const,
    occurredAt: on(day),
    payload: { analyte: "ck" as const, value, unit: "U/L", referenceRange: { low: 25, high: 200 } },
  })),
  fc.record({ day: fc.integer({ min: 0, max: 300 }), mrc: fc.integer({ min: 2, max: 5 }), dysphagia: fc.boolean() }).map(({ day, mrc, dysphagia }) => ({
    kind: "muscle_assessment" as const,
    occurredAt: on(day),
    payload: { proximalWeaknessMrc: mrc, dysphagia },
  })),
  fc.record({ day: fc.integer({ min: 0, max: 300 }), response: fc.constantFrom("SD", "PD", "PR", "NE"), modality: fc.constantFrom("CT", "CT", "X-ray") }).map(({ day, response, modality }) => ({
    kind: "imaging" as const,
    occurredAt: on(day),
    payload: { modality: modality as "CT" | "X-ray", response: response as "SD" | "PD" | "PR" | "NE" },
  })),
  fc.record({ day: fc.integer({ min: 0, max: 300 }), regimen: fc.constantFrom("doxorubicin", "pembrolizumab") }).map(({ day, regimen }) => ({
    kind: "treatment_cycle" as const,
    occurredAt: on(day),
    payload: { regimen, lineOfTherapy: 1, cycleNumber: 1 },
  })),
  fc.record({ day: fc.integer({ min: 0, max: 300 }), dose: fc.integer({ min: 5, max: 40 }) }).map(({ day, dose }) => ({
    kind: "medication" as const,
    occurredAt: on(day),
    payload: { drug: "prednisolone", role: "immunosuppression" as const, route: "oral" as const, dose: { value: dose, unit: "mg/day" as const } },
  })),
  fc.integer({ min: 0, max: 300 }).map((day) => ({ kind: "diagnosis" as const, occurredAt: on(day), payload: { role: "dermatomyositis" as const, name: "Dermatomyositis" } })),
);

type Step =
  | { op: "record"; input: EventInput }
  | { op: "batch"; inputs: EventInput[] }
  | { op: "amend"; pick: number; shift: number }
  | { op: "error"; pick: number }
  | { op: "dismiss"; pick: number }
  | { op: "acknowledge"; pick: number }
  | { op: "amend-analyte"; pick: number };

const aStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: anInput.map((input) => ({ op: "record" as const, input })) },
  { weight: 1, arbitrary: fc.array(anInput, { minLength: 2, maxLength: 4 }).map((inputs) => ({ op: "batch" as const, inputs })) },
  { weight: 2, arbitrary: fc.record({ pick: fc.nat(), shift: fc.integer({ min: -120, max: 120 }) }).map((s) => ({ op: "amend" as const, ...s })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: "error" as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: "dismiss" as const, pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ op: "acknowledge" as const, pick })) },
);

let n = 0;

describeEachDatabase("alert re-evaluation per write equals a full evaluation", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

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
        const amended = value(await amendEvent(ctx(), target.id, { expectedVersion: target.version, event: moved, reason: "date corrected" }));
        events[events.indexOf(target)] = amended;
        return;
      }
      case "amend-analyte": {
        const target = events[step.pick % events.length];
        const crp = { kind: "lab_result", occurredAt: target.occurredAt, payload: { analyte: "crp", value: 12, unit: "mg/L", referenceRange: { high: 5 } } } as EventInput;
        events[events.indexOf(target)] = value(await amendEvent(ctx(), target.id, { expectedVersion: target.version, event: crp, reason: "wrong analyte" }));
        return;
      }
      case "error": {
        if (events.length === 0) return;
        const target = events[step.pick % events.length];
        value(await markEnteredInError(ctx(), target.id, { expectedVersion: target.version, reason: "wrong patient" }));
        events.splice(events.indexOf(target), 1);
        return;
      }
      case "dismiss":
      case "acknowledge": {
        const open = value(await listAlerts(ctx(), { patientId, status: "active" }));
        if (open.length === 0) return;
        const alert = open[step.pick % open.length];
        if (step.op === "dismiss") value(await dismissAlert(ctx(), alert.id, { reason: "explained by taper" }));
        else if (alert.status === "open") value(await acknowledgeAlert(ctx(), alert.id, { note: "CT booked" }));
      }
    }
  }

  it("after every step of random write sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aStep, { minLength: 4, maxLength: 16 }), fc.boolean(), async (steps, withDm) => {
        n += 1;
        const patient = value(await createPatient(ctx(), { identifier: `INCR-${n}-${Date.now()}`, familyName: "Incremental", givenName: "Test", sex: "female", birthDate: "1970-01-01" }));
        value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: on(0), payload: { role: "cancer", name: "Leiomyosarcoma" } }));
        if (withDm) value(await recordEvent(ctx(), patient.id, { kind: "diagnosis", occurredAt: on(0), payload: { role: "dermatomyositis", name: "Dermatomyositis" } }));
        const events: TimelineEvent[] = [];
        for (const step of steps) {
          await apply(patient.id, events, step);
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
      await apply(patient.id, events, step);
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
