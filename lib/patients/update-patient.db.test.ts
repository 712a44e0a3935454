import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing";
import { createPatient, getPatient, updatePatient } from "./index";
import type { ServiceContext } from "./context";
import { testActor, value } from "./testing";

describeEachDatabase("editing a patient's demographics", (db) => {
  const ctx = (): ServiceContext => ({ db: db(), actor: testActor });

  it("corrects a name and a birth date, and getPatient shows who changed what, before → after", async () => {
    const id = `UP-${Date.now()}`;
    const patient = value(await createPatient(ctx(), { identifier: id, familyName: "Smyth", givenName: "Ann", sex: "female", birthDate: "1970-01-02" }));
    const updated = value(await updatePatient(ctx(), patient.id, { identifier: id, familyName: "Smith", givenName: "Ann", sex: "female", birthDate: "1970-02-01" }));
    expect(updated).toMatchObject({ familyName: "Smith", birthDate: "1970-02-01" });
    const read = value(await getPatient(ctx(), patient.id));
    expect(read.changes).toEqual([{ at: expect.any(String), by: testActor.name, detail: "family name: Smyth → Smith; birth date: 1970-01-02 → 1970-02-01" }]);
    // Saving unchanged adds no visible change.
    value(await updatePatient(ctx(), patient.id, { identifier: id, familyName: "Smith", givenName: "Ann", sex: "female", birthDate: "1970-02-01" }));
    expect(value(await getPatient(ctx(), patient.id)).changes).toHaveLength(1);
  });

  it("refuses another patient's identifier with the API's words, and an invalid field by name, changing nothing", async () => {
    const a = value(await createPatient(ctx(), { identifier: `UPA-${Date.now()}`, familyName: "A", givenName: "A", sex: "male" }));
    const b = value(await createPatient(ctx(), { identifier: `UPB-${Date.now()}`, familyName: "B", givenName: "B", sex: "male" }));
    const taken = await updatePatient(ctx(), b.id, { identifier: a.identifier, familyName: "B", givenName: "B", sex: "male" });
    expect(taken).toEqual({ ok: false, error: { kind: "conflict", message: `A patient with identifier ${a.identifier} already exists.`, currentVersion: undefined } });
    const created = await createPatient(ctx(), { identifier: a.identifier, familyName: "C", givenName: "C", sex: "male" });
    expect(created.ok || created.error.message).toMatch(`A patient with identifier ${a.identifier} already exists`);
    expect(await updatePatient(ctx(), b.id, { identifier: b.identifier, familyName: "", givenName: "B", sex: "male" })).toMatchObject({ ok: false, error: { fieldErrors: { familyName: ["Enter the family name"] } } });
    expect(value(await getPatient(ctx(), b.id))).toMatchObject({ identifier: b.identifier, familyName: "B", changes: [] });
  });
});
