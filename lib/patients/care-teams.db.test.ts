import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/lib/auth";
import { createTeam } from "@/lib/admin/teams";
import { describeEachDatabase } from "@/lib/db/testing";
import { changeCareTeams, createPatient, getPatient } from "./index";
import type { ServiceContext } from "./context";
import { testActor, value } from "./testing";

describeEachDatabase("changing a patient's care teams", (db, target) => {
  const system = (): ServiceContext => ({ db: db(), actor: testActor });
  const as = (actor: Actor): ServiceContext => ({ db: db(), actor });
  const team: Record<"sarcoma" | "myositis" | "derm", string> = { sarcoma: "", myositis: "", derm: "" };
  let nurse: Actor;
  let run = 0;

  beforeAll(async () => {
    const stamp = Date.now();
    team.sarcoma = value(await createTeam(system(), { name: `Sarcoma ${target} ${stamp}` })).id;
    team.myositis = value(await createTeam(system(), { name: `Myositis ${target} ${stamp}` })).id;
    team.derm = value(await createTeam(system(), { name: `Dermatology ${target} ${stamp}` })).id;
    // A nurse of the sarcoma and myositis teams, not of dermatology.
    nurse = { id: "care-teams:nurse", name: "Nurse Teams", role: "nurse", teams: [team.sarcoma, team.myositis] };
  });

  const newPatient = async (teamIds: string[]) =>
    value(await createPatient(system(), { identifier: `CT-${target}-${Date.now()}-${run++}`, familyName: "Teams", givenName: "Tess", sex: "female", teamIds }));
  const teamsOf = async (patientId: string) => (value(await getPatient(system(), patientId)).teams ?? []).map((t) => t.id).sort();
  const auditOf = (patientId: string) => db().prisma.auditEntry.findMany({ where: { patientId, action: "patient.care-teams" }, orderBy: { seq: "asc" }, select: { outcome: true, detail: true, actorName: true } });

  it("adds one of the writer's teams and removes another, and the change history shows before → after with who did it", async () => {
    const patient = await newPatient([team.sarcoma]);
    const added = value(await changeCareTeams(as(nurse), patient.id, { add: [team.myositis] }));
    expect(added.teams.map((t) => t.id).sort()).toEqual([team.sarcoma, team.myositis].sort());
    value(await changeCareTeams(as(nurse), patient.id, { remove: [team.sarcoma] }));
    expect(await teamsOf(patient.id)).toEqual([team.myositis]);

    const changes = value(await getPatient(as(nurse), patient.id)).changes ?? [];
    expect(changes.map((c) => c.by)).toEqual(["Nurse Teams", "Nurse Teams"]);
    // Newest first; each row says what the teams were and what they became.
    expect(changes[0].detail).toMatch(/^care teams: Myositis .*, Sarcoma .* → Myositis [^,]*$/);
    expect(changes[1].detail).toMatch(/^care teams: Sarcoma [^,]* → Myositis .*, Sarcoma .*$/);
    expect((await auditOf(patient.id)).map((row) => row.outcome)).toEqual(["ok", "ok"]);
  });

  it("refuses a team the writer is not in, changing nothing, and records the refusal", async () => {
    const patient = await newPatient([team.sarcoma]);
    const refused = await changeCareTeams(as(nurse), patient.id, { add: [team.derm] });
    expect(refused).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { teamIds: ["You can only add or remove your own care teams"] } } });
    expect(await teamsOf(patient.id)).toEqual([team.sarcoma]);
    expect(await auditOf(patient.id)).toEqual([{ outcome: "invalid", detail: null, actorName: "Nurse Teams" }]);
  });

  it("keeps at least one team, and does not let a writer take the patient out of the last of their own teams", async () => {
    const only = await newPatient([team.sarcoma]);
    const last = await changeCareTeams(as(nurse), only.id, { remove: [team.sarcoma] });
    expect(last).toMatchObject({ ok: false, error: { kind: "invalid", fieldErrors: { teamIds: [expect.stringContaining("keeps at least one care team")] } } });
    // A system task may change any team, but not leave the patient in none.
    const none = await changeCareTeams(system(), only.id, { remove: [team.sarcoma] });
    expect(none).toMatchObject({ ok: false, error: { kind: "invalid", message: expect.stringContaining("keeps at least one care team") } });
    expect(await teamsOf(only.id)).toEqual([team.sarcoma]);

    // In a team of the nurse's and in dermatology: taking out the nurse's team would hide the patient from them.
    const shared = await newPatient([team.sarcoma, team.derm]);
    expect(await changeCareTeams(as(nurse), shared.id, { remove: [team.sarcoma] })).toMatchObject({ ok: false, error: { fieldErrors: { teamIds: [expect.stringContaining("would leave your teams")] } } });
    // Swapping one of their teams for the other in one save is fine.
    value(await changeCareTeams(as(nurse), shared.id, { add: [team.myositis], remove: [team.sarcoma] }));
    expect(await teamsOf(shared.id)).toEqual([team.myositis, team.derm].sort());
    // The system moves the patient to dermatology alone.
    value(await changeCareTeams(system(), shared.id, { remove: [team.myositis] }));
    expect(await teamsOf(shared.id)).toEqual([team.derm]);
  });

  it("is not found outside the writer's teams and forbidden to a viewer, as every write", async () => {
    const theirs = await newPatient([team.derm]);
    expect(await changeCareTeams(as(nurse), theirs.id, { add: [team.sarcoma] })).toMatchObject({ ok: false, error: { kind: "not_found" } });
    const ours = await newPatient([team.sarcoma]);
    const viewer: Actor = { ...nurse, id: "care-teams:viewer", name: "Viewer Teams", role: "viewer" };
    expect(await changeCareTeams(as(viewer), ours.id, { add: [team.myositis] })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await teamsOf(ours.id)).toEqual([team.sarcoma]);
    expect((await auditOf(theirs.id)).map((r) => r.outcome)).toEqual(["denied"]);
  });

  it("saved unchanged, writes 'no change' and adds nothing to the history", async () => {
    const patient = await newPatient([team.sarcoma]);
    value(await changeCareTeams(as(nurse), patient.id, { add: [team.sarcoma], remove: [team.myositis] }));
    expect(value(await getPatient(system(), patient.id)).changes).toEqual([]);
    expect(await auditOf(patient.id)).toEqual([{ outcome: "ok", detail: "no change", actorName: "Nurse Teams" }]);
  });
});
