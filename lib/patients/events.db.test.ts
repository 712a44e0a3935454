import { withoutServerFields } from "@/lib/recist";
import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { describeEachDatabase } from "@/lib/db/testing";
import { eventKinds, exampleEvents } from "@/lib/events";
import { amendEvent, createPatient, getEventHistory, getTimeline, markEnteredInError, recordEvent } from "./index";
import type { ServiceContext } from "./context";
import { value, eventCount } from "./testing";

let counter = 0;
async function newPatient(ctx: ServiceContext) {
  counter += 1;
  return value(await createPatient(ctx, { identifier: `T-${Date.now()}-${counter}`, familyName: "Test", givenName: "Pat", sex: "female", birthDate: "1977-04-02" }));
}

describeEachDatabase("timeline events", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it.each(eventKinds)("a %s event round-trips exactly as entered", async (kind) => {
    const patient = await newPatient(ctx());
    const input = exampleEvents[kind];
    const stored = value(await recordEvent(ctx(), patient.id, input));
    const [read] = value(await getTimeline(ctx(), patient.id));
    expect(read).toEqual(stored);
    // Imaging also carries what the server computed (RECIST fields); what the writer sent is kept as sent.
    const sent = read.kind === "imaging" ? withoutServerFields(read.payload) : read.payload;
    expect({ kind: read.kind, occurredAt: read.occurredAt, endedAt: read.endedAt, payload: sent }).toEqual({
      kind: input.kind,
      occurredAt: input.occurredAt,
      endedAt: "endedAt" in input ? input.endedAt : undefined,
      payload: input.payload.constructor === Object && kind === "skin_assessment" ? { signs: [], ...input.payload } : input.payload,
    });
    expect(read.recordedBy).toBe(testActor.name);
    expect(read.datePrecision).toBe(input.occurredAt.length > 10 ? "time" : "day");
  });

  it("keeps a day-precision date the same day whatever the server's time zone", async () => {
    const patient = await newPatient(ctx());
    value(await recordEvent(ctx(), patient.id, { ...exampleEvents.diagnosis, occurredAt: "2020-12-31" }));
    const [read] = value(await getTimeline(ctx(), patient.id));
    expect(read.occurredAt).toBe("2020-12-31");
  });

  it("rejects an invalid payload with field messages and writes nothing", async () => {
    const patient = await newPatient(ctx());
    const before = await eventCount(ctx());
    const result = await recordEvent(ctx(), patient.id, {
      kind: "lab_result",
      occurredAt: "2020-08-03",
      payload: { analyte: "ck", value: -5, unit: "mg/L", referenceRange: { low: 200, high: 25 } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("invalid");
    expect(result.error.kind === "invalid" && result.error.fieldErrors).toMatchObject({
      "payload.value": ["The result cannot be negative"],
      "payload.referenceRange.low": ["The range's low limit must not exceed its high limit"],
    });
    expect(await eventCount(ctx())).toBe(before);
  });

  it("answers not found for an unknown patient and writes nothing", async () => {
    const before = await eventCount(ctx());
    const result = await recordEvent(ctx(), crypto.randomUUID(), exampleEvents.note);
    expect(result).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await eventCount(ctx())).toBe(before);
  });

  it("refuses a second patient with the same identifier", async () => {
    const patient = await newPatient(ctx());
    const again = await createPatient(ctx(), { identifier: patient.identifier, familyName: "Other", givenName: "X", sex: "male" });
    expect(again).toMatchObject({ ok: false, error: { kind: "conflict" } });
  });

  it("amending keeps the earlier version in the history and shows only the new one", async () => {
    const patient = await newPatient(ctx());
    const first = value(await recordEvent(ctx(), patient.id, { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 2, signs: [] } }));
    const amended = value(
      await amendEvent(ctx(), first.id, { expectedVersion: 1, event: { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 3, signs: ["shawl-sign"] } } }),
    );
    expect(amended).toMatchObject({ id: first.id, version: 2, status: "amended", payload: { grade: 3 } });
    const timeline = value(await getTimeline(ctx(), patient.id));
    expect(timeline.map((e) => [e.id, e.version])).toEqual([[first.id, 2]]);
    const history = value(await getEventHistory(ctx(), first.id));
    expect(history.map((e) => [e.version, e.status, (e.payload as { grade: number }).grade])).toEqual([
      [1, "final", 2],
      [2, "amended", 3],
    ]);
  });

  it("an amendment may not change the kind of event", async () => {
    const patient = await newPatient(ctx());
    const first = value(await recordEvent(ctx(), patient.id, exampleEvents.note));
    const result = await amendEvent(ctx(), first.id, { expectedVersion: 1, event: exampleEvents.diagnosis });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(value(await getEventHistory(ctx(), first.id))).toHaveLength(1);
  });

  it("two concurrent amendments of the same version: one wins, the other gets a conflict", async () => {
    const patient = await newPatient(ctx());
    const first = value(await recordEvent(ctx(), patient.id, { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade: 1, signs: [] } }));
    const amend = (grade: number) =>
      amendEvent(ctx(), first.id, { expectedVersion: 1, event: { kind: "skin_assessment", occurredAt: "2020-08-03", payload: { grade, signs: [] } } });
    const results = await Promise.all([amend(2), amend(3)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.kind)).toEqual(["conflict"]);
    const history = value(await getEventHistory(ctx(), first.id));
    expect(history.map((e) => e.version)).toEqual([1, 2]);
  });

  it("an amendment based on an old version is refused with the current version number", async () => {
    const patient = await newPatient(ctx());
    const first = value(await recordEvent(ctx(), patient.id, exampleEvents.note));
    value(await amendEvent(ctx(), first.id, { expectedVersion: 1, event: { kind: "note", occurredAt: "2020-08-06", payload: { text: "v2" } } }));
    const stale = await amendEvent(ctx(), first.id, { expectedVersion: 1, event: { kind: "note", occurredAt: "2020-08-06", payload: { text: "v2 too" } } });
    expect(stale).toMatchObject({ ok: false, error: { kind: "conflict", currentVersion: 2 } });
  });

  it("entered-in-error hides an event from the timeline but keeps it in its history with the reason", async () => {
    const patient = await newPatient(ctx());
    const kept = value(await recordEvent(ctx(), patient.id, exampleEvents.diagnosis));
    const wrong = value(await recordEvent(ctx(), patient.id, exampleEvents.lab_result));
    const marked = value(await markEnteredInError(ctx(), wrong.id, { expectedVersion: 1, reason: "Result belongs to another patient" }));
    expect(marked).toMatchObject({ status: "entered_in_error", statusReason: "Result belongs to another patient", version: 2 });
    expect(value(await getTimeline(ctx(), patient.id)).map((e) => e.id)).toEqual([kept.id]);
    expect(value(await getEventHistory(ctx(), wrong.id)).map((e) => e.status)).toEqual(["final", "entered_in_error"]);
    const again = await markEnteredInError(ctx(), wrong.id, { expectedVersion: 2, reason: "twice" });
    expect(again).toMatchObject({ ok: false, error: { kind: "conflict" } });
  });

  it("entered-in-error needs a reason", async () => {
    const patient = await newPatient(ctx());
    const event = value(await recordEvent(ctx(), patient.id, exampleEvents.note));
    const result = await markEnteredInError(ctx(), event.id, { expectedVersion: 1, reason: "" });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { reason: ["Give the reason (at least 3 characters)"] } } });
  });

  it("lists the timeline in clinical order, filtered by kind and date window", async () => {
    const patient = await newPatient(ctx());
    // Entered out of order, as back-entered history is.
    value(await recordEvent(ctx(), patient.id, { ...exampleEvents.note, occurredAt: "2020-03-01" }));
    value(await recordEvent(ctx(), patient.id, { ...exampleEvents.note, occurredAt: "2020-01-01" }));
    value(await recordEvent(ctx(), patient.id, { ...exampleEvents.diagnosis, occurredAt: "2020-02-01" }));
    value(await recordEvent(ctx(), patient.id, { ...exampleEvents.note, occurredAt: "2020-02-01T09:00" }));
    const all = value(await getTimeline(ctx(), patient.id));
    expect(all.map((e) => e.occurredAt)).toEqual(["2020-01-01", "2020-02-01", "2020-02-01T09:00", "2020-03-01"]);
    const notes = value(await getTimeline(ctx(), patient.id, { kinds: ["note"], from: "2020-01-15", to: "2020-02-01" }));
    expect(notes.map((e) => e.occurredAt)).toEqual(["2020-02-01T09:00"]);
  });
});
