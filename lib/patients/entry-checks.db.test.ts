import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays } from "@/lib/events";
import { amendEvent, clinicToday, createPatient, getTimeline, recordEvent, recordEvents } from "./index";
import type { ServiceContext } from "./context";
import { eventCount, testActor, value } from "./testing";

let counter = 0;
async function newPatient(ctx: ServiceContext) {
  counter += 1;
  return value(await createPatient(ctx, { identifier: `EC-${Date.now()}-${counter}`, familyName: "Entry", givenName: "Check", sex: "female" }));
}

const skin = (occurredAt: string, grade = 3) => ({ kind: "skin_assessment", occurredAt, payload: { grade, cdasiActivity: 20, signs: [] } }) as const;
const ck = (occurredAt: string, value: number) => ({ kind: "lab_result", occurredAt, payload: { analyte: "ck", value, unit: "U/L", referenceRange: { low: 25, high: 200 } } }) as const;

describeEachDatabase("entry checks on clinician writes", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("refuses an event dated after the clinic's today, naming the date, and writes nothing", async () => {
    const patient = await newPatient(ctx());
    const tomorrow = addDays(clinicToday(), 1);
    const before = await eventCount(ctx());
    const result = await recordEvent(ctx(), patient.id, skin(tomorrow));
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { occurredAt: [expect.stringMatching(/is after today .*record an event once it has happened/)] } } });
    // The flare form's pair, by position; and an amendment moving a date into the future.
    expect(await recordEvents(ctx(), patient.id, [skin(clinicToday()), ck(tomorrow, 800)])).toMatchObject({ ok: false, error: { fieldErrors: { "1.occurredAt": [expect.any(String)] } } });
    expect(await eventCount(ctx())).toBe(before);
    const today = value(await recordEvent(ctx(), patient.id, skin(clinicToday())));
    const moved = await amendEvent(ctx(), today.id, { expectedVersion: 1, event: skin(`${tomorrow}T09:00`), reason: "Date" });
    expect(moved).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { "event.occurredAt": [expect.any(String)] } } });
  });

  it("warns about a second skin assessment the same day, showing the first, and records it once confirmed", async () => {
    const patient = await newPatient(ctx());
    const first = value(await recordEvents(ctx(), patient.id, [skin("2026-03-02"), ck("2026-03-02", 1250)]));
    const again = await recordEvents(ctx(), patient.id, [skin("2026-03-02T16:00", 2), ck("2026-03-02T16:00", 900)]);
    expect(again).toMatchObject({
      ok: false,
      error: {
        kind: "needs_confirmation",
        warnings: [
          { kind: "duplicate", path: "0.occurredAt", existing: { id: first[0].id, label: "Skin assessment of 2 Mar 2026: grade 3, CDASI activity 20" } },
          { kind: "duplicate", path: "1.occurredAt", existing: { id: first[1].id, label: "CK of 2 Mar 2026: 1250 U/L" } },
        ],
      },
    });
    expect(value(await getTimeline(ctx(), patient.id))).toHaveLength(2);
    // Another day, or another analyte the same day, is not a duplicate.
    value(await recordEvent(ctx(), patient.id, skin("2026-03-03")));
    value(await recordEvent(ctx(), patient.id, { ...ck("2026-03-02", 60), payload: { analyte: "alt", value: 60, unit: "U/L" } }));
    const confirmed = value(await recordEvents(ctx(), patient.id, [skin("2026-03-02T16:00", 2), ck("2026-03-02T16:00", 900)], { confirm: ["duplicate"] }));
    expect(confirmed).toHaveLength(2);
    // An amendment of the first one is not a duplicate of itself.
    value(await amendEvent(ctx(), first[0].id, { expectedVersion: 1, event: skin("2026-03-02", 4), reason: "Grade" }));
  });

  it("asks to confirm a CK above 100 000 U/L and a steroid dose 10× the usual, and records them once confirmed", async () => {
    const patient = await newPatient(ctx());
    const huge = await recordEvent(ctx(), patient.id, ck("2026-02-01", 125_000));
    expect(huge).toMatchObject({ ok: false, error: { kind: "needs_confirmation", warnings: [{ kind: "implausible", path: "payload.value", message: expect.stringMatching(/CK 125000 U\/L is above 100,000 U\/L/) }] } });
    const dose = { kind: "medication", occurredAt: "2026-02-01", payload: { drug: "Prednisolone", role: "immunosuppression", route: "oral", dose: { value: 800, unit: "mg/day" } } } as const;
    expect(await recordEvent(ctx(), patient.id, dose)).toMatchObject({ ok: false, error: { warnings: [{ message: expect.stringMatching(/800 mg\/day of prednisolone is 10× the usual maximum of 80 mg a day/) }] } });
    expect(value(await getTimeline(ctx(), patient.id))).toHaveLength(0);
    value(await recordEvent(ctx(), patient.id, { ...dose, payload: { ...dose.payload, dose: { value: 60, unit: "mg/day" } } }));
    value(await recordEvent(ctx(), patient.id, ck("2026-02-01", 125_000), { confirm: ["implausible"] }));
    expect(value(await getTimeline(ctx(), patient.id)).map((e) => e.kind).sort()).toEqual(["lab_result", "medication"]);
  });
});
