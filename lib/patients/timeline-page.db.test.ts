import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { describeEachDatabase } from "@/lib/db/testing";
import { addDays, exampleEvents, type EventInput } from "@/lib/events";
import { createPatient, getTimelinePage, markEnteredInError, recordEvents } from "./index";
import type { ServiceContext } from "./context";
import { value } from "./testing";

let counter = 0;
async function newPatient(ctx: ServiceContext) {
  counter += 1;
  return value(await createPatient(ctx, { identifier: `TP-${Date.now()}-${counter}`, familyName: "Page", givenName: "Pat", sex: "male" }));
}

describeEachDatabase("a page of the timeline", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  /** 12 notes on consecutive days from 1 Jan 2020 and a CK every 4th day, recorded out of order. */
  async function patientWithHistory() {
    const patient = await newPatient(ctx());
    const events: EventInput[] = [];
    for (let day = 11; day >= 0; day -= 1) {
      events.push({ kind: "note", occurredAt: addDays("2020-01-01", day), payload: { text: `day ${day}` } });
      if (day % 4 === 0) events.push({ ...exampleEvents.lab_result, occurredAt: addDays("2020-01-01", day) });
    }
    const recorded = value(await recordEvents(ctx(), patient.id, events));
    return { patient, recorded };
  }

  it("lists the most recent events first, a page at a time, with the total", async () => {
    const { patient } = await patientWithHistory();
    const first = value(await getTimelinePage(ctx(), patient.id, { limit: 5 }));
    expect(first).toMatchObject({ total: 15, limit: 5, offset: 0 });
    expect(first.events.map((e) => e.occurredAt)).toEqual(["2020-01-12", "2020-01-11", "2020-01-10", "2020-01-09", "2020-01-09"]);
    const last = value(await getTimelinePage(ctx(), patient.id, { limit: 5, offset: 10 }));
    expect(last.events.map((e) => e.occurredAt)).toEqual(["2020-01-04", "2020-01-03", "2020-01-02", "2020-01-01", "2020-01-01"]);
    const beyond = value(await getTimelinePage(ctx(), patient.id, { limit: 5, offset: 15 }));
    expect(beyond).toMatchObject({ events: [], total: 15 });
  });

  it("pages through every event exactly once, same-day events included", async () => {
    const { patient, recorded } = await patientWithHistory();
    const seen: string[] = [];
    for (let offset = 0; offset < 15; offset += 4) seen.push(...value(await getTimelinePage(ctx(), patient.id, { limit: 4, offset })).events.map((e) => e.id));
    expect(seen.sort()).toEqual(recorded.map((e) => e.id).sort());
  });

  it("filters by kind and date window, counting only what matches", async () => {
    const { patient } = await patientWithHistory();
    const labs = value(await getTimelinePage(ctx(), patient.id, { kinds: ["lab_result"], from: "2020-01-02", to: "2020-01-09" }));
    expect(labs.total).toBe(2);
    expect(labs.events.map((e) => [e.kind, e.occurredAt])).toEqual([
      ["lab_result", "2020-01-09"],
      ["lab_result", "2020-01-05"],
    ]);
  });

  it("leaves out events entered in error, and returns events as the timeline does", async () => {
    const { patient, recorded } = await patientWithHistory();
    const wrong = recorded[0];
    value(await markEnteredInError(ctx(), wrong.id, { expectedVersion: 1, reason: "Wrong patient" }));
    const page = value(await getTimelinePage(ctx(), patient.id, { limit: 100 }));
    expect(page.total).toBe(14);
    expect(page.events.map((e) => e.id)).not.toContain(wrong.id);
    const [latest] = page.events;
    expect(latest).toEqual(recorded.find((e) => e.id === latest.id));
    expect(latest).not.toHaveProperty("statusReason");
    expect(latest).not.toHaveProperty("endedAt");
  });

  it("refuses a page size out of bounds and an unknown patient", async () => {
    const patient = await newPatient(ctx());
    expect(await getTimelinePage(ctx(), patient.id, { limit: 0 })).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { limit: ["Show at least 1 event"] } } });
    expect(await getTimelinePage(ctx(), patient.id, { limit: 501 })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await getTimelinePage(ctx(), crypto.randomUUID())).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });
});
