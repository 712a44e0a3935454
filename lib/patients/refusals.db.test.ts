import { expect, it } from "vitest";
import { createTeam } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth";
import { describeEachDatabase } from "@/lib/db/testing";
import { exampleEvents } from "@/lib/events";
import { amendEvent, createPatient, listPatients, markEnteredInError, recordEvent, recordEvents } from "./index";
import { testActor, value } from "./testing";

/**
 * Input a database cannot store as text (NUL, half a UTF-16 pair) is refused with the field, and the
 * refusal is recorded; a duplicate identifier of a patient outside the actor's teams is recorded as denied.
 */
describeEachDatabase("refused input and identifiers outside the teams", (db) => {
  const nurse = (teams: string[]): Actor => ({ id: "nurse-1", name: "Nurse One", role: "nurse", teams });
  const lastAudit = async () => db().prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });

  it("creating a patient with another team's identifier answers 409 and is audited as denied against that patient", async () => {
    const a = value(await createTeam({ db: db(), actor: testActor }, { name: "Team A" })).id;
    const b = value(await createTeam({ db: db(), actor: testActor }, { name: "Team B" })).id;
    const theirs = value(await createPatient({ db: db(), actor: nurse([a]) }, { identifier: "DUP-1", familyName: "A", givenName: "Pat", sex: "female" }));
    const refused = await createPatient({ db: db(), actor: nurse([b]) }, { identifier: "DUP-1", familyName: "B", givenName: "Pat", sex: "male" });
    expect(refused).toMatchObject({ ok: false, error: { kind: "conflict" } });
    expect(await lastAudit()).toMatchObject({ action: "patient.create", outcome: "denied", patientId: theirs.id });
    // A duplicate within one's own teams is an ordinary conflict.
    await createPatient({ db: db(), actor: nurse([a]) }, { identifier: "DUP-1", familyName: "A", givenName: "Pat", sex: "female" });
    expect(await lastAudit()).toMatchObject({ action: "patient.create", outcome: "conflict" });
  });

  it("refuses NUL and unpaired surrogates in every write with the field, writes nothing, and audits the refusal", async () => {
    const ctx = { db: db(), actor: testActor };
    const patient = value(await createPatient(ctx, { identifier: "TEXT-1", familyName: "Text", givenName: "Odd", sex: "other" }));
    const event = value(await recordEvent(ctx, patient.id, exampleEvents.note));
    const before = await db().prisma.event.count();
    const note = (text: string) => ({ ...exampleEvents.note, payload: { ...exampleEvents.note.payload, text } });
    const cases = [
      ["patient", () => createPatient(ctx, { identifier: "TEXT-2", familyName: "Nul\u0000", givenName: "X", sex: "other" }), "familyName"],
      ["event", () => recordEvent(ctx, patient.id, note("half \uD800 pair")), "payload.text"],
      ["events", () => recordEvents(ctx, patient.id, [exampleEvents.note, note("\u0000")]), "[1].payload.text"],
      ["amend", () => amendEvent(ctx, event.id, { expectedVersion: 1, event: note("\uDC00") }), "event.payload.text"],
      ["entered in error", () => markEnteredInError(ctx, event.id, { expectedVersion: 1, reason: "wrong\u0000patient" }), "reason"],
    ] as const;
    for (const [what, write, field] of cases) {
      const result = await write();
      expect(result, what).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { [field]: [expect.any(String)] } } });
      expect((await lastAudit()).outcome, what).toBe("invalid");
    }
    expect(await db().prisma.event.count()).toBe(before);
    expect(value(await listPatients(ctx)).map((p) => p.identifier)).not.toContain("TEXT-2");
  });

  it("a search for NUL is refused and the refusal is in the trail", async () => {
    const ctx = { db: db(), actor: testActor };
    expect(await listPatients(ctx, { search: "ab\u0000" })).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { q: [expect.stringContaining("NUL")] } } });
    expect(await lastAudit()).toMatchObject({ action: "patient.search", outcome: "invalid", detail: "search: ab\uFFFD" });
    expect(await listPatients(ctx, { search: "\uD800" })).toMatchObject({ ok: false });
  });
});
