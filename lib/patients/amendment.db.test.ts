import { expect, it } from "vitest";
import { testActor } from "@/lib/patients/testing";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { amendEvent, createPatient, getEventHistory, recordEvent } from "./index";
import type { ServiceContext } from "./context";
import { value } from "./testing";

describeEachDatabase("the reason for an amendment", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("is kept with the new version and shown in the history", async () => {
    const patient = value(await createPatient(ctx(), { identifier: `AM-${Date.now()}`, familyName: "Amend", givenName: "Pat", sex: "female" }));
    const first = value(await recordEvent(ctx(), patient.id, exampleEvents.lab_result));
    const corrected = { ...exampleEvents.lab_result, payload: { ...exampleEvents.lab_result.payload, value: 659 } };
    value(await amendEvent(ctx(), first.id, { expectedVersion: 1, event: corrected, reason: "Transcription error: 659, not 695" }));
    value(await amendEvent(ctx(), first.id, { expectedVersion: 2, event: corrected }));
    const history = value(await getEventHistory(ctx(), first.id));
    expect(history.map((v) => [v.version, v.status, v.statusReason])).toEqual([
      [1, "final", undefined],
      [2, "amended", "Transcription error: 659, not 695"],
      [3, "amended", undefined],
    ]);
  });

  it("must say something when given", async () => {
    const patient = value(await createPatient(ctx(), { identifier: `AM2-${Date.now()}`, familyName: "Amend", givenName: "Pat", sex: "female" }));
    const first = value(await recordEvent(ctx(), patient.id, exampleEvents.note));
    expect(await amendEvent(ctx(), first.id, { expectedVersion: 1, event: exampleEvents.note, reason: " " })).toMatchObject({
      ok: false,
      error: { kind: "invalid", fieldErrors: { reason: ["Give the reason (at least 3 characters)"] } },
    });
  });
});
