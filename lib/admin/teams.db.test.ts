import { expect, it } from "vitest";
import type { Actor } from "@/lib/auth";
import { describeEachDatabase } from "@/lib/db/testing";
import type { Database } from "@/lib/db";
import { createPatient, type ServiceContext } from "@/lib/patients";
import { testActor, value } from "@/lib/patients/testing";
import { createTeam, listTeams, setPatientTeam, teamNames } from "./teams";
import { createUser } from "./users";

const admin: Actor = { id: "admin-1", name: "Ada Admin", role: "admin", teams: [] };
const oncologist: Actor = { id: "onc-1", name: "Dr Oscar Onc", role: "oncologist", teams: [] };

let n = 0;
function unique(label: string): string {
  n += 1;
  return `${label} ${n}${Date.now().toString(36)}`;
}

async function lastRow(db: Database) {
  return db.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
}

describeEachDatabase("care teams", (db) => {
  const ctx = (actor: Actor = admin): ServiceContext => ({ db: db(), actor });

  async function patientIn(teamIds: string[]) {
    const identifier = unique("MRN").replace(" ", "-");
    const patient = value(await createPatient({ db: db(), actor: testActor }, { identifier, familyName: "Team", givenName: "Tia", sex: "female", teamIds }));
    return { ...patient, identifier };
  }

  it("creates a team and lists it with its members and how many patients it holds", async () => {
    const name = unique("Sarcoma MDT");
    const team = value(await createTeam(ctx(), { name: `  ${name} ` }));
    expect(await lastRow(db())).toMatchObject({ action: "team.create", outcome: "ok", detail: `team "${name}" created` });
    const member = value(await createUser(ctx(), { name: "Nina Nowak", email: `${n}.${Date.now()}@ward.example`, role: "nurse", password: "maple-lantern-cobalt-64", teamIds: [team.id] })).id;
    await patientIn([team.id]);
    await patientIn([team.id]);
    const listed = value(await listTeams(ctx())).find((t) => t.id === team.id);
    expect(listed).toEqual({ id: team.id, name, members: [{ id: member, name: "Nina Nowak", role: "nurse", active: true }], patientCount: 2 });
    expect((await teamNames(ctx())).map((t) => t.name)).toContain(name);
  });

  it("refuses a blank name and a name already taken", async () => {
    expect(await createTeam(ctx(), { name: " " })).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { name: ["Enter the team's name"] } } });
    const name = unique("Thoracic MDT");
    value(await createTeam(ctx(), { name }));
    expect(await createTeam(ctx(), { name })).toEqual({ ok: false, error: { kind: "conflict", message: `There is already a team called ${name}.` } });
    expect(await db().prisma.careTeam.count({ where: { name } })).toBe(1);
  });

  it("adds a patient to a team and takes them out, but never out of their last team", async () => {
    const first = value(await createTeam(ctx(), { name: unique("First") }));
    const second = value(await createTeam(ctx(), { name: unique("Second") }));
    const patient = await patientIn([first.id]);
    const teamsOf = async () => (await db().prisma.patientTeam.findMany({ where: { patientId: patient.id } })).map((t) => t.teamId).sort();

    value(await setPatientTeam(ctx(), { identifier: ` ${patient.identifier} `, teamId: second.id, member: true }));
    expect(await teamsOf()).toEqual([first.id, second.id].sort());
    const secondName = (await db().prisma.careTeam.findUniqueOrThrow({ where: { id: second.id } })).name;
    const firstName = (await db().prisma.careTeam.findUniqueOrThrow({ where: { id: first.id } })).name;
    expect(await lastRow(db())).toMatchObject({ action: "team.add-patient", outcome: "ok", patientId: patient.id, detail: `${patient.identifier} added to ${secondName}` });

    value(await setPatientTeam(ctx(), { identifier: patient.identifier, teamId: first.id, member: false }));
    expect(await teamsOf()).toEqual([second.id]);
    expect(await lastRow(db())).toMatchObject({ action: "team.remove-patient", outcome: "ok", patientId: patient.id, detail: `${patient.identifier} removed from ${firstName}` });

    const last = await setPatientTeam(ctx(), { identifier: patient.identifier, teamId: second.id, member: false });
    expect(last).toEqual({
      ok: false,
      error: { kind: "conflict", message: `${patient.identifier} belongs to no other team; add them to another team before taking them out of ${secondName}.` },
    });
    expect(await teamsOf()).toEqual([second.id]);
    expect(await lastRow(db())).toMatchObject({ action: "team.remove-patient", outcome: "conflict", patientId: patient.id });
  });

  it("never leaves a patient without a team, even when two removals run at the same time", async () => {
    const first = value(await createTeam(ctx(), { name: unique("Race A") }));
    const second = value(await createTeam(ctx(), { name: unique("Race B") }));
    const patient = await patientIn([first.id, second.id]);
    const results = await Promise.all([
      setPatientTeam(ctx(), { identifier: patient.identifier, teamId: first.id, member: false }),
      setPatientTeam(ctx(), { identifier: patient.identifier, teamId: second.id, member: false }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().prisma.patientTeam.count({ where: { patientId: patient.id } })).toBe(1);
  });

  it("says when nothing changed: adding a patient already in the team, removing one who is not", async () => {
    const team = value(await createTeam(ctx(), { name: unique("Myositis clinic") }));
    const other = value(await createTeam(ctx(), { name: unique("Other") }));
    const patient = await patientIn([team.id]);
    value(await setPatientTeam(ctx(), { identifier: patient.identifier, teamId: team.id, member: true }));
    expect(await lastRow(db())).toMatchObject({ action: "team.add-patient", detail: expect.stringMatching(/ was already in /) });
    value(await setPatientTeam(ctx(), { identifier: patient.identifier, teamId: other.id, member: false }));
    expect(await lastRow(db())).toMatchObject({ action: "team.remove-patient", detail: expect.stringMatching(/ was not in /) });
  });

  it("names the patient or team it cannot find", async () => {
    const team = value(await createTeam(ctx(), { name: unique("Lookup") }));
    expect(await setPatientTeam(ctx(), { identifier: "NO-SUCH-MRN", teamId: team.id, member: true })).toMatchObject({
      ok: false,
      error: { kind: "invalid", fieldErrors: { identifier: ["No patient with identifier NO-SUCH-MRN"] } },
    });
    expect(await setPatientTeam(ctx(), { identifier: "", teamId: team.id, member: true })).toMatchObject({
      ok: false,
      error: { kind: "invalid", fieldErrors: { identifier: ["No patient with identifier (blank)"] } },
    });
    const patient = await patientIn([team.id]);
    expect(await setPatientTeam(ctx(), { identifier: patient.identifier, teamId: "not-a-team", member: true })).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("lets only an administrator manage teams, and records each refusal as denied", async () => {
    const team = value(await createTeam(ctx(), { name: unique("Guarded") }));
    const patient = await patientIn([team.id]);
    for (const [call, action] of [
      [() => listTeams(ctx(oncologist)), "admin.teams.list"],
      [() => createTeam(ctx(oncologist), { name: unique("Rogue") }), "team.create"],
      [() => setPatientTeam(ctx(oncologist), { identifier: patient.identifier, teamId: team.id, member: false }), "team.remove-patient"],
    ] as const) {
      const result = await call();
      expect(!result.ok && result.error.kind).toBe("forbidden");
      expect(await lastRow(db())).toMatchObject({ actorId: oncologist.id, action, outcome: "denied" });
    }
  });
});
