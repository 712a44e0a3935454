import "server-only";
import { isUuid, patientWrite } from "@/lib/service";
import type { ServiceContext } from "./context";
import { invalid, ok, type Result } from "./result";

/** Which teams to add the patient to and take them out of; ids not in the patient's teams (or already in them) change nothing. */
export interface CareTeamChange {
  add?: readonly string[];
  remove?: readonly string[];
}

export interface CareTeams {
  teams: { id: string; name: string }[];
}

const keepOne = "A patient keeps at least one care team, so that someone can see their record.";
const wouldLeave =
  "The patient would leave your teams and you could no longer see their record. Keep one of your teams, or ask an administrator to move them (Admin › Care teams).";

/**
 * Changes a patient's care teams after creation, from the demographics page. A clinical writer adds
 * or removes only teams they belong to (the rule teamsForNewPatient applies to a new patient: "your own
 * care teams"); a system task ("all") any team. As setPatientTeam (lib/admin/teams.ts), a patient
 * keeps at least one team; and a writer may not take the patient out of the last of their own teams,
 * which would leave them unable to see the record they are editing (an administrator moves patients
 * between teams on Admin › Care teams).
 *
 * The audit row (patient.care-teams) says the change as before → after; the page's change history
 * shows it with the demographics corrections.
 */
export async function changeCareTeams(ctx: ServiceContext, patientId: string, input: CareTeamChange): Promise<Result<CareTeams>> {
  return patientWrite(ctx, "patient.care-teams", patientId, async (tx, note) => {
    // The patient's row is locked before their teams are counted, so two removals at the same time
    // cannot each see the other team as the one that remains: the second waits, then counts again.
    await tx.$queryRawUnsafe(`SELECT id FROM "Patient" WHERE id = $1::uuid FOR UPDATE`, patientId);
    const add = [...new Set((input.add ?? []).map(String))];
    const remove = [...new Set((input.remove ?? []).map(String))].filter((id) => !add.includes(id));
    const named = [...add, ...remove];
    const own = ctx.actor.teams;
    if (own !== "all" && named.some((id) => !own.includes(id))) return invalid({ teamIds: ["You can only add or remove your own care teams"] });
    const known = named.length === 0 ? [] : await tx.careTeam.findMany({ where: { id: { in: named.filter(isUuid) } }, select: { id: true } });
    if (known.length !== named.length) return invalid({ teamIds: ["Choose a care team from the list"] });

    const names = async (ids: string[]) =>
      (await tx.careTeam.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).sort((a, b) => a.name.localeCompare(b.name));
    const before = (await tx.patientTeam.findMany({ where: { patientId }, select: { teamId: true } })).map((t) => t.teamId);
    const after = [...before.filter((id) => !remove.includes(id)), ...add.filter((id) => !before.includes(id))];
    if (after.length === 0) return invalid({ teamIds: [keepOne] }, keepOne);
    if (own !== "all" && before.some((id) => own.includes(id)) && !after.some((id) => own.includes(id))) return invalid({ teamIds: [wouldLeave] }, wouldLeave);

    const added = add.filter((id) => !before.includes(id));
    const removed = remove.filter((id) => before.includes(id));
    if (added.length === 0 && removed.length === 0) {
      note.detail = "no change";
      return ok({ teams: await names(before) });
    }
    if (added.length > 0) await tx.patientTeam.createMany({ data: added.map((teamId) => ({ patientId, teamId })) });
    if (removed.length > 0) await tx.patientTeam.deleteMany({ where: { patientId, teamId: { in: removed } } });
    const list = (teams: { name: string }[]) => teams.map((t) => t.name).join(", ");
    const [was, now] = [await names(before), await names(after)];
    note.detail = `care teams: ${list(was)} → ${list(now)}`.slice(0, 1000);
    return ok({ teams: now });
  });
}
