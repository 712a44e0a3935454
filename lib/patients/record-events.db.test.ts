import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { createPatient, getTimeline, recordEvents } from "./index";
import type { ServiceContext } from "./context";
import { value, eventCount } from "./testing";

let counter = 0;
async function newPatient(ctx: ServiceContext) {
  counter += 1;
  return value(await createPatient(ctx, { identifier: `RE-${Date.now()}-${counter}`, familyName: "Flare", givenName: "Pat", sex: "female" }));
}

const skin = { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 3, cdasiActivity: 28, signs: ["shawl-sign"] } } as const;
const ck = { kind: "lab_result", occurredAt: "2020-08-03", payload: { analyte: "ck", value: 695, unit: "U/L", referenceRange: { low: 25, high: 200 } } } as const;

describeEachDatabase("recording several events at once", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("records a flare's skin assessment and CK together, in the order given", async () => {
    const patient = await newPatient(ctx());
    const recorded = value(await recordEvents(ctx(), patient.id, [skin, ck]));
    expect(recorded.map((e) => [e.kind, e.version, e.status, e.recordedBy])).toEqual([
      ["skin_assessment", 1, "final", testActor.name],
      ["lab_result", 1, "final", testActor.name],
    ]);
    expect(new Set(recorded.map((e) => e.id)).size).toBe(2);
    const timeline = value(await getTimeline(ctx(), patient.id));
    expect(timeline.map((e) => e.id).sort()).toEqual(recorded.map((e) => e.id).sort());
  });

  it("records nothing when one of the events is invalid, and names it by position", async () => {
    const patient = await newPatient(ctx());
    const before = await eventCount(ctx());
    const result = await recordEvents(ctx(), patient.id, [skin, { ...ck, payload: { ...ck.payload, value: -1 } }]);
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { "1.payload.value": ["The result cannot be negative"] } } });
    expect(await eventCount(ctx())).toBe(before);
  });

  it("rolls back the events already written when a later insert fails in the database", async () => {
    const patient = await newPatient(ctx());
    const before = await eventCount(ctx());
    // A trigger that refuses one note makes the third insert fail inside the database. (A NUL in the
    // text used to do this; such text is now refused before it reaches the database.)
    await db().sql.exec(`
      CREATE FUNCTION refuse_marked_note() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.payload->>'text' = 'the database refuses this' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_marked_note BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION refuse_marked_note();`);
    const unstorable = { ...exampleEvents.note, payload: { text: "the database refuses this" } };
    try {
      await expect(recordEvents(ctx(), patient.id, [skin, ck, unstorable])).rejects.toThrow();
    } finally {
      await db().sql.exec(`DROP TRIGGER refuse_marked_note ON "Event"; DROP FUNCTION refuse_marked_note();`);
    }
    expect(await eventCount(ctx())).toBe(before);
    expect(value(await getTimeline(ctx(), patient.id))).toEqual([]);
  });

  it("refuses an empty list and an unknown patient, writing nothing", async () => {
    const before = await eventCount(ctx());
    expect(await recordEvents(ctx(), (await newPatient(ctx())).id, [])).toMatchObject({
      ok: false,
      error: { kind: "invalid", fieldErrors: { "(body)": ["Send at least one event"] } },
    });
    expect(await recordEvents(ctx(), crypto.randomUUID(), [skin])).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await eventCount(ctx())).toBe(before);
  });
});
